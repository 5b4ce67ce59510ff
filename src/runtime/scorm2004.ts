/**
 * SCORM 2004 4th Edition tracking on `API_1484_11` (RTE, STANDARDS.md §3 and §7).
 *
 * - `Initialize` once; `Terminate` once: `Commit` then `Terminate` from the Finish button,
 *   `Terminate` alone on `pagehide` (RTE 3.1.3.2: Terminate persists the data).
 * - `completion_status` incomplete → completed when the course's `completion` rule holds
 *   (RTE 4.2.4): under `quizzes`, when every quiz is submitted, with the result; under `pages`
 *   and `pages-and-quizzes`, when the last page is viewed (or quiz submitted), with
 *   `progress_measure` (RTE 4.2.18) written as the learner goes: the share of what the rule
 *   counts, 1 exactly when complete.
 * - `success_status` passed/failed agreeing with `score.scaled ≥ scaled_passing_score`,
 *   the comparison the LMS itself makes when the manifest sets a measure (RTE 4.2.21); it
 *   follows the quizzes whatever the completion rule (RTE 4.2.22: success and completion are
 *   independent).
 * - `score.raw` is written with `scaled`: Moodle grades from raw (§7.5).
 */
import type { CourseProgress } from '../shared/progress.js'
import { type CourseScore, type Decimal, formatHundredths, parseDecimal, reaches, scaledToPercent } from '../shared/scoring.js'
import { scormRecord } from '../questions/records.js'
import { isoDuration } from '../shared/time.js'
import { ScormSession } from './scorm-session.js'
import { ScormTracker } from './scorm-tracker.js'
import { askedQuestions, type Launch, type QuizRecord } from './tracker.js'

export interface Scorm2004Api {
  Initialize(arg: ''): string
  Terminate(arg: ''): string
  GetValue(element: string): string
  SetValue(element: string, value: string): string
  Commit(arg: ''): string
  GetLastError(): string | number
  GetErrorString(code: string): string
  GetDiagnostic(code: string): string
}

/** characterstring SPM 1000 and 64000 (RTE 4.2.14, 4.2.25); description SPM 250. */
const maxLocation = 1000
const maxSuspendData = 64000
const maxDescription = 250

/** Hundredths of a percent as a scaled score: 6666 → "0.6666", 10000 → "1". */
export function scaledFromHundredths(hundredths: number): string {
  if (hundredths >= 10000) return '1'
  return `0.${String(hundredths).padStart(4, '0')}`.replace(/0+$/, '').replace(/\.$/, '') || '0'
}

/**
 * A progress measure as `real(10,7)` in the range 0..1 (RTE 4.2.18): at most seven decimals, in
 * plain notation (1/3 → "0.3333333", 1 → "1").
 */
export function formatMeasure(measure: number): string {
  return Math.min(1, Math.max(0, measure)).toFixed(7).replace(/\.?0+$/, '')
}

/** A 2004 timestamp: seconds with a fraction, as a TZD requires (RTE 4.1.1.6; STANDARDS.md §3.3). */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d)\d\dZ$/, '.$1Z')
}

/**
 * The id of a question's interaction record in one attempt: the question's id for the first
 * attempt, `<id>.attempt-<n>` for attempt n ≥ 2, so each attempt's records stay apart in LMS
 * reports (ids are long_identifier_type, RTE 4.2.9.1: up to 4,000 characters).
 */
export const interactionId = (questionId: string, attempt: number): string => (attempt <= 1 ? questionId : `${questionId}.attempt-${attempt}`)

export class Scorm2004Tracker extends ScormTracker {
  /** `cmi.completion_status` and `cmi.success_status` as held at start, then as written; the last `progress_measure` written. */
  private completion = ''
  private success = ''
  private measure = ''

  constructor(api: Scorm2004Api) {
    const session = new ScormSession(
      {
        initialize: () => api.Initialize(''),
        terminate: () => api.Terminate(''),
        getValue: (e) => api.GetValue(e),
        setValue: (e, v) => api.SetValue(e, v),
        commit: () => api.Commit(''),
        getLastError: () => String(api.GetLastError()),
        getErrorString: (c) => api.GetErrorString(c),
        getDiagnostic: (c) => api.GetDiagnostic(c)
      },
      // 402 Unimplemented, 403 Value not initialized (an unset element on a first launch).
      ['402', '403']
    )
    super(session, {
      standard: 'SCORM 2004',
      suspendData: { element: 'cmi.suspend_data', limit: maxSuspendData },
      location: { element: 'cmi.location', limit: maxLocation },
      sessionTime: { element: 'cmi.session_time', format: isoDuration },
      exit: { element: 'cmi.exit', done: 'normal' }
    })
  }

  start(): Launch {
    const s = this.session
    s.initialize('cmi.completion_status')
    const mode = s.get('cmi.mode').value
    // On a first attempt (`ab-initio`) there is nothing to resume, and reading unset
    // elements only yields 403. Some LMSs send "" instead of `resume` (STANDARDS.md §7.7).
    const resuming = s.get('cmi.entry').value !== 'ab-initio'
    const launch: Launch = {
      mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
      suspendData: resuming ? s.get('cmi.suspend_data').value : '',
      location: resuming ? s.get('cmi.location').value : '',
      passing: undefined
    }
    // The learner's id (RTE 4.2, cmi.learner_id) seeds the shuffled orders of questions.
    const learnerId = s.get('cmi.learner_id').value
    if (learnerId) launch.learnerId = learnerId
    // The learner's name (RTE 4.2.14, cmi.learner_name), as given: the certificate shows it as text.
    const learnerName = s.get('cmi.learner_name').value.trim()
    if (learnerName) launch.learner = learnerName
    // cmi.scaled_passing_score (−1..1) from the manifest's minNormalizedMeasure, or the LMS's own.
    const scaled = parseDecimal(s.get('cmi.scaled_passing_score').value)
    if (scaled) launch.passing = scaledToPercent(scaled)
    this.recording = launch.mode === 'normal'

    const completion = s.get('cmi.completion_status').value
    const success = s.get('cmi.success_status').value
    this.completion = completion
    this.success = success
    this.done = success !== 'unknown' && completion === 'completed'
    // What the LMS holds decides whether a restored result still has to be reported
    // (score.raw is unset, 403, before a first result: read only once there is a verdict).
    // A verdict stands on its own: under `completion: pages` it may be held before completion.
    if (success === 'passed' || success === 'failed') this.held = { verdict: success, raw: s.get('cmi.score.raw').value }
    if (!this.recording) launch.kept = this.kept()
    if (this.recording && (completion === 'unknown' || completion === 'not attempted' || completion === '')) {
      this.completion = 'incomplete'
      s.set('cmi.completion_status', 'incomplete')
      s.commitNow()
    }
    s.loadObjectives()
    return launch
  }

  quiz(record: QuizRecord): void {
    if (!this.recording) return
    const s = this.session
    this.writeInteractions(record)
    const n = s.objectiveIndex(record.module.id)
    if (n === undefined) return s.flush()
    const p = `cmi.objectives.${n}`
    s.set(`${p}.id`, record.module.id)
    s.set(`${p}.score.scaled`, scaledFromHundredths(record.kept.score.hundredths))
    s.set(`${p}.score.raw`, formatHundredths(record.kept.score.hundredths))
    s.set(`${p}.score.min`, '0')
    s.set(`${p}.score.max`, '100')
    s.set(`${p}.success_status`, record.kept.passed ? 'passed' : 'failed')
    s.set(`${p}.completion_status`, 'completed')
    s.flush()
  }

  /**
   * Interactions in the 2004 formats (RTE 4.2.9): `id` first, then `type`, then the rest
   * (408 otherwise); type, response, pattern and result come from the question's type (src/questions/).
   */
  private writeInteractions(quiz: QuizRecord): void {
    const s = this.session
    const { module } = quiz
    if (!module.quiz) return
    // An LMS that cannot say where to append (`_count` unimplemented, 402) gets no journal, as in 1.2,
    // rather than every record written over record 0 (its id cannot change: 351).
    const count = s.get('cmi.interactions._count')
    if (!count.ok) return
    let n = Number(count.value) || 0
    const time = timestamp(new Date())
    for (const { question, answer: selected } of askedQuestions(quiz)) {
      const p = `cmi.interactions.${n++}`
      if (!s.setNow(`${p}.id`, interactionId(question.id, quiz.attempt))) continue
      const record = scormRecord('scorm2004', question, selected)
      s.setNow(`${p}.type`, record.type)
      s.setNow(`${p}.description`, question.text.slice(0, maxDescription))
      s.setNow(`${p}.objectives.0.id`, module.id)
      s.setNow(`${p}.timestamp`, time)
      s.setNow(`${p}.weighting`, String(question.points))
      s.setNow(`${p}.learner_response`, record.response)
      for (const [k, pattern] of (record.patterns ?? []).entries()) s.setNow(`${p}.correct_responses.${k}.pattern`, pattern)
      s.setNow(`${p}.result`, record.result)
    }
  }

  result(score: CourseScore, passing: Decimal): void {
    if (!this.recording) return
    const s = this.session
    const passed = reaches(score.hundredths, passing)
    s.set('cmi.score.scaled', scaledFromHundredths(score.hundredths))
    s.set('cmi.score.raw', formatHundredths(score.hundredths))
    s.set('cmi.score.min', '0')
    s.set('cmi.score.max', '100')
    this.success = passed ? 'passed' : 'failed'
    s.set('cmi.success_status', this.success)
    // Under `completion: quizzes` the result completes the course; otherwise `progressed` has, or will.
    if (this.completed) {
      this.completion = 'completed'
      s.set('cmi.completion_status', 'completed')
    }
    this.done = this.completion === 'completed'
    s.commitNow()
  }

  /**
   * `cmi.progress_measure` as it changes, and `cmi.completion_status` completed once the rule
   * holds (committed at once, as a result is). A course without quizzes is then done: it has
   * no success to wait for.
   */
  protected progressed(progress: CourseProgress): void {
    const s = this.session
    const measure = formatMeasure(progress.measure)
    if (measure !== this.measure) {
      this.measure = measure
      s.set('cmi.progress_measure', measure)
      s.scheduleCommit()
    }
    if (!progress.complete) return
    this.done = progress.quizzes === 0 || this.success === 'passed' || this.success === 'failed'
    if (this.completion === 'completed') return
    this.completion = 'completed'
    s.set('cmi.completion_status', 'completed')
    s.commitNow()
  }
}
