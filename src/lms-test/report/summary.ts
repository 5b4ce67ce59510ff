/** One-line summaries of a walk's expected and recorded outcome, shared by every report. */
import { recordedPercent } from '../compare.js'
import type { Expected, Recorded, WalkResult } from '../types.js'

export function expectedText(expected: Expected): string {
  const score = expected.scorePercent !== undefined ? ` ${expected.scorePercent}%` : ''
  return expected.success === 'unknown' && expected.completion === 'unknown' ? 'nothing recorded' : `${expected.success === 'unknown' ? expected.completion : expected.success}${score}`
}

export function recordedText(recorded: Recorded): string {
  const percent = recordedPercent(recorded)
  const status = recorded.lessonStatus ?? [recorded.success, recorded.completion].filter((s) => s !== undefined && s !== 'unknown').join('/')
  return `${status || 'nothing'}${percent !== undefined ? ` ${percent}%` : ''}`
}

export function verdictText(result: WalkResult): 'pass' | 'FAIL' | 'not run' {
  return result.notRun !== undefined ? 'not run' : result.pass ? 'pass' : 'FAIL'
}

/** Counts over every walk of every package. */
export function totals(results: readonly WalkResult[]): { passed: number; failed: number; notRun: number } {
  return {
    passed: results.filter((r) => r.pass).length,
    failed: results.filter((r) => !r.pass && r.notRun === undefined).length,
    notRun: results.filter((r) => r.notRun !== undefined).length
  }
}
