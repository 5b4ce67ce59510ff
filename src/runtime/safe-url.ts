/**
 * URLs that reach the page at run time (launch parameters, LMS.LaunchData) are untrusted:
 * a crafted launch link can name any value. They are used only when they parse as absolute
 * `http:` or `https:` URLs (WHATWG URL: `new URL()` without a base). The parser lowercases
 * the scheme and strips the leading and trailing C0 controls and spaces and the tabs and
 * newlines inside, so ` JaVaScRiPt:…` and `\u0001javascript:` come out as `javascript:` and
 * are refused like `javascript:`, `data:`, `file:` and relative URLs.
 */
import { logProblem } from './log.js'

/** The normalized URL when `value` is an absolute http(s) URL; otherwise undefined, with the reason logged. */
export function httpUrl(value: unknown, what: string): string | undefined {
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return url.href
  logProblem(`${what} refused: ${JSON.stringify(String(value)).slice(0, 120)} is not an absolute http(s) URL`)
  return undefined
}
