/**
 * A package's files for `coursepack diff`, from a zip (read with `coursepack check`'s bounded
 * reader: entry count, entry size and total size limits, unsafe entries left out) or from a
 * build in memory. Only the descriptor and the launch page are read; every other file is
 * compared by its size and CRC-32.
 */
import { crc32 } from 'node:zlib'
import { checkEntries } from '../check/entries.js'
import { Findings } from '../check/findings.js'
import { LimitError } from '../check/limits.js'
import { openZip } from '../check/zip-reader.js'
import { UsageError } from '../errors.js'
import type { OutputFile } from '../render/index.js'

export interface PackageFiles {
  /** The regular, safe files: name → `size:crc32`. */
  entries: ReadonlyMap<string, string>
  read(name: string): Promise<Buffer>
  close(): void
}

const reason = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause))

/** A zip's files; a file that is not a readable zip is a usage error naming it. */
export async function zipFiles(file: string, shown: string): Promise<PackageFiles> {
  let zip
  try {
    zip = await openZip(file)
  } catch (cause) {
    throw new UsageError(`Cannot read \`${shown}\` as a zip, expected a package zip or a course folder: ${reason(cause)}`)
  }
  // Unsafe, linked, duplicate and encrypted entries are `check`'s findings; here they are left out.
  const safe = checkEntries(zip.entries, new Findings())
  const entries = new Map<string, string>()
  for (const entry of zip.entries) {
    if (safe.has(entry.name) && !entry.encrypted && !entries.has(entry.name)) entries.set(entry.name, `${entry.size}:${entry.crc32}`)
  }
  const opened = zip
  return {
    entries,
    read: async (name) => {
      try {
        return await opened.read(name)
      } catch (cause) {
        if (cause instanceof LimitError) throw new UsageError(`Cannot read \`${name}\` of \`${shown}\`: ${cause.message}`)
        throw new UsageError(`Cannot read \`${name}\` of \`${shown}\`, expected a readable zip entry: ${reason(cause)}`)
      }
    },
    close: () => opened.close()
  }
}

/** The files of a package laid out in memory (src/package/index.ts `packageCourse`). */
export function memoryFiles(files: readonly OutputFile[]): PackageFiles {
  const data = new Map(files.map((file) => [file.path, typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data]))
  const entries = new Map([...data].map(([name, bytes]) => [name, `${bytes.length}:${crc32(bytes)}`]))
  return {
    entries,
    read: (name) => {
      const bytes = data.get(name)
      return bytes ? Promise.resolve(bytes) : Promise.reject(new Error(`Cannot find \`${name}\` in the package`))
    },
    close: () => undefined
  }
}
