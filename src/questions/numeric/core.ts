/**
 * Numeric: the learner types a number, right when it lies in `[min, max]` (an exact answer has
 * min = max = answer). Numbers are compared as decimal strings, digit by digit: never as
 * floating point, so 0.1 + 0.2 questions and 20-digit answers are exact.
 *
 * The learner may type ASCII digits, Arabic-Indic (U+0660–U+0669) or Extended Arabic-Indic
 * (U+06F0–U+06F9) digits, `.`, the Arabic decimal separator U+066B, and the course language's
 * own separator (`,` in French, Russian and Spanish). The answer kept is the canonical ASCII
 * form (`-12.5`): 4 bits per character, `maxNumberLength` characters, for every learner.
 *
 * Records: `numeric`. SCORM 1.2 has no range, its correct response is a single number (RTE
 * 3.4.4.8.4): the answer. SCORM 2004 (RTE 4.2.9.1) and xAPI (1.0.3, 2.4.4.1) take `min[:]max`.
 */
import type { Answer, QuestionBase, QuestionCore } from '../types.js'

export interface NumericData extends QuestionBase {
  type: 'numeric'
  /** The answer and the accepted range, canonical decimals (`33`, `-0.5`); min = max = answer when exact. */
  answer: string
  min: string
  max: string
  /** The course language's decimal separator, accepted beside `.` and shown in the answer key. */
  decimal: '.' | ','
}

/** Most characters of a typed number, and of its canonical form (the input's `maxlength`). */
export const maxNumberLength = 20

// 0 ends the number; 1–10 are the digits 0–9; 11 is `-`, 12 is `.`.
const alphabet = '\u00000123456789-.'

/**
 * The canonical form of a typed number: ASCII digits, an optional leading `-`, no `+`, no
 * leading zeros but one, no trailing fraction zeros, no `-0`. Undefined when it is not a
 * number, or longer than `maxNumberLength`.
 */
export function canonicalNumber(text: string, decimal: '.' | ','): string | undefined {
  let ascii = ''
  for (const char of text.trim()) {
    const code = char.charCodeAt(0)
    if (code >= 0x660 && code <= 0x669) ascii += String(code - 0x660)
    else if (code >= 0x6f0 && code <= 0x6f9) ascii += String(code - 0x6f0)
    else if (char === '\u066b' || (char === ',' && decimal === ',')) ascii += '.'
    else if (char === '\u2212') ascii += '-'
    else ascii += char
  }
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(ascii)
  if (!match) return undefined
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '')
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  if (whole === '' && (match[3] ?? '') === '') return undefined
  const digits = `${whole || '0'}${fraction ? `.${fraction}` : ''}`
  const result = match[1] === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits
  return result.length <= maxNumberLength ? result : undefined
}

/** Compare two canonical decimals: negative, zero or positive as a < b, a = b, a > b. */
export function compareDecimals(a: string, b: string): number {
  const negative = (x: string) => x.startsWith('-')
  if (negative(a) !== negative(b)) return negative(a) ? -1 : 1
  const magnitude = compareMagnitudes(a.replace(/^-/, ''), b.replace(/^-/, ''))
  // Equal negatives compare 0, never -0 (which Object.is tells apart).
  return negative(a) && magnitude !== 0 ? -magnitude : magnitude
}

function compareMagnitudes(a: string, b: string): number {
  const [aWhole = '', aFraction = ''] = a.split('.')
  const [bWhole = '', bFraction = ''] = b.split('.')
  // Canonical wholes have no leading zeros: the longer is the larger, else digit by digit.
  if (aWhole.length !== bWhole.length) return aWhole.length - bWhole.length
  const width = Math.max(aFraction.length, bFraction.length)
  const x = aWhole + aFraction.padEnd(width, '0')
  const y = bWhole + bFraction.padEnd(width, '0')
  return x < y ? -1 : x > y ? 1 : 0
}

/** A canonical decimal with the course's separator, for the page. */
export const showNumber = (value: string, decimal: '.' | ','): string => (decimal === ',' ? value.replace('.', ',') : value)

const given = (q: NumericData, answer: Answer): string | undefined => canonicalNumber(answer[0] ?? '', q.decimal)

export const numericCore: QuestionCore<NumericData> = {
  type: 'numeric',
  scored: true,
  keyFields: ['answer', 'min', 'max'],
  answered: (q, answer) => given(q, answer) !== undefined,
  isCorrect: (q, answer) => {
    const value = given(q, answer)
    return value !== undefined && compareDecimals(q.min, value) <= 0 && compareDecimals(value, q.max) <= 0
  },
  bits: () => 4 * maxNumberLength,
  encode: (q, answer, out) => {
    const value = given(q, answer) ?? ''
    for (let i = 0; i < maxNumberLength; i++) out.write(i < value.length ? alphabet.indexOf(value.charAt(i)) : 0, 4)
  },
  decode: (_q, input) => {
    let value = ''
    let ended = false
    for (let i = 0; i < maxNumberLength; i++) {
      const code = input.read(4)
      if (code === 0 || code >= alphabet.length) ended = true
      if (!ended) value += alphabet.charAt(code)
    }
    // Damaged data decodes to no answer rather than to a number the learner never typed.
    return canonicalNumber(value, '.') === value && value !== '' ? [value] : []
  },
  shape: () => 'numeric',
  key: (q) => (q.min === q.max ? `${q.answer} exactly` : `${q.answer}, accepted from ${q.min} to ${q.max}`),
  revealing: (q) => [q.answer],
  keyName: 'answer',
  example: (q, right) => {
    if (right) return [q.answer]
    // A number above the range: 0 when it is negative, else the maximum with a leading 1 (36 → 136).
    if (q.max.startsWith('-')) return ['0']
    const above = `1${q.max}`
    return [above.length <= maxNumberLength ? above : '-1' + q.min.replace(/^-/, '').slice(0, maxNumberLength - 2)]
  },
  scorm12: (q, answer) => ({ type: 'numeric', response: given(q, answer) ?? '', patterns: [q.answer] }),
  scorm2004: (q, answer) => ({ type: 'numeric', response: given(q, answer) ?? '', patterns: [`${q.min}[:]${q.max}`] }),
  xapi: (q) => ({ interactionType: 'numeric', correctResponsesPattern: [`${q.min}[:]${q.max}`] }),
  xapiResponse: (q, answer) => given(q, answer) ?? ''
}
