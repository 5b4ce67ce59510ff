/**
 * What the learner state of the old package becomes in the new one, found by the runtime's own
 * mapping rather than by a second reading of it: a state that visited every page and took every
 * quiz once is encoded with the old course data and decoded with the new
 * (src/shared/suspend.ts `encodeState`, `decodeState`). Its bookmark is tried on each removed page.
 */
import { coreOf } from '../questions/cores.js'
import { drawAttempt, type QuizState } from '../shared/attempts.js'
import type { CourseData, QuizData } from '../shared/course-data.js'
import { decodeState, encodeState, fingerprint, initialState, type LearnerState } from '../shared/suspend.js'
import { format1Hash, format2Hash } from '../shared/legacy-state.js'
import type { LearnerMapping } from './types.js'

/** One submitted attempt: a draw the quiz can make, every question asked answered right. */
function takenOnce(quiz: QuizData): QuizState {
  const asked = drawAttempt(quiz, 0, quiz.questions.map(() => false))
  const answers = quiz.questions.map((question, i) => (asked.includes(i) ? [...coreOf(question).example(question, true)] : []))
  return { used: 1, last: { n: 1, asked, answers }, best: undefined, seen: quiz.questions.map((_, i) => asked.includes(i)) }
}

/** A learner who visited every page and took every quiz, bookmarked at `page`. */
function probe(data: CourseData, page: number): LearnerState {
  return { ...initialState(data, 1), page, visited: data.pages.map(() => true), quizzes: data.modules.map((module) => module.quiz && takenOnce(module.quiz)) }
}

function mapped(before: CourseData, after: CourseData, page: number): LearnerState {
  const state = decodeState(after, encodeState(before, probe(before, page)))
  if (!state) throw new Error('the learner state of the old package does not decode in the new one')
  return state
}

/**
 * A package of coursepack 0.1 (state format 1 or 2) names nothing: the new runtime reads its
 * state whole when the structure hash of that format is the same, else not at all
 * (src/shared/legacy-state.ts).
 */
export const legacyStateRead = (before: CourseData, after: CourseData): boolean =>
  before.stateFormat === 1 ? format1Hash(before) === format1Hash(after) : format2Hash(before) === format2Hash(after)

function legacyMapping(before: CourseData, after: CourseData): LearnerMapping {
  const read = legacyStateRead(before, after)
  const had = new Set(before.modules.filter((m) => m.quiz).map((m) => m.id))
  const quizzes = after.modules.filter((m) => m.quiz)
  // Format 1 had no banks: where the quiz now draws from one, its record starts over.
  const kept = quizzes.filter((m) => read && had.has(m.id) && !(before.stateFormat === 1 && (m.quiz?.banks.length ?? 0) > 0))
  return {
    exact: read,
    visitsKept: read ? [...before.pages] : [],
    visitsDropped: read ? [] : [...before.pages],
    pagesAdded: after.pages.filter((id) => !before.pages.includes(id)),
    quizzesKept: kept.map((m) => m.id),
    quizzesReset: quizzes.filter((m) => had.has(m.id) && !kept.includes(m)).map((m) => m.id),
    quizzesDropped: before.modules.filter((m) => m.quiz && !after.modules.some((n) => n.id === m.id && n.quiz)).map((m) => m.id),
    quizzesAdded: quizzes.filter((m) => !had.has(m.id)).map((m) => m.id),
    bookmarks: []
  }
}

/** The mapping of the old package's learner state onto the new package. */
export function learnerMapping(before: CourseData, after: CourseData): LearnerMapping {
  if (before.stateFormat !== 3) return legacyMapping(before, after)
  const state = mapped(before, after, 0)
  const visited = new Set(after.pages.filter((_, i) => state.visited[i]))
  const oldQuizzes = new Set(before.modules.filter((m) => m.quiz).map((m) => m.id))
  const mapping: LearnerMapping = {
    exact: fingerprint(before) === fingerprint(after),
    visitsKept: before.pages.filter((id) => visited.has(id)),
    visitsDropped: before.pages.filter((id) => !visited.has(id)),
    pagesAdded: after.pages.filter((id) => !before.pages.includes(id)),
    quizzesKept: [],
    quizzesReset: [],
    quizzesDropped: before.modules.filter((m) => m.quiz && !after.modules.some((n) => n.id === m.id && n.quiz)).map((m) => m.id),
    quizzesAdded: [],
    bookmarks: []
  }
  after.modules.forEach((module, i) => {
    if (!module.quiz) return
    if ((state.quizzes[i]?.used ?? 0) > 0) mapping.quizzesKept.push(module.id)
    else if (state.changed[i]) mapping.quizzesReset.push(module.id)
    else if (!oldQuizzes.has(module.id)) mapping.quizzesAdded.push(module.id)
  })
  for (const [index, id] of before.pages.entries()) {
    if (after.pages.includes(id)) continue
    const to = after.pages[mapped(before, after, index).page]
    if (to !== undefined) mapping.bookmarks.push({ from: id, to })
  }
  return mapping
}
