/**
 * SCORM 1.2 tracking on the LMS's `API` object (RTE 1.2, STANDARDS.md §2 and §7).
 *
 * - `LMSInitialize` once; `LMSFinish` once: from the Finish button after `LMSCommit`,
 *   or on `pagehide` alone (RTE 3.4.3.2: after LMSFinish the data "has been persisted").
 * - The score is written before the status, and the status always agrees with
 *   raw ≥ mastery score, whichever way the LMS applies the mastery score (§2.3, §7.4).
 * - `cmi.core.lesson_status` is one element for completion and success (RTE 3.4.4): under a
 *   `completion` rule other than `quizzes` it stays `incomplete` until that rule holds, even
 *   with every quiz submitted; then `passed`/`failed`, or `completed` for a course without
 *   quizzes. The score waits with the status: an LMS that applies the mastery score to
 *   `score.raw` itself (RTE 3.4.4 lesson_status; Moodle's masteryoverride) would turn
 *   `incomplete` into a verdict.
 */
import type { CourseProgress } from '../shared/progress.js'
import { type CourseScore, type Decimal, formatHundredths, parseDecimal, reaches } from '../shared/scoring.js'
import { scormRecord } from '../questions/records.js'
import { cmiTime, cmiTimespan } from '../shared/time.js'
import { ScormSession } from './scorm-session.js'
import { ScormTracker } from './scorm-tracker.js'
import { askedQuestions, type Launch, type QuizRecord } from './tracker.js'

export interface Scorm12Api {
  LMSInitialize(arg: ''): string
  LMSFinish(arg: ''): string
  LMSGetValue(element: string): string
  LMSSetValue(element: string, value: string): string
  LMSCommit(arg: ''): string
  LMSGetLastError(): string | number
  LMSGetErrorString(code: string): string
  LMSGetDiagnostic(code: string): string
}

/** CMIString255 and CMIString4096 (RTE 3.4.2). */
const maxLocation = 255
const maxSuspendData = 4096

export class Scorm12Tracker extends ScormTracker {
  private interactionsSupported = true
  /** `cmi.core.lesson_status` as the LMS gave it at start, then as written. */
  private status = ''
  /** A result waiting for the completion rule (see the module comment). */
  private pending: { score: CourseScore; passing: Decimal } | undefined

  constructor(api: Scorm12Api) {
    const session = new ScormSession(
      {
        initialize: () => api.LMSInitialize(''),
        terminate: () => api.LMSFinish(''),
        getValue: (e) => api.LMSGetValue(e),
        setValue: (e, v) => api.LMSSetValue(e, v),
        commit: () => api.LMSCommit(''),
        getLastError: () => String(api.LMSGetLastError()),
        getErrorString: (c) => api.LMSGetErrorString(c),
        getDiagnostic: (c) => api.LMSGetDiagnostic(c)
      },
      // 401 Not implemented: optional elements (lesson_mode, interactions) on some LMSs.
      ['401']
    )
    super(session, {
      standard: 'SCORM 1.2',
      suspendData: { element: 'cmi.suspend_data', limit: maxSuspendData },
      location: { element: 'cmi.core.lesson_location', limit: maxLocation },
      sessionTime: { element: 'cmi.core.session_time', format: cmiTimespan },
      // `""` rather than `logout` once done: logout means "log the learner out" (STANDARDS.md §2.5 step 6).
      exit: { element: 'cmi.core.exit', done: '' }
    })
  }

  start(): Launch {
    const s = this.session
    s.initialize('cmi.core.lesson_status')
    const mode = s.get('cmi.core.lesson_mode')
    const launch: Launch = {
      mode: mode.ok && (mode.value === 'browse' || mode.value === 'review') ? mode.value : 'normal',
      suspendData: s.get('cmi.suspend_data').value,
      location: s.get('cmi.core.lesson_location').value,
      passing: undefined
    }
    if (s.get('cmi.core.entry').value === 'ab-initio') launch.suspendData = ''
    // The learner's id (RTE 3.4, cmi.core.student_id) seeds the shuffled orders of questions.
    const studentId = s.get('cmi.core.student_id')
    if (studentId.ok && studentId.value) launch.learnerId = studentId.value
    // The learner's name (RTE 3.4, cmi.core.student_name, "Last, First" by convention), as given: the certificate shows it as text.
    const studentName = s.get('cmi.core.student_name')
    if (studentName.ok && studentName.value.trim()) launch.learner = studentName.value.trim()
    const mastery = s.get('cmi.student_data.mastery_score')
    if (mastery.ok && mastery.value.trim() !== '') launch.passing = parseDecimal(mastery.value)
    this.recording = launch.mode === 'normal'

    const status = s.get('cmi.core.lesson_status').value
    this.status = status
    this.done = status === 'passed' || status === 'failed'
    // What the LMS holds decides whether a restored result still has to be reported.
    if (this.done) this.held = { verdict: status, raw: s.get('cmi.core.score.raw').value }
    if (!this.recording) launch.kept = this.kept()
    if (this.recording && (status === 'not attempted' || status === '')) {
      this.status = 'incomplete'
      s.set('cmi.core.lesson_status', 'incomplete')
      s.commitNow()
    }
    s.loadObjectives()
    return launch
  }

  quiz(record: QuizRecord): void {
    if (!this.recording) return
    const s = this.session
    this.writeInteractions(record)
    // Each module's quiz is also an objective, so LMS reports show results per module.
    const n = s.objectiveIndex(record.module.id)
    if (n === undefined) return s.flush()
    const prefix = `cmi.objectives.${n}`
    s.set(`${prefix}.id`, record.module.id)
    s.set(`${prefix}.score.min`, '0')
    s.set(`${prefix}.score.max`, '100')
    s.set(`${prefix}.score.raw`, formatHundredths(record.kept.score.hundredths))
    s.set(`${prefix}.status`, record.kept.passed ? 'passed' : 'failed')
    s.flush()
  }

  /**
   * Journal the answers as new interaction records. 1.2 interactions are write-only and
   * optional for the LMS (RTE 3.4.4.8): append at `_count`, give up quietly on 401.
   * Type, response, pattern and result come from the question's type (src/questions/).
   */
  private writeInteractions(quiz: QuizRecord): void {
    const s = this.session
    const { module } = quiz
    if (!this.interactionsSupported || !module.quiz) return
    const count = s.get('cmi.interactions._count')
    if (!count.ok) {
      this.interactionsSupported = false
      return
    }
    let n = Number(count.value) || 0
    const time = cmiTime(new Date())
    // Every attempt appends its own records (a journal): earlier attempts stay as they were.
    for (const { question, answer: selected } of askedQuestions(quiz)) {
      const p = `cmi.interactions.${n++}`
      s.setNow(`${p}.id`, question.id)
      s.setNow(`${p}.objectives.0.id`, module.id)
      s.setNow(`${p}.time`, time)
      const record = scormRecord('scorm12', question, selected)
      s.setNow(`${p}.type`, record.type)
      s.setNow(`${p}.weighting`, String(question.points))
      s.setNow(`${p}.student_response`, record.response)
      for (const [k, pattern] of (record.patterns ?? []).entries()) s.setNow(`${p}.correct_responses.${k}.pattern`, pattern)
      s.setNow(`${p}.result`, record.result)
    }
  }

  result(score: CourseScore, passing: Decimal): void {
    if (!this.recording) return
    // `incomplete` (and no score) until the completion rule holds too; `progressed` writes it then.
    if (!this.completed) {
      this.pending = { score, passing }
      return
    }
    this.pending = undefined
    const s = this.session
    const passed = reaches(score.hundredths, passing)
    // Score before status (STANDARDS.md §2.5 step 5), then commit at once.
    s.set('cmi.core.score.min', '0')
    s.set('cmi.core.score.max', '100')
    s.set('cmi.core.score.raw', formatHundredths(score.hundredths))
    this.status = passed ? 'passed' : 'failed'
    s.set('cmi.core.lesson_status', this.status)
    this.done = true
    s.commitNow()
  }

  /**
   * The completion rule now holds: the result that waited for it is written; a course without
   * quizzes has no verdict, and is `completed` (RTE 3.4.4: the SCO "has been completed"). 1.2 has
   * no element for the progress itself.
   */
  protected progressed(progress: CourseProgress): void {
    if (!progress.complete) return
    if (this.pending) return this.result(this.pending.score, this.pending.passing)
    if (progress.quizzes > 0) return
    this.done = true
    if (this.status === 'completed') return // held from an earlier session
    this.status = 'completed'
    this.session.set('cmi.core.lesson_status', 'completed')
    this.session.commitNow()
  }
}
