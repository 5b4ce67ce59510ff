/**
 * The LMS side of cmi5 sessions in front of the loopback LRS (lrs.ts), enforcing the
 * session rules a conformant LMS and ADL's CATAPULT enforce, with CATAPULT's rule ids:
 *
 * - cmi5 §8.2.3: each launch has its own one-time fetch URL, whose token belongs to that
 *   session only. A new launch of the registration closes the earlier sessions; their
 *   tokens are then refused with 401 (`8.1.2.0-2`).
 * - §9.6.2 / §10: every statement carries the session's contextTemplate (the session id
 *   extension) and the registration; otherwise 403 (`10.2.1.0-6`).
 * - §9.3: `initialized` first in a session (403 `9.3.0.0-4` before it), nothing after
 *   `terminated` (403 `9.3.0.0-5`), and no second `initialized`.
 * - §9.3.6: a new launch after a session without `terminated` records `abandoned` for it.
 *
 * It is a thin proxy: requests with an open session's token go on to Learning Locker's
 * services with the LRS's own credentials; refusals are answered here and recorded.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Lrs } from './lrs.js'

export const sessionExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid'
const verbs = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned'
}

export interface Cmi5Learner {
  actor: Record<string, unknown>
  registration: string
}

export interface Cmi5Session {
  id: string
  registration: string
  token: string
  fetchId: string
  fetched: number
  initialized: boolean
  terminated: boolean
  closed: boolean
  contextTemplate: { contextActivities: { grouping: Array<{ objectType: 'Activity'; id: string }> }; extensions: Record<string, string> }
}

export interface Refusal {
  rule: string
  status: number
  session: string | undefined
  message: string
}

export interface Cmi5LaunchOptions {
  launchMode?: 'Normal' | 'Browse' | 'Review'
  masteryScore?: number
  returnURL?: string
}

export interface Cmi5Lms {
  /** The endpoint the AU is launched with (this layer's). */
  endpoint: string
  /** Every refusal, in order. */
  refusals: Refusal[]
  sessions: Cmi5Session[]
  /**
   * Launch the AU for a learner as an LMS does: close the registration's earlier sessions
   * (recording `abandoned` for one that did not terminate), write LMS.LaunchData, record
   * `launched`, and hand out a new one-time fetch URL. Returns the launch query.
   */
  launch(learner: Cmi5Learner, auId: string, options?: Cmi5LaunchOptions): Promise<{ session: Cmi5Session; query: URLSearchParams }>
  /** The learner's connection is lost: every later request with this session's token is dropped (a network error), unanswered and unrecorded. */
  disconnect(sessionId: string): void
  close(): Promise<void>
}

interface Statement {
  id?: string
  verb?: { id?: string }
  context?: { registration?: string; extensions?: Record<string, unknown> }
}

const cors = (req: IncomingMessage, res: ServerResponse) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
  res.setHeader('Vary', 'Origin')
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startCmi5Lms(lrs: Lrs): Promise<Cmi5Lms> {
  const sessions: Cmi5Session[] = []
  const refusals: Refusal[] = []
  const disconnected = new Set<string>()
  const lrsUrl = new URL(lrs.endpoint)

  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: Refusal) => {
    refusals.push(refusal)
    cors(req, res)
    res.writeHead(refusal.status, { 'content-type': 'application/json', 'X-Experience-API-Version': '1.0.3' })
    res.end(JSON.stringify({ rule: refusal.rule, message: refusal.message }))
  }

  /** The first cmi5 session rule a batch breaks; flags of the session as the batch leaves it. */
  function check(session: Cmi5Session, statements: Statement[]): { refusal?: Refusal; initialized: boolean; terminated: boolean } {
    let { initialized, terminated } = session
    for (const s of statements) {
      const what = `statement ${s.id ?? '?'} (${s.verb?.id?.replace(/^.*\//, '') ?? '?'})`
      const fail = (rule: string, why: string) => ({ refusal: { rule, status: 403, session: session.id, message: `${what} ${why}` }, initialized, terminated })
      if (s.context?.extensions?.[sessionExtension] !== session.id || s.context.registration !== session.registration) {
        return fail('10.2.1.0-6', `does not match the context template of session ${session.id} (session id ${String(s.context?.extensions?.[sessionExtension])})`)
      }
      if (terminated) return fail('9.3.0.0-5', `was sent after terminated in session ${session.id}`)
      if (s.verb?.id === verbs.initialized) {
        if (initialized) return fail('9.3.0.0-4', `is a second initialized in session ${session.id}`)
        initialized = true
      } else if (!initialized) return fail('9.3.0.0-4', `was sent before initialized in session ${session.id}`)
      if (s.verb?.id === verbs.terminated) terminated = true
    }
    return { initialized, terminated }
  }

  /** Hand a request on to the LRS with its own credentials. */
  function forward(req: IncomingMessage, res: ServerResponse, data: Buffer, after?: (status: number) => void): void {
    const target = new URL(lrsUrl.pathname.replace(/\/$/, '') + (req.url ?? '').replace(/^\/xapi/, ''), lrsUrl)
    const headers = { ...req.headers, host: lrsUrl.host }
    if (req.method !== 'OPTIONS') headers.authorization = lrs.auth
    delete headers['content-length']
    const out = http.request(target, { method: req.method ?? 'GET', headers: { ...headers, ...(data.length > 0 ? { 'content-length': String(data.length) } : {}) } }, (answer) => {
      after?.(answer.statusCode ?? 0)
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    out.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    out.end(data)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname.startsWith('/fetch/')) {
      // cmi5 §8.2.3: POST only, once; errors come back as 200 with an error-code.
      cors(req, res)
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*' })
        res.end()
        return
      }
      const session = sessions.find((s) => s.fetchId === url.pathname.slice('/fetch/'.length))
      res.writeHead(200, { 'content-type': 'application/json' })
      if (req.method !== 'POST' || !session || session.fetched++ > 0 || session.closed) res.end(JSON.stringify({ 'error-code': '1', 'error-text': 'already used or unknown' }))
      else res.end(JSON.stringify({ 'auth-token': session.token }))
      return
    }
    const data = await body(req)
    if (req.method === 'OPTIONS') return forward(req, res, data)
    const token = (req.headers.authorization ?? '').replace(/^Basic /, '')
    const session = sessions.find((s) => s.token === token)
    if (session && disconnected.has(session.id)) return void req.socket.destroy()
    if (!session || session.closed) {
      return refuse(req, res, { rule: '8.1.2.0-2', status: 401, session: session?.id, message: `${req.method ?? ''} ${url.pathname}: ${session ? `the token of closed session ${session.id}` : 'no session has this token'}` })
    }
    if (url.pathname.endsWith('/statements') && (req.method === 'POST' || req.method === 'PUT')) {
      const parsed = JSON.parse(data.toString('utf8') || 'null') as Statement | Statement[] | null
      const statements = Array.isArray(parsed) ? parsed : parsed ? [parsed] : []
      const result = check(session, statements)
      if (result.refusal) return refuse(req, res, result.refusal)
      return forward(req, res, data, (status) => {
        if (status >= 200 && status < 300) Object.assign(session, { initialized: result.initialized, terminated: result.terminated })
      })
    }
    forward(req, res, data)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(error))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const post = async (statement: object) => {
    const response = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }, body: JSON.stringify(statement) })
    if (!response.ok) throw new Error(`the LMS could not record a statement: ${response.status} ${await response.text()}`)
  }
  const lmsStatement = (learner: Cmi5Learner, session: Cmi5Session, verb: string, auId: string, extensions: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    actor: learner.actor,
    verb: { id: verb, display: { 'en-US': verb.replace(/^.*\//, '') } },
    object: { objectType: 'Activity', id: auId },
    context: { ...session.contextTemplate, registration: learner.registration, extensions: { ...session.contextTemplate.extensions, ...extensions } },
    timestamp: new Date().toISOString()
  })

  return {
    endpoint: `${origin}/xapi/`,
    refusals,
    sessions,
    async launch(learner, auId, options = {}) {
      for (const earlier of sessions.filter((s) => s.registration === learner.registration && !s.closed)) {
        earlier.closed = true
        // What the LRS stored decides (a request's answer may still be on its way back).
        const stored = await lrs.statements()
        const ended = stored.some((s) => s.verb.id === verbs.terminated && s.context?.extensions?.[sessionExtension] === earlier.id)
        if (earlier.initialized && !ended) await post(lmsStatement(learner, earlier, verbs.abandoned, auId))
      }
      const id = randomUUID()
      const session: Cmi5Session = {
        id,
        registration: learner.registration,
        token: randomBytes(12).toString('hex'),
        fetchId: randomUUID(),
        fetched: 0,
        initialized: false,
        terminated: false,
        closed: false,
        contextTemplate: { contextActivities: { grouping: [{ objectType: 'Activity', id: auId }] }, extensions: { [sessionExtension]: id } }
      }
      sessions.push(session)
      const launchMode = options.launchMode ?? 'Normal'
      await lrs.putState(
        { activityId: auId, agent: learner.actor, registration: learner.registration, stateId: 'LMS.LaunchData' },
        { contextTemplate: session.contextTemplate, launchMode, moveOn: 'CompletedAndPassed', masteryScore: options.masteryScore ?? 0.7, ...(options.returnURL ? { returnURL: options.returnURL } : {}) }
      )
      await post(lmsStatement(learner, session, verbs.launched, auId, { 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': launchMode, 'https://w3id.org/xapi/cmi5/context/extensions/moveon': 'CompletedAndPassed' }))
      const query = new URLSearchParams({ endpoint: `${origin}/xapi/`, fetch: `${origin}/fetch/${session.fetchId}`, actor: JSON.stringify(learner.actor), registration: learner.registration, activityId: auId })
      return { session, query }
    },
    disconnect(sessionId) {
      disconnected.add(sessionId)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
