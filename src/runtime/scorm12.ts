/**
 * SCORM 1.2 tracking on the LMS's `API` object (RTE 1.2, STANDARDS.md §2 and §7).
 *
 * - `LMSInitialize` once; `LMSFinish` once: from the Finish button after `LMSCommit`,
 *   or on `pagehide` alone, because browsers refuse the synchronous requests many LMSs
 *   make inside `LMSCommit` while a page is being dismissed, while `LMSFinish` persists
 *   the data itself (RTE 3.4.3.2: after LMSFinish the data "has been persisted").
 * - Every call is checked; a failure is logged with `LMSGetErrorString` and
 *   `LMSGetDiagnostic`, and the value is written again at the next commit.
 * - The score is written before the status, and the status always agrees with
 *   raw ≥ mastery score, whichever way the LMS applies the mastery score (§2.3, §7.4).
 */
import type { ModuleData } from '../shared/course-data.js'
import { type CourseScore, type Decimal, formatHundredths, isCorrect, parseDecimal, reaches } from '../shared/scoring.js'
import { cmiTime, cmiTimespan } from '../shared/time.js'
import { logProblem } from './log.js'
import type { Launch, QuizRecord, Tracker } from './tracker.js'

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

/** 1.2 CMIIdentifier and CMIString255 limits (RTE 3.4.2). */
const maxLocation = 255
const maxSuspendData = 4096

/** Commit at most once per this many milliseconds while the learner moves through pages. */
const commitDelay = 1000

export class Scorm12Tracker implements Tracker {
  readonly connected = true
  private initialized = false
  private finished = false
  private recording = true
  private readonly started = Date.now()
  /** Values the LMS accepted, to skip repeated writes; failed ones stay out and are retried. */
  private readonly written = new Map<string, string>()
  /** Values to write at the next commit (a failed write stays here). */
  private readonly pending = new Map<string, string>()
  /** Objective index of each module id (`cmi.objectives.n`). */
  private readonly objectives = new Map<string, number>()
  private interactionsSupported = true
  private commitTimer: ReturnType<typeof setTimeout> | undefined
  private passed: boolean | undefined

  constructor(private readonly api: Scorm12Api) {}

  /** Call an API function and check its result (RTE 3.3.2: "true"/"false", then LMSGetLastError). */
  private call(name: keyof Scorm12Api, ...args: string[]): { ok: boolean; value: string } {
    let value: string
    try {
      value = String((this.api[name] as (...a: string[]) => unknown).apply(this.api, args))
    } catch (error) {
      logProblem(`${name}(${args.join(', ')}) threw: ${String(error)}`)
      return { ok: false, value: '' }
    }
    const code = String(this.api.LMSGetLastError())
    const ok = code === '0' && value !== 'false'
    if (!ok) {
      // Optional elements may be unimplemented (401); not a fault of the course.
      const text = safe(() => this.api.LMSGetErrorString(code))
      const diagnostic = safe(() => this.api.LMSGetDiagnostic(code))
      logProblem(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')}) failed: ${code} ${text}${diagnostic && diagnostic !== text ? ` (${diagnostic})` : ''}`)
    }
    return { ok, value }
  }

  private get(element: string): { ok: boolean; value: string } {
    return this.call('LMSGetValue', element)
  }

  /** Queue a value; written at the next commit unless the LMS already holds it. */
  private set(element: string, value: string): void {
    if (this.written.get(element) === value) {
      this.pending.delete(element)
      return
    }
    this.pending.set(element, value)
  }

  /** Write queued values in order; keep the ones that failed for the next time. */
  private flushValues(): void {
    for (const [element, value] of [...this.pending]) {
      if (this.call('LMSSetValue', element, value).ok) {
        this.written.set(element, value)
        this.pending.delete(element)
      }
    }
  }

  private commitNow(): void {
    if (!this.initialized || this.finished) return
    clearTimeout(this.commitTimer)
    this.commitTimer = undefined
    this.flushValues()
    this.call('LMSCommit', '')
  }

  /** A burst of changes becomes one commit. */
  private scheduleCommit(): void {
    if (this.commitTimer === undefined) this.commitTimer = setTimeout(() => this.commitNow(), commitDelay)
  }

  start(): Launch {
    const init = this.call('LMSInitialize', '')
    // Spec note: a reload inside the same LMS frame may answer "false" (101) because the
    // LMS side is already initialized; treat it as usable when a read works (STANDARDS.md §7.13).
    this.initialized = init.ok || this.get('cmi.core.lesson_status').ok
    const mode = this.get('cmi.core.lesson_mode')
    const launch: Launch = {
      mode: mode.ok && (mode.value === 'browse' || mode.value === 'review') ? mode.value : 'normal',
      suspendData: this.get('cmi.suspend_data').value,
      location: this.get('cmi.core.lesson_location').value,
      passing: undefined
    }
    const entry = this.get('cmi.core.entry').value
    if (entry === 'ab-initio') launch.suspendData = ''
    const mastery = this.get('cmi.student_data.mastery_score')
    if (mastery.ok && mastery.value.trim() !== '') launch.passing = parseDecimal(mastery.value)
    this.recording = launch.mode === 'normal'

    const status = this.get('cmi.core.lesson_status').value
    if (this.recording && (status === 'not attempted' || status === '')) {
      this.set('cmi.core.lesson_status', 'incomplete')
      this.commitNow()
    }
    if (status === 'passed') this.passed = true
    if (status === 'failed') this.passed = false

    const count = Number(this.get('cmi.objectives._count').value) || 0
    for (let n = 0; n < count; n++) {
      const id = this.get(`cmi.objectives.${n}.id`)
      if (id.ok) this.objectives.set(id.value, n)
    }
    return launch
  }

  save(suspendData: string, location: string): void {
    if (suspendData.length <= maxSuspendData) this.set('cmi.suspend_data', suspendData)
    else logProblem(`suspend data of ${suspendData.length} characters exceeds SCORM 1.2's ${maxSuspendData}; not saved`)
    if (location.length <= maxLocation) this.set('cmi.core.lesson_location', location)
    this.scheduleCommit()
  }

  quiz(record: QuizRecord): void {
    if (!this.recording) return
    this.writeInteractions(record.module, record.answers)
    // Each module's quiz is also an objective, so LMS reports show results per module.
    let n = this.objectives.get(record.module.id)
    if (n === undefined) {
      n = Number(this.get('cmi.objectives._count').value) || 0
      this.objectives.set(record.module.id, n)
    }
    const prefix = `cmi.objectives.${n}`
    this.set(`${prefix}.id`, record.module.id)
    this.set(`${prefix}.score.min`, '0')
    this.set(`${prefix}.score.max`, '100')
    this.set(`${prefix}.score.raw`, formatHundredths(record.score.hundredths))
    this.set(`${prefix}.status`, record.passed ? 'passed' : 'failed')
    this.flushValues()
  }

  /**
   * Journal the answers as new interaction records. 1.2 interactions are write-only and
   * optional for the LMS (RTE 3.4.4.8): append at `_count`, and give up quietly on 401.
   */
  private writeInteractions(module: ModuleData, answers: string[][]): void {
    if (!this.interactionsSupported || !module.quiz) return
    const count = this.get('cmi.interactions._count')
    if (!count.ok) {
      this.interactionsSupported = false
      return
    }
    let n = Number(count.value) || 0
    const time = cmiTime(new Date())
    module.quiz.questions.forEach((question, index) => {
      const selected = answers[index] ?? []
      const prefix = `cmi.interactions.${n}`
      const values: Array<[string, string]> = [
        [`${prefix}.id`, question.id],
        [`${prefix}.objectives.0.id`, module.id],
        [`${prefix}.time`, time],
        [`${prefix}.type`, 'choice'],
        [`${prefix}.weighting`, String(question.points)],
        [`${prefix}.student_response`, selected.join(',')],
        [`${prefix}.correct_responses.0.pattern`, question.correct.join(',')],
        [`${prefix}.result`, isCorrect(question, selected) ? 'correct' : 'wrong']
      ]
      // Interaction records are a journal: written directly, never deduplicated.
      for (const [element, value] of values) this.call('LMSSetValue', element, value)
      n++
    })
  }

  result(score: CourseScore, passing: Decimal): void {
    if (!this.recording) return
    const passed = reaches(score.hundredths, passing)
    // Score before status (STANDARDS.md §2.5 step 5), then commit at once.
    this.set('cmi.core.score.min', '0')
    this.set('cmi.core.score.max', '100')
    this.set('cmi.core.score.raw', formatHundredths(score.hundredths))
    this.set('cmi.core.lesson_status', passed ? 'passed' : 'failed')
    this.passed = passed
    this.commitNow()
  }

  /** `cmi.core.exit`: `suspend` while the course is unfinished, `""` once passed or failed (§2.5 step 6). */
  private closingValues(done: boolean): void {
    this.set('cmi.core.session_time', cmiTimespan(Date.now() - this.started))
    this.set('cmi.core.exit', done || this.passed !== undefined ? '' : 'suspend')
  }

  finish(done: boolean): void {
    if (!this.initialized || this.finished) return
    this.closingValues(done)
    this.commitNow()
    this.finished = true
    this.call('LMSFinish', '')
  }

  pagehide(done: boolean): void {
    if (!this.initialized || this.finished) return
    clearTimeout(this.commitTimer)
    this.closingValues(done)
    this.flushValues()
    this.finished = true
    this.call('LMSFinish', '')
  }
}

function safe(read: () => string): string {
  try {
    return String(read())
  } catch {
    return ''
  }
}
