/**
 * The course's one passing score, read exactly from the YAML text. YAML reads
 * `33.333333333333333` as the float 33.333333333333336 and `1e-300` as a number that
 * prints in exponent notation; neither can be written the same way in a manifest, on the
 * page and in the runtime data. So `passingScore` must be a plain decimal with at most two
 * decimals (hundredths of a percent, the precision every score is kept in), and the value
 * is taken from its digits, not from the float.
 */
import { isMap, isScalar } from 'yaml'
import { error } from '../diagnostics.js'
import type { ParsedFile } from '../parse/index.js'
import { formatHundredths } from '../shared/scoring.js'
import { keyPosition } from './frontmatter.js'

/** The YAML source of the `passingScore` value, when it is a plain scalar. */
function sourceOf(parsed: ParsedFile): string | undefined {
  const fm = parsed.frontmatter
  const contents = fm?.doc.contents
  if (!fm || !isMap(contents)) return undefined
  for (const pair of contents.items) {
    if (isScalar(pair.key) && pair.key.value === 'passingScore' && isScalar(pair.value) && pair.value.range) {
      return fm.node.value.slice(pair.value.range[0], pair.value.range[1]).trim()
    }
  }
  return undefined
}

/**
 * Check the passing score's notation and return it in hundredths (7000 for `70`).
 *
 * @param percent
 *   The value the schema accepted (a number from 0 to 100), or undefined for the default.
 * @returns
 *   Hundredths of a percent, or undefined after an error.
 */
export function readPassingScore(parsed: ParsedFile, percent: number | undefined): number | undefined {
  if (percent === undefined) return 7000
  const text = sourceOf(parsed) ?? String(percent)
  const plain = /^\+?(\d*)(?:\.(\d*))?$/.exec(text)
  const place = keyPosition(parsed, 'passingScore', 'value')
  if (plain && /\d/.test(text)) {
    const whole = Number(plain[1] || '0')
    const fraction = (plain[2] ?? '').replace(/0+$/, '')
    const hundredths = whole * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'))
    if (fraction.length <= 2) return hundredths
    const rounded = Math.min(10000, hundredths + (Number(fraction[2]) >= 5 ? 1 : 0))
    error(parsed.file, `Unexpected \`${text}\` for \`passingScore\` in \`course.md\`, expected at most two decimals, such as ${formatHundredths(rounded)}`, {
      ruleId: 'frontmatter-invalid',
      place,
      note: 'Scores are kept in hundredths of a percent; the manifest, the page and the runtime must all state the same passing score.'
    })
    return undefined
  }
  const suggestion = formatHundredths(Math.min(10000, Math.max(0, Math.round(percent * 100))))
  error(parsed.file, `Unexpected \`${text}\` for \`passingScore\` in \`course.md\`, expected a plain decimal with at most two decimals, such as ${suggestion}`, {
    ruleId: 'frontmatter-invalid',
    place
  })
  return undefined
}
