/**
 * Where a learner stands: each module's state (not started, in progress, viewed, quiz passed or
 * failed), whether `navigation: sequential` keeps it locked, the page to resume it at, and the
 * course's progress and completion under its `completion` rule. Pure and shared: the player
 * shows it (header, contents, welcome cards), the trackers report it (SCORM 2004
 * `progress_measure`, completion), the tests walk it.
 */
import { attemptsLeft, keptAttempt, scoreAttempt } from './attempts.js'
import type { CourseData } from './course-data.js'
import { type Decimal, reaches } from './scoring.js'
import type { LearnerState } from './suspend.js'

/** A required media counts as watched from this share of it (issue 16: "at least 90%"). */
export const watchedPercent = 90

export type ModuleState =
  | { kind: 'not-started' }
  | { kind: 'in-progress' }
  /** A module without a quiz whose every page is viewed. */
  | { kind: 'viewed' }
  | { kind: 'passed'; hundredths: number }
  /** `attemptsLeft` is Infinity when attempts are unlimited, 0 when none is left. */
  | { kind: 'failed'; hundredths: number; attemptsLeft: number }

export interface ModuleProgress {
  state: ModuleState
  /** Pages of the module viewed (`pageViewed`), and how many it has. */
  viewed: number
  pages: number
  /** `navigation: sequential` in normal mode: an earlier module is not done yet. */
  locked: boolean
  /** When locked: the index (in `data.modules`) of the first earlier module not done, the one to finish next. */
  lockedBy: number | undefined
  /** Index (in `data.pages`) of the page to open the module at: the first not viewed, else its quiz while not passed, else its first page. */
  resume: number
}

export interface CourseProgress {
  /** Pages that count (every page but the results page) and how many are viewed. */
  viewed: number
  pages: number
  /** Quizzes passed (kept attempt at or above the passing score), submitted, and how many there are. */
  passed: number
  submitted: number
  quizzes: number
  /** 0–1: what the completion rule counts, done (SCORM 2004 `cmi.progress_measure`, the header's bar). */
  measure: number
  /** The completion rule holds. */
  complete: boolean
}

/** Pages that count for completion: all but the results page (the learner reaches it by finishing). */
const counts = (data: CourseData, index: number): boolean => data.kinds[index] !== 'results'

/** A page is viewed once visited with every required media on it played to `watchedPercent`. */
export function pageViewed(data: CourseData, state: LearnerState, index: number): boolean {
  if (!state.visited[index]) return false
  const page = data.pages[index]
  return data.media.every((media, i) => !media.required || media.page !== page || (state.media[i] ?? 0) >= watchedPercent)
}

/**
 * Each module's progress, in module order. `mode` other than normal opens every module (browse, review).
 *
 * Under `navigation: sequential` a module is locked while an earlier one is not done. A module
 * is done when its quiz is passed, or failed with no attempt left (its result is final: the
 * learner goes on, and the course's result can be reported once every quiz is in); a module
 * without a quiz when every page of it is viewed (at least its introduction, which every
 * module has; one with no page at all would be done from the start).
 */
export function moduleProgress(data: CourseData, state: LearnerState, passing: Decimal, mode: 'normal' | 'browse' | 'review' = 'normal'): ModuleProgress[] {
  let blocker: number | undefined
  return data.modules.map((module, m) => {
    const indexes = module.pages.map((page) => data.pages.indexOf(page)).filter((i) => i >= 0)
    const viewed = indexes.filter((i) => pageViewed(data, state, i)).length
    const quiz = module.quiz
    const record = quiz && state.quizzes[m]
    const kept = record && keptAttempt(record)
    let moduleState: ModuleState
    if (quiz && record && kept) {
      const hundredths = scoreAttempt(quiz, kept).hundredths
      moduleState = reaches(hundredths, passing) ? { kind: 'passed', hundredths } : { kind: 'failed', hundredths, attemptsLeft: attemptsLeft(quiz, record) }
    } else if (!quiz && viewed === indexes.length) moduleState = { kind: 'viewed' }
    else if (viewed === 0) moduleState = { kind: 'not-started' }
    else moduleState = { kind: 'in-progress' }
    const locked = data.navigation === 'sequential' && mode === 'normal' && blocker !== undefined
    const lockedBy = locked ? blocker : undefined
    const done = moduleState.kind === 'passed' || moduleState.kind === 'viewed' || (moduleState.kind === 'failed' && moduleState.attemptsLeft === 0)
    if (!done) blocker ??= m
    const quizPage = quiz ? data.pages.indexOf(quiz.page) : -1
    const resume = indexes.find((i) => !pageViewed(data, state, i) && i !== quizPage) ?? (quiz && moduleState.kind !== 'passed' && quizPage >= 0 ? quizPage : (indexes[0] ?? 0))
    return { state: moduleState, viewed, pages: indexes.length, locked, lockedBy, resume }
  })
}

/** The course's progress and whether its completion rule holds. */
export function courseProgress(data: CourseData, state: LearnerState, passing: Decimal): CourseProgress {
  const counted = data.pages.map((_, i) => i).filter((i) => counts(data, i))
  const viewed = counted.filter((i) => pageViewed(data, state, i)).length
  const modules = moduleProgress(data, state, passing)
  const quizzes = data.modules.filter((m) => m.quiz).length
  const submitted = modules.filter((m) => m.state.kind === 'passed' || m.state.kind === 'failed').length
  const passed = modules.filter((m) => m.state.kind === 'passed').length
  const pagesDone = viewed === counted.length
  const quizzesDone = submitted === quizzes
  const share = (done: number, total: number) => (total === 0 ? 1 : done / total)
  switch (data.completion) {
    case 'pages':
      return { viewed, pages: counted.length, passed, submitted, quizzes, measure: share(viewed, counted.length), complete: pagesDone }
    case 'pages-and-quizzes':
      return { viewed, pages: counted.length, passed, submitted, quizzes, measure: share(viewed + submitted, counted.length + quizzes), complete: pagesDone && quizzesDone }
    case 'quizzes':
      return { viewed, pages: counted.length, passed, submitted, quizzes, measure: share(submitted, quizzes), complete: quizzesDone }
  }
}
