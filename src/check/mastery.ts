/**
 * Our packages state the passing score in three places that must agree: the descriptor (SCORM
 * 1.2 `adlcp:masteryscore` in percent, which the RTE exposes as `cmi.student_data.mastery_score`;
 * SCORM 2004 `imsss:minNormalizedMeasure`, scaled, which becomes `cmi.scaled_passing_score`;
 * cmi5 `masteryScore`, scaled, cmi5_spec.md §13.1.4), the runtime data's `passingScore`
 * (percent), and the page text learners read. Compared as exact decimals.
 */
import { compareDecimal, decimalOf, formatDecimal, parseDecimal, shift, type Decimal } from './decimal.js'
import { code, type Findings, type PackageKind } from './findings.js'
import type { KindResult } from './references.js'
import type { StatedScore } from './runtime-data.js'

/** Compare the descriptor's passing score with the runtime data's `passingScore` (percent). */
export function checkMastery(kind: PackageKind, result: KindResult, percent: Decimal, hasQuiz: boolean, file: string, findings: Findings): void {
  if (kind !== 'scorm12' && kind !== 'scorm2004' && kind !== 'cmi5') return
  const expected = kind === 'scorm12' ? percent : shift(percent, 2)
  const source = `the runtime data's \`passingScore\` ${formatDecimal(percent)}`
  if (result.mastery.length === 0) {
    if (hasQuiz) {
      const what = kind === 'scorm12' ? '`<adlcp:masteryscore>`' : kind === 'scorm2004' ? '`<imsss:minNormalizedMeasure>`' : '`masteryScore`'
      findings.error('mastery-mismatch', `Cannot find ${what}, expected ${code(formatDecimal(expected))} to match ${source}`, { file })
    }
    return
  }
  for (const mastery of result.mastery) {
    if (!mastery.value || compareDecimal(mastery.value, expected) === 0) continue
    findings.error('mastery-mismatch', `Unexpected ${code(mastery.element)} ${code(mastery.text)}, expected ${code(formatDecimal(expected))} to match ${source}`, { file, line: mastery.line })
  }
}

/** Compare each passing score the page states with the runtime data's `passingScore`. */
export function checkStatedScores(stated: readonly StatedScore[], percent: Decimal, page: string, findings: Findings): void {
  for (const score of stated) {
    const value = parseDecimal(score.text)
    if (value && compareDecimal(value, percent) === 0) continue
    findings.error(
      'mastery-mismatch',
      `Unexpected passing score ${code(`${score.text}%`)} in the page text (${code(score.element)}), expected ${code(`${formatDecimal(percent)}%`)} to match the runtime data's \`passingScore\` ${formatDecimal(percent)}`,
      { file: page, line: score.line }
    )
  }
}

/** The runtime data's `passingScore` as an exact decimal (a JSON number). */
export const percentOf = (passingScore: number): Decimal | undefined => decimalOf(passingScore)
