/**
 * The CMI data of a SCORM session as an LMS hands it to scorm-again before launch, and what the
 * LMS holds afterwards, read back into the shared `Recorded` shape. scorm-again's JSON is
 * nested as the data model (`core.lesson_status`, `objectives.0.id`).
 */
import type { ApiCall, Recorded, SessionPlan } from '../types.js'

export type ScormStandard = 'scorm12' | 'scorm2004'
export type Cmi = Record<string, unknown>

/** What the manifest gives the LMS: the SCORM 1.2 masteryscore, the SCORM 2004 minNormalizedMeasure. */
export interface ScormManifest {
  mastery?: string
  measure?: string
  standard?: ScormStandard
}

/** suspend_data's size limit: 4,096 characters in SCORM 1.2 (RTE 3.4.4), 64,000 in SCORM 2004 4th ed. (RTE 4.2.23). */
export const suspendLimits: Record<ScormStandard, number> = { scorm12: 4096, scorm2004: 64000 }

const object = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {})
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined)
const num = (value: unknown): number | undefined => {
  const t = text(value)
  return t !== undefined && Number.isFinite(Number(t)) ? Number(t) : undefined
}
/** T with its possibly-undefined properties optional instead (exactOptionalPropertyTypes). */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> }
/** The object without its undefined properties. */
const defined = <T extends object>(value: T): Compact<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Compact<T>

/**
 * The data a conformant LMS loads for a session: the mode and credit of the plan, the learner,
 * the manifest's passing score, and from the kept attempt its status, score, location,
 * suspend data and objectives, with `entry` resume after `exit` suspend (1.2 RTE 3.4.4
 * cmi.core.entry; 2004 RTE 4.2.10 cmi.entry).
 */
export function defaultCmi(standard: ScormStandard, session: SessionPlan, kept: Cmi | undefined, manifest: ScormManifest): Cmi {
  const credit = session.mode === 'normal' ? 'credit' : 'no-credit'
  if (standard === 'scorm12') {
    const core = object(kept?.core)
    return defined({
      core: defined({
        student_id: 'coursepack-test',
        student_name: 'Test, Learner',
        lesson_mode: session.mode,
        credit,
        entry: kept ? (core.exit === 'suspend' ? 'resume' : '') : 'ab-initio',
        lesson_status: text(core.lesson_status),
        lesson_location: text(core.lesson_location),
        score: kept ? core.score : undefined
      }),
      suspend_data: text(kept?.suspend_data),
      objectives: kept?.objectives,
      student_data: manifest.mastery !== undefined ? { mastery_score: manifest.mastery } : undefined
    })
  }
  return defined({
    learner_id: 'coursepack-test',
    learner_name: 'Test, Learner',
    mode: session.mode,
    credit,
    entry: kept ? (kept.exit === 'suspend' ? 'resume' : '') : 'ab-initio',
    completion_status: text(kept?.completion_status),
    success_status: text(kept?.success_status),
    score: kept?.score,
    location: text(kept?.location),
    suspend_data: text(kept?.suspend_data),
    objectives: kept?.objectives,
    scaled_passing_score: manifest.measure
  })
}

const values = (collection: unknown): Array<Record<string, unknown>> => Object.values(object(collection)).map(object)
/** An interaction's first correct-response pattern (`correct_responses.0.pattern`). */
const pattern0 = (interaction: Record<string, unknown>): unknown => values(interaction.correct_responses)[0]?.pattern

/** What the LMS holds, in the shared shape (calls and problems are the caller's). */
export function readRecorded(standard: ScormStandard, cmi: Cmi, suspendLimit: number): Omit<Recorded, 'calls' | 'problems'> {
  if (standard === 'scorm12') {
    const core = object(cmi.core)
    const status = text(core.lesson_status)
    const score = object(core.score)
    return defined({
      lessonStatus: status,
      success: status === 'passed' || status === 'failed' ? status : undefined,
      completion: status === 'passed' || status === 'failed' || status === 'completed' ? 'completed' : status === 'incomplete' ? 'incomplete' : undefined,
      score: num(score.raw) !== undefined ? defined({ raw: num(score.raw), min: num(score.min), max: num(score.max) }) : undefined,
      interactions: values(cmi.interactions).map((i) => defined({ id: text(i.id) ?? '', type: text(i.type), response: text(i.student_response), pattern: text(pattern0(i)), result: text(i.result) })),
      objectives: values(cmi.objectives).map((o) => defined({ id: text(o.id) ?? '', status: text(o.status), scoreRaw: num(object(o.score).raw) })),
      suspendData: { length: (text(cmi.suspend_data) ?? '').length, limit: suspendLimit },
      location: text(core.lesson_location),
      exit: text(core.exit),
      sessionTime: text(core.session_time)
    })
  }
  const score = object(cmi.score)
  return defined({
    success: text(cmi.success_status),
    completion: text(cmi.completion_status),
    score: num(score.raw) !== undefined || num(score.scaled) !== undefined ? defined({ raw: num(score.raw), scaled: num(score.scaled), min: num(score.min), max: num(score.max) }) : undefined,
    interactions: values(cmi.interactions).map((i) => defined({ id: text(i.id) ?? '', type: text(i.type), response: text(i.learner_response), pattern: text(pattern0(i)), result: text(i.result) })),
    objectives: values(cmi.objectives).map((o) => defined({ id: text(o.id) ?? '', status: text(o.success_status), scoreRaw: num(object(o.score).raw) })),
    suspendData: { length: (text(cmi.suspend_data) ?? '').length, limit: suspendLimit },
    location: text(cmi.location),
    exit: text(cmi.exit),
    sessionTime: text(cmi.session_time)
  })
}

/**
 * Writes a session outside normal mode must not make: a browse or review session records
 * nothing of the learner's progress (1.2 RTE 3.4.4 cmi.core.lesson_mode: browse is "without
 * being graded", review "the student has already completed"; 2004 RTE 4.2.14 cmi.mode), so an
 * LMS that keeps these would hand them to the next normal session. The session time, an exit
 * other than suspend and 1.2's `browsed` status are allowed.
 */
export function modeProblems(standard: ScormStandard, mode: SessionPlan['mode'], calls: readonly ApiCall[]): string[] {
  if (mode === 'normal') return []
  const set = standard === 'scorm12' ? 'LMSSetValue' : 'SetValue'
  const allowed = (element: string, value: string) =>
    /session_time$/.test(element) || (/exit$/.test(element) && value !== 'suspend') || (element === 'cmi.core.lesson_status' && value === 'browsed')
  const written = new Map<string, { count: number; last: string }>()
  for (const c of calls) {
    const element = c.args[0] ?? ''
    if (c.name !== set || c.result !== 'true' || allowed(element, c.args[1] ?? '')) continue
    written.set(element, { count: (written.get(element)?.count ?? 0) + 1, last: c.args[1] ?? '' })
  }
  return [...written].map(
    ([element, { count, last }]) =>
      `${element} written in ${mode} mode (${count === 1 ? 'once' : `${count} times`}, last ${JSON.stringify(last.length > 40 ? `${last.slice(0, 40)}…` : last)}): outside normal mode nothing of the learner's progress is recorded`
  )
}

/**
 * A SCORM 2004 GetValue of an element that has no value yet answers 403, "Data Model Element
 * Value Not Initialized" (RTE 3.1.7.6): the expected answer for `cmi.location` or
 * `cmi.suspend_data` that no session wrote, not a refusal.
 */
export const notInitialized = (c: ApiCall): boolean => c.name === 'GetValue' && c.error === '403'

/** Calls the runtime refused (an error code other than 0), except those the LMS refused by design of the profile. */
export function callProblems(calls: readonly ApiCall[]): string[] {
  return calls.filter((c) => c.error !== '0' && c.error !== '' && c.byLms === undefined && !notInitialized(c)).map((c) => `${c.name}(${c.args.map((a) => JSON.stringify(a).slice(0, 60)).join(', ')}) → ${c.result}, error ${c.error}`)
}
