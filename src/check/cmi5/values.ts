/** Value checks for cmi5.xml attributes and text (cmi5 §3.0 IRIs, §13.1 data types, §13.1.4 AU values). */

/** §13.1.4 moveOn value space (case-sensitive). */
export const moveOnValues = ['NotApplicable', 'Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed'] as const
/** §13.1.4 launchMethod value space (case-sensitive). */
export const launchMethodValues = ['AnyWindow', 'OwnWindow'] as const

/**
 * A fully qualified IRI (cmi5 §3.0: "IRI's in this spec MUST be fully qualified and not IRI
 * References"): a scheme (RFC 3987 §2.2 / RFC 3986 §3.1) followed by a non-empty rest, with no
 * character that an IRI cannot contain (spaces, controls, `<>"{}|\^` and the backquote).
 * Pass the trimmed value: §13.1 has the LMS remove leading and trailing whitespace on import.
 */
export function iriProblem(value: string): string | undefined {
  if (value === '') return 'it is empty'
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value)
  if (!scheme) return 'it has no scheme such as `https:` or `urn:`: relative references are not allowed'
  if ((scheme[2] ?? '') === '') return 'nothing follows the scheme'
  const control = [...value].find((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f')
  if (control !== undefined) return 'it contains a control character'
  const bad = /[\s<>"{}|\\^`]/u.exec(value)
  if (bad) return `it contains ${bad[0].trim() === '' ? 'a space' : `\`${bad[0]}\``}`
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return 'it has a `%` that does not start a percent-encoded byte'
  if (/^(?:https?|ftp):/i.test(value) && !/^[A-Za-z]+:\/\/[^/?#]+/.test(value)) return 'it has no host after `//`'
  return undefined
}

/** xs:language (the lexical space the §13.2 XSD gives `lang`): `en`, `en-US`, `zh-Hant-TW`. */
export function isLanguageTag(value: string): boolean {
  return /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/.test(value)
}

/** The value of `list` equal to `value` ignoring case, for "did you mean" hints. */
export function sameIgnoringCase(value: string, list: readonly string[]): string | undefined {
  return list.find((item) => item.toLowerCase() === value.trim().toLowerCase())
}

/** Significant digits after the decimal point of a decimal's text (`0.75` → 2, `0.7500` → 2). */
export function fractionDigits(text: string): number {
  const match = /\.(\d*)$/.exec(text.trim())
  return (match?.[1] ?? '').replace(/0+$/, '').length
}
