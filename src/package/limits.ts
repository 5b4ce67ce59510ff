/**
 * Target limits known at build time. SCORM 1.2 stores the learner's state in
 * `cmi.suspend_data` (at most 4,096 characters, RTE 3.4.4) and interaction ids are
 * CMIIdentifiers (at most 255 characters): a course that cannot fit fails the build
 * with a positioned error instead of failing silently in the LMS.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import type { Course } from '../model/types.js'
import { loadTemplates } from '../render/templates.js'
import type { TargetName } from '../shared/course-data.js'
import { encodedLength, stateBits } from '../shared/suspend.js'
import { toCourseData } from './course-data.js'

export const scorm12SuspendLimit = 4096
export const scorm12IdentifierLimit = 255

/**
 * Check a course against the limits of the targets it is built for.
 *
 * @param fileOf
 *   The source file of a path relative to the course folder (messages go there).
 */
export function checkLimits(course: Course, targets: readonly TargetName[], fileOf: (relative: string) => VFile | undefined): void {
  if (!targets.includes('scorm12')) return
  const data = toCourseData(course, 'scorm12', loadTemplates(path.join(course.root, 'templates')).strings(course.language))
  const size = encodedLength(data)
  const courseFile = fileOf('course.md')
  if (size > scorm12SuspendLimit && courseFile) {
    const questions = data.modules.reduce((sum, m) => sum + (m.quiz?.questions.length ?? 0), 0)
    error(
      courseFile,
      `Cannot fit the learner's progress in SCORM 1.2: at its longest it needs ${size} characters of suspend data (${data.pages.length} pages and ${questions} questions, ${stateBits(data)} bits, with every attempt used and the largest draws), expected at most ${scorm12SuspendLimit}`,
      {
        ruleId: 'scorm12-suspend-data',
        note: 'A quiz that allows more than one attempt also keeps the answers of the attempt that counts (`attempts: 1`, or `keep: last`, does not need them). Split the course into several courses, or build it for scorm2004, xapi or cmi5, which have no such limit.'
      }
    )
  }
  for (const module of course.modules) {
    const file = module.quiz && fileOf(module.quiz.source)
    if (!module.quiz || !file) continue
    for (const question of module.quiz.questions) {
      if (question.id.length > scorm12IdentifierLimit) {
        error(file, `Unexpected question id of ${question.id.length} characters, expected at most ${scorm12IdentifierLimit} for SCORM 1.2 interaction ids`, {
          ruleId: 'scorm12-interaction-id',
          place: question.position,
          note: 'Give the question a shorter id with `<Question id="…">`.'
        })
      }
    }
  }
}

/** Index a check's files by their path relative to the course folder. */
export function filesByRelativePath(root: string, files: readonly VFile[]): (relative: string) => VFile | undefined {
  const map = new Map(files.map((file) => [path.relative(root, file.path).split(path.sep).join('/'), file]))
  return (relative) => map.get(relative)
}
