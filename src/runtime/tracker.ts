/**
 * What the player needs from a standard: start, save progress, record quiz results and
 * the course result, finish. One implementation per target (SCORM 1.2, no LMS, …), so
 * the player itself knows nothing of any standard.
 */
import type { CompletionRule, MediaData, ModuleData, QuestionData } from '../shared/course-data.js'
import type { CourseProgress } from '../shared/progress.js'
import { type CourseScore, type Decimal, type QuizScore, reaches } from '../shared/scoring.js'

export interface Launch {
  /** `normal` records results; `browse` and `review` do not. */
  mode: 'normal' | 'browse' | 'review'
  /** Saved state (`cmi.suspend_data` or equivalent); empty on a first launch. */
  suspendData: string
  /** Bookmark (page id); empty when none. */
  location: string
  /** A passing score the LMS supplies, replacing the course's. */
  passing: Decimal | undefined
  /** The learner's name as the LMS gives it (untrusted: shown as text only). */
  learner?: string
  /** The learner's id as the LMS gives it (untrusted: only hashed, for the seed of shuffled orders). */
  learnerId?: string
  /** In review: the result the LMS keeps for the finished attempt, as far as it gives it. */
  kept?: { hundredths?: number; passed?: boolean }
  /** The LMS takes the learner back itself after Finish (cmi5 returnURL). */
  leavesToLms?: boolean
}

/** One submitted attempt of a quiz: its interactions are journaled, the kept score goes to the module's objective. */
export interface QuizRecord {
  module: ModuleData
  /** The attempt's number, from 1. */
  attempt: number
  /** Indexes of the questions the attempt asked (in the quiz's `questions`), in the author's order. */
  asked: number[]
  /** The submitted answer of each question, by index (src/questions/types.ts `Answer`); `[]` where not asked. */
  answers: string[][]
  /** This attempt's score and verdict. */
  score: QuizScore
  passed: boolean
  /** The score and verdict of the attempt that counts (`keep`): this one or an earlier one. */
  kept: { score: QuizScore; passed: boolean }
  /** Passing score used, for statements that carry it. */
  passing: Decimal
}

/** The questions an attempt asked, with their answers: what the trackers journal. */
export const askedQuestions = ({ module, asked, answers }: QuizRecord): Array<{ question: QuestionData; answer: string[] }> =>
  asked.flatMap((i) => {
    const question = module.quiz?.questions[i]
    return question ? [{ question, answer: answers[i] ?? [] }] : []
  })

export interface Tracker {
  /** True when an LMS (or LRS) records the learner's progress. */
  readonly connected: boolean
  start(): Launch | Promise<Launch>
  /** The learner's state changed (page, visits, answers). */
  save(suspendData: string, location: string): void
  /** A page was shown (for targets that report views). */
  viewed?(page: string, title: string): void
  /** A required video or audio was played to `watchedPercent` (src/shared/progress.ts) for the first time (for targets that report it). */
  media?(media: MediaData, percent: number): void
  /** A quiz was submitted. */
  quiz(record: QuizRecord): void
  /**
   * The course's progress changed (a page viewed, a quiz submitted), and whether its completion
   * rule holds; called before `result`. Under `completion: quizzes` a tracker records nothing
   * here: completion then comes with the result, as it always has.
   */
  progressChanged?(progress: CourseProgress, rule: CompletionRule): void
  /** Every quiz is submitted: the course score and verdict. */
  result(score: CourseScore, passing: Decimal): void
  /**
   * Whether the LMS already holds this result (a restored state whose result may never
   * have reached it): derived from what the LMS gave at start, never assumed.
   */
  holds(score: CourseScore, passing: Decimal): boolean
  /** Whether the LMS holds a course verdict (passed or failed) from an earlier session, whatever it is. */
  holdsVerdict(): boolean
  /** The learner chose to finish: persist and end the session. */
  finish(done: boolean): void
  /** The page is going away: end the session without a synchronous commit. */
  pagehide(done: boolean): void
}

/** A result as the xAPI and cmi5 progress documents name it once reported: `<hundredths>:<verdict>`. */
export const resultKey = (score: CourseScore, passing: Decimal): string => `${score.hundredths}:${reaches(score.hundredths, passing) ? 'passed' : 'failed'}`
