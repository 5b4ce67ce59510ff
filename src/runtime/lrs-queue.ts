/**
 * No statement lost: every statement and State write goes through this queue, kept in
 * `localStorage` so that it survives a reload. One request is in flight at a time.
 *
 * - Statements go out as one POST of an array (xAPI 1.0.3 Communication §2.1.2), in queue
 *   order, up to `maxBatch` at a time: the statements pushed in one task (a quiz's `answered`
 *   and the result statements after it) are one request. State writes are separate jobs,
 *   in order among themselves.
 * - What the LRS answers decides what happens to the request's jobs (Communication §3.2):
 *   - 2xx: acknowledged, removed.
 *   - network error, 408, 429 and 5xx: retried with exponential backoff, or after the
 *     `Retry-After` the LRS gave (capped at `maxRetryAfter`).
 *   - 400 (and 413): the LRS refuses the whole batch when one statement is invalid, so a
 *     batch is sent again one statement at a time; a single statement refused is dropped
 *     and logged with the LRS's reason (retrying cannot fix it).
 *   - 401, 403 and any other 4xx: the credentials are refused (an expired or revoked
 *     token) or the LRS is misconfigured. Nothing is dropped: the queue stays stored,
 *     sending stops for this page, `onBlocked` tells the learner, and the next page load
 *     sends it all again.
 * - Statement ids are assigned before queueing, so a job sent twice (a retry after a lost
 *   answer, or a reload) is one statement to the LRS (Communication §2.1.2: same id, same
 *   statement).
 * - On `pagehide`, what is left goes out with `fetch(…, {keepalive: true})` (see
 *   lrs-http.ts): `sendBeacon` cannot carry the Authorization and X-Experience-API-Version
 *   headers. The page never sends those jobs again, so each job has at most one request
 *   in flight; what stays stored goes with the next page of the same launch.
 */
import { logProblem } from './log.js'

export type Job =
  | { kind: 'statement'; statement: { id: string } & Record<string, unknown> }
  | { kind: 'state'; stateId: string; body: unknown }

/** A failed send: `status` is the HTTP status, or 0 for a network error; `retryAfter` in milliseconds. */
export class SendError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfter?: number) {
    super(message)
  }
}

export interface QueueOptions {
  /** localStorage key of this learner's queue (per activity, actor and registration). */
  key: string
  /** Send one request: a run of statements (one POST of an array) or one State write. Throws a SendError on failure. */
  send: (jobs: readonly Job[]) => Promise<void>
  /** Send jobs with keepalive fetches while the page goes away (no answer awaited). */
  sendKeepalive: (jobs: readonly Job[]) => void
  /** The LRS refused the credentials (401, 403) or the request (another 4xx): sending stopped, nothing dropped. */
  onBlocked?: (status: number) => void
  /** First retry delay in milliseconds, doubled on each failure (default: 500). */
  retryDelay?: number
  /** Longest backoff delay (default: 8000). */
  maxDelay?: number
  /** Longest wait a `Retry-After` can ask for (default: 60000). */
  maxRetryAfter?: number
  /** Most statements in one POST (default: 100). */
  maxBatch?: number
}

type Outcome = 'retry' | 'invalid' | 'blocked'

/** What an error status means for the jobs of the request. */
function outcomeOf(status: number): Outcome {
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry'
  if (status === 400 || status === 413) return 'invalid'
  return 'blocked'
}

export class LrsQueue {
  private jobs: Job[]
  private inFlight: readonly Job[] = []
  private failures = 0
  /** Send this many next requests one statement at a time (after a batch was refused as invalid). */
  private singles = 0
  private blocked = false
  /** Jobs the pagehide flush sent with keepalive: never sent again from this page (one send per statement). */
  private readonly sentOnHide = new Set<Job>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly idle: Array<() => void> = []

  constructor(private readonly options: QueueOptions) {
    this.jobs = this.load()
    if (typeof window !== 'undefined') window.addEventListener('online', () => this.retryNow())
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

  /**
   * Queue a job. A State write replaces an unsent earlier write of the same document.
   * Sending starts after the current task, so that what one action queues goes together.
   */
  push(job: Job): void {
    if (job.kind === 'state') {
      const waiting = this.jobs.findIndex((j) => j.kind === 'state' && j.stateId === job.stateId && !this.inFlight.includes(j))
      if (waiting !== -1) this.jobs.splice(waiting, 1)
    }
    this.jobs.push(job)
    this.persist()
    if (this.timer === undefined && this.inFlight.length === 0) this.wait(0)
  }

  /** Send now instead of waiting out a retry delay (back online, or the learner finishes). */
  retryNow(): void {
    if (this.inFlight.length > 0) return
    clearTimeout(this.timer)
    this.timer = undefined
    this.pump()
  }

  /** Resolves once every queued job has been acknowledged (or dropped). */
  drained(): Promise<void> {
    if (this.jobs.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  private wait(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.pump()
    }, delay)
  }

  /** The next request: the head State write alone, or the statements in queue order. */
  private nextBatch(): Job[] {
    const jobs = this.jobs.filter((job) => !this.sentOnHide.has(job))
    const head = jobs[0]
    if (!head || head.kind === 'state') return head ? [head] : []
    const limit = this.singles > 0 ? 1 : (this.options.maxBatch ?? 100)
    return jobs.filter((job) => job.kind === 'statement').slice(0, limit)
  }

  /** Send the next request if none is in flight. */
  pump(): void {
    if (this.blocked || this.inFlight.length > 0 || this.timer !== undefined) return
    const batch = this.nextBatch()
    if (batch.length === 0) {
      for (const resolve of this.idle.splice(0)) resolve()
      return
    }
    this.inFlight = batch
    this.options.send(batch).then(
      () => this.done(batch),
      (error: unknown) => this.failed(batch, error instanceof SendError ? error : new SendError(0, String(error)))
    )
  }

  private failed(batch: readonly Job[], error: SendError): void {
    const what = describe(batch)
    const outcome = outcomeOf(error.status)
    if (outcome === 'invalid') {
      if (batch.length > 1) {
        logProblem(`the LRS refused ${what} with ${error.status}; sending them one at a time to find the one it rejects`)
        this.singles = batch.length
        this.inFlight = []
        this.pump()
      } else {
        logProblem(`the LRS rejected ${what} with ${error.status} (${error.message}); dropped, as sending it again cannot succeed`)
        this.done(batch)
      }
      return
    }
    this.inFlight = []
    if (outcome === 'blocked') {
      this.blocked = true
      logProblem(`the LRS refused ${what} with ${error.status} (${error.message}); sending stopped, ${this.jobs.length} job(s) kept for the next launch`)
      this.options.onBlocked?.(error.status)
      return
    }
    this.failures++
    const backoff = Math.min(this.options.maxDelay ?? 8000, (this.options.retryDelay ?? 500) * 2 ** (this.failures - 1))
    const delay = Math.max(backoff, Math.min(this.options.maxRetryAfter ?? 60_000, error.retryAfter ?? 0))
    logProblem(`could not send ${what} (${error.status || 'network error'}); retrying in ${delay} ms`)
    this.wait(delay)
  }

  private done(batch: readonly Job[]): void {
    this.inFlight = []
    this.failures = 0
    if (this.singles > 0 && batch[0]?.kind === 'statement') this.singles--
    this.jobs = this.jobs.filter((job) => !batch.includes(job))
    this.persist()
    this.pump()
  }

  /**
   * The page is going away: send what is left with keepalive fetches. The jobs stay
   * stored; if any is lost, the next launch sends it again under the same id. Nothing is
   * sent while the LRS refuses the credentials. The request in flight is not sent again
   * (it is a keepalive request itself when small enough); while statements are in flight,
   * the later ones wait for the next launch, so that the LRS stores them in order (cmi5:
   * `terminated` last).
   */
  flushOnPagehide(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.blocked) return
    const statementsInFlight = this.inFlight[0]?.kind === 'statement'
    const left = this.jobs.filter((job) => !this.inFlight.includes(job) && !this.sentOnHide.has(job) && !(statementsInFlight && job.kind === 'statement'))
    if (left.length === 0) return
    this.options.sendKeepalive(left)
    // What went out now must not go again from this page: the answer to the request in
    // flight pumps the queue, which would send them a second time (cmi5: terminated twice,
    // refused as 9.3.0.0-5). Jobs that waited for that answer still go then.
    for (const job of left) this.sentOnHide.add(job)
  }
}

function describe(batch: readonly Job[]): string {
  const first = batch[0]
  if (batch.length > 1) return `${batch.length} statements`
  return first?.kind === 'state' ? `state ${first.stateId}` : `statement ${first?.statement.id ?? ''}`
}
