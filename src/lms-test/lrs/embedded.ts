/**
 * The embedded in-memory LRS of `coursepack test`, on 127.0.0.1 (node:http, any free port):
 * what our packages use of xAPI 1.0.3 Part Three (Statements, State, Agent Profile, About),
 * every statement validated with @learninglocker/xapi-validation, and the LMS side of cmi5
 * launches with its session rules (see cmi5.ts).
 */
import { once } from 'node:events'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes, randomUUID } from 'node:crypto'
import { type Agent, agentKey } from './agents.js'
import { type Cmi5Launch, type Cmi5LaunchOptions, Cmi5Sessions, cmi5, type Session } from './cmi5.js'
import { DocumentStore } from './documents.js'
import { cors, HttpError, parseJson, readBody, returnedPage, send, xapiVersion } from './http.js'
import { type Statement, StatementStore } from './statements.js'
import type { LrsProblem, LrsRequest, StateParams, TestLrs } from './types.js'
import { validateStatement } from './validate.js'

export interface EmbeddedLrs extends TestLrs {
  /** Every State document held, with its key parts. */
  state(): Array<{ activityId: string; agent: string; registration: string; stateId: string; content: unknown }>
}

/** Who sent a request: the LMS's own client, or an AU with its session's token. */
type Client = { kind: 'lms' } | { kind: 'au'; session: Session }

const sep = '\u0000'

export async function startEmbeddedLrs(options: { host?: '127.0.0.1' } = {}): Promise<EmbeddedLrs> {
  const host = options.host ?? '127.0.0.1'
  const basicAuth = `Basic ${Buffer.from(`coursepack:${randomBytes(18).toString('hex')}`).toString('base64')}`
  const authority = { objectType: 'Agent', name: 'coursepack test', account: { homePage: 'urn:coursepack:lms-test', name: 'lms' } }
  const statements = new StatementStore(authority)
  const states = new DocumentStore()
  const profiles = new DocumentStore()
  const sessions = new Cmi5Sessions()
  const problems: LrsProblem[] = []
  const requests: LrsRequest[] = []
  const actors = new Map<string, Agent>()
  /** The registration of a statements request sent with the LMS's credential (the AU's are known by their session). */
  const registrations = new WeakMap<IncomingMessage, string>()

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { message: String(error) })
      else res.destroy()
    })
  })
  server.listen(0, host)
  await once(server, 'listening')
  const base = `http://${host}:${(server.address() as AddressInfo).port}`
  const endpoint = `${base}/xapi/`

  const refuse = (session: Session | undefined, rule: string, status: number, message: string): never => {
    problems.push({ rule, status, message, ...(session ? { sessionId: session.id, registration: session.registration } : {}) })
    throw new HttpError(status, `${rule} - ${message}`, rule)
  }

  function authenticate(req: IncomingMessage): Client {
    const header = req.headers.authorization
    if (header === basicAuth) return { kind: 'lms' }
    const session = sessions.byAuthorization(header)
    if (!session) throw new HttpError(401, 'unknown credentials')
    const refusal = sessions.checkToken(session)
    if (refusal) refuse(session, refusal.rule, refusal.status, `${refusal.message} (${req.method} ${new URL(req.url ?? '/', base).pathname})`)
    return { kind: 'au', session }
  }

  /** Validate, check the cmi5 rules of the sender's session, then store (all of the batch or none). */
  function storeStatements(client: Client, batch: Statement[]): string[] {
    const session = client.kind === 'au' ? client.session : undefined
    for (const statement of batch) {
      const reasons = validateStatement(statement)
      if (reasons.length > 0) refuse(session, 'xapi-invalid', 400, `statement ${String(statement.id)} is not valid xAPI: ${reasons.join('; ')}`)
    }
    const prepared = statements.prepare(batch)
    if (session) {
      const refusal = sessions.checkBatch(session, prepared)
      if (refusal) refuse(session, refusal.rule, refusal.status, refusal.message)
    }
    return statements.store(prepared)
  }

  async function statementsResource(req: IncomingMessage, res: ServerResponse, url: URL, client: Client): Promise<void> {
    const q = url.searchParams
    if (req.method === 'GET') {
      const id = q.get('statementId') ?? q.get('voidedStatementId')
      if (id !== null) return send(res, 200, statements.get(id, q.has('voidedStatementId')))
      const limit = Number(q.get('limit') ?? 0)
      const list = statements.list({
        ...optional('agent', q.get('agent')),
        ...optional('verb', q.get('verb')),
        ...optional('activity', q.get('activity')),
        ...optional('registration', q.get('registration')),
        ...optional('since', q.get('since')),
        ...optional('until', q.get('until')),
        ...(limit > 0 ? { limit } : {}),
        ascending: q.get('ascending') === 'true'
      })
      return send(res, 200, { statements: list, more: '' }, { 'X-Experience-API-Consistent-Through': new Date().toISOString() })
    }
    const body = parseJson(await readBody(req), 'the body')
    if (req.method === 'PUT') {
      const id = q.get('statementId')
      if (id === null) throw new HttpError(400, 'PUT /statements needs statementId')
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'PUT /statements takes one statement')
      const statement = body as Statement
      if (typeof statement.context?.registration === 'string') registrations.set(req, statement.context.registration)
      if (statement.id !== undefined && String(statement.id).toLowerCase() !== id.toLowerCase()) throw new HttpError(400, 'the statement id differs from statementId')
      storeStatements(client, [{ ...statement, id }])
      return send(res, 204)
    }
    if (req.method === 'POST') {
      const batch = (Array.isArray(body) ? body : [body]) as Statement[]
      if (batch.some((s) => !s || typeof s !== 'object' || Array.isArray(s))) throw new HttpError(400, 'POST /statements takes a statement or an array of statements')
      const registration = batch[0]?.context?.registration
      if (typeof registration === 'string') registrations.set(req, registration)
      return send(res, 200, storeStatements(client, batch))
    }
    throw new HttpError(405, `${req.method} is not allowed on /statements`)
  }

  /** State (`activities/state`) or Agent Profile (`agents/profile`). */
  async function documentsResource(req: IncomingMessage, res: ServerResponse, url: URL, client: Client, kind: 'state' | 'profile'): Promise<void> {
    const q = url.searchParams
    const agentText = q.get('agent')
    if (agentText === null) throw new HttpError(400, 'the agent parameter is required')
    const agent = agentKey(parseJson(agentText, 'the agent parameter'))
    if (agent === undefined) throw new HttpError(400, 'the agent has no identifier')
    const store = kind === 'state' ? states : profiles
    const idName = kind === 'state' ? 'stateId' : 'profileId'
    let prefix: string
    if (kind === 'state') {
      const activityId = q.get('activityId')
      if (activityId === null) throw new HttpError(400, 'the activityId parameter is required')
      prefix = [activityId, agent, (q.get('registration') ?? '').toLowerCase(), ''].join(sep)
    } else prefix = [agent, ''].join(sep)
    const id = q.get(idName)
    const method = req.method ?? 'GET'
    if (client.kind === 'au' && kind === 'state' && id === 'LMS.LaunchData' && method !== 'GET') {
      refuse(client.session, 'cmi5 §10', 403, `the AU tried to ${method} LMS.LaunchData, which only the LMS writes`)
    }
    if (method === 'GET') {
      if (id === null) return send(res, 200, store.ids(prefix, q.get('since') ?? undefined))
      const doc = store.get(prefix + id)
      if (!doc) throw new HttpError(404, `no document ${id}`)
      return send(res, 200, doc.content, { 'Content-Type': doc.contentType, ETag: doc.etag, 'Last-Modified': new Date(doc.updated).toUTCString() })
    }
    if (method === 'DELETE') {
      if (id === null && kind === 'state') store.deletePrefix(prefix)
      else if (id === null) throw new HttpError(400, 'profileId is required')
      else store.delete(prefix + id, req.headers['if-match'])
      return send(res, 204)
    }
    if (method !== 'PUT' && method !== 'POST') throw new HttpError(405, `${method} is not allowed here`)
    if (id === null) throw new HttpError(400, `${idName} is required`)
    const content = await readBody(req)
    const contentType = req.headers['content-type'] ?? 'application/octet-stream'
    store.write(prefix + id, { method, content, contentType, ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'], requireConcurrency: kind === 'profile' })
    return send(res, 204)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(req, res)
    const url = new URL(req.url ?? '/', base)
    if (req.method === 'OPTIONS') return send(res, 204)
    let session: Session | undefined
    try {
      const fetchId = /^\/cmi5\/fetch\/([0-9a-f]+)$/.exec(url.pathname)?.[1]
      if (fetchId !== undefined) {
        // §8.2.3: POST only; errors are 200 with an error document.
        if (req.method !== 'POST') throw new HttpError(400, 'the fetch URL takes POST only')
        req.resume()
        const answer = sessions.fetch(fetchId)
        return send(res, 200, answer)
      }
      if (url.pathname === '/lms/returned' && req.method === 'GET') return send(res, 200, returnedPage, { 'Content-Type': 'text/html; charset=utf-8' })
      const route = url.pathname.startsWith('/xapi/') ? url.pathname.slice('/xapi/'.length) : undefined
      if (route === 'about' && req.method === 'GET') return send(res, 200, { version: [xapiVersion, '1.0.2', '1.0.1', '1.0.0'], extensions: {} })
      if (route !== 'statements' && route !== 'activities/state' && route !== 'agents/profile') throw new HttpError(404, `no resource ${url.pathname}`)
      const client = authenticate(req)
      session = client.kind === 'au' ? client.session : undefined
      const version = req.headers['x-experience-api-version']
      if (typeof version !== 'string' || !/^1\.0(\.\d+)?$/.test(version.trim())) throw new HttpError(400, 'the X-Experience-API-Version header is required (1.0.x)')
      if (route === 'statements') await statementsResource(req, res, url, client)
      else await documentsResource(req, res, url, client, route === 'activities/state' ? 'state' : 'profile')
      log(req, url, res.statusCode, session)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      req.resume()
      log(req, url, error.status, session, error.message)
      send(res, error.status, { error: true, message: error.message })
    }
  }

  function log(req: IncomingMessage, url: URL, status: number, session: Session | undefined, error?: string): void {
    if (url.pathname.startsWith('/cmi5/fetch/')) return
    const registration = session?.registration ?? url.searchParams.get('registration') ?? registrations.get(req)
    requests.push({ method: req.method ?? '', path: url.pathname.replace(/^\/xapi\//, ''), status, ...(session ? { sessionId: session.id } : {}), ...(registration ? { registration } : {}), ...(error ? { error } : {}) })
  }

  /** Store a statement the LMS itself makes (launched, abandoned), validated like any other. */
  function lmsStatement(statement: Statement): void {
    storeStatements({ kind: 'lms' }, [statement])
  }

  const stateKey = (params: StateParams) => [params.activityId, agentKey(params.agent) ?? '', (params.registration ?? '').toLowerCase(), params.stateId].join(sep)

  function closeSession(session: Session): void {
    const abandoned = sessions.close(session, actors.get(session.id) ?? {})
    if (abandoned) lmsStatement(abandoned)
  }

  let closing: Promise<void> | undefined
  return {
    endpoint,
    basicAuth,
    returnUrl: `${base}/lms/returned`,
    enforcesSessions: true,
    async statements(registration) {
      return registration === undefined ? statements.all() : statements.list({ registration, ascending: true })
    },
    async getState(params) {
      const doc = states.get(stateKey(params))
      if (!doc) return undefined
      return /json/i.test(doc.contentType) ? JSON.parse(doc.content) : doc.content
    },
    state() {
      return states.ids('').map((key) => {
        const [activityId = '', agent = '', registration = '', stateId = ''] = key.split(sep)
        const doc = states.get(key)
        let content: unknown = doc?.content
        try {
          content = JSON.parse(doc?.content ?? '')
        } catch {
          // not JSON: the text
        }
        return { activityId, agent, registration, stateId, content }
      })
    },
    problems(registration) {
      return problems.filter((p) => registration === undefined || p.registration === registration)
    },
    requests(registration) {
      return requests.filter((r) => registration === undefined || r.registration === registration)
    },
    async createCmi5Launch(launch: Cmi5LaunchOptions): Promise<Cmi5Launch> {
      const { session, fetchId, earlier } = sessions.open(launch)
      actors.set(session.id, launch.actor)
      // CATAPULT: a new launch after a session without `terminated` records `abandoned` (§9.3.6).
      for (const previous of earlier) closeSession(previous)
      const launchMode = launch.launchMode ?? 'Normal'
      const moveOn = launch.moveOn ?? 'CompletedAndPassed'
      // §10: LMS.LaunchData, written before the launch, read-only for the AU.
      const launchData = {
        contextTemplate: session.contextTemplate,
        launchMode,
        moveOn,
        ...(launch.masteryScore === undefined ? {} : { masteryScore: launch.masteryScore }),
        ...(launch.returnURL === undefined ? {} : { returnURL: launch.returnURL })
      }
      states.write(stateKey({ activityId: launch.activityId, agent: launch.actor, registration: launch.registration, stateId: 'LMS.LaunchData' }), { method: 'PUT', content: JSON.stringify(launchData), contentType: 'application/json' })
      // §9.3.1 (LMS): `launched`, with the launch mode and moveOn.
      lmsStatement({
        id: randomUUID(),
        actor: launch.actor,
        verb: { id: cmi5.launched, display: { 'en-US': 'launched' } },
        object: { objectType: 'Activity', id: launch.activityId },
        context: {
          ...structuredClone(session.contextTemplate),
          registration: launch.registration,
          contextActivities: { ...structuredClone(session.contextTemplate.contextActivities), category: [{ id: cmi5.category }] },
          extensions: { ...session.contextTemplate.extensions, [cmi5.launchModeExtension]: launchMode, [cmi5.moveOnExtension]: moveOn }
        },
        timestamp: new Date().toISOString()
      })
      const fetchUrl = `${base}/cmi5/fetch/${fetchId}`
      const url = new URL(launch.auUrl)
      url.searchParams.set('endpoint', endpoint)
      url.searchParams.set('fetch', fetchUrl)
      url.searchParams.set('actor', JSON.stringify(launch.actor))
      url.searchParams.set('registration', launch.registration)
      url.searchParams.set('activityId', launch.activityId)
      return { sessionId: session.id, url: url.href, fetchUrl }
    },
    async abandon(sessionId) {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`no cmi5 session ${sessionId}`)
      closeSession(session)
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string }
}
