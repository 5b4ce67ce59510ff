/**
 * The loopback LRS of test/lrs/lrs.ts: Learning Locker's xapi-statements and xapi-activities
 * services, driven over HTTP as a browser course (another 127.0.0.1 origin) would.
 */
import { randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { type Lrs, startLrs, validateStatement } from './lrs.js'

/** The origin a course would be served from. */
const COURSE_ORIGIN = 'http://127.0.0.1:45678'
const learner = { objectType: 'Agent', name: 'Learner', mbox: 'mailto:learner@example.com' }
const course = 'https://courses.example.com/coursepack/test-course'

function statement(extra: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return {
    id: randomUUID(),
    actor: learner,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: course, definition: { name: { 'en-US': 'Test course' } } },
    timestamp: new Date().toISOString(),
    ...extra
  }
}

/** Headers of a browser course's request (no internal marker: recorded, subject to refusing). */
function browserHeaders(lrs: Lrs, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', Origin: COURSE_ORIGIN, ...extra }
}

function postStatements(lrs: Lrs, body: unknown, init: { keepalive?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: browserHeaders(lrs, init.headers), body: JSON.stringify(body), keepalive: init.keepalive ?? false })
}

function stateUrl(lrs: Lrs, params: { activityId: string; agent: object; registration?: string; stateId?: string }): string {
  const query = new URLSearchParams({ activityId: params.activityId, agent: JSON.stringify(params.agent) })
  if (params.stateId !== undefined) query.set('stateId', params.stateId)
  if (params.registration !== undefined) query.set('registration', params.registration)
  return `${lrs.endpoint}activities/state?${query}`
}

async function withLrs(run: (lrs: Lrs) => Promise<void>): Promise<void> {
  const lrs = await startLrs()
  try {
    await run(lrs)
  } finally {
    await lrs.close()
  }
}

describe('loopback LRS (Learning Locker xapi-statements + xapi-activities)', () => {
  it('listens on 127.0.0.1 under /data/xAPI/ and answers /about', async () => {
    await withLrs(async (lrs) => {
      expect(lrs.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/data\/xAPI\/$/)
      expect(lrs.auth).toMatch(/^Basic [A-Za-z0-9+/]+=*$/)
      const response = await fetch(`${lrs.endpoint}about`, { headers: browserHeaders(lrs) })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ version: ['1.0.3'] })
    })
  })

  it('stores a POSTed statement with a client-generated id and reads it back through GET /statements', async () => {
    await withLrs(async (lrs) => {
      const sent = statement()
      const response = await postStatements(lrs, sent)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-experience-api-version')).toBe('1.0.3')
      expect(await response.json()).toEqual([sent.id])

      const stored = await lrs.statements()
      expect(stored).toHaveLength(1)
      const [got] = stored
      expect(got).toMatchObject({ id: sent.id, actor: learner, verb: sent.verb, object: sent.object, timestamp: sent.timestamp })
      // Added by the LRS: `stored`, the client's `authority`, and `version` ("1.0.0").
      expect(got?.stored).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(got?.authority).toMatchObject({ objectType: 'Agent' })
      expect(got?.version).toBe('1.0.0')
      expect(lrs.requests).toEqual([{ method: 'POST', url: '/data/xAPI/statements', status: 200, fault: false, at: expect.any(Number) }])
    })
  })

  it('accepts batches, PUT with statementId and keepalive POSTs, and follows `more` links in stored order', async () => {
    await withLrs(async (lrs) => {
      const first = statement()
      const put = await fetch(`${lrs.endpoint}statements?statementId=${first.id}`, { method: 'PUT', headers: browserHeaders(lrs), body: JSON.stringify({ ...first, id: undefined }) })
      expect(put.status).toBe(204)
      // More than one page (Learning Locker's default limit is 100), in three batches.
      const batches = [0, 1, 2].map(() => Array.from({ length: 50 }, () => statement()))
      for (const batch of batches) {
        const response = await postStatements(lrs, batch, { keepalive: true })
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual(batch.map((s) => s.id))
      }
      const stored = await lrs.statements()
      expect(stored).toHaveLength(151)
      expect(stored[0]?.id).toBe(first.id)
      // Batches come back in the order they were stored (within a batch all share one `stored`).
      const batchOf = new Map(batches.flatMap((batch, i) => batch.map((s) => [s.id, i] as const)))
      const order = stored.slice(1).map((s) => batchOf.get(s.id))
      expect(order).toEqual([...order].sort())
      expect(new Set(stored.map((s) => s.id)).size).toBe(151)
    })
  })

  it('does not duplicate a statement whose id is sent twice', async () => {
    await withLrs(async (lrs) => {
      const sent = statement()
      expect((await postStatements(lrs, sent)).status).toBe(200)
      // The same id with the same content again: xapi-statements answers 200 with the id
      // and stores nothing new (as a queue retrying an already-delivered batch needs).
      const again = await postStatements(lrs, sent)
      expect(again.status).toBe(200)
      expect(await again.json()).toEqual([sent.id])
      // The same through PUT: 204, nothing new.
      const put = await fetch(`${lrs.endpoint}statements?statementId=${sent.id}`, { method: 'PUT', headers: browserHeaders(lrs), body: JSON.stringify(sent) })
      expect(put.status).toBe(204)
      // The same id with different content: 409 Conflict.
      const conflicting = await postStatements(lrs, { ...sent, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } })
      expect(conflicting.status).toBe(409)
      // The same id twice within one batch: 400.
      const other = statement()
      expect((await postStatements(lrs, [other, other])).status).toBe(400)

      const stored = await lrs.statements()
      expect(stored.map((s) => s.id)).toEqual([sent.id])
      expect(stored[0]?.verb.id).toBe('http://adlnet.gov/expapi/verbs/experienced')
    })
  })

  it('refuses an invalid statement with 400 and stores nothing', async () => {
    await withLrs(async (lrs) => {
      const invalid = { id: randomUUID(), actor: { mbox: 'learner@example.com' }, verb: { id: 'experienced' }, object: { id: course } }
      const response = await postStatements(lrs, invalid)
      expect(response.status).toBe(400)
      const body = (await response.json()) as { warnings: string[] }
      expect(body.warnings.join('\n')).toMatch(/actor\.mbox/)
      // A valid statement in the same batch is refused with it.
      expect((await postStatements(lrs, [statement(), invalid])).status).toBe(400)
      // xapi-statements requires the version header on statement requests.
      expect((await postStatements(lrs, statement(), { headers: { 'X-Experience-API-Version': '' } })).status).toBe(400)
      // Wrong credentials: 401.
      expect((await postStatements(lrs, statement(), { headers: { Authorization: 'Basic bm90OnRoaXM=' } })).status).toBe(401)
      expect(await lrs.statements()).toEqual([])
    })
  })

  it('keeps State documents per activity, agent, registration and stateId', async () => {
    await withLrs(async (lrs) => {
      const registration = randomUUID()
      const params = { activityId: course, agent: learner, registration, stateId: 'LMS.LaunchData' }
      expect(await lrs.getState(params)).toBeUndefined()
      await lrs.putState(params, { launchMode: 'Normal', moveOn: 'Completed' })
      expect(await lrs.getState(params)).toEqual({ launchMode: 'Normal', moveOn: 'Completed' })
      // Other registration, none, other agent, other activity: absent.
      expect(await lrs.getState({ ...params, registration: randomUUID() })).toBeUndefined()
      expect(await lrs.getState({ activityId: course, agent: learner, stateId: 'LMS.LaunchData' })).toBeUndefined()
      expect(await lrs.getState({ ...params, agent: { objectType: 'Agent', mbox: 'mailto:other@example.com' } })).toBeUndefined()
      expect(await lrs.getState({ ...params, activityId: `${course}/other` })).toBeUndefined()

      // A course writes State with plain PUTs (no If-Match), overwriting, then POST merges.
      const url = stateUrl(lrs, { ...params, stateId: 'coursepack.progress' })
      expect((await fetch(url, { headers: browserHeaders(lrs) })).status).toBe(404)
      for (const location of ['m1', 'm2']) {
        const put = await fetch(url, { method: 'PUT', headers: browserHeaders(lrs), body: JSON.stringify({ location }), keepalive: true })
        expect(put.status).toBe(204)
      }
      expect((await fetch(url, { method: 'POST', headers: browserHeaders(lrs), body: JSON.stringify({ suspendData: 'x' }) })).status).toBe(204)
      const got = await fetch(url, { headers: browserHeaders(lrs) })
      expect(got.status).toBe(200)
      expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/)
      expect(await got.json()).toEqual({ location: 'm2', suspendData: 'x' })
      expect(await lrs.getState({ ...params, stateId: 'coursepack.progress' })).toEqual({ location: 'm2', suspendData: 'x' })

      // Listing and deleting.
      const list = await fetch(stateUrl(lrs, { activityId: course, agent: learner, registration }), { headers: browserHeaders(lrs) })
      expect(((await list.json()) as string[]).sort()).toEqual(['LMS.LaunchData', 'coursepack.progress'])
      expect((await fetch(url, { method: 'DELETE', headers: browserHeaders(lrs) })).status).toBe(204)
      expect(await lrs.getState({ ...params, stateId: 'coursepack.progress' })).toBeUndefined()
      expect(await lrs.getState(params)).toEqual({ launchMode: 'Normal', moveOn: 'Completed' })

      // Bad parameters: 400.
      const badAgent = `${lrs.endpoint}activities/state?${new URLSearchParams({ activityId: course, agent: '{"mbox":"nope"}', stateId: 's' })}`
      expect((await fetch(badAgent, { headers: browserHeaders(lrs) })).status).toBe(400)
      expect((await fetch(stateUrl(lrs, { ...params, registration: 'not-a-uuid' }), { headers: browserHeaders(lrs) })).status).toBe(400)
    })
  })

  it('serves agent profiles (404 when absent) and /activities/profile', async () => {
    await withLrs(async (lrs) => {
      const url = `${lrs.endpoint}agents/profile?${new URLSearchParams({ agent: JSON.stringify(learner), profileId: 'cmi5LearnerPreferences' })}`
      expect((await fetch(url, { headers: browserHeaders(lrs) })).status).toBe(404)
      expect((await fetch(url, { method: 'PUT', headers: browserHeaders(lrs), body: JSON.stringify({ languagePreference: 'en-US' }) })).status).toBe(204)
      const got = await fetch(url, { headers: browserHeaders(lrs) })
      expect(got.status).toBe(200)
      expect(await got.json()).toEqual({ languagePreference: 'en-US' })
      // An existing agent profile is overwritten only with If-Match (else 409, xAPI 1.0.3).
      expect((await fetch(url, { method: 'PUT', headers: browserHeaders(lrs), body: '{}' })).status).toBe(409)
      const etag = got.headers.get('etag') ?? ''
      expect((await fetch(url, { method: 'PUT', headers: browserHeaders(lrs, { 'If-Match': etag }), body: '{"languagePreference":"fr"}' })).status).toBe(204)

      const activityProfile = `${lrs.endpoint}activities/profile?${new URLSearchParams({ activityId: course, profileId: 'p' })}`
      expect((await fetch(activityProfile, { method: 'PUT', headers: browserHeaders(lrs, { 'If-None-Match': '*' }), body: '{"a":1}' })).status).toBe(204)
      expect(await (await fetch(activityProfile, { headers: browserHeaders(lrs) })).json()).toEqual({ a: 1 })
    })
  })

  it('answers 503 to browser requests while refusing, and recovers', async () => {
    await withLrs(async (lrs) => {
      lrs.setRefusing(true)
      const refused = statement()
      const response = await postStatements(lrs, refused, { keepalive: true })
      expect(response.status).toBe(503)
      // Readable cross-origin, so the course sees the 503 rather than a CORS failure.
      expect(response.headers.get('access-control-allow-origin')).toBe(COURSE_ORIGIN)
      const statePut = await fetch(stateUrl(lrs, { activityId: course, agent: learner, stateId: 's' }), { method: 'PUT', headers: browserHeaders(lrs), body: '{}' })
      expect(statePut.status).toBe(503)
      expect((await fetch(`${lrs.endpoint}about`, { headers: browserHeaders(lrs) })).status).toBe(503)
      // Preflights are still answered, so the browser goes on to the (refused) request.
      const preflight = await fetch(`${lrs.endpoint}statements`, {
        method: 'OPTIONS',
        headers: { Origin: COURSE_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-experience-api-version' }
      })
      expect(preflight.ok).toBe(true)
      // The test's own calls are not refused (and not recorded).
      expect(await lrs.statements()).toEqual([])
      await lrs.putState({ activityId: course, agent: learner, stateId: 's' }, { ok: true })
      expect(await lrs.getState({ activityId: course, agent: learner, stateId: 's' })).toEqual({ ok: true })

      lrs.setRefusing(false)
      expect((await postStatements(lrs, refused)).status).toBe(200)
      expect((await lrs.statements()).map((s) => s.id)).toEqual([refused.id])
      expect(lrs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 503', 'PUT 503', 'GET 503', 'OPTIONS 200', 'POST 200'])
    })
  })

  it('plays an injected fault: any status, Retry-After, a reason body, a delay, a method and path filter, a count', async () => {
    await withLrs(async (lrs) => {
      lrs.setFault({ status: 429, retryAfter: '3', method: 'POST', path: 'statements', times: 2 })
      const limited = await postStatements(lrs, statement())
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('3')
      expect((limited.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain('retry-after')
      // Not matching (a GET): passed on to the LRS, and not counted.
      expect((await fetch(`${lrs.endpoint}about`, { headers: browserHeaders(lrs) })).status).toBe(200)
      expect((await postStatements(lrs, statement())).status).toBe(429)
      // Played twice: cleared.
      expect((await postStatements(lrs, statement())).status).toBe(200)

      lrs.setFault({ status: 400, body: 'statement.verb.id: not an IRI' })
      const invalid = await postStatements(lrs, statement())
      expect(invalid.status).toBe(400)
      expect(await invalid.text()).toBe('statement.verb.id: not an IRI')
      lrs.setFault({ status: 401 })
      expect((await postStatements(lrs, statement())).status).toBe(401)

      // A delay without a status: the request reaches the LRS late.
      lrs.setFault({ delayMs: 300 })
      const start = Date.now()
      expect((await postStatements(lrs, statement())).status).toBe(200)
      expect(Date.now() - start).toBeGreaterThanOrEqual(290)
      // Status 0: the connection is dropped, a network error to the client.
      lrs.setFault({ status: 0, times: 1 })
      await expect(postStatements(lrs, statement())).rejects.toThrow()
      lrs.setFault(undefined)
      expect((await lrs.statements()).length).toBe(2)
      expect(lrs.requests.map((r) => `${r.method} ${r.status} ${r.fault}`)).toEqual([
        'POST 429 true',
        'GET 200 false',
        'POST 429 true',
        'POST 200 false',
        'POST 400 true',
        'POST 401 true',
        'POST 200 true',
        'POST 0 true'
      ])
    })
  })

  it('answers CORS preflights for a course served from another origin and exposes the xAPI headers', async () => {
    await withLrs(async (lrs) => {
      for (const [method, url] of [
        ['POST', `${lrs.endpoint}statements`],
        ['PUT', `${lrs.endpoint}statements?statementId=${randomUUID()}`],
        ['PUT', stateUrl(lrs, { activityId: course, agent: learner, registration: randomUUID(), stateId: 's' })],
        ['GET', stateUrl(lrs, { activityId: course, agent: learner, stateId: 's' })],
        ['PUT', `${lrs.endpoint}agents/profile?${new URLSearchParams({ agent: JSON.stringify(learner), profileId: 'p' })}`]
      ] as const) {
        const preflight = await fetch(url, {
          method: 'OPTIONS',
          headers: { Origin: COURSE_ORIGIN, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,content-type,x-experience-api-version' }
        })
        expect(preflight.ok, `${method} ${url}`).toBe(true)
        expect(preflight.headers.get('access-control-allow-origin')).toBe(COURSE_ORIGIN)
        expect(preflight.headers.get('access-control-allow-methods')).toContain(method)
        const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/)
        expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-experience-api-version']))
      }
      const response = await postStatements(lrs, statement())
      expect(response.headers.get('access-control-allow-origin')).toBe(COURSE_ORIGIN)
      const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/)
      expect(exposed).toEqual(expect.arrayContaining(['etag', 'last-modified', 'x-experience-api-version', 'x-experience-api-consistent-through']))
    })
  })

  it('validates statements with @learninglocker/xapi-validation', () => {
    expect(validateStatement(statement())).toEqual([])
    expect(validateStatement(statement({ context: { registration: randomUUID() }, result: { completion: true, duration: 'PT1M2S' } }))).toEqual([])
    const errors = validateStatement({ actor: { mbox: 'learner@example.com' }, verb: { id: 'experienced' } })
    expect(errors).toHaveLength(3)
    expect(errors.join('\n')).toMatch(/statement\.actor\.mbox/)
    expect(errors.join('\n')).toMatch(/statement\.verb\.id/)
    expect(errors.join('\n')).toMatch(/statement\.object/)
    expect(validateStatement(statement({ result: { score: { scaled: 2 } } }))).not.toEqual([])
  })

  it('close() stops the server and removes its temp dir', async () => {
    const ours = () => readdirSync(tmpdir()).filter((name) => name.startsWith('coursepack-lrs-'))
    const before = ours()
    const lrs = await startLrs()
    expect(ours().length).toBe(before.length + 1)
    await postStatements(lrs, statement())
    await lrs.close()
    await lrs.close()
    expect(ours()).toEqual(before)
    await expect(fetch(`${lrs.endpoint}about`)).rejects.toThrow()
  })
})
