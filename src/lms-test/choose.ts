/**
 * Which questions a walk answers right, so that the points land exactly where the walk wants:
 * the fewest points that pass, or the most that do not. Questions have weights (1–100), so
 * "the first N questions" is not enough; this is a subset sum over the points, solved by
 * dynamic programming (totals stay small: at most 100 points × the questions of a course).
 */
import type { QuestionData } from '../shared/course-data.js'
import { percentToHundredths, toHundredths } from '../shared/scoring.js'

/** The sums of points reachable by a subset of `points`, each with one subset (indexes) reaching it. */
function subsets(points: readonly number[]): Map<number, number[]> {
  const reach = new Map<number, number[]>([[0, []]])
  points.forEach((weight, index) => {
    for (const [sum, chosen] of [...reach]) {
      if (!reach.has(sum + weight)) reach.set(sum + weight, [...chosen, index])
    }
  })
  return reach
}

/** Does `earned` of `total` points reach the passing score (percent), exactly as the player scores? */
export function passesWith(earned: number, total: number, passingScore: number): boolean {
  return toHundredths(earned, total) >= percentToHundredths(passingScore)
}

export interface Choice {
  /** Indexes (into the given questions) answered right. */
  right: number[]
  earned: number
  total: number
}

/**
 * The subset of questions at the pass mark (`at: 'pass'`: the fewest points that pass) or just
 * below it (`at: 'below'`: the most points that fail). Undefined when no such subset exists
 * (a passing score of 0 cannot be failed; a score of 100 with one question has no "below"
 * other than 0, which is still a subset).
 */
export function choose(questions: readonly Pick<QuestionData, 'points'>[], passingScore: number, at: 'pass' | 'below'): Choice | undefined {
  const points = questions.map((q) => q.points)
  const total = points.reduce((a, b) => a + b, 0)
  const reach = subsets(points)
  const sums = [...reach.keys()].sort((a, b) => a - b)
  const pick = at === 'pass' ? sums.find((s) => passesWith(s, total, passingScore)) : sums.filter((s) => !passesWith(s, total, passingScore)).pop()
  if (pick === undefined) return undefined
  return { right: reach.get(pick) ?? [], earned: pick, total }
}
