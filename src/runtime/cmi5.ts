/**
 * cmi5 tracking (cmi5 Quartz; STANDARDS.md §5) with @xapi/cmi5: the one-time auth token
 * fetch, `LMS.LaunchData`, learner preferences and the cmi5 defined statements come from
 * the library; every statement it builds goes out through our persistent queue.
 *
 * - The auth token is fetched once and kept in sessionStorage, so a reload within the
 *   session reuses it and does not send `initialized` again (best practice #17).
 * - The LMS's `masteryScore` replaces the course's passing score (§10).
 * - `Browse`/`Review`: only initialized and terminated (§9.3 launchMode).
 * - At most one `completed` and one `passed` per registration, no `failed` after a
 *   `passed`, at most one of passed/failed per session (§9.3.2–9.3.6); the per-registration
 *   flags live in our own State document. `completed` is sent when the course's `completion`
 *   rule first holds (§9.3.2: the learner "has experienced all relevant material"): with the
 *   result under `quizzes`, when the last page is viewed under `pages`; passed/failed follow
 *   the quizzes either way.
 * - Finish sends `terminated` and then goes to `returnURL` when the LMS gave one (§8.2),
 *   and when it is an absolute http(s) URL (see `start`).
 * - The launch link is untrusted: `endpoint` and `fetch` that are not absolute http(s)
 *   URLs are refused, and the course runs as it does without an LMS.
 */
import Cmi5 from '@xapi/cmi5'
import { attemptExtension, xapiDefinition, xapiResult } from '../questions/records.js'
import type { CompletionRule, CourseData, MediaData } from '../shared/course-data.js'
import { mediaActivityId, mediaActivityType, mediaProgressExtension } from '../shared/media.js'
import type { CourseProgress } from '../shared/progress.js'
import { type CourseScore, type Decimal, parseDecimal, reaches, scaledToPercent } from '../shared/scoring.js'
import { logProblem } from './log.js'
import { type LrsTarget, sendJobs, sendKeepalive } from './lrs-http.js'
import { type Job, LrsQueue } from './lrs-queue.js'
import { showNotice } from './notice.js'
import { httpUrl } from './safe-url.js'
import { askedQuestions, type Launch, type QuizRecord, resultKey, type Tracker } from './tracker.js'
import { uuid } from './uuid.js'

const progressStateId = 'coursepack.progress'

interface Session {
  authToken?: string
  initializedDate?: string
  launchData?: unknown
}

/** HTTP status of an error of the library's axios client (undefined: no answer). */
const statusOf = (error: unknown): number | undefined => (error as { response?: { status?: number } } | undefined)?.response?.status

/** A network error or a 5xx: worth another try. */
function isTransient(error: unknown): boolean {
  const status = statusOf(error)
  return status === undefined || status >= 500
}

interface Progress {
  suspendData?: string
  location?: string
  completed?: boolean
  passed?: boolean
  /** The result whose statements were queued (`resultKey`). */
  result?: string
}

type LaunchParameters = ReturnType<Cmi5['getLaunchParameters']>

/**
 * The cmi5 launch parameters (endpoint, fetch, actor, registration, activityId) when they
 * are all present and `endpoint` and `fetch` are absolute http(s) URLs; undefined otherwise
 * (a refused URL is logged), and the course runs without an LMS.
 */
export function readCmi5Launch(): LaunchParameters | undefined {
  if (!Cmi5.isCmiAvailable) return undefined
  // The library's own parse of the query string (protected in its types).
  const params = (Cmi5 as unknown as { getLaunchParametersFromLMS(): LaunchParameters }).getLaunchParametersFromLMS()
  const endpoint = httpUrl(params.endpoint, 'the launch endpoint')
  const fetchUrl = httpUrl(params.fetch, 'the launch fetch URL')
  return endpoint && fetchUrl ? { ...params, endpoint, fetch: fetchUrl } : undefined
}

const resultVerbs = /\/(completed|passed|failed)$/

/**
 * Sort out the queues of earlier launches of this registration (other fetch URLs, or the
 * registration-wide queue of earlier versions). Their statements belong to sessions whose
 * tokens are gone: an LMS refuses them under another session's token (cmi5 §9.6.2.x: the
 * context must match this session's contextTemplate; CATAPULT 10.2.1.0-6), so they are
 * dropped and logged, and a `terminated` whose delivery is unknown is never replayed. Their
 * State writes are not tied to a session and move into this launch's queue. Returns the
 * dropped result statements (completed, passed, failed), whose delivery `start` checks.
 */
function adoptEarlierLaunches(base: string, own: string): Job[] {
  const states: Job[] = []
  const dropped: Job[] = []
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i)
      if (key === null || key === own || (key !== base && !key.startsWith(`${base}|`))) continue
      const jobs = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown
      localStorage.removeItem(key)
      for (const job of Array.isArray(jobs) ? (jobs as Job[]) : []) (job.kind === 'state' ? states : dropped).push(job)
    }
    if (dropped.length > 0) logProblem(`${dropped.length} statement(s) of an earlier cmi5 session were not acknowledged before it ended; dropped, as its token is gone and this session's LMS refuses them`)
    if (states.length > 0) localStorage.setItem(own, JSON.stringify([...states, ...(JSON.parse(localStorage.getItem(own) ?? '[]') as Job[])]))
  } catch {
    // storage blocked or unreadable: nothing to sort out
  }
  return dropped.filter((job) => job.kind === 'statement' && resultVerbs.test(String((job.statement.verb as { id?: unknown } | undefined)?.id)))
}

export class Cmi5Tracker implements Tracker {
  readonly connected = true
  private readonly cmi5: Cmi5
  private readonly queue: LrsQueue
  private progress: Progress = {}
  private normal = true
  private verdictSent = false
  private ended = false
  private rule: CompletionRule = 'quizzes'
  private returnUrl: string | undefined
  /** Context extensions for the statements the library is building right now (an attempt's `answered`). */
  private extensions: Record<string, unknown> | undefined
  /** Result statements of an earlier session that were dropped unsent: their delivery is to be checked. */
  private readonly lost: Job[]

  constructor(private readonly data: CourseData, launch: LaunchParameters) {
    this.cmi5 = new Cmi5(launch)
    // The queue belongs to this launch (its fetch URL): a reload sends what an earlier page
    // of the same launch left, once initialized. What earlier launches left is sorted out first.
    const key = `coursepack:cmi5:${launch.activityId}:${launch.registration}`
    this.lost = adoptEarlierLaunches(key, `${key}|${launch.fetch}`)
    this.queue = new LrsQueue({
      key: `${key}|${launch.fetch}`,
      send: (jobs) => sendJobs(this.target(), jobs),
      sendKeepalive: (jobs) => sendKeepalive(this.target(), jobs),
      // A refused token cannot be renewed by the AU: only a new launch brings a new fetch URL.
      onBlocked: () => showNotice('lrs', data.strings.saveBlockedRelaunch ?? '')
    })
    // The library builds each statement (context template, categories, durations,
    // masteryscore extension); we take over the sending, so nothing is lost.
    this.cmi5.sendXapiStatement = ((statement: { id: string; context?: { extensions?: Record<string, unknown> } }) => {
      if (this.extensions) statement.context = { ...statement.context, extensions: { ...statement.context?.extensions, ...this.extensions } }
      this.enqueue({ kind: 'statement', statement })
      return Promise.resolve({ data: [statement.id] })
    }) as never
  }

  private get params() {
    return this.cmi5.getLaunchParameters()
  }

  /** Per launch: a reload reuses the token, a new launch (a new fetch URL) fetches its own. */
  private get sessionKey(): string {
    return `coursepack:cmi5:session:${this.params.registration}:${this.params.fetch}`
  }

  private target(): LrsTarget {
    return {
      endpoint: this.params.endpoint.replace(/\/*$/, '/'),
      auth: `Basic ${this.cmi5.getAuthToken()}`,
      state: { activityId: this.params.activityId, agent: this.params.actor as object, registration: this.params.registration }
    }
  }

  private enqueue(job: Job): void {
    this.queue.push(job)
  }

  private readSession(): Session {
    try {
      return (JSON.parse(sessionStorage.getItem(this.sessionKey) ?? 'null') as Session | null) ?? {}
    } catch {
      return {}
    }
  }

  private writeSession(session: Session): void {
    try {
      sessionStorage.setItem(this.sessionKey, JSON.stringify(session))
    } catch {
      // sessionStorage blocked: a reload will need a new launch from the LMS
    }
  }

  /**
   * Initialize through the library, keeping what must survive a reload in sessionStorage:
   * the token (the fetch URL works once, §8.2.3) and LMS.LaunchData (fixed for the
   * session, §10), so a reload works even while the LRS is unreachable. Network failures
   * are retried with backoff; `initialized` is queued only once per session.
   */
  private async initialize(): Promise<void> {
    const session = this.readSession()
    const lib = this.cmi5 as unknown as { getAuthTokenFromLMS(url: string): Promise<string | undefined>; getLaunchDataFromLMS(): Promise<unknown> }
    const fetchToken = lib.getAuthTokenFromLMS.bind(this.cmi5)
    const fetchLaunchData = lib.getLaunchDataFromLMS.bind(this.cmi5)
    lib.getAuthTokenFromLMS = async (url) => {
      if (!session.authToken) {
        const token = await fetchToken(url)
        if (!token) throw new Error('the LMS fetch URL gave no auth-token (already used or expired)')
        session.authToken = token
        this.writeSession(session)
      }
      return session.authToken
    }
    lib.getLaunchDataFromLMS = async () => {
      if (!session.launchData) {
        session.launchData = await fetchLaunchData()
        this.writeSession(session)
      }
      return session.launchData
    }
    for (let attempt = 0; ; attempt++) {
      try {
        if (session.initializedDate) await this.cmi5.initialize({ authToken: session.authToken ?? '', initializedDate: new Date(session.initializedDate) })
        else await this.cmi5.initialize()
        break
      } catch (error) {
        // A refused token (401, 403) stays refused: only a new launch brings a new one.
        const refused = statusOf(error) === 401 || statusOf(error) === 403
        if (attempt >= 6 || refused || (session.authToken === undefined && !isTransient(error))) throw error
        logProblem(`cmi5 launch failed (${String(error)}); retrying`)
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt))
      }
    }
    session.initializedDate = this.cmi5.getInitializedDate().toISOString()
    this.writeSession(session)
  }

  async start(): Promise<Launch> {
    await this.initialize()
    const launchData = this.cmi5.getLaunchData()
    this.normal = launchData.launchMode === 'Normal'
    // LMS.LaunchData comes from the LRS at the `endpoint` the launch link names, with the
    // token from the link's `fetch` URL: a crafted link can serve any returnURL. Only an
    // absolute http(s) URL is followed (never `javascript:` or `data:`); its host is the
    // LMS's choice (§10 returnURL), so any host is allowed.
    this.returnUrl = launchData.returnURL ? httpUrl(launchData.returnURL, 'the returnURL') : undefined
    this.queue.pump()
    const queued = [...this.queue.pending].reverse().find((job) => job.kind === 'state' && job.stateId === progressStateId)
    if (queued?.kind === 'state') this.progress = queued.body as Progress
    else {
      try {
        const response = await this.cmi5.xapi?.getState({ agent: this.params.actor as never, activityId: this.params.activityId, registration: this.params.registration, stateId: progressStateId })
        if (response && typeof response.data === 'object') this.progress = response.data as Progress
      } catch {
        this.progress = {} // none yet (404), or the LRS is unreachable
      }
    }
    await this.checkLost()
    const mastery = typeof launchData.masteryScore === 'number' ? parseDecimal(String(launchData.masteryScore)) : undefined
    const name = (this.params.actor as { name?: unknown }).name
    // cmi5 (9.2, Actor) identifies the learner by an account: its name seeds the shuffled question orders.
    const accountName = (this.params.actor as { account?: { name?: unknown } }).account?.name
    return {
      mode: this.normal ? 'normal' : launchData.launchMode === 'Review' ? 'review' : 'browse',
      suspendData: this.progress.suspendData ?? '',
      location: this.progress.location ?? '',
      passing: mastery && scaledToPercent(mastery),
      ...(this.returnUrl ? { leavesToLms: true } : {}),
      ...(typeof name === 'string' && name ? { learner: name } : {}),
      ...(typeof accountName === 'string' && accountName ? { learnerId: accountName } : {})
    }
  }

  /**
   * Result statements an earlier session left unacknowledged may or may not have reached the
   * LRS. One that it does not hold (404) was never reported: forget the flags that say so,
   * and the player reports the restored result again. Unknown (no answer): keep the flags,
   * as sending a second completed or passed breaks cmi5 §9.3.
   */
  private async checkLost(): Promise<void> {
    for (const job of this.lost) {
      if (job.kind !== 'statement') continue
      try {
        await this.cmi5.xapi?.getStatement({ statementId: job.statement.id })
      } catch (error) {
        if (statusOf(error) !== 404) continue
        const verb = String((job.statement.verb as { id?: unknown } | undefined)?.id)
        if (verb.endsWith('/completed')) delete this.progress.completed
        if (verb.endsWith('/passed')) delete this.progress.passed
        delete this.progress.result
      }
    }
  }

  private saveProgress(): void {
    this.enqueue({ kind: 'state', stateId: progressStateId, body: { ...this.progress } })
  }

  save(suspendData: string, location: string): void {
    // Browse and Review record nothing (§10 launchMode): a Browse's answers kept here
    // would come back in a Normal session as a result never reported.
    if (!this.normal) return
    this.progress.suspendData = suspendData
    this.progress.location = location
    this.saveProgress()
  }

  /**
   * `experienced` a required video or audio, once played to 90%: a "cmi5 allowed" statement
   * (STANDARDS.md §5.2–5.3: between initialized and terminated, a copy of the context template
   * without the cmi5 category) about the media's activity under the AU's. Without
   * `result.completion`, which only `completed` may carry, and so without the moveon category.
   */
  media(media: MediaData, percent: number): void {
    if (!this.normal || this.ended || !this.cmi5.isAuthenticated) return
    const params = this.params
    // A deep copy: the template stays as the LMS gave it for the statements after this one.
    const template = JSON.parse(JSON.stringify(this.cmi5.getLaunchData().contextTemplate ?? {})) as { contextActivities?: Record<string, unknown> }
    const parent = [{ objectType: 'Activity', id: params.activityId }]
    this.enqueue({
      kind: 'statement',
      statement: {
        id: uuid(),
        actor: params.actor,
        timestamp: new Date().toISOString(),
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
        object: { objectType: 'Activity', id: mediaActivityId(params.activityId, media), definition: { type: mediaActivityType(media.kind), name: { [this.data.language]: media.title } } },
        result: { extensions: { [mediaProgressExtension]: percent / 100 } },
        context: { ...template, registration: params.registration, contextActivities: { ...template.contextActivities, parent } }
      }
    })
  }

  quiz(record: QuizRecord): void {
    const { module } = record
    if (!this.normal || !module.quiz) return
    const lang = this.data.language
    // The library builds each `answered` and hands it to sendXapiStatement (ours) at once: the
    // attempt's number is added to its context there.
    this.extensions = { [attemptExtension]: record.attempt }
    try {
      for (const { question, answer } of askedQuestions(record)) {
        const result = xapiResult(question, answer)
        void this.cmi5.interaction(module.id, question.id, result.response, xapiDefinition(question, lang) as never, result.success)
      }
    } finally {
      this.extensions = undefined
    }
  }

  /** Under `completion: pages` or `pages-and-quizzes`: `completed` once the rule holds, once per registration. */
  progressChanged(progress: CourseProgress, rule: CompletionRule): void {
    this.rule = rule
    if (!this.normal || rule === 'quizzes' || !progress.complete) return
    if (this.complete()) this.saveProgress()
  }

  /** Send `completed` unless this registration has it (§9.3.2); true when sent now. */
  private complete(): boolean {
    if (this.progress.completed) return false
    void this.cmi5.complete()
    this.progress.completed = true
    return true
  }

  result(score: CourseScore, passing: Decimal): void {
    if (!this.normal) return
    const passed = reaches(score.hundredths, passing)
    const scaled = score.hundredths / 10000
    // cmi5 scores are integers for raw/min/max (§9.5.1); scaled carries the precision.
    const resultScore = { scaled, raw: Math.floor(score.hundredths / 100), min: 0, max: 100 }
    // Under `completion: quizzes` every quiz submitted completes the course; otherwise `progressChanged` completes it.
    if (this.rule === 'quizzes') this.complete()
    if (this.verdictSent || this.progress.passed) {
      logProblem('a verdict was already sent in this session or registration; cmi5 allows no other')
    } else {
      try {
        void (passed ? this.cmi5.pass(resultScore) : this.cmi5.fail(resultScore))
        this.verdictSent = true
        if (passed) this.progress.passed = true
      } catch (error) {
        logProblem(`cannot send the verdict: ${String(error)}`)
      }
    }
    this.progress.result = resultKey(score, passing)
    this.saveProgress()
  }

  /** The progress document names this result: its statements were queued in an earlier session. */
  holds(score: CourseScore, passing: Decimal): boolean {
    return this.progress.result === resultKey(score, passing)
  }

  holdsVerdict(): boolean {
    return this.progress.result !== undefined
  }

  private terminated(): void {
    if (this.ended || !this.cmi5.isAuthenticated) return
    this.ended = true
    void this.cmi5.terminate()
  }

  finish(): void {
    this.terminated()
    // The AU must hand the learner back to the LMS when it gave a returnURL (§8.2).
    const url = this.returnUrl
    if (url) {
      this.queue.retryNow()
      const leave = () => window.location.assign(url)
      void Promise.race([this.queue.drained(), new Promise((resolve) => setTimeout(resolve, 3000))]).then(leave)
    }
  }

  pagehide(): void {
    this.terminated()
    this.queue.flushOnPagehide()
  }
}
