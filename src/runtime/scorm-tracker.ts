/**
 * What the SCORM 1.2 and 2004 trackers share beyond the session: saving the state and
 * bookmark within the standard's limits, and ending the session (exit and session time,
 * then finish, or terminate alone on pagehide). The subclasses name the elements.
 */
import type { CourseScore, Decimal } from '../shared/scoring.js'
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
  private readonly started = Date.now()

  constructor(
    protected readonly session: ScormSession,
    private readonly elements: ScormElements
  ) {}

  abstract start(): Launch
  abstract quiz(record: QuizRecord): void
  abstract result(score: CourseScore, passing: Decimal): void

  save(suspendData: string, location: string): void {
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
    this.closing(done)
    this.session.finish()
  }

  pagehide(done: boolean): void {
    if (!this.session.open) return
    this.closing(done)
    this.session.terminateOnly()
  }
}
