/**
 * No statement lost: every statement and State write goes through this queue, kept in
 * `localStorage` so that it survives a reload. Jobs are sent one at a time, in order.
 * A network error or a 5xx is retried with exponential backoff; a 4xx is logged and
 * dropped (retrying cannot fix it). Statement ids are assigned before queueing, so a
 * job sent twice (a retry after a lost response, or a reload) is one statement to the
 * LRS (xAPI 1.0.3 Communication §2.1.2: same id, same statement).
 * On `pagehide`, what is left goes out with `fetch(…, {keepalive: true})`: `sendBeacon`
 * cannot carry the Authorization and X-Experience-API-Version headers (STANDARDS.md §7.3).
 */
import { logProblem } from './log.js'

export type Job =
  | { kind: 'statement'; statement: { id: string } & Record<string, unknown> }
  | { kind: 'state'; stateId: string; body: unknown }

/** A failed send: `status` is the HTTP status, or 0 for a network error. */
export class SendError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

export interface QueueOptions {
  /** localStorage key of this learner's queue (per activity, actor and registration). */
  key: string
  /** Send one job through the LRS client; throws a SendError on failure. */
  send: (job: Job) => Promise<void>
  /** Send jobs with keepalive fetches while the page goes away (no answer awaited), statements in order. */
  sendKeepalive: (jobs: readonly Job[]) => void
  /** First retry delay in milliseconds, doubled on each failure (default: 500). */
  retryDelay?: number
  /** Longest retry delay (default: 8000). */
  maxDelay?: number
}

export class LrsQueue {
  private jobs: Job[]
  private sending = false
  private failures = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly idle: Array<() => void> = []

  constructor(private readonly options: QueueOptions) {
    this.jobs = this.load()
    if (typeof window !== 'undefined') window.addEventListener('online', () => this.pump())
  }

  /** Jobs not yet acknowledged by the LRS. */
  get pending(): readonly Job[] {
    return this.jobs
  }

  private load(): Job[] {
    try {
      const saved = JSON.parse(localStorage.getItem(this.options.key) ?? '[]') as unknown
      return Array.isArray(saved) ? (saved as Job[]) : []
    } catch {
      return []
    }
  }

  private persist(): void {
    try {
      if (this.jobs.length === 0) localStorage.removeItem(this.options.key)
      else localStorage.setItem(this.options.key, JSON.stringify(this.jobs))
    } catch {
      // Storage full or blocked: the queue still lives in memory for this page.
    }
  }

  /** Queue a job. A State write replaces an unsent earlier write of the same document. */
  push(job: Job): void {
    if (job.kind === 'state') {
      const waiting = this.jobs.findIndex((j, i) => j.kind === 'state' && j.stateId === job.stateId && (i > 0 || !this.sending))
      if (waiting !== -1) this.jobs.splice(waiting, 1)
    }
    this.jobs.push(job)
    this.persist()
    this.pump()
  }

  /** Resolves once every queued job has been acknowledged (or dropped). */
  drained(): Promise<void> {
    if (this.jobs.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  /** Send the next job if none is in flight. */
  pump(): void {
    if (this.sending || this.timer !== undefined) return
    const job = this.jobs[0]
    if (!job) {
      for (const resolve of this.idle.splice(0)) resolve()
      return
    }
    this.sending = true
    this.options.send(job).then(
      () => this.done(job),
      (error: unknown) => {
        const status = error instanceof SendError ? error.status : 0
        if (status >= 400 && status < 500) {
          logProblem(`the LRS refused ${describe(job)} with ${status}: ${error instanceof Error ? error.message : String(error)}; not retried`)
          this.done(job)
          return
        }
        this.sending = false
        this.failures++
        const delay = Math.min(this.options.maxDelay ?? 8000, (this.options.retryDelay ?? 500) * 2 ** (this.failures - 1))
        logProblem(`could not send ${describe(job)} (${status || 'network error'}); retrying in ${delay} ms`)
        this.timer = setTimeout(() => {
          this.timer = undefined
          this.pump()
        }, delay)
      }
    )
  }

  private done(job: Job): void {
    this.sending = false
    this.failures = 0
    if (this.jobs[0] === job) this.jobs.shift()
    this.persist()
    this.pump()
  }

  /**
   * The page is going away: send everything left with keepalive fetches. The jobs stay
   * stored; if any is lost, the next launch sends it again under the same id.
   */
  flushOnPagehide(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.jobs.length > 0) this.options.sendKeepalive(this.jobs)
  }
}

function describe(job: Job): string {
  return job.kind === 'statement' ? `statement ${job.statement.id}` : `state ${job.stateId}`
}
