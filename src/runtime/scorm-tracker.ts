/**
 * What the SCORM 1.2 and 2004 trackers share beyond the session: saving the state and
 * bookmark within the standard's limits, and ending the session (exit and session time,
 * then finish, or terminate alone on pagehide). The subclasses name the elements.
 *
 * Outside normal mode nothing is written: not the state, the bookmark, the exit or the
 * session time, let alone a status, score, interaction or objective; the session is only
 * initialized, read and finished.
 * - SCORM 1.2 RTE 3.4.4, `cmi.core.lesson_mode`: `browse` is the learner looking at the SCO
 *   without being credited (the LMS itself may then set `browsed`); `review` is a SCO already
 *   used, looked at again. Neither is an attempt to record.
 * - SCORM 2004 4th ed. RTE 4.2 `cmi.mode`: `browse` presents the SCO without the intent of
 *   recording anything about the session; `review` presents an attempt that has already
 *   recorded its data without the intent of updating it (`cmi.credit` no-credit likewise).
 * Writing `suspend_data` in browse would let a Preview's answers come back in the next
 * normal session as a result the LMS never scored; writing `exit`, `location` or
 * `suspend_data` in review overwrites the finished attempt (Moodle hands review no data).
 */
import type { CompletionRule } from '../shared/course-data.js'
import type { CourseProgress } from '../shared/progress.js'
import { type CourseScore, type Decimal, formatHundredths, parseDecimal, reaches } from '../shared/scoring.js'
import { logProblem } from './log.js'
import type { ScormSession } from './scorm-session.js'
import type { Launch, QuizRecord, Tracker } from './tracker.js'

export interface ScormElements {
  /** For messages: `SCORM 1.2` or `SCORM 2004`. */
  standard: string
  suspendData: { element: string; limit: number }
  location: { element: string; limit: number }
  sessionTime: { element: string; format: (milliseconds: number) => string }
  /** The exit element, and its value once the course is done (`suspend` before). */
  exit: { element: string; done: string }
}

export abstract class ScormTracker implements Tracker {
  readonly connected = true
  protected recording = true
  /** Passed or failed already (this session or an earlier one). */
  protected done = false
  /** What the LMS held at start: the verdict (`passed`/`failed`, or '') and `score.raw`. */
  protected held = { verdict: '', raw: '' }
  /** The course's completion rule and the last progress the player gave (`progressChanged`). */
  protected rule: CompletionRule = 'quizzes'
  protected lastProgress: CourseProgress | undefined
  private readonly started = Date.now()

  constructor(
    protected readonly session: ScormSession,
    private readonly elements: ScormElements
  ) {}

  abstract start(): Launch
  abstract quiz(record: QuizRecord): void
  abstract result(score: CourseScore, passing: Decimal): void
  /** The progress changed under a completion rule other than `quizzes`: record it as the standard does. */
  protected abstract progressed(progress: CourseProgress): void

  progressChanged(progress: CourseProgress, rule: CompletionRule): void {
    this.rule = rule
    this.lastProgress = progress
    // Under `completion: quizzes` completion comes with the result, as it always has.
    if (this.recording && rule !== 'quizzes') this.progressed(progress)
  }

  /** The completion rule holds; under `quizzes` it does whenever the result is written (every quiz is in). */
  protected get completed(): boolean {
    return this.rule === 'quizzes' || this.lastProgress?.complete === true
  }

  /** The LMS holds this result already: the same verdict and the same raw score. */
  holds(score: CourseScore, passing: Decimal): boolean {
    return this.held.verdict === (reaches(score.hundredths, passing) ? 'passed' : 'failed') && this.held.raw === formatHundredths(score.hundredths)
  }

  holdsVerdict(): boolean {
    return this.held.verdict !== ''
  }

  /** The kept result of a finished attempt, as far as the LMS gives it (shown in review). */
  protected kept(): NonNullable<Launch['kept']> {
    const raw = parseDecimal(this.held.raw)
    const kept: NonNullable<Launch['kept']> = {}
    if (raw) kept.hundredths = Math.round((raw.units * 100) / raw.scale)
    if (this.held.verdict) kept.passed = this.held.verdict === 'passed'
    return kept
  }

  save(suspendData: string, location: string): void {
    if (!this.recording) return
    const { suspendData: data, location: bookmark, standard } = this.elements
    if (suspendData.length <= data.limit) this.session.set(data.element, suspendData)
    else logProblem(`suspend data of ${suspendData.length} characters exceeds ${standard}'s ${data.limit}; not saved`)
    if (location.length <= bookmark.limit) this.session.set(bookmark.element, location)
    this.session.scheduleCommit()
  }

  /** Exit `suspend` while unfinished, so the attempt can resume; the done value once passed or failed. */
  private closing(done: boolean): void {
    const { sessionTime, exit } = this.elements
    this.session.set(sessionTime.element, sessionTime.format(Date.now() - this.started))
    this.session.set(exit.element, done || this.done ? exit.done : 'suspend')
  }

  finish(done: boolean): void {
    if (!this.session.open) return
    if (!this.recording) return this.session.terminateOnly() // nothing to commit
    this.closing(done)
    this.session.finish()
  }

  pagehide(done: boolean): void {
    if (!this.session.open) return
    if (this.recording) this.closing(done)
    this.session.terminateOnly()
  }
}
