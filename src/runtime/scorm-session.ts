/**
 * What SCORM 1.2 and 2004 sessions share: checked calls, queued values written at the
 * next commit (a failed write stays queued), throttled commits, and the
 * initialize-once / finish-once guard. The standards differ only in names and elements.
 */
import { logProblem } from './log.js'
import { reportSave } from './save-notice.js'

/** The eight API functions, by their role (1.2 and 2004 name them differently). */
export interface ScormCalls {
  initialize(): string
  terminate(): string
  getValue(element: string): string
  setValue(element: string, value: string): string
  commit(): string
  getLastError(): string
  getErrorString(code: string): string
  getDiagnostic(code: string): string
}

/** Commit at most once per this many milliseconds while the learner moves through pages. */
const commitDelay = 1000

export class ScormSession {
  private initialized = false
  private finished = false
  /** Values the LMS accepted, to skip repeated writes. */
  private readonly written = new Map<string, string>()
  /** Values to write at the next commit; a failed write stays here and is tried again. */
  private readonly pending = new Map<string, string>()
  private commitTimer: ReturnType<typeof setTimeout> | undefined
  /** Index of each objective id in `cmi.objectives.n` (the same in 1.2 and 2004). */
  private readonly objectives = new Map<string, number>()

  constructor(
    private readonly api: ScormCalls,
    /** Error codes that only mean "this LMS does not implement that optional element". */
    private readonly quietCodes: readonly string[]
  ) {}

  /** Learn the ids of the objectives the LMS already holds (a resumed attempt). */
  loadObjectives(): void {
    const count = Number(this.get('cmi.objectives._count').value) || 0
    for (let n = 0; n < count; n++) {
      const id = this.get(`cmi.objectives.${n}.id`)
      if (id.ok) this.objectives.set(id.value, n)
    }
  }

  /**
   * The index of an objective: the one it already has, else the next free one; undefined when
   * the LMS cannot count them (`_count` unimplemented, 401/402): every new objective would be
   * written over record 0, whose id cannot change (SCORM 2004: 351).
   */
  objectiveIndex(id: string): number | undefined {
    let n = this.objectives.get(id)
    if (n === undefined) {
      const count = this.get('cmi.objectives._count')
      if (!count.ok) return undefined
      n = Number(count.value) || 0
      this.objectives.set(id, n)
    }
    return n
  }

  get open(): boolean {
    return this.initialized && !this.finished
  }

  /**
   * Call the API and check the result: `"true"`/`"false"` or a value, then the last
   * error code. A failure is logged with the LMS's error string and diagnostic.
   */
  call(what: string, run: () => string): { ok: boolean; value: string } {
    let value: string
    try {
      value = String(run())
    } catch (error) {
      logProblem(`${what} threw: ${String(error)}`)
      return { ok: false, value: '' }
    }
    const code = String(this.api.getLastError())
    const ok = code === '0' && value !== 'false'
    if (!ok && !this.quietCodes.includes(code)) {
      const text = safe(() => this.api.getErrorString(code))
      const diagnostic = safe(() => this.api.getDiagnostic(code))
      logProblem(`${what} failed: ${code} ${text}${diagnostic && diagnostic !== text ? ` (${diagnostic})` : ''}`)
    }
    return { ok, value }
  }

  initialize(probe: string): boolean {
    const init = this.call('Initialize("")', () => this.api.initialize())
    // A reload inside the same LMS frame may answer "false" because the LMS side is
    // already initialized; usable when a read works (STANDARDS.md §7.13).
    this.initialized = init.ok || this.get(probe).ok
    return this.initialized
  }

  get(element: string): { ok: boolean; value: string } {
    return this.call(`GetValue(${JSON.stringify(element)})`, () => this.api.getValue(element))
  }

  /** Write at once, unqueued (interaction journals). */
  setNow(element: string, value: string): boolean {
    return this.call(`SetValue(${JSON.stringify(element)}, ${JSON.stringify(value)})`, () => this.api.setValue(element, value)).ok
  }

  /** Queue a value; written at the next flush unless the LMS already holds it. */
  set(element: string, value: string): void {
    if (this.written.get(element) === value) this.pending.delete(element)
    else this.pending.set(element, value)
  }

  /** Write queued values in order; failed ones stay queued. */
  flush(): void {
    if (!this.open) return
    for (const [element, value] of [...this.pending.entries()]) {
      if (this.setNow(element, value)) {
        this.written.set(element, value)
        this.pending.delete(element)
      }
    }
  }

  commitNow(): void {
    if (!this.open) return
    clearTimeout(this.commitTimer)
    this.commitTimer = undefined
    this.flush()
    reportSave(this.call('Commit("")', () => this.api.commit()).ok)
  }

  /** A burst of changes becomes one commit. */
  scheduleCommit(): void {
    if (this.open && this.commitTimer === undefined) this.commitTimer = setTimeout(() => this.commitNow(), commitDelay)
  }

  /** Finish from the course: commit, then terminate (STANDARDS.md §7.1). */
  finish(): void {
    if (!this.open) return
    this.commitNow()
    this.finished = true
    this.call('Terminate("")', () => this.api.terminate())
  }

  /**
   * Finish because the page is going away: terminate alone. Browsers refuse the
   * synchronous requests many LMSs make inside Commit while a page is being dismissed;
   * Terminate persists the data itself (STANDARDS.md §7.2).
   */
  terminateOnly(): void {
    if (!this.open) return
    clearTimeout(this.commitTimer)
    this.flush()
    this.finished = true
    this.call('Terminate("")', () => this.api.terminate())
  }
}

function safe(read: () => string): string {
  try {
    return String(read())
  } catch {
    return ''
  }
}
