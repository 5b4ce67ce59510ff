/**
 * The content hash of a course: a SHA-256 over what the learner is taught and tested on, so
 * that a certificate can name the exact course it was earned in (its verification code,
 * src/shared/verification.ts). Deterministic: the same sources give the same hash from any
 * folder, so reproducible zips stay byte-identical.
 */
import { createHash } from 'node:crypto'
import type { OutputFile } from '../render/index.js'

/**
 * Hash files by path and bytes, in path order (the order they are given in does not count).
 *
 * @param files
 *   The files that make up the content, with package paths.
 */
export function contentHash(files: readonly OutputFile[]): string {
  const hash = createHash('sha256')
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data
    // Each path and length is spelled out, so that no two different sets of files hash alike.
    hash.update(`${file.path}\0${data.length}\0`)
    hash.update(data)
  }
  return hash.digest('hex')
}
