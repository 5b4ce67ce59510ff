/** The verdict of one walk: what it expected against what the LMS (or LRS) recorded. */
import type { Expected, Recorded } from './types.js'

const nothingYet = new Set([undefined, '', 'unknown', 'not attempted', 'browsed'])

/** The recorded course score in percent: the raw score, else the scaled one × 100. */
export function recordedPercent(recorded: Recorded): number | undefined {
  const score = recorded.score
  if (!score) return undefined
  if (score.raw !== undefined) return score.raw
  return score.scaled !== undefined ? Math.round(score.scaled * 10000) / 100 : undefined
}

/** Why the walk fails; empty when it passes. */
export function compare(expected: Expected, recorded: Recorded): string[] {
  const reasons: string[] = []
  const status = (what: 'success' | 'completion') => {
    const want = expected[what]
    const got = recorded[what]
    const ok = want === 'unknown' ? nothingYet.has(got) : got === want
    if (!ok) reasons.push(`${what}: expected ${want}, recorded ${got ?? 'nothing'}`)
  }
  status('success')
  status('completion')
  if (expected.scorePercent !== undefined) {
    const got = recordedPercent(recorded)
    if (got === undefined || Math.abs(got - expected.scorePercent) > 0.005) reasons.push(`score: expected ${expected.scorePercent}%, recorded ${got === undefined ? 'none' : `${got}%`}`)
  }
  if (recorded.suspendData && recorded.suspendData.length > recorded.suspendData.limit) {
    reasons.push(`suspend data: ${recorded.suspendData.length} characters, beyond the limit of ${recorded.suspendData.limit}`)
  }
  reasons.push(...recorded.problems)
  return reasons
}
