/**
 * The cmi5 package in real Chromium against a real LRS on loopback. The test plays the
 * LMS (cmi5 §8, §10): it writes LMS.LaunchData, serves the one-time fetch URL, records
 * `launched`, and launches the AU with endpoint, fetch, actor, registration and activityId.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { attemptExtension } from '../../src/questions/records.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { type Lrs, type StoredStatement, startLrs, validateStatement } from '../lrs/lrs.js'
import { courseDataOf, finishCourse, launchBrowser, type LmsServer, startLmsServer, takeQuiz, questionCount } from './harness.js'

const cmi5Category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'
const moveOnCategory = 'https://w3id.org/xapi/cmi5/context/categories/moveon'
const sessionExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid'
const masteryExtension = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore'

let browser: Browser
let server: LmsServer
let lrs: Lrs
let files: Map<string, Buffer>
let data: CourseData
let auId: string
let masteryScore: number
/** Fetch URL tokens handed out, and how often each was used. */
const fetches = new Map<string, number>()

const verbOf = (s: StoredStatement) => s.verb.id.replace(/^.*\//, '')

beforeAll(async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['cmi5'] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error('build failed')
  files = await readZip(path.resolve(built.path))
  data = courseDataOf(files)
  const xml = files.get('cmi5.xml')?.toString() ?? ''
  auId = /<au id="([^"]+)"/.exec(xml)?.[1] ?? ''
  masteryScore = Number(/masteryScore="([^"]+)"/.exec(xml)?.[1])
  server = await startLmsServer()
  server.setPackage(files)
  // The one-time fetch URL (cmi5 §8.2.3): POST only; a second use answers error-code 1.
  server.route('/cmi5/fetch', (request, response) => {
    const id = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('id') ?? ''
    const used = fetches.get(id)
    response.writeHead(200, { 'content-type': 'application/json' })
    if (request.method !== 'POST' || used === undefined || used > 0) {
      response.end(JSON.stringify({ 'error-code': '1', 'error-text': 'already used or unknown' }))
    } else {
      response.end(JSON.stringify({ 'auth-token': lrs.auth.replace(/^Basic /, '') }))
    }
    if (used !== undefined) fetches.set(id, used + 1)
  })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

beforeEach(async () => {
  lrs = await startLrs()
  return () => lrs.close()
})

interface Learner {
  actor: Record<string, unknown>
  registration: string
}

const newLearner = (): Learner => ({ actor: { objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: `learner-${randomUUID()}` } }, registration: randomUUID() })

interface LaunchOptions {
  launchMode?: 'Normal' | 'Browse' | 'Review'
  masteryScore?: number
  returnURL?: string
  /** Launch parameters to replace (a crafted launch link). */
  query?: Record<string, string>
}

/** Act as the LMS for one session: LaunchData, `launched`, a fresh fetch URL; then open the AU. */
async function launch(learner: Learner, options: LaunchOptions = {}): Promise<{ page: Page; session: string; fetchId: string; logs: string[]; dialogs: string[] }> {
  const session = randomUUID()
  const contextTemplate = { contextActivities: { grouping: [{ objectType: 'Activity', id: auId }] }, extensions: { [sessionExtension]: session } }
  await lrs.putState(
    { activityId: auId, agent: learner.actor, registration: learner.registration, stateId: 'LMS.LaunchData' },
    { contextTemplate, launchMode: options.launchMode ?? 'Normal', moveOn: 'CompletedAndPassed', masteryScore: options.masteryScore ?? masteryScore, returnURL: options.returnURL ?? `${server.url}/returned.html` }
  )
  const launched = {
    id: randomUUID(),
    actor: learner.actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
    object: { objectType: 'Activity', id: auId },
    context: { ...contextTemplate, registration: learner.registration, extensions: { ...contextTemplate.extensions, 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': options.launchMode ?? 'Normal', 'https://w3id.org/xapi/cmi5/context/extensions/moveon': 'CompletedAndPassed' } },
    timestamp: new Date().toISOString()
  }
  const sent = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }, body: JSON.stringify(launched) })
  expect(sent.status).toBe(200)
  const fetchId = randomUUID()
  fetches.set(fetchId, 0)
  const query = new URLSearchParams({
    endpoint: lrs.endpoint,
    fetch: `${server.url}/cmi5/fetch?id=${fetchId}`,
    actor: JSON.stringify(learner.actor),
    registration: learner.registration,
    activityId: auId,
    ...options.query
  })
  const page = await browser.newPage()
  const logs: string[] = []
  const dialogs: string[] = []
  page.on('pageerror', (error) => console.error('page error:', error.message))
  page.on('console', (message) => logs.push(message.text()))
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(`${server.url}/pkg/index.html?${query}`)
  await page.locator('body.cp-js').waitFor()
  return { page, session, fetchId, logs, dialogs }
}

/** The AU's statements (not the LMS's `launched`) once one with this verb is stored. */
async function auStatements(verb: string, count = 1): Promise<StoredStatement[]> {
  let stored: StoredStatement[] = []
  await expect
    .poll(
      async () => {
        stored = (await lrs.statements()).filter((s) => verbOf(s) !== 'launched')
        return stored.filter((s) => verbOf(s) === verb).length
      },
      { timeout: 20_000 }
    )
    .toBeGreaterThanOrEqual(count)
  return stored
}

const categories = (s: StoredStatement) => ((s.context?.contextActivities?.category ?? []) as Array<{ id: string }>).map((c) => c.id)

/** cmi5 §9: every statement valid, with the registration, the session id and the publisher grouping. */
function expectConformant(stored: StoredStatement[], learner: Learner, session?: string): void {
  for (const s of stored) {
    expect(validateStatement(s), JSON.stringify(s)).toEqual([])
    expect(s.context?.registration).toBe(learner.registration)
    if (session) expect(s.context?.extensions?.[sessionExtension]).toBe(session)
    expect(s.context?.contextActivities?.grouping).toEqual([expect.objectContaining({ id: auId })])
    expect(s.actor).toMatchObject({ account: learner.actor.account })
    const defined = ['initialized', 'completed', 'passed', 'failed', 'terminated'].includes(verbOf(s))
    expect(categories(s).includes(cmi5Category)).toBe(defined)
    expect(categories(s).includes(moveOnCategory)).toBe(['completed', 'passed', 'failed'].includes(verbOf(s)))
    if (defined) expect(s.object.id).toBe(auId)
  }
}

describe('cmi5 package in Chromium against a real LRS', () => {
  test('all correct → initialized first, answered, completed, passed with the masteryscore extension, terminated last; returnURL', async () => {
    const learner = newLearner()
    const { page, session, fetchId } = await launch(learner)
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 10)
    await finishCourse(page, { confirmation: false })
    // Finish sends terminated, then the AU goes back to the LMS (returnURL).
    await page.waitForURL(`${server.url}/returned.html`)
    const stored = await auStatements('terminated')
    const verbs = stored.map(verbOf)
    expect(verbs[0]).toBe('initialized')
    expect(verbs.at(-1)).toBe('terminated')
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(questionCount(data))
    expect(verbs.filter((v) => ['completed', 'passed', 'failed'].includes(v))).toEqual(['completed', 'passed'])
    const passed = stored.find((s) => verbOf(s) === 'passed')
    expect(passed?.result).toMatchObject({ score: { scaled: 1, raw: 100, min: 0, max: 100 }, success: true })
    expect(passed?.result?.duration).toMatch(/^P/)
    expect(passed?.context?.extensions?.[masteryExtension]).toBe(0.7)
    expect(stored.find((s) => verbOf(s) === 'completed')?.result).toMatchObject({ completion: true })
    expect(stored.filter((s) => verbOf(s) === 'answered').every((s) => s.context?.extensions?.[attemptExtension] === 1)).toBe(true)
    const answered = stored.find((s) => verbOf(s) === 'answered')
    expect(answered?.object.id).toMatch(new RegExp(`^${auId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/test/[^/]+/question/`))
    expect(stored.at(-1)?.result?.duration).toMatch(/^P/)
    expect(fetches.get(fetchId)).toBe(1)
    expectConformant(stored, learner, session)
  })

  test('exactly 70% → passed at scaled 0.7; one module at 60% → failed at 0.6', async () => {
    const seventy = newLearner()
    const a = await launch(seventy)
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(a.page, data, m, 7)
    const storedA = await auStatements('passed')
    expect(storedA.find((s) => verbOf(s) === 'passed')?.result?.score).toMatchObject({ scaled: 0.7, raw: 70 })
    expectConformant(storedA, seventy, a.session)
    await a.page.close()

    const sixty = newLearner()
    const b = await launch(sixty)
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(b.page, data, m, m === 0 ? 6 : 10)
    const storedB = (await auStatements('failed')).filter((s) => s.context?.registration === sixty.registration)
    expect(storedB.find((s) => verbOf(s) === 'failed')?.result).toMatchObject({ score: { scaled: 0.6, raw: 60 }, success: false })
    expect(storedB.some((s) => verbOf(s) === 'passed')).toBe(false)
    expectConformant(storedB, sixty, b.session)
    await b.page.close()
  })

  test("the LMS's masteryScore 0.8 replaces the course's: 70% everywhere → failed, with the extension 0.8", async () => {
    const learner = newLearner()
    const { page, session } = await launch(learner, { masteryScore: 0.8 })
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 7)
    const stored = await auStatements('failed')
    const failed = stored.find((s) => verbOf(s) === 'failed')
    expect(failed?.result?.score?.scaled).toBe(0.7)
    expect(failed?.context?.extensions?.[masteryExtension]).toBe(0.8)
    expectConformant(stored, learner, session)
    await page.close()
  })

  test('Browse mode: only initialized and terminated', async () => {
    const learner = newLearner()
    const { page, session } = await launch(learner, { launchMode: 'Browse' })
    await takeQuiz(page, data, 0, 10)
    await finishCourse(page, { confirmation: false })
    const stored = await auStatements('terminated')
    expect(stored.map(verbOf)).toEqual(['initialized', 'terminated'])
    expectConformant(stored, learner, session)
  })

  test('a reload within the session reuses the auth token and sends initialized once', async () => {
    const learner = newLearner()
    const { page, session, fetchId } = await launch(learner)
    await takeQuiz(page, data, 0, 10)
    await page.reload()
    await page.locator('body.cp-js').waitFor()
    await expect.poll(() => page.locator(`section[id="${data.modules[0]?.quiz?.page}"] .cp-quiz-score`).textContent()).toBe('You scored 100% (10 of 10 points).')
    await takeQuiz(page, data, 1, 10)
    const stored = await auStatements('answered', 20)
    expect(fetches.get(fetchId)).toBe(1)
    expect(stored.map(verbOf).filter((v) => v === 'initialized')).toHaveLength(1)
    expectConformant(stored, learner, session)
    await page.close()
  })

  test('leave after module 2, relaunch in a new session → resumes, completed and passed once per registration', async () => {
    const learner = newLearner()
    const first = await launch(learner)
    await takeQuiz(first.page, data, 0, 10)
    await takeQuiz(first.page, data, 1, 9)
    const bookmark = data.modules[2]?.pages[1] ?? ''
    const title = data.titles[data.pages.indexOf(bookmark)] ?? ''
    await first.page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: title, exact: true }).click()
    await first.page.close({ runBeforeUnload: true })
    await auStatements('terminated')

    const second = await launch(learner)
    await expect.poll(() => second.page.locator('.cp-page.cp-current h1').textContent()).toBe(title)
    await takeQuiz(second.page, data, 2, 10)
    await takeQuiz(second.page, data, 3, 10)
    await finishCourse(second.page, { confirmation: false })
    const stored = await auStatements('terminated', 2)
    const verbs = stored.map(verbOf)
    expect(verbs.filter((v) => v === 'initialized')).toHaveLength(2)
    expect(verbs.filter((v) => v === 'completed')).toHaveLength(1)
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1)
    expect(stored.find((s) => verbOf(s) === 'passed')?.context?.extensions?.[sessionExtension]).toBe(second.session)
    expectConformant(stored, learner)
  })

  test('the LRS refuses requests for a while: no statement lost or duplicated, initialized first and terminated last', async () => {
    const learner = newLearner()
    const { page, session } = await launch(learner)
    await auStatements('initialized')
    lrs.setRefusing(true)
    await takeQuiz(page, data, 0, 10)
    await takeQuiz(page, data, 1, 10)
    await page.reload()
    await page.locator('body.cp-js').waitFor()
    await takeQuiz(page, data, 2, 10)
    lrs.setRefusing(false)
    await takeQuiz(page, data, 3, 10)
    await finishCourse(page, { confirmation: false })
    const stored = await auStatements('terminated')
    const verbs = stored.map(verbOf)
    expect(verbs[0]).toBe('initialized')
    expect(verbs.at(-1)).toBe('terminated')
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(questionCount(data))
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length)
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1)
    expectConformant(stored, learner, session)
  })

  test('401 from the LRS: the queue is kept and the learner is told to relaunch; after the fault clears and a reload, all is stored once', async () => {
    const learner = newLearner()
    const { page, session } = await launch(learner)
    await auStatements('initialized')
    lrs.setFault({ status: 401, body: { message: 'token expired' } })
    await takeQuiz(page, data, 0, 10)
    await page.getByRole('status').filter({ hasText: data.strings.saveBlockedRelaunch ?? '' }).waitFor()
    expect(data.strings.saveBlockedRelaunch).toMatch(/launch it again/)
    expect(lrs.requests.filter((r) => r.fault)).toHaveLength(1)
    lrs.setFault(undefined)
    await page.reload()
    await page.locator('body.cp-js').waitFor()
    // The reload ended the page with `terminated` (pagehide), kept in the queue too.
    const stored = await auStatements('terminated')
    expect(stored.map(verbOf)).toEqual(['initialized', ...Array<string>(10).fill('answered'), 'terminated'])
    expect(await page.getByText(data.strings.saveBlockedRelaunch ?? '').count()).toBe(0)
    expectConformant(stored, learner, session)
    await page.close()
  })

  for (const returnURL of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', '\u0001javascript:alert(1)', '/returned.html']) {
    test(`returnURL ${JSON.stringify(returnURL)} is not followed: the finished state shows, no dialog, no navigation`, async () => {
      const learner = newLearner()
      const { page, logs, dialogs } = await launch(learner, { returnURL })
      const url = page.url().replace(/#.*/, '')
      await finishCourse(page)
      // Not framed, and no returnURL to follow: the learner closes the window.
      expect(await page.locator('.cp-finished').textContent()).toBe('Your progress has been saved. You can close this window.')
      await auStatements('terminated')
      // The queue is drained: Finish would have left by now.
      await page.waitForTimeout(1000)
      expect(page.url().replace(/#.*/, '')).toBe(url)
      expect(dialogs).toEqual([])
      expect(logs.some((line) => line.includes('the returnURL refused') && line.includes('not an absolute http(s) URL'))).toBe(true)
      await page.close()
    })
  }

  test('a returnURL on https to another host is followed (the LMS chooses where to return)', async () => {
    const learner = newLearner()
    const returnURL = 'https://lms.example.org/return?course=1'
    const { page, dialogs } = await launch(learner, { returnURL })
    // The LMS's page, served by the test (no network).
    await page.route('https://lms.example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>LMS</title><h1>Back in the LMS</h1>' }))
    await finishCourse(page, { confirmation: false })
    await page.waitForURL(returnURL)
    await auStatements('terminated')
    expect(dialogs).toEqual([])
    await page.close()
  })

  test('an actor name with markup is shown as text, never as HTML', async () => {
    const name = '<img src=x onerror=alert(1)>'
    const learner: Learner = { ...newLearner(), actor: { ...newLearner().actor, name } }
    const { page, dialogs } = await launch(learner)
    await expect.poll(() => page.locator('#cp-status .cp-learner').textContent()).toBe((data.strings.learner ?? '').replace('{name}', name))
    expect(await page.locator('#cp-status img').count()).toBe(0)
    await auStatements('initialized')
    expect(dialogs).toEqual([])
    await page.close()
  })

  for (const [param, value] of [
    ['endpoint', 'javascript:alert(1)//'],
    ['endpoint', 'file:///etc/passwd'],
    ['fetch', 'javascript:alert(1)//'],
    ['fetch', ' JaVaScRiPt:alert(1)//']
  ] as const) {
    test(`${param} ${JSON.stringify(value)} is refused: the course runs without an LMS, with the notice, and says why`, async () => {
      const { page, fetchId, logs, dialogs } = await launch(newLearner(), { query: { [param]: value } })
      await page.getByText(data.strings.noLms ?? 'not being recorded').waitFor()
      expect(logs.some((line) => line.includes('refused') && line.includes('not an absolute http(s) URL'))).toBe(true)
      await page.waitForTimeout(500)
      expect(fetches.get(fetchId)).toBe(0)
      // Only the LMS's own `launched` reached the LRS: the AU sent nothing.
      expect(lrs.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /data/xAPI/statements'])
      expect(dialogs).toEqual([])
      await page.close()
    })
  }

  test('one batch POST per quiz: answered ×10 in one request, the last with completed and passed', async () => {
    const learner = newLearner()
    const { page, session } = await launch(learner)
    await auStatements('initialized')
    const posts = () => lrs.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/statements')).length
    // The LMS's `launched` and the AU's `initialized`.
    expect(posts()).toBe(2)
    for (let m = 0; m < data.modules.length; m++) {
      await takeQuiz(page, data, m, 10)
      await auStatements('answered', (m + 1) * 10)
      expect(posts()).toBe(3 + m)
    }
    const stored = await auStatements('passed')
    expect(posts()).toBe(6)
    expect(stored.map(verbOf)).toEqual(['initialized', ...Array<string>(questionCount(data)).fill('answered'), 'completed', 'passed'])
    expectConformant(stored, learner, session)
    await page.close()
  })

  test('LMS.LaunchData refused with 401 at launch: no endless retries, the course runs without an LMS, with the notice', async () => {
    lrs.setFault({ status: 401, method: 'GET', path: 'activities/state' })
    const { page, logs } = await launch(newLearner())
    await page.getByText(data.strings.noLms ?? 'not being recorded').waitFor()
    expect(logs.some((line) => line.includes('the cmi5 launch failed'))).toBe(true)
    expect(lrs.requests.filter((r) => r.fault)).toHaveLength(1)
    await takeQuiz(page, data, 0, 10)
    await page.close()
  })
})
