/**
 * xAPI (TinCan package) tracking (STANDARDS.md §4): launch parameters by Rustici's
 * TinCan launch convention, statements through @xapi/xapi behind the persistent queue,
 * and resume through the State API.
 */
import XAPI from '@xapi/xapi'
import { attemptExtension, xapiDefinition, xapiResult } from '../questions/records.js'
import type { CompletionRule, CourseData, MediaData, ModuleData } from '../shared/course-data.js'
import { mediaActivityId, mediaActivityType, mediaProgressExtension } from '../shared/media.js'
import type { CourseProgress } from '../shared/progress.js'
import { type CourseScore, type Decimal, reaches } from '../shared/scoring.js'
import { isoDuration } from '../shared/time.js'
import { fetchAdapter, type LrsTarget, normalizeEndpoint, sendJobs, sendKeepalive } from './lrs-http.js'
import { type Job, LrsQueue } from './lrs-queue.js'
import { showNotice } from './notice.js'
import { httpUrl } from './safe-url.js'
import { askedQuestions, type Launch, type QuizRecord, resultKey, type Tracker } from './tracker.js'
import { uuid } from './uuid.js'

type Actor = Record<string, unknown>

export interface TinCanLaunch {
  endpoint: string
  auth: string
  actor: Actor
  registration: string | undefined
  activityId: string | undefined
}

/** The State document holding the learner's progress. */
export const progressStateId = 'coursepack.progress'

/** First value of a legacy (0.95) array property. */
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)

/**
 * Normalize a launch actor to xAPI 1.0 form: TinCan 0.95 sends arrays
 * (`name: ["…"]`, `mbox: ["mailto:…"]`, `account: [{accountServiceHomePage, accountName}]`).
 */
export function normalizeActor(actor: Actor): Actor {
  const out: Actor = { objectType: 'Agent' }
  const name = first(actor.name)
  if (typeof name === 'string') out.name = name
  for (const key of ['mbox', 'mbox_sha1sum', 'openid'] as const) {
    const value = first(actor[key])
    if (typeof value === 'string') {
      out[key] = value
      return out
    }
  }
  const account = first(actor.account) as Record<string, unknown> | undefined
  if (account) out.account = { homePage: account.homePage ?? account.accountServiceHomePage, name: account.name ?? account.accountName }
  return out
}

/**
 * The actor's identifier (xAPI 1.0.3, 2.4.2.3, Inverse Functional Identifier): the mbox (or its
 * sha1sum, or openid) or the account's name; it seeds the learner's shuffled question orders.
 */
export function actorId(actor: Actor): string | undefined {
  for (const key of ['mbox', 'mbox_sha1sum', 'openid'] as const) {
    const value = actor[key]
    if (typeof value === 'string' && value) return value
  }
  const account = actor.account as Record<string, unknown> | undefined
  return typeof account?.name === 'string' && account.name ? account.name : undefined
}

/**
 * Read the TinCan launch parameters; undefined when the package was not launched by an
 * LRS-backed LMS, or when the `endpoint` is not an absolute http(s) URL (logged), so the
 * course runs as it does without an LMS. The launch link is untrusted: the TinCan launch
 * sends `auth` to whatever `endpoint` the link names, and the actor's name is only ever
 * shown as text.
 */
export function readTinCanLaunch(): TinCanLaunch | undefined {
  const params = XAPI.getTinCanLaunchData()
  if (!params.endpoint || !params.actor) return undefined
  const endpoint = httpUrl(params.endpoint, 'the launch endpoint')
  if (!endpoint) return undefined
  let actor = params.actor as unknown
  if (typeof actor === 'string') {
    try {
      actor = JSON.parse(actor)
    } catch {
      return undefined
    }
  }
  return {
    endpoint: normalizeEndpoint(endpoint),
    // Spec note: without `auth` (OAuth or a partial launch) the content cannot report;
    // requests then fail with 401: the queue keeps them and the learner is told.
    auth: params.auth ?? '',
    actor: normalizeActor(actor as Actor),
    registration: params.registration || undefined,
    activityId: params.activity_id || undefined
  }
}

const verb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } })
const activityType = (name: string) => `http://adlnet.gov/expapi/activities/${name}`

export class XapiTracker implements Tracker {
  readonly connected = true
  private readonly xapi: XAPI
  private readonly queue: LrsQueue
  private readonly root: string
  private readonly target: LrsTarget
  private readonly started = Date.now()
  private recording = true
  private ended = false
  private progress = { suspendData: '', location: '' }
  /** The result the progress document says was queued (`<hundredths>:<verdict>`), kept with the state. */
  private reportedResult: string | undefined
  /**
   * Under a `completion` rule other than `quizzes`: whether the rule holds, and whether the
   * course's `completed` was queued (kept in the progress document, so it goes out once).
   */
  private rule: CompletionRule = 'quizzes'
  private complete = false
  private completedQueued = false

  constructor(private readonly data: CourseData, private readonly launch: TinCanLaunch) {
    this.root = launch.activityId ?? data.activityId
    this.xapi = new XAPI({ endpoint: launch.endpoint, auth: launch.auth, adapter: fetchAdapter })
    this.target = { endpoint: launch.endpoint, auth: launch.auth, state: { activityId: this.root, agent: launch.actor, registration: launch.registration } }
    this.queue = new LrsQueue({
      key: `coursepack:xapi:${this.root}:${launch.registration ?? ''}:${JSON.stringify(launch.actor)}`,
      send: (jobs) => sendJobs(this.target, jobs),
      sendKeepalive: (jobs) => sendKeepalive(this.target, jobs),
      onBlocked: () => showNotice('lrs', data.strings.saveBlocked ?? '')
    })
  }

  private stateParams() {
    return { agent: this.launch.actor as never, activityId: this.root, ...(this.launch.registration ? { registration: this.launch.registration } : {}) }
  }

  private get lang(): string {
    return this.data.language
  }

  private courseActivity() {
    return { objectType: 'Activity', id: this.root, definition: { type: activityType('course'), name: { [this.lang]: this.data.title } } }
  }

  private moduleActivity(module: ModuleData) {
    return { objectType: 'Activity', id: `${this.root}/modules/${encodeURIComponent(module.id)}`, definition: { type: activityType('module'), name: { [this.lang]: module.title } } }
  }

  /** A statement with a fresh id, the launch actor, and the registration in its context. */
  private statement(parts: Record<string, unknown>, parent?: ModuleData, extensions?: Record<string, unknown>): Job {
    const context: Record<string, unknown> = {
      language: this.lang,
      contextActivities: parent ? { parent: [this.moduleActivity(parent)], grouping: [this.courseActivity()] } : {},
      ...(extensions ? { extensions } : {})
    }
    if (this.launch.registration) context.registration = this.launch.registration
    return { kind: 'statement', statement: { id: uuid(), actor: this.launch.actor, timestamp: new Date().toISOString(), context, ...parts } }
  }

  async start(): Promise<Launch> {
    // The newest progress is an unsent State write still queued from an earlier visit, else the LRS's.
    const queued = [...this.queue.pending].reverse().find((job) => job.kind === 'state' && job.stateId === progressStateId)
    let saved = queued?.kind === 'state' ? (queued.body as { suspendData?: string; location?: string; result?: string; completed?: boolean }) : undefined
    if (!saved) {
      try {
        saved = (await this.xapi.getState({ ...this.stateParams(), stateId: progressStateId })).data as never
      } catch {
        saved = undefined // 404 on a first launch, or the LRS unreachable: start from the beginning
      }
    }
    if (typeof saved?.result === 'string') this.reportedResult = saved.result
    if (saved?.completed === true) this.completedQueued = true
    this.queue.push(this.statement({ verb: verb('initialized'), object: this.courseActivity() }))
    this.queue.pump()
    const name = this.launch.actor.name
    const learnerId = actorId(this.launch.actor)
    return {
      mode: 'normal',
      suspendData: typeof saved?.suspendData === 'string' ? saved.suspendData : '',
      location: typeof saved?.location === 'string' ? saved.location : '',
      passing: undefined,
      ...(typeof name === 'string' && name ? { learner: name } : {}),
      ...(learnerId ? { learnerId } : {})
    }
  }

  save(suspendData: string, location: string): void {
    this.progress = { suspendData, location }
    this.queue.push({
      kind: 'state',
      stateId: progressStateId,
      body: { ...this.progress, ...(this.reportedResult ? { result: this.reportedResult } : {}), ...(this.completedQueued ? { completed: true } : {}) }
    })
  }

  /**
   * The result statements go in the same stored queue as the progress document, ahead of
   * the document that names them (`result`): a progress document naming this result means
   * they were queued, and the queue delivers them or a 400 dropped them as invalid.
   */
  holds(score: CourseScore, passing: Decimal): boolean {
    return this.reportedResult === resultKey(score, passing)
  }

  holdsVerdict(): boolean {
    return this.reportedResult !== undefined
  }

  viewed(page: string, title: string): void {
    const index = this.data.pages.indexOf(page)
    const kind = this.data.kinds[index]
    if (!this.recording || (kind !== 'lesson' && kind !== 'risks')) return
    const module = this.data.modules.find((m) => m.pages.includes(page))
    this.queue.push(
      this.statement(
        { verb: verb('experienced'), object: { objectType: 'Activity', id: `${this.root}/pages/${encodeURIComponent(page)}`, definition: { type: activityType('lesson'), name: { [this.lang]: title } } } },
        module
      )
    )
  }

  /** `experienced` a required video or audio, once played to 90%: its own activity under the course's. */
  media(media: MediaData, percent: number): void {
    if (!this.recording || this.ended) return
    const module = this.data.modules.find((m) => m.pages.includes(media.page))
    this.queue.push(
      this.statement(
        {
          verb: verb('experienced'),
          object: { objectType: 'Activity', id: mediaActivityId(this.root, media), definition: { type: mediaActivityType(media.kind), name: { [this.lang]: media.title } } },
          result: { completion: true, extensions: { [mediaProgressExtension]: percent / 100 } }
        },
        module
      )
    )
  }

  quiz(record: QuizRecord): void {
    const { module } = record
    if (!this.recording || !module.quiz) return
    // One `answered` per question the attempt asked, with the full definition (tincan.xml holds
    // no correct responses) and the attempt's number.
    for (const { question, answer: selected } of askedQuestions(record)) {
      const definition = xapiDefinition(question, this.lang)
      this.queue.push(
        this.statement(
          {
            verb: verb('answered'),
            object: { objectType: 'Activity', id: `${this.root}/interactions/${encodeURIComponent(question.id)}`, definition },
            result: xapiResult(question, selected)
          },
          module,
          { [attemptExtension]: record.attempt }
        )
      )
    }
  }

  /**
   * Under `completion: pages` or `pages-and-quizzes`, the course's `completed` goes out once,
   * when the rule first holds (xAPI 1.0.3 verb `completed`: the activity was finished); the
   * result then follows the quizzes alone.
   */
  progressChanged(progress: CourseProgress, rule: CompletionRule): void {
    this.rule = rule
    this.complete = progress.complete
    if (!this.recording || rule === 'quizzes' || !progress.complete || this.completedQueued) return
    this.queue.push(this.statement({ verb: verb('completed'), object: this.courseActivity(), result: { completion: true, duration: isoDuration(Date.now() - this.started) } }))
    // Queued ahead of the progress document that says so (see `holds`).
    this.completedQueued = true
    this.save(this.progress.suspendData, this.progress.location)
  }

  result(score: CourseScore, passing: Decimal): void {
    if (!this.recording) return
    const passed = reaches(score.hundredths, passing)
    const duration = isoDuration(Date.now() - this.started)
    // Under `completion: quizzes` every quiz submitted completes the course: `completed` comes with the result.
    if (this.rule === 'quizzes') this.queue.push(this.statement({ verb: verb('completed'), object: this.courseActivity(), result: { completion: true, duration } }))
    const completion = this.rule === 'quizzes' || this.complete
    this.queue.push(
      this.statement({
        verb: verb(passed ? 'passed' : 'failed'),
        object: this.courseActivity(),
        // No `completion` on a failure: Cornerstone puts a failed statement with completion true on the transcript as completed (cornerstone profile).
        // Nor before the completion rule holds: the course is not completed yet.
        result: { score: { scaled: score.hundredths / 10000, raw: score.hundredths / 100, min: 0, max: 100 }, success: passed, ...(passed && completion ? { completion: true } : {}), duration }
      })
    )
    this.reportedResult = resultKey(score, passing)
    this.save(this.progress.suspendData, this.progress.location)
  }

  private terminated(): void {
    if (this.ended) return
    this.ended = true
    this.queue.push(this.statement({ verb: verb('terminated'), object: this.courseActivity(), result: { duration: isoDuration(Date.now() - this.started) } }))
  }

  finish(): void {
    this.terminated()
    this.queue.retryNow()
  }

  pagehide(): void {
    this.terminated()
    this.queue.flushOnPagehide()
  }
}
