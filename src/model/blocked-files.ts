/**
 * File types an LMS refuses to unpack because a web server could run them. Docebo does not
 * accept a SCORM package holding any file with one of these extensions: HTACCESS, PHPS, PHP5,
 * PHP4, PH3, PHP, CGI, SH, SHTML, ASP, ASPX, JSP, PY, RB, PL (Docebo help, "Uploading and managing
 * SCORM as training material", help.docebo.com/hc/en-us/articles/360020128479). No course needs
 * one, so every target refuses them: `build` at the reference, `check` for the entry.
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'

/** Docebo's list, lower case, as written there (`ph3` included; `php3` too, which it surely means). */
export const blockedExtensions: readonly string[] = ['htaccess', 'phps', 'php5', 'php4', 'ph3', 'php3', 'php', 'cgi', 'sh', 'shtml', 'asp', 'aspx', 'jsp', 'py', 'rb', 'pl']

const blocked = new Set(blockedExtensions)

/** The blocked extension of a path (`a/b.PHP` → `php`, `.htaccess` → `htaccess`), or undefined. */
export function blockedExtension(file: string): string | undefined {
  const name = file.split(/[/\\]/).pop() ?? ''
  const dot = name.lastIndexOf('.')
  if (dot < 0) return undefined
  const extension = name.slice(dot + 1).toLowerCase()
  return blocked.has(extension) ? extension : undefined
}

/** Why a file is refused, for a diagnostic; undefined when it is not. */
export function blockedReason(file: string): string | undefined {
  const extension = blockedExtension(file)
  return extension === undefined ? undefined : `a \`.${extension}\` file, which LMSs such as Docebo refuse to unpack because a web server could run it`
}

/**
 * Build side: report a referenced asset with a blocked extension as an error at its reference.
 * True when it was refused (the asset is then not added).
 */
export function refuseBlockedAsset(file: VFile, url: string, place: Position | undefined): boolean {
  const reason = blockedReason(decodeURIComponent(url.split(/[?#]/, 1)[0] ?? ''))
  if (!reason) return false
  error(file, `Unexpected reference \`${url}\` to ${reason}, expected no server-side files in a package`, {
    ruleId: 'blocked-extension',
    place,
    note: 'Docebo refuses a package holding any such file; no course needs one. Rename it (`.txt`) or zip it to offer it for download.'
  })
  return true
}
