/**
 * The xAPI/cmi5 side of `coursepack test`: the embedded LRS (xAPI 1.0.3 Part Three, and the
 * LMS side of cmi5 with CATAPULT's session rules) with plain fetch, then the walks of the sample
 * course's xapi and cmi5 packages in Chromium, against the embedded LRS and against Learning
 * Locker's services (test/lrs/lrs.ts), which must give the same verdicts.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findChromium, loadPlaywright, type RunningBrowser, startBrowser } from '../src/lms-test/browser.js'
import { compare } from '../src/lms-test/compare.js'
import { courseDataOf } from '../src/lms-test/course.js'
import { generic } from '../src/lms-test/profiles/index.js'
import { connectLrs, type EmbeddedLrs, lrsUrlProblem, startEmbeddedLrs, type TestLrs } from '../src/lms-test/lrs/index.js'
import { startTestServer, type TestServer } from '../src/lms-test/server.js'
import type { Recorded, WalkPlan } from '../src/lms-test/types.js'
import { plannedQuestions } from '../src/lms-test/walks/plan.js'
import { allWalks } from '../src/lms-test/walks/index.js'
import { playXapiWalk, xapiPackageOf, xapiSide } from '../src/lms-test/xapi/index.js'
import { build } from '../src/pipeline.js'
import type { CourseData } from '../src/shared/course-data.js'
import { cleanup, readZip, sampleCourse, tempDir } from './helpers.js'
import { startLrs } from './lrs/lrs.js'

const v = { 'X-Experience-API-Version': '1.0.3' }
const json = { ...v, 'Content-Type': 'application/json' }
const cmi5Category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'

const actor = () => ({ objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: `learner-${randomUUID()}` } })
const randomUUIDFixed = randomUUID()
const verb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } })

describe('embedded LRS: xAPI 1.0.3 resources', () => {
  let lrs: EmbeddedLrs
  beforeAll(async () => {
    lrs = await startEmbeddedLrs()
    return () => lrs.close()
  })
  const auth = () => ({ Authorization: lrs.basicAuth })
  const statement = (extra: Record<string, unknown> = {}) => ({ id: randomUUID(), actor: actor(), verb: verb('experienced'), object: { objectType: 'Activity', id: 'http://example.com/a' }, ...extra })

  test('/about without credentials; the version header is required and returned; unknown credentials are 401', async () => {
    const about = await fetch(`${lrs.endpoint}about`)
    expect(about.status).toBe(200)
    expect(((await about.json()) as { version: string[] }).version).toContain('1.0.3')
    const noVersion = await fetch(`${lrs.endpoint}statements`, { headers: auth() })
    expect(noVersion.status).toBe(400)
    expect(noVersion.headers.get('x-experience-api-version')).toBe('1.0.3')
    expect((await fetch(`${lrs.endpoint}statements`, { headers: { ...v, Authorization: 'Basic bm9ib2R5OnNlY3JldA==' } })).status).toBe(401)
  })

  test('POST one or many (200, ids), PUT (204), GET by id, 409 for a reused id with other content, the same content again is fine', async () => {
    const a = statement()
    const b = statement()
    const posted = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify([a, b]) })
    expect(posted.status).toBe(200)
    expect(await posted.json()).toEqual([a.id, b.id])
    expect((await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify(a) })).status).toBe(200)
    const conflict = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify({ ...a, verb: verb('completed') }) })
    expect(conflict.status).toBe(409)
    const c = statement()
    const put = await fetch(`${lrs.endpoint}statements?statementId=${c.id}`, { method: 'PUT', headers: { ...json, ...auth() }, body: JSON.stringify(c) })
    expect(put.status).toBe(204)
    const got = await fetch(`${lrs.endpoint}statements?statementId=${c.id}`, { headers: { ...v, ...auth() } })
    expect(got.status).toBe(200)
    expect(await got.json()).toMatchObject({ id: c.id, verb: { id: c.verb.id }, stored: expect.any(String), authority: expect.any(Object) })
    const list = (await (await fetch(`${lrs.endpoint}statements?verb=${encodeURIComponent(verb('experienced').id)}&ascending=true`, { headers: { ...v, ...auth() } })).json()) as { statements: Array<{ id: string }> }
    expect(list.statements.map((s) => s.id)).toEqual([a.id, b.id, c.id])
    expect((await fetch(`${lrs.endpoint}statements?statementId=${randomUUID()}`, { headers: { ...v, ...auth() } })).status).toBe(404)
  })

  test('requests are listed per registration, with their status', async () => {
    const registration = randomUUID()
    const s = statement({ context: { registration } })
    expect((await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify([s]) })).status).toBe(200)
    expect(lrs.requests(registration)).toEqual([{ method: 'POST', path: 'statements', status: 200, registration }])
  })

  test('an invalid statement is refused with 400 and the validator\'s reason, and nothing of its batch is stored', async () => {
    const good = statement()
    const bad = statement({ result: { score: { scaled: 2 } } })
    const response = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify([good, bad]) })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { message: string }).message).toMatch(/statement\.result\.score\.scaled/)
    expect((await lrs.statements()).some((s) => s.id === good.id)).toBe(false)
    expect(lrs.problems().at(-1)).toMatchObject({ rule: 'xapi-invalid', status: 400 })
  })

  test('State: PUT, GET with ETag, POST merges JSON, If-Match 412, id list, DELETE; CORS for the package origin', async () => {
    const agent = actor()
    const q = (stateId?: string) => `${lrs.endpoint}activities/state?${new URLSearchParams({ activityId: 'http://example.com/a', agent: JSON.stringify(agent), registration: randomUUIDFixed, ...(stateId ? { stateId } : {}) })}`
    const put = await fetch(q('s1'), { method: 'PUT', headers: { ...json, ...auth(), Origin: 'http://127.0.0.1:9' }, body: JSON.stringify({ a: 1 }) })
    expect(put.status).toBe(204)
    expect(put.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9')
    const got = await fetch(q('s1'), { headers: { ...v, ...auth() } })
    const etag = got.headers.get('etag')
    expect(await got.json()).toEqual({ a: 1 })
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/)
    expect((await fetch(q('s1'), { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify({ b: 2 }) })).status).toBe(204)
    expect(await (await fetch(q('s1'), { headers: { ...v, ...auth() } })).json()).toEqual({ a: 1, b: 2 })
    expect((await fetch(q('s1'), { method: 'PUT', headers: { ...json, ...auth(), 'If-Match': etag ?? '' }, body: '{}' })).status).toBe(412)
    expect(await (await fetch(q(), { headers: { ...v, ...auth() } })).json()).toEqual(['s1'])
    expect((await fetch(q('s1'), { method: 'DELETE', headers: { ...v, ...auth() } })).status).toBe(204)
    expect((await fetch(q('s1'), { headers: { ...v, ...auth() } })).status).toBe(404)
    const preflight = await fetch(q('s1'), { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:9', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,x-experience-api-version' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
  })
})

describe('embedded LRS: the LMS side of cmi5 and its session rules', () => {
  let lrs: EmbeddedLrs
  beforeAll(async () => {
    lrs = await startEmbeddedLrs()
    return () => lrs.close()
  })
  const activityId = 'https://example.com/au/1'

  async function launch(registration: string, learner: Record<string, unknown>) {
    const made = await lrs.createCmi5Launch({ registration, actor: learner, activityId, launchMode: 'Normal', masteryScore: 0.7, auUrl: 'http://127.0.0.1:1/pkg/index.html?x=1' })
    const params = new URL(made.url).searchParams
    const fetched = (await (await fetch(params.get('fetch') ?? '', { method: 'POST' })).json()) as { 'auth-token': string }
    const token = `Basic ${fetched['auth-token']}`
    const launchData = (await (
      await fetch(`${params.get('endpoint')}activities/state?${new URLSearchParams({ activityId, agent: params.get('actor') ?? '', registration, stateId: 'LMS.LaunchData' })}`, { headers: { ...v, Authorization: token } })
    ).json()) as { contextTemplate: { contextActivities: unknown; extensions: Record<string, string> }; launchMode: string; masteryScore: number; returnURL?: string }
    const send = (verbName: string, context: Record<string, unknown> = launchData.contextTemplate, withToken = token) =>
      fetch(`${lrs.endpoint}statements`, {
        method: 'POST',
        headers: { ...json, Authorization: withToken },
        body: JSON.stringify({ id: randomUUID(), actor: learner, verb: verb(verbName), object: { objectType: 'Activity', id: activityId }, context: { ...context, registration }, timestamp: new Date().toISOString() })
      })
    return { made, params, token, launchData, send }
  }

  test('the launch URL, LMS.LaunchData (context template, launch mode, mastery score), `launched`, and a fetch URL that answers once', async () => {
    const registration = randomUUID()
    const learner = actor()
    const { made, params, launchData } = await launch(registration, learner)
    expect([...params.keys()].sort()).toEqual(['activityId', 'actor', 'endpoint', 'fetch', 'registration', 'x'])
    expect(params.get('endpoint')).toBe(lrs.endpoint)
    expect(JSON.parse(params.get('actor') ?? '')).toEqual(learner)
    expect(launchData).toMatchObject({ launchMode: 'Normal', masteryScore: 0.7, contextTemplate: { contextActivities: { grouping: [{ id: activityId }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': made.sessionId } } })
    const again = await (await fetch(made.fetchUrl, { method: 'POST' })).json()
    expect(again).toMatchObject({ 'error-code': '1' })
    const stored = await lrs.statements(registration)
    expect(stored.map((s) => s.verb.id)).toEqual(['http://adlnet.gov/expapi/verbs/launched'])
  })

  test('refused and recorded: before initialized (9.3.0.0-4), a mismatched context (10.2.1.0-6), after terminated (9.3.0.0-5), a closed session\'s token (8.1.2.0-2), LMS.LaunchData written by the AU', async () => {
    const registration = randomUUID()
    const learner = actor()
    const first = await launch(registration, learner)
    const before = await first.send('experienced')
    expect(before.status).toBe(403)
    expect(((await before.json()) as { message: string }).message).toMatch(/^9\.3\.0\.0-4 /)
    expect((await first.send('initialized')).status).toBe(200)
    const otherSession = { ...first.launchData.contextTemplate, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': randomUUID() } }
    expect((await first.send('experienced', otherSession)).status).toBe(403)
    expect((await first.send('experienced', { extensions: first.launchData.contextTemplate.extensions })).status).toBe(403)
    const writeLaunchData = await fetch(`${lrs.endpoint}activities/state?${new URLSearchParams({ activityId, agent: JSON.stringify(learner), registration, stateId: 'LMS.LaunchData' })}`, {
      method: 'PUT',
      headers: { ...json, Authorization: first.token },
      body: '{}'
    })
    expect(writeLaunchData.status).toBe(403)
    expect((await first.send('terminated')).status).toBe(200)
    expect((await first.send('experienced')).status).toBe(403)
    // The next launch closes the first session: its token is refused for everything.
    const second = await launch(registration, learner)
    const stale = await first.send('initialized', second.launchData.contextTemplate, first.token)
    expect(stale.status).toBe(401)
    // A statement of the first session under the second session's token (defect 4): its context is not the second's.
    expect((await second.send('initialized')).status).toBe(200)
    expect((await second.send('terminated', first.launchData.contextTemplate)).status).toBe(403)
    expect(lrs.problems(registration).map((p) => p.rule)).toEqual(['9.3.0.0-4', '10.2.1.0-6', '10.2.1.0-6', 'cmi5 §10', '9.3.0.0-5', '8.1.2.0-2', '10.2.1.0-6'])
    expect(lrs.problems(registration)[1]?.message).toMatch(/session id is .* not this session's/)
    // Nothing refused was stored; the first session terminated, so no abandoned.
    expect((await lrs.statements(registration)).map((s) => s.verb.id.replace(/^.*\//, ''))).toEqual(['launched', 'initialized', 'terminated', 'launched', 'initialized'])
  })

  test('a session ended without terminated is recorded abandoned (cmi5 §9.3.6) on the next launch or when asked, and its token closes', async () => {
    const registration = randomUUID()
    const learner = actor()
    const first = await launch(registration, learner)
    expect((await first.send('initialized')).status).toBe(200)
    const second = await launch(registration, learner)
    expect((await first.send('experienced')).status).toBe(401)
    expect((await second.send('initialized')).status).toBe(200)
    await lrs.abandon(second.made.sessionId)
    expect((await second.send('experienced')).status).toBe(401)
    const stored = await lrs.statements(registration)
    const abandoned = stored.filter((s) => s.verb.id === 'https://w3id.org/xapi/adl/verbs/abandoned')
    expect(abandoned.map((s) => s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid'])).toEqual([first.made.sessionId, second.made.sessionId])
    for (const s of abandoned) {
      expect(s.context?.contextActivities?.category).toEqual([{ id: cmi5Category }])
      expect(s.result?.duration).toMatch(/^PT[\d.]+S$/)
    }
  })
})

test('--lrs takes loopback and private-range addresses only', () => {
  for (const ok of ['http://127.0.0.1:8080/xapi/', 'http://localhost/lrs', 'https://10.1.2.3/x', 'http://192.168.1.9/', 'http://172.20.0.1/', 'http://[::1]:9/', 'http://[fd00::1]/']) expect(lrsUrlProblem(ok), ok).toBeUndefined()
  for (const bad of ['https://lrs.example.com/xapi/', 'http://8.8.8.8/', 'http://172.32.0.1/', 'ftp://127.0.0.1/', 'not a url', 'http://127.0.0.1.nip.io/']) expect(lrsUrlProblem(bad), bad).toMatch(/^Unexpected --lrs/)
  expect(() => xapiSide({ lrs: 'https://lrs.example.com/', lrsAuth: 'Basic x' })).toThrow(/expected localhost or a loopback or private-range address/)
})

// ---------------------------------------------------------------------------------------
// The walks in Chromium.

interface Built {
  files: Map<string, Buffer>
  data: CourseData
}

const walkNames = {
  xapi: ['all-correct', 'pass-mark', 'fail', 'resume', 'relaunch-same-page', 'relaunch-new-page', 'relaunch-after-abandoned'],
  cmi5: ['all-correct', 'pass-mark', 'fail', 'resume', 'browse-then-normal', 'review-after-pass', 'relaunch-same-page', 'relaunch-new-page', 'relaunch-after-abandoned']
} as const

describe('walks of the sample course in Chromium', () => {
  const built = new Map<'xapi' | 'cmi5', Built>()
  let browser: RunningBrowser
  let server: TestServer
  let embedded: EmbeddedLrs
  let learningLocker: Awaited<ReturnType<typeof startLrs>>
  let remote: TestLrs
  /** Verdicts per LRS, by `<standard> <walk>`. */
  const verdicts = { embedded: new Map<string, string[]>(), learningLocker: new Map<string, string[]>() }

  beforeAll(async () => {
    const result = await build([sampleCourse], { out: tempDir(), targets: ['xapi', 'cmi5'] })
    if (result.exitCode !== 0) throw new Error('build failed')
    for (const pkg of result.packages) {
      const files = await readZip(path.resolve(pkg.path))
      const data = courseDataOf(files.get('index.html')?.toString('utf8') ?? '')
      if (!data) throw new Error('no course data')
      built.set(pkg.target as 'xapi' | 'cmi5', { files, data })
    }
    server = await startTestServer()
    browser = await startBrowser(loadPlaywright(), findChromium(undefined))
    embedded = await startEmbeddedLrs()
    learningLocker = await startLrs()
    remote = await connectLrs(learningLocker.endpoint, learningLocker.auth)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await embedded?.close()
    await remote?.close()
    await learningLocker?.close()
    cleanup()
  })

  async function play(standard: 'xapi' | 'cmi5', walkName: string, lrs: TestLrs): Promise<{ plan: WalkPlan; recorded: Recorded; reasons: string[] }> {
    const pkg = built.get(standard)
    const walk = allWalks().find((w) => w.name === walkName)
    if (!pkg || !walk) throw new Error(`no ${standard} package or walk ${walkName}`)
    const plan = walk.plan(pkg.data)
    if (!plan) throw new Error(`${walkName} does not apply`)
    server.setPackage(pkg.files)
    const launch = xapiPackageOf(pkg.files, pkg.data, `${server.url}/pkg/`)
    if (typeof launch === 'string') throw new Error(launch)
    const recorded = await playXapiWalk(browser.context, launch, plan, generic, lrs)
    return { plan, recorded, reasons: compare(plan.expected, recorded) }
  }

  for (const standard of ['xapi', 'cmi5'] as const) {
    for (const walkName of walkNames[standard]) {
      test(`${standard} ${walkName}: the embedded LRS records the expected outcome, every statement accepted`, async () => {
        const { plan, recorded, reasons } = await play(standard, walkName, embedded)
        verdicts.embedded.set(`${standard} ${walkName}`, reasons)
        expect(reasons).toEqual([])
        expect(recorded.problems).toEqual([])
        const verbs = (recorded.statements ?? []).map((s) => s.verb).filter((name) => name !== 'launched' && name !== 'abandoned')
        expect(verbs[0]).toBe('initialized')
        expect(verbs.at(-1)).toBe('terminated')
        const normal = plan.sessions.filter((s) => s.mode === 'normal')
        const answered = normal.flatMap((s) => s.answers).reduce((sum, a) => {
          const quiz = built.get(standard)?.data.modules[a.module]?.quiz
          return sum + (quiz ? plannedQuestions(quiz).length : 0)
        }, 0)
        expect(recorded.interactions).toHaveLength(answered)
        // Scored questions carry success (correct or incorrect); the likert one none (src/questions/records.ts).
        expect(recorded.interactions.every((i) => (i.type === 'likert' ? i.result === undefined : i.result === 'correct' || i.result === 'incorrect'))).toBe(true)
        if (standard === 'cmi5') {
          const sessions = new Set((recorded.statements ?? []).map((s) => s.sessionId))
          expect(sessions.size).toBe(plan.sessions.length)
          const abandoned = (recorded.statements ?? []).filter((s) => s.verb === 'abandoned')
          expect(abandoned).toHaveLength(plan.sessions.filter((s) => s.end === 'abandon').length)
        }
        // Refused requests are problems; a 404 is the read of a document not written yet (progress, learner preferences).
        const refused = recorded.calls.filter((c) => Number(c.result) >= 400 && !(c.name.startsWith('GET ') && c.result === '404'))
        expect(refused).toEqual([])
      }, 180_000)
    }
  }

  for (const standard of ['xapi', 'cmi5'] as const) {
    for (const walkName of walkNames[standard]) {
      test(`${standard} ${walkName}: Learning Locker (as --lrs) gives the same verdict`, async () => {
        const { reasons } = await play(standard, walkName, remote)
        verdicts.learningLocker.set(`${standard} ${walkName}`, reasons)
        // The user's LRS enforces no cmi5 session rules of ours: compare the outcome only.
        const outcome = (list: string[] | undefined) => (list ?? []).filter((r) => /^(success|completion|score):/.test(r))
        expect(outcome(reasons)).toEqual(outcome(verdicts.embedded.get(`${standard} ${walkName}`)))
        expect(reasons).toEqual([])
      }, 180_000)
    }
  }
})
