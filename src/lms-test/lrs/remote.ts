/**
 * The user's own LRS (`--lrs <url> --lrs-auth <value>`): only a loopback or private-range
 * address, since the walks write real statements. We act as the LMS through its xAPI API
 * (LMS.LaunchData, `launched`, `abandoned`) and serve the one-time cmi5 fetch URL on
 * 127.0.0.1, answering with the user's credential; the cmi5 session rules are not enforced
 * (that LRS does not know our sessions), so `enforcesSessions` is false.
 */
import { once } from 'node:events'
import http from 'node:http'
import { BlockList, type AddressInfo, isIP } from 'node:net'
import { randomBytes, randomUUID } from 'node:crypto'
import { UsageError } from '../../errors.js'
import { cmi5 } from './cmi5.js'
import { cors, returnedPage, send } from './http.js'
import type { Cmi5Launch, Cmi5LaunchOptions, StateParams, Statement, TestLrs } from './types.js'

const privateRanges = new BlockList()
privateRanges.addSubnet('127.0.0.0', 8, 'ipv4')
privateRanges.addSubnet('10.0.0.0', 8, 'ipv4')
privateRanges.addSubnet('172.16.0.0', 12, 'ipv4')
privateRanges.addSubnet('192.168.0.0', 16, 'ipv4')
privateRanges.addAddress('::1', 'ipv6')
privateRanges.addSubnet('fc00::', 7, 'ipv6')

/**
 * Why `url` cannot be the LRS of a test (a one-line reason), or undefined when it is an
 * http(s) URL whose host is `localhost` or a loopback or private-range address (RFC 1918,
 * RFC 4193). Host names other than localhost are refused: what they resolve to can change.
 */
export function lrsUrlProblem(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `Unexpected --lrs \`${url}\`, expected an http(s) URL of an LRS on a loopback or private address`
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `Unexpected --lrs \`${url}\`, expected an http(s) URL`
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const family = isIP(host)
  const allowed = host === 'localhost' || host.endsWith('.localhost') || (family !== 0 && privateRanges.check(host, family === 4 ? 'ipv4' : 'ipv6'))
  if (!allowed) return `Unexpected --lrs host \`${parsed.hostname}\`, expected localhost or a loopback or private-range address: the test writes statements to it`
  return undefined
}

/** `Basic …`/`Bearer …` as given; `key:secret` becomes a Basic credential. */
function authorization(value: string): string {
  if (/^(Basic|Bearer)\s+\S/i.test(value)) return value
  return value.includes(':') ? `Basic ${Buffer.from(value).toString('base64')}` : `Basic ${value}`
}

export async function connectLrs(url: string, auth: string): Promise<TestLrs> {
  const problem = lrsUrlProblem(url)
  if (problem) throw new UsageError(problem)
  const endpoint = url.replace(/\/*$/, '/')
  const basicAuth = authorization(auth)
  const headers = { Authorization: basicAuth, 'X-Experience-API-Version': '1.0.3' }
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(new URL(path, endpoint), {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return response
  }
  const must = async (what: string, response: Response): Promise<Response> => {
    if (!response.ok) throw new Error(`${what}: the LRS answered ${response.status} ${(await response.text()).slice(0, 300)}`)
    return response
  }
  const stateQuery = (params: StateParams) => {
    const query = new URLSearchParams({ activityId: params.activityId, agent: JSON.stringify(params.agent), stateId: params.stateId })
    if (params.registration) query.set('registration', params.registration)
    return `activities/state?${query}`
  }
  const post = async (statement: Statement) => {
    await (await must('POST statements', await call('POST', 'statements', statement))).body?.cancel()
  }

  // The one-time fetch URL (cmi5 §8.2.3), answering with the user's credential once.
  const fetches = new Map<string, boolean>()
  const token = basicAuth.replace(/^Basic\s+/i, '')
  const server = http.createServer((req, res) => {
    cors(req, res)
    req.resume()
    if (req.method === 'OPTIONS') return send(res, 204)
    if (req.method === 'GET' && req.url === '/lms/returned') return send(res, 200, returnedPage, { 'Content-Type': 'text/html; charset=utf-8' })
    const id = /^\/cmi5\/fetch\/([0-9a-f]+)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)?.[1]
    if (req.method !== 'POST' || id === undefined) return send(res, 400, { 'error-code': '3', 'error-text': 'POST to a fetch URL' })
    if (fetches.get(id) !== false) return send(res, 200, { 'error-code': '1', 'error-text': 'This fetch URL has already been used' })
    fetches.set(id, true)
    return send(res, 200, { 'auth-token': token })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const fetchBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cmi5/fetch/`
  const sessions = new Map<string, { options: Cmi5LaunchOptions; launchedAt: number }>()
  const template = (options: Cmi5LaunchOptions, sessionId: string) => ({
    contextActivities: { grouping: [{ objectType: 'Activity' as const, id: options.publisherId ?? options.activityId }] },
    extensions: { [cmi5.sessionExtension]: sessionId }
  })

  let closing: Promise<void> | undefined
  return {
    endpoint,
    basicAuth,
    returnUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lms/returned`,
    enforcesSessions: false,
    async statements(registration) {
      const all: Statement[] = []
      let next: string = `statements?ascending=true&limit=500${registration ? `&registration=${encodeURIComponent(registration)}` : ''}`
      for (let page = 0; next && page < 1000; page++) {
        const body = (await (await must('GET statements', await call('GET', next))).json()) as { statements: Statement[]; more?: string }
        all.push(...body.statements)
        // `more` is an IRL relative to the LRS's own root, or absolute.
        next = body.more ? new URL(body.more, endpoint).href : ''
      }
      return all
    },
    async getState(params) {
      const response = await call('GET', stateQuery(params))
      if (response.status === 404) {
        await response.body?.cancel()
        return undefined
      }
      await must('GET state', response)
      return /json/i.test(response.headers.get('content-type') ?? '') ? response.json() : response.text()
    },
    problems: () => [],
    requests: () => [],
    async createCmi5Launch(options: Cmi5LaunchOptions): Promise<Cmi5Launch> {
      const sessionId = randomUUID()
      sessions.set(sessionId, { options, launchedAt: Date.now() })
      const contextTemplate = template(options, sessionId)
      const launchMode = options.launchMode ?? 'Normal'
      const moveOn = options.moveOn ?? 'CompletedAndPassed'
      const launchData = { contextTemplate, launchMode, moveOn, ...(options.masteryScore === undefined ? {} : { masteryScore: options.masteryScore }), ...(options.returnURL === undefined ? {} : { returnURL: options.returnURL }) }
      const params = { activityId: options.activityId, agent: options.actor, registration: options.registration, stateId: 'LMS.LaunchData' }
      await (await must('PUT LMS.LaunchData', await call('PUT', stateQuery(params), launchData))).body?.cancel()
      await post({
        id: randomUUID(),
        actor: options.actor,
        verb: { id: cmi5.launched, display: { 'en-US': 'launched' } },
        object: { objectType: 'Activity', id: options.activityId },
        context: { ...contextTemplate, registration: options.registration, contextActivities: { ...contextTemplate.contextActivities, category: [{ id: cmi5.category }] }, extensions: { ...contextTemplate.extensions, [cmi5.launchModeExtension]: launchMode, [cmi5.moveOnExtension]: moveOn } },
        timestamp: new Date().toISOString()
      })
      const fetchId = randomBytes(12).toString('hex')
      fetches.set(fetchId, false)
      const url = new URL(options.auUrl)
      url.searchParams.set('endpoint', endpoint)
      url.searchParams.set('fetch', fetchBase + fetchId)
      url.searchParams.set('actor', JSON.stringify(options.actor))
      url.searchParams.set('registration', options.registration)
      url.searchParams.set('activityId', options.activityId)
      return { sessionId, url: url.href, fetchUrl: fetchBase + fetchId }
    },
    async abandon(sessionId) {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`no cmi5 session ${sessionId}`)
      const { options } = session
      const contextTemplate = template(options, sessionId)
      await post({
        id: randomUUID(),
        actor: options.actor,
        verb: { id: cmi5.abandoned, display: { 'en-US': 'abandoned' } },
        object: { objectType: 'Activity', id: options.activityId },
        result: { duration: `PT${((Date.now() - session.launchedAt) / 1000).toFixed(2)}S` },
        context: { ...contextTemplate, registration: options.registration, contextActivities: { ...contextTemplate.contextActivities, category: [{ id: cmi5.category }] } },
        timestamp: new Date().toISOString()
      })
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
