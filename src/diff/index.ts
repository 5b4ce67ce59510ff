/**
 * `coursepack diff`: two packages of one course compared, as an LMS and a learner in progress
 * would meet the change. Pure: two sides read (./side.ts) in, a verdict and its reasons out.
 *
 * - `safe`: the same identifiers, launch file, passing score, pass rule and structure; only
 *   text, styling or assets changed, so every learner state maps as it is.
 * - `care`: learners in progress lose something (a quiz reset, visits of removed pages) or meet
 *   another structure (pages added or moved, a new quiz, another launch file).
 * - `new-activity`: the target, course id, language, passing score, pass rule or a descriptor
 *   identifier changed, so the records an LMS holds would not match the package.
 */
import type { CourseData } from '../shared/course-data.js'
import { change } from './change.js'
import { contentChanges, textChanged } from './content.js'
import { learnerMapping } from './learners.js'
import { lmsChanges } from './lms.js'
import { pageChanges } from './pages.js'
import { quizChanges } from './quizzes.js'
import { type Change, type DiffSide, graver, type PackageDiff, type PackageSide, type Verdict } from './types.js'

export { changeGroups, changeKinds, reasonKinds, verdicts } from './types.js'
export type { Change, ChangeGroup, ChangeKind, DiffSide, LearnerMapping, PackageDiff, PackageSide, Reason, ReasonKind, Verdict } from './types.js'

/** The exit code of each verdict. */
export const verdictCodes: Record<Verdict, 0 | 1 | 2> = { safe: 0, care: 1, 'new-activity': 2 }

const generated = new Set(['welcome', 'results'])

/**
 * Whether two packages are of one course: the same course id or activity id, or, when both
 * changed, at least half of the pages of the smaller one (the welcome and results pages aside)
 * in common.
 */
export function sameCourse(a: CourseData, b: CourseData): boolean {
  if (a.id === b.id || a.activityId === b.activityId) return true
  const pages = new Set(a.pages.filter((id) => !generated.has(id)))
  const others = b.pages.filter((id) => !generated.has(id))
  const shared = others.filter((id) => pages.has(id)).length
  return shared > 0 && 2 * shared >= Math.min(pages.size, others.length)
}

function describe(side: PackageSide): DiffSide {
  const { data } = side
  return { path: side.path, source: side.source, course: data.id, version: data.version, title: data.title, target: side.descriptor.kind, language: data.language }
}

/** Compare the old package with the new one. */
export function diffPackages(before: PackageSide, after: PackageSide): PackageDiff {
  const learners = learnerMapping(before.data, after.data)
  const pages = pageChanges(before, after, learners)
  const quizzes = quizChanges(before.data, after.data, (page) => textChanged(before, after, page))
  const changes: Change[] = [...lmsChanges(before, after), ...pages, ...quizzes, ...contentChanges(before, after)]
  // The state's fingerprint is what the runtime tells versions apart by: a change of it that
  // none of the above explains is still a change of structure.
  const structural = [...pages, ...quizzes].some((c) => c.verdict !== 'safe')
  if (before.data.stateFormat !== 3) {
    const format = before.data.stateFormat
    if (!learners.exact) {
      changes.push(change('pages', 'structure', 'care', `the old package was built by coursepack 0.1, whose saved progress (state format ${format}) names no page or question: the new package reads it only for the same structure, so every learner in progress starts over (the LMS keeps the result it holds)`))
    } else if (learners.quizzesReset.length > 0) {
      changes.push(change('quizzes', 'structure', 'care', `the old package was built by coursepack 0.1 (state format 1, before question banks): the quizzes that now draw from a bank start over (${learners.quizzesReset.map((id) => `\`${id}\``).join(', ')})`))
    }
  } else if (!learners.exact && !structural) {
    changes.push(change('pages', 'structure', 'care', 'the structure the learner state names changed (its fingerprint differs): learners keep what maps, and the LMS keeps the result it holds until they submit a quiz'))
  }
  const order = ['lms', 'pages', 'quizzes', 'content']
  changes.sort((x, y) => order.indexOf(x.group) - order.indexOf(y.group))
  const verdict = changes.reduce<Verdict>((worst, c) => graver(worst, c.verdict), 'safe')
  return { verdict, old: describe(before), new: describe(after), changes, learners }
}
