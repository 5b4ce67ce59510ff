/**
 * The runtime's view of a course: structure, answer keys and passing score, written into
 * the package as JSON (STANDARDS.md §7.15: embedded, never fetched at run time).
 */
import { type CourseData, type TargetName } from '../shared/course-data.js'
import { outline } from '../model/outline.js'
import type { Course } from '../model/types.js'
import { percentToHundredths } from '../shared/scoring.js'

/**
 * Build the runtime data of a course for one target, with the player strings of its language.
 *
 * @param contentHash
 *   The course's content hash (./content-hash.ts) (default: empty, for data that is not packaged).
 */
export function toCourseData(course: Course, target: TargetName, strings: Record<string, string>, contentHash = ''): CourseData {
  const pages = outline(course, { welcome: strings.welcome ?? 'Welcome', results: strings.results ?? 'Results' })
  return {
    v: 1,
    stateFormat: 3,
    id: course.id,
    version: course.version,
    title: course.title,
    language: course.language,
    target,
    // The same hundredths as the manifests and the page: 33.33 stays 33.33 (never 33.333333333333336).
    passingScore: percentToHundredths(course.passingScore) / 100,
    passRule: course.passRule,
    completion: course.completion,
    navigation: course.navigation,
    pages: pages.map((p) => p.id),
    titles: pages.map((p) => p.title),
    kinds: pages.map((p) => p.kind),
    activityId: course.activityId,
    modules: course.modules.map((module) => ({
      id: module.id,
      title: module.title,
      pages: pages.filter((p) => 'module' in p && p.module === module).map((p) => p.id),
      quiz: module.quiz && {
        page: pages.find((p) => p.kind === 'quiz' && p.module === module)?.id ?? '',
        title: module.quiz.title,
        // Each type's data as its parser made it (src/questions/<type>/parse.ts), under the question's final id.
        questions: module.quiz.questions.map((q) => ({ ...q.data, id: q.id })),
        policy: { ...module.quiz.policy },
        banks: module.quiz.banks.map((bank) => ({ id: bank.id, draw: bank.draw, questions: [...bank.questions] }))
      }
    })),
    media: course.media.map((media) => ({ id: media.id, page: media.page, kind: media.kind, title: media.title, required: media.required })),
    contentHash,
    strings
  }
}
