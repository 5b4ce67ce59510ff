/**
 * Deterministic zips: entries sorted by path, one fixed timestamp and fixed
 * permissions, so the same input gives byte-identical archives on any machine.
 * Written to a temporary file and renamed, so a failed run never leaves a partial zip.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import archiver from 'archiver'
import type { OutputFile } from '../render/index.js'

/** Every entry's modification time: the earliest a zip can store (archiver encodes it in UTC). */
export const fixedDate = new Date(Date.UTC(1980, 0, 1, 0, 0, 0))

/** Zip files in memory, sorted by path. */
export async function zip(files: readonly OutputFile[]): Promise<Buffer> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.path === sorted[i - 1]?.path) throw new Error(`Duplicate package entry \`${sorted[i]?.path}\``)
  }
  return new Promise((resolve, reject) => {
    const archive = archiver('zip', { zlib: { level: 9 }, forceLocalTime: false })
    const chunks: Buffer[] = []
    archive.on('data', (chunk: Buffer) => chunks.push(chunk))
    archive.on('warning', reject)
    archive.on('error', reject)
    archive.on('end', () => resolve(Buffer.concat(chunks)))
    for (const file of sorted) {
      const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data
      archive.append(data, { name: file.path, date: fixedDate, mode: 0o644 })
    }
    void archive.finalize()
  })
}

/** Write a file atomically: a temporary sibling, then a rename over the target. */
export async function writeAtomic(target: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true })
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, data)
    await rename(temporary, target)
  } catch (cause) {
    await rm(temporary, { force: true })
    throw cause
  }
}
