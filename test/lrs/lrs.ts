/**
 * A real Learning Record Store on loopback for the xAPI and cmi5 tests: Learning Locker's
 * statement service (npm `xapi-statements`, in-memory models) for the Statements resource
 * and `/about`, and Learning Locker's activity-profile service (npm `xapi-activities`,
 * in-memory models) for documents.
 *
 * Both packages are wired up from their own building blocks (repo facades, services, express
 * presenters), the way their `dist/server.js` does, but without their module-level config
 * (which reads `.env`/environment and defaults to MongoDB and Redis). What this file adds:
 *
 * - auth: both services ask the repo's `getClient({ authToken })` for the client behind the
 *   Authorization header; here that answers one random Basic key/secret with an all-scopes
 *   client and throws jscommons' `NoModel` otherwise (the services turn that into 401).
 * - a thin adapter for the State resource (`/activities/state`) and the Agent Profile
 *   resource (`/agents/profile`), which `xapi-activities` does not implement: single
 *   documents are mapped onto activity-profile documents (activityId kept, profileId made
 *   from the agent's identifier + registration + stateId) and handed to xapi-activities'
 *   own express presenter; lists and multi-delete call xapi-activities' service.
 * - fault injection, request recording and the xAPI headers added to CORS expose-headers.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface StoredStatement {
  id: string
  actor: unknown
  verb: { id: string; display?: Record<string, string> }
  object: { id: string; [k: string]: unknown }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result?: any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  context?: any
  timestamp?: string
  stored?: string
  [k: string]: unknown
}

export interface StateParams {
  activityId: string
  agent: object
  registration?: string
  stateId: string
}

/**
 * A fault the LRS plays for browser requests (never for the test's own calls, never for
 * CORS preflights, which Learning Locker's CORS still answers, as a CORS-aware front of an
 * LRS that is down or refusing would).
 */
export interface Fault {
  /** Answer with this status without reaching the LRS (0: drop the connection, a network error); without one, the request goes on to the LRS after `delayMs`. */
  status?: number
  /** The Retry-After header (delay-seconds or an HTTP date), exposed to the page through CORS. */
  retryAfter?: string
  /** The response body: a string as is, anything else as JSON (default: a JSON message naming the fault). */
  body?: unknown
  /** Wait this long before answering (or before handing the request to the LRS). */
  delayMs?: number
  /** Only requests with this method (GET, POST, PUT…). */
  method?: string
  /** Only requests whose path and query contain this text (e.g. `statements`, `activities/state`). */
  path?: string
  /** Play the fault for this many matching requests, then clear it (default: until setFault(undefined)). */
  times?: number
}

export interface Lrs {
  /** Base endpoint, ending with '/', e.g. http://127.0.0.1:PORT/data/xAPI/ */
  endpoint: string
  /** Full Authorization header value for a client allowed to read and write everything, e.g. 'Basic ...' */
  auth: string
  /** Every statement stored, in stored order, fetched through the LRS's own GET /statements (follow `more` links). */
  statements(): Promise<StoredStatement[]>
  /** Read a State document as the LRS stores it (undefined on 404). */
  getState(params: StateParams): Promise<unknown>
  /** Write a State document (the test acting as an LMS, e.g. cmi5's LMS.LaunchData). */
  putState(params: StateParams, body: unknown): Promise<void>
  /** Fault injection: while on, every request from browsers (not the test's own getState/putState/statements calls) is answered 503 (Retry-After: 1) without reaching the LRS. */
  setRefusing(on: boolean): void
  /** Fault injection: play `fault` for the matching browser requests from now on; undefined clears it. */
  setFault(fault: Fault | undefined): void
  /** Requests seen (method, path+query, status, and whether a fault answered or delayed it), for assertions. */
  requests: Array<{ method: string; url: string; status: number; fault: boolean; at: number }>
  close(): Promise<void>
}

const XAPI_VERSION = '1.0.3'
const BASE_PATH = '/data/xAPI/'
/** Header carried by this module's own calls (statements/getState/putState): not recorded, never refused. */
const INTERNAL_HEADER = 'x-coursepack-lrs-internal'
/** Activity under which agent profiles are kept in xapi-activities' activity-profile storage. */
const AGENT_PROFILES_ACTIVITY = 'urn:coursepack:lrs:agent-profiles'
/** Headers a browser course may need to read from responses. */
const EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Content-Type', 'X-Experience-API-Version', 'X-Experience-API-Consistent-Through']

// ---------------------------------------------------------------------------------------
// Loading Learning Locker's CommonJS packages.

const require = createRequire(import.meta.url)

/** Minimal shapes of what is used from the untyped CommonJS packages. */
type Next = (err?: unknown) => void
type Middleware = (req: IncomingMessage, res: ServerResponse, next?: Next) => void
type RouteHandler = (req: ExpressRequest, res: ServerResponse, next: Next) => void
interface ExpressRequest extends IncomingMessage {
  query: Record<string, unknown>
}
interface ExpressRouter extends Middleware {
  use(handler: Middleware): void
  get(path: string, handler: RouteHandler): void
  put(path: string, handler: RouteHandler): void
  post(path: string, handler: RouteHandler): void
  delete(path: string, handler: RouteHandler): void
}
interface ExpressApp extends Middleware {
  use(path: string, handler: Middleware): void
  disable(setting: string): void
}
interface Express {
  (): ExpressApp
  Router(): ExpressRouter
}
interface Logger {
  error(...args: unknown[]): void
  warn(...args: unknown[]): void
  info(...args: unknown[]): void
  verbose(...args: unknown[]): void
  debug(...args: unknown[]): void
  silly(...args: unknown[]): void
}
interface Client {
  _id: string
  title: string
  authority: object
  isTrusted: boolean
  lrs_id: string
  organisation: string
  scopes: string[]
}
type GetClient = (opts: { authToken: string }) => Promise<{ client: Client }>
interface ActivitiesService {
  getClient: GetClient
  getProfiles(opts: { activityId: string; client: Client; since?: string }): Promise<{ profileIds: string[] }>
  deleteProfile(opts: { activityId: string; client: Client; profileId: string }): Promise<void>
}
interface ActivitiesRepo {
  getProfile(opts: { activityId: string; client: Client; profileId: string }): Promise<{ etag: string }>
}
interface RulrWarning {
  path: string[]
}
type Rule = (data: unknown, path: string[]) => RulrWarning[]
interface WriteStream {
  end(): void
  on(event: string, listener: () => void): void
}
interface StreamRotator {
  getStream(options: unknown): WriteStream
}

interface LearningLocker {
  express: Express
  fakeTracker: () => Promise<unknown>
  statements: {
    /** jscommons' "no such model" error, as xapi-statements' services recognise it (by constructor). */
    NoModel: new (modelName: string) => Error
    repoFacade: (config: unknown) => Record<string, unknown>
    service: (config: unknown) => unknown
    presenter: (config: unknown) => { aboutRouter: Middleware; fullActivitiesRouter: Middleware; statementsRouter: Middleware }
    translator: () => unknown
  }
  activities: {
    NoModel: new (modelName: string) => Error
    memoryModelsRepo: (config: unknown) => ActivitiesRepo & Record<string, unknown>
    localStorageRepo: (config: unknown) => Record<string, unknown>
    service: (config: unknown) => ActivitiesService
    presenter: (config: unknown) => Middleware
    translator: () => unknown
    catchErrors: (config: unknown, handler: (req: ExpressRequest, res: ServerResponse, next: Next) => Promise<void>) => RouteHandler
    validateVersionHeader: (value: unknown) => void
    JsonSyntaxError: new (path: string[]) => Error
    Warnings: new (data: unknown, path: string[], warnings: RulrWarning[]) => Error
    createRequiredWarning: (data: unknown, path: string[]) => RulrWarning
    agentRule: Rule
    uuidRule: Rule
    stringRule: Rule
  }
  /** jscommons' express mixins (the same ones both presenters use). */
  cors: () => Middleware
  helmet: () => Middleware
  /** The file-stream-rotator module(s) behind jscommons' morgan access logs. */
  streamRotators: StreamRotator[]
}

let loaded: LearningLocker | undefined

function loadLearningLocker(): LearningLocker {
  if (loaded) return loaded
  // aws-sdk v2 (a dependency of both services, used only for S3 storage) prints an
  // end-of-support notice when loaded.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1'
  // Resolve every module from inside its own package, as the package itself would.
  const fromStatements = createRequire(require.resolve('xapi-statements/package.json'))
  const fromActivities = createRequire(require.resolve('xapi-activities/package.json'))
  const jscommonsFromStatements = createRequire(fromStatements.resolve('jscommons/package.json'))
  const jscommonsFromActivities = createRequire(fromActivities.resolve('jscommons/package.json'))

  const statements: LearningLocker['statements'] = {
    NoModel: jscommonsFromStatements('jscommons/dist/errors/NoModel').default,
    repoFacade: fromStatements('xapi-statements/dist/repo/facade').default,
    service: fromStatements('xapi-statements/dist/service').default,
    presenter: fromStatements('xapi-statements/dist/expressPresenter').default,
    translator: fromStatements('xapi-statements/dist/translatorFactory').default
  }
  // xapi-statements' reference updater logs through the package's module-level winston
  // logger, whose console transport registers a process-wide uncaughtException handler
  // when the module loads. Take that handler off again: this is a test process.
  fromStatements('xapi-statements/dist/logger').default.unhandleExceptions()

  const activities: LearningLocker['activities'] = {
    NoModel: jscommonsFromActivities('jscommons/dist/errors/NoModel').default,
    memoryModelsRepo: fromActivities('xapi-activities/dist/memoryModelsRepo').default,
    localStorageRepo: fromActivities('xapi-activities/dist/localStorageRepo').default,
    service: fromActivities('xapi-activities/dist/service').default,
    presenter: fromActivities('xapi-activities/dist/expressPresenter').default,
    translator: fromActivities('xapi-activities/dist/translatorFactory').default,
    catchErrors: fromActivities('xapi-activities/dist/expressPresenter/utils/catchErrors').default,
    validateVersionHeader: fromActivities('xapi-activities/dist/expressPresenter/utils/validateVersionHeader').default,
    JsonSyntaxError: fromActivities('xapi-activities/dist/errors/JsonSyntaxError').default,
    Warnings: fromActivities('rulr').Warnings,
    createRequiredWarning: fromActivities('rulr').createRequiredWarning,
    agentRule: fromActivities('xapi-validation/dist/factory').agent,
    uuidRule: fromActivities('xapi-validation/dist/factory').uuid,
    stringRule: fromActivities('xapi-validation/dist/factory').stringValue
  }

  const rotators = new Set<StreamRotator>([
    jscommonsFromStatements('file-stream-rotator'),
    jscommonsFromActivities('file-stream-rotator')
  ])
  loaded = {
    express: fromStatements('express'),
    fakeTracker: jscommonsFromStatements('jscommons/dist/tracker/fake').default,
    statements,
    activities,
    cors: jscommonsFromActivities('jscommons/dist/expressPresenter/mixins/cors').default,
    helmet: jscommonsFromActivities('jscommons/dist/expressPresenter/mixins/helmet').default,
    streamRotators: [...rotators]
  }
  return loaded
}

/**
 * Run `build` while capturing the access-log streams that jscommons' morgan mixin opens
 * (one per router), so that close() can end them.
 */
function capturingLogStreams<T>(ll: LearningLocker, streams: WriteStream[], build: () => T): T {
  const originals = ll.streamRotators.map((rotator) => rotator.getStream)
  ll.streamRotators.forEach((rotator, i) => {
    const original = originals[i]!
    rotator.getStream = (options: unknown) => {
      const stream = original.call(rotator, options)
      streams.push(stream)
      return stream
    }
  })
  try {
    return build()
  } finally {
    ll.streamRotators.forEach((rotator, i) => {
      rotator.getStream = originals[i]!
    })
  }
}

// ---------------------------------------------------------------------------------------
// Validation.

/** Validate one statement with @learninglocker/xapi-validation; returns the list of error messages (empty = valid). */
export function validateStatement(statement: unknown): string[] {
  const validate: (data: unknown) => Array<{ path: string[]; constructor: { name: string }; typeName?: string; data?: unknown }> =
    require('@learninglocker/xapi-validation').default
  return validate(statement).map((warning) => {
    const where = warning.path.join('.')
    const kind = warning.constructor.name
    const expected = warning.typeName ? ` (expected ${warning.typeName})` : ''
    let got: string
    try {
      got = JSON.stringify(warning.data) ?? 'undefined'
    } catch {
      got = String(warning.data)
    }
    return `${where}: ${kind}${expected}, got ${got.length > 120 ? `${got.slice(0, 117)}...` : got}`
  })
}

// ---------------------------------------------------------------------------------------
// The LRS.

export async function startLrs(): Promise<Lrs> {
  const ll = loadLearningLocker()
  const dir = await mkdtemp(path.join(tmpdir(), 'coursepack-lrs-'))
  const logStreams: WriteStream[] = []
  try {
    return await serve(ll, dir, logStreams)
  } catch (error) {
    await endStreams(logStreams)
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

async function endStreams(streams: WriteStream[]): Promise<void> {
  await Promise.all(
    streams.splice(0).map(
      (stream) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000)
          const done = () => {
            clearTimeout(timer)
            resolve()
          }
          stream.on('finish', done)
          stream.on('error', done)
          stream.end()
        })
    )
  )
}

async function serve(ll: LearningLocker, dir: string, logStreams: WriteStream[]): Promise<Lrs> {
  const morganDirectory = path.join(dir, 'accessLogs')

  const key = randomBytes(9).toString('hex')
  const secret = randomBytes(18).toString('hex')
  const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
  const internalToken = randomBytes(16).toString('hex')
  const client: Client = {
    _id: '5f0000000000000000000001',
    title: 'coursepack tests',
    authority: { objectType: 'Agent', name: 'coursepack tests', mbox: 'mailto:coursepack-tests@example.invalid' },
    isTrusted: true,
    lrs_id: '5f0000000000000000000002',
    organisation: '5f0000000000000000000003',
    scopes: ['all']
  }
  // Both services turn a NoModel from the repo's getClient into 401 Unauthorised.
  const clientFor =
    (NoModel: new (modelName: string) => Error): GetClient =>
    async ({ authToken }) => {
      if (authToken === auth) return { client }
      throw new NoModel('Client')
    }

  const logger: Logger = {
    // Both services log every handled 4xx through logger.error; only server errors (500,
    // logged with the error as meta) are worth showing.
    error: (message, meta) => {
      if (meta instanceof Error) console.error(`[lrs] ${String(message)}`, meta)
    },
    warn: () => {},
    info: () => {},
    verbose: () => {},
    debug: () => {},
    silly: () => {}
  }
  const tracker = ll.fakeTracker()

  // Statements: xapi-statements' repo facade with in-memory models, no-op events (instead of
  // Redis) and local attachment storage in the temp dir; auth as described above.
  const statementsRepo = ll.statements.repoFacade({
    auth: { facade: 'test', fake: {} },
    events: { facade: 'test' },
    models: { facade: 'memory', memory: { state: { fullActivities: [], statements: [] } } },
    storage: { facade: 'local', local: { storageDir: path.join(dir, 'statements') } }
  })
  statementsRepo.getClient = clientFor(ll.statements.NoModel)
  const statementsService = ll.statements.service({
    repo: statementsRepo,
    tracker,
    logger,
    // The xAPI compliance settings of xapi-statements' .env.example ...
    enableConflictChecks: true,
    enableAttachmentValidation: true,
    enableVoidingChecks: true,
    enableStatementCreation: true,
    enableAttachmentCreation: true,
    enableVoiding: true,
    enableReferencing: true,
    enableActivityUpdates: true,
    enableNullRemoval: false,
    // ... and, as its own tests run, voiding/reference/activity updates finished before the
    // POST/PUT answers (else they run on after the response).
    awaitUpdates: true
  })

  // Documents: xapi-activities' in-memory models and local storage (for non-JSON documents).
  const activitiesRepo = {
    getClient: clientFor(ll.activities.NoModel),
    ...ll.activities.memoryModelsRepo({ state: { activityProfiles: [] } }),
    ...ll.activities.localStorageRepo({ storageDir: path.join(dir, 'activities') })
  }
  const activitiesService = ll.activities.service({ repo: activitiesRepo })
  const commonPresenterConfig = {
    bodyParserLimit: '5mb',
    customRoute: 'status',
    customRouteText: 'ok',
    logger,
    morganDirectory,
    tracker
  }
  const activitiesPresenterConfig = { ...commonPresenterConfig, service: activitiesService, translator: ll.activities.translator() }

  const { statementsPresenter, activitiesPresenter } = capturingLogStreams(ll, logStreams, () => ({
    statementsPresenter: ll.statements.presenter({
      ...commonPresenterConfig,
      llClientInfoEndpoint: '',
      service: statementsService,
      translator: ll.statements.translator()
    }),
    activitiesPresenter: ll.activities.presenter(activitiesPresenterConfig)
  }))

  const documents = documentsAdapter(ll, activitiesService, activitiesRepo, activitiesPresenter, activitiesPresenterConfig)

  const app = ll.express()
  app.disable('x-powered-by')
  app.use(`${BASE_PATH}about`, statementsPresenter.aboutRouter)
  app.use(`${BASE_PATH}statements`, statementsPresenter.statementsRouter)
  app.use(`${BASE_PATH}activities/profile`, activitiesPresenter)
  app.use(`${BASE_PATH}activities/state`, documents.state)
  app.use(`${BASE_PATH}agents/profile`, documents.agentProfile)
  app.use(`${BASE_PATH}activities`, statementsPresenter.fullActivitiesRouter)

  const requests: Lrs['requests'] = []
  let fault: Fault | undefined
  /** The fault for this request, counting it against `times`. */
  const faultFor = (req: IncomingMessage): Fault | undefined => {
    const current = fault
    if (!current || req.method === 'OPTIONS') return undefined
    if (current.method !== undefined && current.method !== req.method) return undefined
    if (current.path !== undefined && !(req.url ?? '').includes(current.path)) return undefined
    if (current.times !== undefined && --current.times <= 0) fault = undefined
    return current
  }

  const server = http.createServer((req, res) => {
    const internal = req.headers[INTERNAL_HEADER] === internalToken
    const played = internal ? undefined : faultFor(req)
    if (!internal) {
      const entry = { method: req.method ?? '', url: req.url ?? '', status: 0, fault: played !== undefined, at: Date.now() }
      requests.push(entry)
      res.on('finish', () => {
        entry.status = res.statusCode
      })
    }
    exposeXapiHeaders(res)
    // Without a `next`, express's final handler answers unknown paths (404) and errors.
    const answer = () => {
      if (played?.status === undefined) app(req, res)
      else if (played.status === 0) req.socket.destroy()
      else refuse(req, res, played)
    }
    if (played?.delayMs) setTimeout(answer, played.delayMs)
    else answer()
  })
  server.listen(0, '127.0.0.1')
  try {
    await once(server, 'listening')
  } catch (error) {
    server.close()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  const endpoint = `${origin}${BASE_PATH}`

  const call = async (method: string, resource: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Response> =>
    fetch(new URL(resource, origin), {
      method,
      headers: { Authorization: auth, 'X-Experience-API-Version': XAPI_VERSION, [INTERNAL_HEADER]: internalToken, ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body })
    })
  const failure = async (what: string, response: Response): Promise<Error> =>
    new Error(`${what}: HTTP ${response.status} ${await response.text()}`)
  const stateQuery = (params: StateParams): string => {
    const query = new URLSearchParams({ activityId: params.activityId, agent: JSON.stringify(params.agent), stateId: params.stateId })
    if (params.registration !== undefined) query.set('registration', params.registration)
    return `${BASE_PATH}activities/state?${query}`
  }

  let closed: Promise<void> | undefined
  return {
    endpoint,
    auth,
    requests,
    setRefusing(on: boolean) {
      fault = on ? { status: 503, retryAfter: '1', body: { message: 'LRS unavailable (fault injection: refusing)' } } : undefined
    },
    setFault(next) {
      fault = next && { ...next }
    },
    async statements() {
      const all: StoredStatement[] = []
      let next = `${BASE_PATH}statements?ascending=true`
      for (let page = 0; next; page++) {
        if (page > 10_000) throw new Error('statements(): too many pages')
        const response = await call('GET', next)
        if (!response.ok) throw await failure('GET statements', response)
        const body = (await response.json()) as { statements: StoredStatement[]; more?: string }
        all.push(...body.statements)
        next = body.more ?? ''
      }
      return all
    },
    async getState(params) {
      const response = await call('GET', stateQuery(params))
      if (response.status === 404) {
        await response.body?.cancel()
        return undefined
      }
      if (!response.ok) throw await failure('GET state', response)
      const type = response.headers.get('content-type') ?? ''
      return /^application\/json\b/i.test(type) ? response.json() : response.text()
    },
    async putState(params, body) {
      const response = await call('PUT', stateQuery(params), { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      if (response.status !== 204) throw await failure('PUT state', response)
    },
    close() {
      closed ??= (async () => {
        fault = undefined
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await serverClosed
        await endStreams(logStreams)
        await rm(dir, { recursive: true, force: true })
      })()
      return closed
    }
  }
}

/** Add the xAPI headers to Access-Control-Expose-Headers of every CORS response (Learning Locker exposes ETag only). */
function exposeXapiHeaders(res: ServerResponse): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (this.hasHeader('Access-Control-Allow-Origin')) {
      const current = String(this.getHeader('Access-Control-Expose-Headers') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
      const names = [...current]
      for (const name of EXPOSED_HEADERS) {
        if (!names.some((have) => have.toLowerCase() === name.toLowerCase())) names.push(name)
      }
      this.setHeader('Access-Control-Expose-Headers', names.join(', '))
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}

/** The fault-injection answer: the fault's status, headers and body, readable cross-origin. */
function refuse(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
  const origin = req.headers.origin
  res.statusCode = fault.status ?? 503
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*')
  if (origin) {
    res.setHeader('Access-Control-Allow-Credentials', 'true')
    res.setHeader('Vary', 'Origin')
  }
  res.setHeader('X-Experience-API-Version', XAPI_VERSION)
  if (fault.retryAfter !== undefined) {
    res.setHeader('Retry-After', fault.retryAfter)
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After')
  }
  const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? { message: `fault injection: ${res.statusCode}` })
  res.setHeader('Content-Type', typeof fault.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8')
  res.end(text)
  // The body of the refused request is not read: drop it.
  req.resume()
}

// ---------------------------------------------------------------------------------------
// State and Agent Profile resources on xapi-activities' activity-profile storage.

/**
 * Express routers for `/activities/state` and `/agents/profile`. A single document (stateId /
 * profileId given) is handed to xapi-activities' presenter as the activity-profile document
 *
 *   State:         activityId = activityId,                profileId = 'state:' + JSON [agent IFI, registration, stateId]
 *   Agent Profile: activityId = AGENT_PROFILES_ACTIVITY,   profileId = 'agent:' + JSON [agent IFI, profileId]
 *
 * so that reading the body, content types, JSON merge on POST, ETags/Last-Modified, the
 * version header, auth and error answers are all xapi-activities' own. Differences between
 * the resources are adapted here:
 * - State PUT needs no concurrency header (xAPI 1.0.3), but xapi-activities' profile PUT
 *   refuses a request without If-Match/If-None-Match. A State PUT without either gets
 *   `If-Match: <current etag>` (or `If-None-Match: *` when absent) added.
 * - Agent Profile PUT without either header: xAPI 1.0.3 lets it create a new document
 *   (`If-None-Match: *` is added then) and requires 409 for an existing one (left to
 *   xapi-activities, which answers 409).
 * - Without stateId/profileId: GET lists the ids (from xapi-activities' service getProfiles),
 *   DELETE (State only) deletes each document of that agent/registration.
 */
function documentsAdapter(
  ll: LearningLocker,
  service: ActivitiesService,
  repo: ActivitiesRepo,
  presenter: Middleware,
  presenterConfig: unknown
): { state: Middleware; agentProfile: Middleware } {
  const { activities } = ll
  type Handler = (req: ExpressRequest, res: ServerResponse, next: Next) => Promise<void>
  const handler = (fn: Handler): RouteHandler => activities.catchErrors(presenterConfig, fn)

  const authenticate = async (req: ExpressRequest): Promise<Client> => {
    const { client } = await service.getClient({ authToken: req.headers.authorization ?? '' })
    activities.validateVersionHeader(req.headers['x-experience-api-version'])
    return client
  }
  const optional = (req: ExpressRequest, name: string): string | undefined => {
    const value = req.query[name]
    if (value === undefined || typeof value === 'string') return value
    throw new activities.Warnings(req.query, ['query'], activities.stringRule(value, ['query', name]))
  }
  const required = (req: ExpressRequest, name: string): string => {
    const value = optional(req, name)
    if (value === undefined) throw new activities.Warnings(req.query, ['query'], [activities.createRequiredWarning(value, ['query', name])])
    return value
  }
  /** The agent's inverse functional identifier, validated as Learning Locker validates agents. */
  const agentIfi = (req: ExpressRequest): unknown[] => {
    const raw = required(req, 'agent')
    let agent: unknown
    try {
      agent = JSON.parse(raw)
    } catch {
      throw new activities.JsonSyntaxError(['query', 'agent'])
    }
    const warnings = activities.agentRule(agent, ['query', 'agent'])
    if (warnings.length > 0) throw new activities.Warnings(agent, ['query', 'agent'], warnings)
    const a = agent as { mbox?: string; mbox_sha1sum?: string; openid?: string; account?: { homePage: string; name: string } }
    if (a.mbox !== undefined) return ['mbox', a.mbox]
    if (a.mbox_sha1sum !== undefined) return ['mbox_sha1sum', a.mbox_sha1sum]
    if (a.openid !== undefined) return ['openid', a.openid]
    return ['account', a.account?.homePage, a.account?.name]
  }
  const registrationParam = (req: ExpressRequest): string | null => {
    const registration = optional(req, 'registration')
    if (registration === undefined) return null
    const warnings = activities.uuidRule(registration, ['query', 'registration'])
    if (warnings.length > 0) throw new activities.Warnings(registration, ['query', 'registration'], warnings)
    return registration.toLowerCase()
  }
  const sinceParam = (req: ExpressRequest): { since?: string } => {
    const since = optional(req, 'since')
    return since === undefined ? {} : { since }
  }

  const STATE = 'state:'
  const AGENT = 'agent:'
  const stateKey = (ifi: unknown[], registration: string | null, stateId: string): string => STATE + JSON.stringify([ifi, registration, stateId])
  const agentKey = (ifi: unknown[], profileId: string): string => AGENT + JSON.stringify([ifi, profileId])
  const decode = (prefix: string, profileId: string): unknown[] | undefined => {
    if (!profileId.startsWith(prefix)) return undefined
    try {
      const parts: unknown = JSON.parse(profileId.slice(prefix.length))
      return Array.isArray(parts) ? parts : undefined
    } catch {
      return undefined
    }
  }
  const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

  const currentEtag = async (client: Client, activityId: string, profileId: string): Promise<string | undefined> => {
    try {
      return (await repo.getProfile({ activityId, client, profileId })).etag
    } catch (err) {
      if (err instanceof activities.NoModel) return undefined
      throw err
    }
  }
  /** Hand the request to xapi-activities' presenter as the activity-profile document (activityId, profileId). */
  const delegate = (req: ExpressRequest, res: ServerResponse, next: Next, activityId: string, profileId: string): void => {
    const query = { activityId, profileId }
    req.url = `/?${new URLSearchParams(query)}`
    req.query = query
    presenter(req, res, next)
  }
  const sendJson = (res: ServerResponse, body: unknown): void => {
    res.statusCode = 200
    res.setHeader('X-Experience-API-Version', XAPI_VERSION)
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.end(JSON.stringify(body))
  }
  const router = (): ExpressRouter => {
    const r = ll.express.Router()
    r.use(ll.cors())
    r.use(ll.helmet())
    return r
  }

  // /activities/state
  const stateIdsOf = async (req: ExpressRequest, client: Client): Promise<{ activityId: string; ids: Array<{ stateId: string; profileId: string }> }> => {
    const activityId = required(req, 'activityId')
    const ifi = agentIfi(req)
    const registration = registrationParam(req)
    const { profileIds } = await service.getProfiles({ activityId, client, ...sinceParam(req) })
    const ids = profileIds.flatMap((profileId) => {
      const parts = decode(STATE, profileId)
      if (!parts || !sameJson(parts[0], ifi) || parts[1] !== registration || typeof parts[2] !== 'string') return []
      return [{ stateId: parts[2], profileId }]
    })
    return { activityId, ids }
  }
  const singleState = (method: string): Handler => async (req, res, next) => {
    const client = await authenticate(req)
    const stateId = optional(req, 'stateId')
    if (stateId === undefined && (method === 'GET' || method === 'DELETE')) {
      const { activityId, ids } = await stateIdsOf(req, client)
      if (method === 'GET') return sendJson(res, ids.map((id) => id.stateId))
      for (const { profileId } of ids) await service.deleteProfile({ activityId, client, profileId })
      res.statusCode = 204
      res.setHeader('X-Experience-API-Version', XAPI_VERSION)
      res.end()
      return
    }
    const activityId = required(req, 'activityId')
    const profileId = stateKey(agentIfi(req), registrationParam(req), required(req, 'stateId'))
    if (method === 'PUT' && req.headers['if-match'] === undefined && req.headers['if-none-match'] === undefined) {
      const etag = await currentEtag(client, activityId, profileId)
      if (etag === undefined) req.headers['if-none-match'] = '*'
      else req.headers['if-match'] = `"${etag}"`
    }
    delegate(req, res, next, activityId, profileId)
  }
  const state = router()
  state.get('', handler(singleState('GET')))
  state.put('', handler(singleState('PUT')))
  state.post('', handler(singleState('POST')))
  state.delete('', handler(singleState('DELETE')))

  // /agents/profile
  const agentProfileHandler = (method: string): Handler => async (req, res, next) => {
    const client = await authenticate(req)
    const ifi = agentIfi(req)
    const profileIdParam = method === 'GET' ? optional(req, 'profileId') : required(req, 'profileId')
    if (profileIdParam === undefined) {
      const { profileIds } = await service.getProfiles({ activityId: AGENT_PROFILES_ACTIVITY, client, ...sinceParam(req) })
      return sendJson(
        res,
        profileIds.flatMap((profileId) => {
          const parts = decode(AGENT, profileId)
          return parts && sameJson(parts[0], ifi) && typeof parts[1] === 'string' ? [parts[1]] : []
        })
      )
    }
    const profileId = agentKey(ifi, profileIdParam)
    if (method === 'PUT' && req.headers['if-match'] === undefined && req.headers['if-none-match'] === undefined) {
      if ((await currentEtag(client, AGENT_PROFILES_ACTIVITY, profileId)) === undefined) req.headers['if-none-match'] = '*'
    }
    delegate(req, res, next, AGENT_PROFILES_ACTIVITY, profileId)
  }
  const agentProfile = router()
  agentProfile.get('', handler(agentProfileHandler('GET')))
  agentProfile.put('', handler(agentProfileHandler('PUT')))
  agentProfile.post('', handler(agentProfileHandler('POST')))
  agentProfile.delete('', handler(agentProfileHandler('DELETE')))

  return { state, agentProfile }
}
