/** Zip entry names that would escape the folder an LMS unpacks into (zip-slip), symlinks, duplicates. */
import { code, type Findings } from './findings.js'
import type { ZipEntryInfo } from './zip-reader.js'

/** Why an entry name is unsafe, or undefined. */
export function unsafeName(name: string): string | undefined {
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return 'an absolute path'
  if (name.split(/[/\\]/).includes('..')) return 'a `..` segment that leaves the package root'
  if (name.includes('\\')) return 'a backslash; zip paths use `/`'
  if (name.includes('\0')) return 'a NUL character'
  return undefined
}

/** Check every entry; returns the regular files that later checks may rely on. */
export function checkEntries(entries: readonly ZipEntryInfo[], findings: Findings): Set<string> {
  const files = new Set<string>()
  const seen = new Set<string>()
  for (const entry of entries) {
    const problem = unsafeName(entry.name)
    if (problem) {
      findings.error('zip-unsafe-path', `Unexpected entry ${code(entry.name)} with ${problem}, expected a relative path inside the package root`, { file: entry.name })
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
    if (!entry.directory) files.add(entry.name)
  }
  return files
}
