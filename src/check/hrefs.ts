/** Package-relative references: classify launch URLs and file hrefs, resolve them to zip entries. */
import path from 'node:path'

export type Href =
  | { kind: 'remote'; href: string }
  | { kind: 'absolute'; href: string }
  | { kind: 'outside'; href: string; path: string }
  | { kind: 'local'; href: string; path: string; query: boolean; candidates: string[] }

const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/

/** True for `http:`, `https:`, any other URL scheme, and protocol-relative `//host/…`. */
export function isRemote(href: string): boolean {
  const value = href.trim()
  return value.startsWith('//') || value.startsWith('\\\\') || (scheme.test(value) && !isAbsolutePath(value))
}

/** True for `/…`, `\…`, `C:\…`, `C:/…` and `file:` URLs. */
export function isAbsolutePath(href: string): boolean {
  const value = href.trim()
  return (/^[/\\]/.test(value) && !/^(\/\/|\\\\)/.test(value)) || /^[A-Za-z]:[/\\]/.test(value) || /^file:/i.test(value)
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * Resolve an href against the package root and a base (SCORM `xml:base`, see `joinBase`).
 * `candidates` are the entry names it may refer to: percent-decoded first, then as written
 * (packages in the wild list `my file.html` unencoded).
 */
export function resolveHref(href: string, base = ''): Href {
  const value = href.trim()
  if (isAbsolutePath(value)) return { kind: 'absolute', href }
  if (isRemote(value)) return { kind: 'remote', href }
  if (base !== '' && isAbsolutePath(base)) return { kind: 'absolute', href: base + value }
  if (base !== '' && isRemote(base)) return { kind: 'remote', href: base + value }
  const cut = value.search(/[?#]/)
  const pathPart = cut === -1 ? value : value.slice(0, cut)
  const query = cut !== -1 && value[cut] === '?'
  const decoded = path.posix.normalize(decode(base) + decode(pathPart))
  if (decoded === '..' || decoded.startsWith('../')) return { kind: 'outside', href, path: decoded }
  const candidates = [...new Set([decoded, path.posix.normalize(base + pathPart)])]
  return { kind: 'local', href, path: decoded, query, candidates }
}

/**
 * Combine `xml:base` values, outermost first, into one base ending in `/` ('' for none).
 * A remote or absolute base replaces what came before it.
 */
export function joinBase(...bases: Array<string | undefined>): string {
  let result = ''
  for (const raw of bases) {
    const base = raw?.trim() ?? ''
    if (base === '') continue
    result = isRemote(base) || isAbsolutePath(base) ? base : result + base
    if (!result.endsWith('/')) result += '/'
  }
  return result
}
