/**
 * A package's files in memory, read with the bounded zip reader of `coursepack check`
 * (src/check/zip-reader.ts: entry count, entry size and total size limits), so that a hostile
 * zip costs bounded memory here too. Unsafe names (`../`, absolute, control characters) are
 * left out: `check` reports them, and an LMS would not serve them.
 */
import { openZip } from '../check/zip-reader.js'

// eslint-disable-next-line no-control-regex
const unsafe = (name: string): boolean => name.startsWith('/') || /\\|[\u0000-\u001f\u007f]/.test(name) || name.split('/').some((part) => part === '..' || part === '.')

export async function readPackageFiles(file: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(file)
  try {
    const files = new Map<string, Buffer>()
    for (const entry of zip.entries) {
      if (entry.directory || entry.symlink || entry.encrypted || unsafe(entry.name) || files.has(entry.name)) continue
      files.set(entry.name, await zip.read(entry.name))
    }
    return files
  } finally {
    zip.close()
  }
}
