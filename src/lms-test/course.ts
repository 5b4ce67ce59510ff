/**
 * What `coursepack test` reads from a package besides `check`'s findings: the full course data
 * of our packages, answer keys opened (the `cp-data` script of the launch page, src/check/runtime-data.ts finds it
 * in bounded time), and the passing score the descriptor hands the LMS.
 */
import { readRuntimeData } from '../check/runtime-data.js'
import { openKeys, type PackagedCourseData } from '../questions/keys.js'
import { type CourseData, defaultPolicy } from '../shared/course-data.js'
import type { ScormManifest } from './scorm/cmi.js'

/** The launch file of a launch URL (`index.html?x=1#a` → `index.html`). */
export const launchFile = (launch: string): string => launch.replace(/[?#].*$/s, '')

/** The course data our launch page embeds; undefined when it is not ours or not readable. */
export function courseDataOf(html: string): CourseData | undefined {
  const runtime = readRuntimeData(html)
  if (!runtime.found || 'error' in runtime) return undefined
  // readRuntimeData has checked that one bounded script holds a JSON object: read it whole.
  const open = /<script\b[^>]{0,1000}?\bid\s*=\s*["']?cp-data["']?[^>]{0,1000}>/i.exec(html)
  if (!open) return undefined
  const start = open.index + open[0].length
  const end = html.slice(start).search(/<\/script\s*>/i)
  try {
    const data = JSON.parse(html.slice(start, start + end)) as PackagedCourseData
    // The walks need the answer keys, which the package keeps encoded.
    if (!Array.isArray(data.modules) || !Array.isArray(data.pages) || !Array.isArray(data.kinds)) return undefined
    // Packages of coursepack 0.1 name no state format (format 2 came with quiz policies), no completion or navigation rule and no media.
    const stateFormat = data.stateFormat ?? (data.modules.some((m) => m.quiz && !m.quiz.policy) ? 1 : 2)
    const modules = data.modules.map((m) => (m.quiz && !m.quiz.policy ? { ...m, quiz: { ...m.quiz, policy: { ...defaultPolicy }, banks: m.quiz.banks ?? [] } } : m))
    return openKeys({ ...data, stateFormat, modules, completion: data.completion ?? 'quizzes', navigation: data.navigation ?? 'free', media: Array.isArray(data.media) ? data.media : [] })
  } catch {
    return undefined
  }
}

/**
 * The SCORM 1.2 `<adlcp:masteryscore>` (CAM 2.3.2.5.1) and the SCORM 2004 primary objective's
 * `<imsss:minNormalizedMeasure>` (SN 5.1.7), which an LMS loads as mastery_score /
 * scaled_passing_score.
 */
export function manifestScores(manifest: string): ScormManifest {
  const mastery = /<adlcp:masteryscore>\s*([^<\s]{1,20})\s*</i.exec(manifest)?.[1]
  const measure = /<imsss:minNormalizedMeasure>\s*([^<\s]{1,20})\s*</i.exec(manifest)?.[1]
  return { ...(mastery !== undefined ? { mastery } : {}), ...(measure !== undefined ? { measure } : {}) }
}
