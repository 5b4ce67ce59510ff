/**
 * Numeric in Markdown: `<Question type="numeric" answer={33}>`, exact, or with
 * `tolerance={3}` or a range `min={30} max={36}` (not both). The type has no block: the
 * prompt is everything between the heading and the feedback blockquote.
 */
import type { AttributeValue } from '../../model/content.js'
import { error } from '../../diagnostics.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { canonicalNumber, compareDecimals, maxNumberLength, type NumericData, showNumber } from './core.js'

/** Languages whose decimal separator is a comma, by primary subtag. */
const commaLanguages = new Set(['fr', 'ru', 'es'])

/**
 * The exact decimal an author wrote. MDX gives `{33.5}` as a double; a literal of at most 15
 * significant digits survives the round trip to a double and back to its shortest text, so
 * that text is what the author wrote. Longer ones (and exponents) are refused.
 */
export function authoredDecimal(value: AttributeValue): string | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : ''
  if (!/^-?\d+(\.\d+)?$/.test(text) || text.replace(/^-|\./g, '').replace(/^0+/, '').length > 15) return undefined
  return canonicalNumber(text, '.')
}

const decimalCheck = (nonNegative: boolean) => (value: AttributeValue) => {
  const decimal = authoredDecimal(value)
  return decimal !== undefined && !(nonNegative && decimal.startsWith('-'))
    ? undefined
    : `expected ${nonNegative ? 'a number of 0 or more' : 'a number'} such as \`{3}\` or \`{2.5}\` (at most 15 significant digits and ${maxNumberLength} characters)`
}

/** `a + sign × b` for canonical decimals, exactly (integers over a common power of ten). */
function offset(a: string, b: string, sign: 1 | -1): string {
  const scaleOf = (x: string) => (x.split('.')[1] ?? '').length
  const scale = Math.max(scaleOf(a), scaleOf(b))
  const units = (x: string) => {
    const [whole = '', fraction = ''] = x.replace(/^-/, '').split('.')
    const magnitude = BigInt(whole + fraction.padEnd(scale, '0'))
    return x.startsWith('-') ? -magnitude : magnitude
  }
  const sum = units(a) + BigInt(sign) * units(b)
  const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, '0')
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return (sum < 0n ? '-' : '') + text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')
}

export const numericParser: QuestionParser = {
  name: 'numeric',
  types: ['numeric'],
  attributes: {
    answer: { check: decimalCheck(false) },
    tolerance: { check: decimalCheck(true) },
    min: { check: decimalCheck(false) },
    max: { check: decimalCheck(false) }
  },
  parse({ file, heading, text, id, points, attributes, language, wrapper }): ParsedBody | undefined {
    const place = wrapper?.position ?? heading.position
    const read = (name: string) => (name in attributes ? authoredDecimal(attributes[name] ?? null) : undefined)
    const answer = read('answer')
    const tolerance = read('tolerance')
    const min = read('min')
    const max = read('max')
    // An attribute written with a value it refused was reported by the attribute check: not again here.
    const refused = ['answer', 'tolerance', 'min', 'max'].some((name) => !(name in attributes) && wrapper?.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === name))
    if (refused) return undefined
    if (answer === undefined) {
      error(file, `Cannot find the answer of numeric question \`${text}\`, expected an attribute such as \`answer={33}\` on its \`<Question>\``, { ruleId: 'quiz-numeric-no-answer', place })
      return undefined
    }
    if (tolerance !== undefined && (min !== undefined || max !== undefined)) {
      error(file, `Unexpected \`tolerance\` with \`${min !== undefined ? 'min' : 'max'}\` in numeric question \`${text}\`, expected either \`tolerance={…}\` or \`min={…} max={…}\``, {
        ruleId: 'quiz-numeric-tolerance-and-range',
        place
      })
      return undefined
    }
    let low = answer
    let high = answer
    if (tolerance !== undefined) {
      low = offset(answer, tolerance, -1)
      high = offset(answer, tolerance, 1)
    } else if (min !== undefined || max !== undefined) {
      if (min === undefined || max === undefined) {
        error(file, `Cannot find \`${min === undefined ? 'min' : 'max'}\` in numeric question \`${text}\`, expected both \`min={…}\` and \`max={…}\` for a range`, { ruleId: 'quiz-numeric-range', place })
        return undefined
      }
      if (compareDecimals(min, max) > 0) {
        error(file, `Unexpected range from ${min} to ${max} in numeric question \`${text}\`, expected \`min\` at most \`max\``, { ruleId: 'quiz-numeric-range', place })
        return undefined
      }
      if (compareDecimals(min, answer) > 0 || compareDecimals(answer, max) > 0) {
        error(file, `Unexpected answer ${answer} outside the range from ${min} to ${max} in numeric question \`${text}\`, expected the answer within its range`, { ruleId: 'quiz-numeric-range', place })
        return undefined
      }
      low = min
      high = max
    }
    const decimal = commaLanguages.has(language.toLowerCase().split('-')[0] ?? '') ? ',' : '.'
    const data: NumericData = { id, text, type: 'numeric', points, answer, min: low, max: high, decimal }
    return { data, labels: {} }
  },
  folder: 'numeric',
  view({ question }) {
    const data = question.data as NumericData
    return { maxLength: maxNumberLength, example: showNumber('2.5', data.decimal) }
  }
}
