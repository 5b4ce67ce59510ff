/**
 * Quiz attempts: which questions an attempt asks (the fixed ones and each bank's draw), in
 * which order, which attempt counts, and when the right answers may be shown. Pure and
 * shared: the player runs it, the compiler sizes the suspend data with it, the tests walk it.
 *
 * Everything an attempt shows follows from the learner's seed and the attempt's number, so a
 * relaunch shows the same draw and the same orders, and the next attempt others.
 */
import { questionSeed, shuffled } from '../questions/shuffle.js'
import type { QuizData } from './course-data.js'
import { type Decimal, type QuizScore, reaches, scoreQuiz } from './scoring.js'

/** Most attempts the suspend data counts; an unlimited quiz stops counting there (its draws and orders then repeat). */
export const maxCountedAttempts = 255

/** One submitted attempt of a quiz. */
export interface Attempt {
  /** Its number, from 1. */
  n: number
  /** Indexes (in the quiz's `questions`) of the questions it asked, in the author's order. */
  asked: number[]
  /** The answer to each question of the quiz, by index; `[]` where not asked. */
  answers: string[][]
}

/** A learner's record of one quiz. */
export interface QuizState {
  /** Attempts submitted (at most `maxCountedAttempts` are counted). */
  used: number
  /** The last submitted attempt. */
  last: Attempt | undefined
  /** The attempt that counts when it is not the last one (`keep: best`). */
  best: Attempt | undefined
  /** Per question: drawn by a submitted attempt (for `repeat: avoid`). */
  seen: boolean[]
}

export const emptyQuizState = (quiz: QuizData): QuizState => ({ used: 0, last: undefined, best: undefined, seen: quiz.questions.map(() => false) })

/** The seed of one attempt of one quiz: orders and draws differ per quiz and per attempt. */
export const attemptSeed = (learnerSeed: number, quizId: string, n: number): number => questionSeed(learnerSeed, `${quizId}#${Math.min(n, maxCountedAttempts)}`)

/** The quiz's questions that are in no bank: asked in every attempt. */
export function fixedQuestions(quiz: QuizData): number[] {
  const banked = new Set(quiz.banks.flatMap((bank) => bank.questions))
  return quiz.questions.flatMap((_, i) => (banked.has(i) ? [] : [i]))
}

/**
 * The questions an attempt asks: every fixed question and `draw` of each bank, dealt by the
 * attempt's seed; with `repeat: avoid`, questions no earlier attempt drew come first, and
 * seen ones fill the draw only when the bank has too few left. In the author's order.
 */
export function drawAttempt(quiz: QuizData, seed: number, seen: readonly boolean[]): number[] {
  const asked = new Set(fixedQuestions(quiz))
  for (const bank of quiz.banks) {
    const dealt = shuffled(bank.questions, questionSeed(seed, bank.id))
    const order = quiz.policy.repeat === 'avoid' ? [...dealt.filter((i) => !seen[i]), ...dealt.filter((i) => seen[i])] : dealt
    for (const i of order.slice(0, bank.draw)) asked.add(i)
  }
  return [...asked].sort((a, b) => a - b)
}

/** The order an attempt shows its questions in: the author's, or shuffled (`shuffle: questions` or `both`). */
export function questionOrder(quiz: QuizData, asked: readonly number[], seed: number): number[] {
  const shuffle = quiz.policy.shuffle === 'questions' || quiz.policy.shuffle === 'both'
  return shuffle ? shuffled(asked, questionSeed(seed, 'questions')) : [...asked]
}

/** An attempt's score over the questions it asked. */
export const scoreAttempt = (quiz: QuizData, attempt: Pick<Attempt, 'asked' | 'answers'>): QuizScore => scoreQuiz(quiz.questions, attempt.answers, attempt.asked)

/** The attempt that counts: the best one (`keep: best`; the later of equal scores) or the last. */
export const keptAttempt = (state: QuizState): Attempt | undefined => state.best ?? state.last

/** How many more attempts the learner may submit (Infinity when unlimited). */
export const attemptsLeft = (quiz: QuizData, state: QuizState): number => (quiz.policy.attempts === 0 ? Infinity : Math.max(0, quiz.policy.attempts - state.used))

/** The state after an attempt is submitted. */
export function submitAttempt(quiz: QuizData, state: QuizState, attempt: Attempt): QuizState {
  const seen = quiz.questions.map((_, i) => state.seen[i] === true || attempt.asked.includes(i))
  const previous = keptAttempt(state)
  let best: Attempt | undefined
  if (quiz.policy.keep === 'best' && previous && scoreAttempt(quiz, previous).hundredths > scoreAttempt(quiz, attempt).hundredths) best = previous
  return { used: Math.min(state.used + 1, maxCountedAttempts), last: attempt, best, seen }
}

/** Is the right answer of a wrongly answered question shown now? (`reveal` policy.) */
export function revealsNow(quiz: QuizData, state: QuizState, passing: Decimal): boolean {
  const kept = keptAttempt(state)
  switch (quiz.policy.reveal) {
    case 'always':
      return true
    case 'never':
      return false
    case 'after-passing':
      return kept !== undefined && reaches(scoreAttempt(quiz, kept).hundredths, passing)
    case 'after-last-attempt':
      return state.used > 0 && attemptsLeft(quiz, state) === 0
  }
}
