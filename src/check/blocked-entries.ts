/** Entries whose file type LMSs refuse to unpack (src/model/blocked-files.ts: Docebo's list). */
import { blockedReason } from '../model/blocked-files.js'
import { code, type Findings } from './findings.js'

/** Report a file entry with a blocked extension; directories are not files. */
export function checkBlockedEntry(name: string, directory: boolean, findings: Findings): void {
  const reason = directory ? undefined : blockedReason(name)
  if (reason) findings.error('blocked-extension', `Unexpected entry ${code(name)}, ${reason}, expected no server-side files in a package`, { file: name })
}
