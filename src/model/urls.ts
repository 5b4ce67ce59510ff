/**
 * URLs by allow-list. Course Markdown is content, never code: a link may go to the web
 * (`http:`, `https:`), open mail or a phone (`mailto:`, `tel:`), another course page or
 * file (a relative path) or an anchor (`#…`); an image or other media may only be a
 * relative file or `https:`. Everything else — `javascript:`, `data:`, `vbscript:`,
 * `file:`, protocol-relative `//host` — is refused, however it is hidden.
 *
 * Browsers parse an `href` by the WHATWG URL Standard (§4.4 "URL parsing"): leading and
 * trailing C0 controls and spaces are stripped, ASCII tabs and newlines are removed
 * anywhere, the scheme is case-insensitive, and `\` counts as `/` in special URLs. A
 * check that looks at the raw text would miss `JaVa\tScRiPt:`; this one normalises the
 * same way first (and drops U+FFFD, which the Markdown parser puts where a control character
 * was), and also decodes HTML character references and percent-escapes, so
 * that a scheme that only appears after decoding is refused as well.
 */

export type UrlKind = 'link' | 'media'

/** Schemes allowed per kind of reference. */
const allowedSchemes: Record<UrlKind, readonly string[]> = {
  link: ['http', 'https', 'mailto', 'tel'],
  media: ['https']
}

/** Why a URL is refused, or undefined when it is allowed. */
export interface UrlProblem {
  /** The scheme as a browser would read it (`javascript`), or a short label (`protocol-relative`). */
  scheme: string
  reason: string
}

const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f-\u009f]/
// eslint-disable-next-line no-control-regex
const strippable = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\ufffd]/g
const named: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', sol: '/', bsol: '\\', period: '.', nbsp: ' ', amp: '&', num: '#', percnt: '%' }

/** Decode HTML character references (`&#58;`, `&#x3a;`, `&colon;`), with or without the `;`. */
function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z]{2,8}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number.parseInt(dec, 10) : hex !== undefined ? Number.parseInt(hex, 16) : undefined
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    return named[(name ?? '').toLowerCase()] ?? whole
  })
}

/** Decode `%xx` escapes byte by byte, leaving malformed ones as they are. */
function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** What a browser would take as the URL's start: decoded (to a fixed point, at most 4 rounds) and with whitespace removed. */
function normalise(url: string): string {
  let current = url
  for (let round = 0; round < 4; round++) {
    const next = decodePercent(decodeReferences(current))
    if (next === current) break
    current = next
  }
  return current.replace(strippable, '')
}

/**
 * Check a URL against the allow-list.
 *
 * @param url
 *   The URL as it stands in the mdast (`node.url`) or in a rendered `href`/`src`.
 * @param kind
 *   `link` for links and link definitions, `media` for images.
 * @returns
 *   Why it is refused, or undefined when it is allowed.
 */
export function urlProblem(url: string, kind: UrlKind): UrlProblem | undefined {
  const allowed = allowedSchemes[kind]
  const expected = kind === 'link' ? '`http:`, `https:`, `mailto:`, `tel:`, a relative path or a `#anchor`' : 'a relative path to a file of the course or an `https:` URL'
  if (controls.test(url) || /^\s|\s$/.test(url) || /\s/.test(url)) {
    const found = normalise(url).match(scheme)?.[1]?.toLowerCase()
    return { scheme: found ?? 'whitespace', reason: `a URL with whitespace or control characters${found ? ` hiding the scheme \`${found}:\`` : ''}, expected ${expected}` }
  }
  const plain = normalise(url)
  if (/^[\\/]{2}/.test(plain)) return { scheme: 'protocol-relative', reason: `a protocol-relative URL (\`//host\`), expected ${expected}` }
  const raw = url.match(scheme)?.[1]?.toLowerCase()
  const decoded = plain.match(scheme)?.[1]?.toLowerCase()
  if (decoded !== undefined && raw === undefined) {
    return { scheme: decoded, reason: `a URL whose escapes decode to the scheme \`${decoded}:\`, expected ${expected}` }
  }
  const found = raw ?? decoded
  if (found !== undefined && (!allowed.includes(found) || raw !== decoded)) {
    return { scheme: found, reason: `the scheme \`${found}:\`, expected ${expected}` }
  }
  return undefined
}

/** Is this URL allowed (the render guard's test)? */
export function isAllowedUrl(url: string, kind: UrlKind): boolean {
  return urlProblem(url, kind) === undefined
}

/** Does a relative path (with its query) carry a `%` that is not a valid escape (`%zz`, a lone `%`, or bytes that are not UTF-8)? */
export function malformedEscape(url: string): string | undefined {
  const path = url.split('#', 1)[0] ?? ''
  const lone = /%(?![0-9a-fA-F]{2})/.exec(path)
  if (lone) return path.slice(lone.index, lone.index + 3)
  try {
    decodeURIComponent(path)
    return undefined
  } catch {
    return /(?:%[0-9a-fA-F]{2})+/.exec(path)?.[0] ?? '%'
  }
}
