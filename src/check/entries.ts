/** Zip entry names that would escape the folder an LMS unpacks into (zip-slip), symlinks, duplicates, encryption, hidden and overlapping entries. */
import { checkBlockedEntry } from './blocked-entries.js'
import { code, type Findings } from './findings.js'
import type { PackageZip, ZipEntryInfo } from './zip-reader.js'

/** C0 controls and DEL (U+0000–U+001F, U+007F): no file system or LMS takes them in a path. */
const isControl = (unit: number): boolean => unit < 0x20 || unit === 0x7f

/** The name with control characters (and C1 controls) written as `\u0000`, safe to print. */
export function printable(name: string): string {
  return Array.from(name, (char) => {
    const unit = char.charCodeAt(0)
    return isControl(unit) || (unit >= 0x80 && unit <= 0x9f) ? `\\u${unit.toString(16).padStart(4, '0')}` : char
  }).join('')
}

/** Why an entry name is unsafe, or undefined. */
export function unsafeName(name: string): string | undefined {
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return 'an absolute path'
  if (name.split(/[/\\]/).includes('..')) return 'a `..` segment that leaves the package root'
  if (name.includes('\\')) return 'a backslash; zip paths use `/`'
  if (name.includes('\0')) return 'a NUL character (the name ends there for C code: another file than the one listed)'
  if (Array.from(name).some((char) => isControl(char.charCodeAt(0)))) return 'a control character'
  return undefined
}

/** Check every entry; returns the regular files that later checks may rely on (encrypted ones included: they exist, unreadable). */
export function checkEntries(entries: readonly ZipEntryInfo[], findings: Findings): Set<string> {
  const files = new Set<string>()
  const seen = new Set<string>()
  for (const entry of entries) {
    const problem = unsafeName(entry.name)
    if (problem) {
      const shown = printable(entry.name)
      findings.error('zip-unsafe-path', `Unexpected entry ${code(shown)} with ${problem}, expected a relative path inside the package root`, { file: shown })
      continue
    }
    if (entry.symlink) {
      findings.error('zip-symlink', `Unexpected symbolic link ${code(entry.name)}, expected a regular file: a link can point outside the package`, { file: entry.name })
      continue
    }
    if (seen.has(entry.name)) {
      findings.error('zip-duplicate-entry', `Unexpected second entry ${code(entry.name)}, expected each path once: LMSs keep either copy`, { file: entry.name })
      continue
    }
    seen.add(entry.name)
    if (entry.encrypted) {
      findings.error('zip-encrypted', `Unexpected encrypted entry ${code(entry.name)}, expected no encryption: an LMS cannot unpack it`, { file: entry.name })
    }
    checkBlockedEntry(entry.name, entry.directory, findings)
    if (!entry.directory) files.add(entry.name)
  }
  return files
}

/** Entries hidden from the central directory, and entries that overlap (zip-layout.ts). */
export async function checkLayout(zip: PackageZip, findings: Findings): Promise<void> {
  let layout
  try {
    layout = await zip.layout()
  } catch {
    return // an unreadable zip is reported when its entries are read
  }
  for (const hidden of layout.hidden) {
    const shown = printable(hidden.name)
    findings.error(
      'zip-hidden-entry',
      `Unexpected local file header for ${code(shown)} at byte ${hidden.offset} that the central directory does not list, expected every entry in the central directory: unzip tools that read local headers extract it unchecked`,
      { file: shown }
    )
  }
  for (const { index, other } of layout.overlaps) {
    const name = zip.entries[index]?.name ?? '?'
    findings.error(
      'zip-overlap',
      `Unexpected entry ${code(printable(name))} whose data start inside those of ${code(printable(zip.entries[other]?.name ?? '?'))}, expected entries that do not overlap: this is how non-recursive zip bombs inflate a small file to gigabytes`,
      { file: printable(name) }
    )
  }
}
