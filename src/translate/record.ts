/**
 * The hash record: for each translated file, the source hash each of its units was translated
 * from. It is a sidecar per language, `<course>/translations/<lang>.json`, written by
 * `translate import`, so that translated Markdown stays as translators and authors write it:
 *
 *     { "language": "fr", "files": { "01-basics/01-intro.fr.md": { "lesson.basics.intro.title": "3f2a…", … } } }
 *
 * A translated file with no entry is "unrecorded": its units count as translated, never stale,
 * until an import records them.
 */
import path from 'node:path'
import { readCourseFile, realRoot } from '../load/safe-file.js'

export interface HashRecord {
  language: string
  /** Per translated file (relative to the course folder, with `/`), unit id → source hash. */
  files: Record<string, Record<string, string>>
}

export const recordPath = (root: string, language: string) => path.join(root, 'translations', `${language}.json`)

/** The record of one language; empty when there is none (or it cannot be read as one). */
export function readRecord(root: string, language: string): HashRecord {
  const data = readCourseFile(recordPath(root, language), realRoot(root), 16 * 1024 * 1024, new Map())
  const empty: HashRecord = { language, files: {} }
  if (!Buffer.isBuffer(data)) return empty
  try {
    const parsed = JSON.parse(data.toString('utf8')) as Partial<HashRecord>
    if (!parsed || typeof parsed.files !== 'object' || parsed.files === null) return empty
    const files: HashRecord['files'] = {}
    for (const [file, units] of Object.entries(parsed.files)) {
      if (typeof units !== 'object' || units === null) continue
      files[file] = Object.fromEntries(Object.entries(units).filter(([, hash]) => typeof hash === 'string')) as Record<string, string>
    }
    return { language, files }
  } catch {
    return empty
  }
}

/** The record as written: files and units sorted, so that it diffs well. */
export function serialiseRecord(record: HashRecord): string {
  const files: HashRecord['files'] = {}
  for (const file of Object.keys(record.files).sort()) {
    const units = record.files[file] ?? {}
    files[file] = Object.fromEntries(Object.keys(units).sort().map((id) => [id, units[id] ?? '']))
  }
  return `${JSON.stringify({ language: record.language, files }, null, 2)}\n`
}
