/**
 * `cornerstone`: Cornerstone OnDemand (CSOD) Learning.
 * Sources: CSOD help "Failed status for online classes"
 * (help.csod.com … /Failed_Status/Failed_Status_Online_Class.htm: before the Failed-status
 * feature a failure was not shown, SCORM 1.2/AICC courses could not move past In Progress once
 * failed, and xAPI courses are excluded from the feature); CSOD "Course troubleshooting guide";
 * Articulate community thread "Issues with completion reporting in Cornerstone when using xAPI:
 * failed assessments showing as completed" (an xAPI `failed` carrying `completion: true` lands on
 * the transcript as "completed").
 *
 * So a failed result must never carry completion: the LRS side refuses a `failed` statement with
 * `result.completion: true`, and a statement whose `result.success` is false with it. SCORM packages
 * play as in a conformant LMS: 1.2 reports `failed`, 2004 `completed` + `failed`, which CSOD shows
 * as Failed where the feature is on (README "LMS: what to choose").
 */
import type { Profile } from '../types.js'

interface Statement {
  id?: unknown
  verb?: { id?: unknown }
  result?: { success?: unknown; completion?: unknown }
}

const verbOf = (statement: Statement): string => String(statement.verb?.id ?? '').replace(/^.*\//, '')

/** Statements Cornerstone would put on the transcript as "completed" although they report a failure. */
export function failedAsCompleted(statements: readonly unknown[]): string[] {
  return (statements as Statement[])
    .filter((s) => s.result?.completion === true && (verbOf(s) === 'failed' || s.result.success === false))
    .map((s) => `cornerstone: statement ${String(s.id ?? '?')} (${verbOf(s)}) reports a failure with \`completion: true\`: Cornerstone shows it as "completed"`)
}

export const cornerstone: Profile = {
  name: 'cornerstone',
  description: 'Cornerstone OnDemand: a failed result must not end as "completed" (xAPI: no completion: true with failed)',
  source: 'CSOD help: Failed status for online classes; CSOD course troubleshooting guide; Articulate community thread on xAPI failed assessments shown as completed in Cornerstone',
  standards: ['scorm12', 'scorm2004', 'xapi', 'cmi5'],
  xapi: { checkStatements: failedAsCompleted }
}
