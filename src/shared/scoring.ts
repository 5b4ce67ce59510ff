/**
 * Exact scoring. Points are integers and a passing score is a decimal string, so every
 * comparison is done on integers: no floating-point edge cases (exactly 70 passes).
 * Raw scores are truncated, never rounded, to two decimals (hundredths of a percent).
 */
import { isCorrect, isScored } from '../questions/cores.js'
import type { CourseData, QuestionData } from './course-data.js'

/** A decimal as an integer over a power of ten: 72.5 → {units: 725, scale: 10}. */
export interface Decimal {
  units: number
  scale: number
}

/** Parse a non-negative decimal such as `70`, `72.5` or `0.7` exactly; undefined when not one. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = /^\s*(\d{1,6})(?:\.(\d{1,7}))?\s*$/.exec(text)
  if (!match) return undefined
  const fraction = match[2] ?? ''
  const scale = 10 ** fraction.length
  return { units: Number(match[1]) * scale + Number(fraction || '0'), scale }
}

/** A scaled score (0.7, as SCORM 2004 and cmi5 carry it) as a percentage decimal (70), exactly. */
export function scaledToPercent(scaled: Decimal): Decimal {
  return scaled.scale >= 100 ? { units: scaled.units, scale: scaled.scale / 100 } : { units: scaled.units * (100 / scaled.scale), scale: 1 }
}

export { isCorrect }

export interface QuizScore {
  earned: number
  total: number
  /** Percent truncated to hundredths, as an integer: 66.67 % → 6667. */
  hundredths: number
}

/**
 * Score one quiz from the learner's answer to each question (each type scores its own;
 * unscored ones count nothing). With `asked`, only the questions of those indexes count (an
 * attempt that drew from banks).
 */
export function scoreQuiz(questions: readonly QuestionData[], answers: ReadonlyArray<readonly string[]>, asked?: readonly number[]): QuizScore {
  let earned = 0
  let total = 0
  const counted = asked && new Set(asked)
  questions.forEach((question, index) => {
    if (!isScored(question) || (counted && !counted.has(index))) return
    total += question.points
    if (isCorrect(question, answers[index] ?? [])) earned += question.points
  })
  return { earned, total, hundredths: toHundredths(earned, total) }
}

/** earned/total as hundredths of a percent, truncated. */
export function toHundredths(earned: number, total: number): number {
  return total === 0 ? 0 : Math.floor((earned * 10000) / total)
}

/** Does a score in hundredths reach a passing percentage? Exact: 7000 reaches `70`. */
export function reaches(hundredths: number, passing: Decimal): boolean {
  // hundredths/100 >= units/scale  ⇔  hundredths * scale >= units * 100
  return hundredths * passing.scale >= passing.units * 100
}

/** Format hundredths as a SCORM decimal: 6667 → "66.67", 7000 → "70", 7050 → "70.5". */
export function formatHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 100)
  const rest = hundredths % 100
  if (rest === 0) return String(whole)
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`
}

export interface CourseScore {
  /** Score of each module's quiz (undefined where not submitted, or where there is no quiz). */
  modules: Array<QuizScore | undefined>
  /** Every quiz of the course has been submitted. */
  complete: boolean
  /** The course score in hundredths: overall points-weighted, or the lowest module's. */
  hundredths: number
  passed: boolean
}

/** The answers of a quiz's attempt that counts; `asked` when it drew from banks (every question otherwise). */
export interface CountedAnswers {
  asked?: readonly number[]
  answers: ReadonlyArray<readonly string[]>
}

/**
 * Score the course by its pass rule.
 *
 * @param kept
 *   Per module: the answers of its quiz's attempt that counts, or undefined when none was submitted.
 */
export function scoreCourse(data: CourseData, kept: ReadonlyArray<CountedAnswers | undefined>, passing: Decimal): CourseScore {
  const modules = data.modules.map((module, index) => {
    const attempt = kept[index]
    return module.quiz && attempt ? scoreQuiz(module.quiz.questions, attempt.answers, attempt.asked) : undefined
  })
  const withQuiz = data.modules.map((m, i) => ({ quiz: m.quiz, score: modules[i] })).filter((m) => m.quiz)
  const complete = withQuiz.every((m) => m.score !== undefined)
  const scored = withQuiz.flatMap((m) => (m.score ? [m.score] : []))
  let hundredths: number
  if (data.passRule === 'every-module') {
    hundredths = scored.length === 0 ? 0 : Math.min(...scored.map((s) => s.hundredths))
  } else {
    hundredths = toHundredths(
      scored.reduce((sum, s) => sum + s.earned, 0),
      scored.reduce((sum, s) => sum + s.total, 0)
    )
  }
  return { modules, complete, hundredths, passed: complete && withQuiz.length > 0 && reaches(hundredths, passing) }
}

/**
 * A passing percentage (at most two decimals, as the model guarantees) as hundredths,
 * exactly: 33.33 → 3333, 72.5 → 7250. The nearest double to k/100 rounds back to k.
 */
export function percentToHundredths(percent: number): number {
  const hundredths = Math.round(percent * 100)
  // Exactly k/100: the division gives the double nearest to k/100, the same one the text `33.33` reads as.
  if (!Number.isFinite(percent) || hundredths / 100 !== percent || hundredths < 0 || hundredths > 10000) {
    throw new RangeError(`A passing score must be a percentage from 0 to 100 with at most two decimals, got ${percent}`)
  }
  return hundredths
}

/** Hundredths of a percent as a scaled score 0–1, in plain decimal notation: 3333 → "0.3333", 7000 → "0.7", 10000 → "1". */
export function formatScaledHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 10000)
  const rest = String(hundredths % 10000).padStart(4, '0').replace(/0+$/, '')
  return rest === '' ? String(whole) : `${whole}.${rest}`
}
