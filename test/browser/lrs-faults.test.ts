/**
 * The xAPI package in Chromium against the real loopback LRS playing faults (test/lrs/lrs.ts):
 * what the runtime does with each answer of the LRS (xAPI 1.0.3 Communication §3.2), one
 * batch POST per quiz, the pagehide keepalive flush under its 64 KiB cap, and hostile launch
 * data (an actor name with markup, an endpoint that is not http(s)).
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { type Lrs, type StoredStatement, startLrs, validateStatement } from '../lrs/lrs.js'
import { courseDataOf, launchBrowser, type LmsServer, startLmsServer, takeQuiz, finishCourse, questionCount } from './harness.js'

let browser: Browser
let server: LmsServer
let lrs: Lrs
let data: CourseData

const verbOf = (s: StoredStatement) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '')

beforeAll(async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['xapi'] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error('build failed')
  const files = await readZip(path.resolve(built.path))
  data = courseDataOf(files)
  server = await startLmsServer()
  server.setPackage(files)
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

const newLearner = (name = 'Ada Learner'): Learner => ({ actor: { objectType: 'Agent', name, mbox: `mailto:ada-${randomUUID()}@example.org` }, registration: randomUUID() })

interface Launched {
  page: Page
  /** Console messages of the page. */
  console: string[]
  /** Dialogs the page opened (alert, confirm…): none may open. */
  dialogs: string[]
}

function query(learner: Learner, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.auth, actor: JSON.stringify(learner.actor), registration: learner.registration, activity_id: data.activityId, ...overrides }).toString()
}

/** Launch as an LMS does, with TinCan launch parameters (any of them overridden). */
async function launch(learner: Learner, overrides: Record<string, string> = {}, before?: (page: Page) => Promise<void>): Promise<Launched> {
  const page = await browser.newPage()
  const launched: Launched = { page, console: [], dialogs: [] }
  page.on('pageerror', (error) => console.error('page error:', error.message))
  page.on('console', (message) => launched.console.push(message.text()))
  page.on('dialog', (dialog) => {
    launched.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await before?.(page)
  await page.goto(`${server.url}/pkg/index.html?${query(learner, overrides)}`)
  await page.locator('body.cp-js').waitFor()
  return launched
}

async function reload(page: Page): Promise<void> {
  await page.reload()
  await page.locator('body.cp-js').waitFor()
}

/** Wait until the LRS holds `count` statements with this verb, then return everything stored. */
async function statementsUntil(verb: string, count = 1, timeout = 30_000): Promise<StoredStatement[]> {
  let stored: StoredStatement[] = []
  await expect
    .poll(
      async () => {
        stored = await lrs.statements()
        return stored.filter((s) => verbOf(s) === verb).length
      },
      { timeout }
    )
    .toBeGreaterThanOrEqual(count)
  return stored
}

function expectValidAndUnique(stored: StoredStatement[], learner: Learner): void {
  for (const statement of stored) {
    expect(validateStatement(statement), JSON.stringify(statement)).toEqual([])
    expect(statement.context?.registration).toBe(learner.registration)
  }
  expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length)
}

/** POSTs of statements that reached the LRS (not answered by a fault). */
const statementPosts = () => lrs.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/statements') && !r.fault)

/** The learner's queue as the runtime keeps it in localStorage. */
const queued = (page: Page): Promise<number> =>
  page.evaluate(() => {
    let jobs = 0
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? ''
      if (key.startsWith('coursepack:xapi:')) jobs += (JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]).length
    }
    return jobs
  })

describe('xAPI runtime against LRS faults', () => {
  test('one batch POST per quiz: answered ×10 in one request, the last with completed and passed; in order', async () => {
    const learner = newLearner()
    const { page } = await launch(learner)
    await statementsUntil('initialized')
    expect(statementPosts()).toHaveLength(1)
    for (let m = 0; m < data.modules.length; m++) {
      await takeQuiz(page, data, m, 10)
      await statementsUntil('answered', (m + 1) * 10)
      expect(statementPosts()).toHaveLength(2 + m)
    }
    const stored = await statementsUntil('passed')
    expect(statementPosts()).toHaveLength(5)
    const verbs = stored.map(verbOf)
    expect(verbs).toEqual(['initialized', ...Array<string>(questionCount(data)).fill('answered'), 'completed', 'passed'])
    // The order of the questions within each quiz is kept.
    const ids = stored.filter((s) => verbOf(s) === 'answered').map((s) => decodeURIComponent(s.object.id.replace(/^.*\/interactions\//, '')))
    // (Module 3 draws from a bank: its attempt asks some of the bank's questions, in the author's order.)
    expect(ids).toHaveLength(questionCount(data))
    expect(ids).toEqual(data.modules.flatMap((m) => m.quiz?.questions.map((q) => q.id) ?? []).filter((id) => ids.includes(id)))
    expectValidAndUnique(stored, learner)
    await page.close()
  })

  test('408, 429 (Retry-After in seconds, then as an HTTP date), 500, 503 and a dropped connection: retried, stored once', async () => {
    const learner = newLearner()
    const { page, console: logged } = await launch(learner)
    await statementsUntil('initialized')
    // One fault per quiz; 0 drops the connection (a network error). The HTTP date is set
    // before the quiz is taken (a few seconds) and has whole seconds: at least 2 s are left.
    const faults = [() => ({ status: 408 }), () => ({ status: 429, retryAfter: '2' }), () => ({ status: 503, retryAfter: new Date(Date.now() + 8000).toUTCString() }), () => ({ status: 0 })]
    for (const [m, fault] of faults.entries()) {
      lrs.setFault({ ...fault(), method: 'POST', path: 'statements', times: 2 })
      const from = lrs.requests.length
      await takeQuiz(page, data, m, 10)
      await statementsUntil('answered', (m + 1) * 10)
      const posts = lrs.requests.slice(from).filter((r) => r.method === 'POST' && r.url.endsWith('/statements'))
      expect(posts.map((r) => r.fault)).toEqual([true, true, false])
      if (m === 1) expect((posts[2]?.at ?? 0) - (posts[1]?.at ?? 0)).toBeGreaterThanOrEqual(1900)
      if (m === 2) expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000)
    }
    lrs.setFault({ status: 500, method: 'POST', path: 'statements', times: 1 })
    await finishCourse(page)
    const stored = await statementsUntil('terminated')
    expect(stored.map(verbOf).filter((v) => v === 'answered')).toHaveLength(questionCount(data))
    expect(stored.map(verbOf).slice(-3)).toEqual(['completed', 'passed', 'terminated'])
    expect(lrs.requests.some((r) => r.status === 500)).toBe(true)
    expect(logged.some((line) => /could not send statement \S+ \(500\); retrying in 500 ms/.test(line))).toBe(true)
    expectValidAndUnique(stored, learner)
    await expect.poll(() => queued(page)).toBe(0)
    await page.close()
  })

  for (const status of [401, 403]) {
    test(`${status}: the queue is kept, sending stops, the learner is told; after the fault clears and a reload, everything is stored once`, async () => {
      const learner = newLearner()
      const { page } = await launch(learner)
      await statementsUntil('initialized')
      lrs.setFault({ status, body: { message: 'token expired' } })
      await takeQuiz(page, data, 0, 10)
      const notice = page.getByRole('status').filter({ hasText: data.strings.saveBlocked ?? '' })
      await notice.waitFor()
      expect(data.strings.saveBlocked).toMatch(/cannot be saved right now/)
      const refused = lrs.requests.filter((r) => r.fault).length
      expect(refused).toBe(1)
      // Stopped: more progress is queued, nothing more is sent.
      await takeQuiz(page, data, 1, 10)
      await page.waitForTimeout(1500)
      expect(lrs.requests.filter((r) => r.fault)).toHaveLength(refused)
      expect(await queued(page)).toBeGreaterThanOrEqual(20)

      lrs.setFault(undefined)
      await reload(page)
      const stored = await statementsUntil('answered', 20)
      expect(stored.map(verbOf).filter((v) => v === 'answered')).toHaveLength(20)
      expect(await page.getByText(data.strings.saveBlocked ?? '').count()).toBe(0)
      await expect.poll(() => queued(page)).toBe(0)
      // The progress kept through the reload, and now in the State API too.
      await expect.poll(() => page.locator(`section[id="${data.modules[1]?.quiz?.page}"] .cp-quiz-score`).textContent()).toBe('You scored 100% (10 of 10 points).')
      const progress = (await lrs.getState({ activityId: data.activityId, agent: learner.actor, registration: learner.registration, stateId: 'coursepack.progress' })) as { suspendData?: string } | undefined
      expect(progress?.suspendData).toBeTruthy()
      expectValidAndUnique(stored, learner)
      await page.close()
    })
  }

  test('400: a statement the LRS rejects as invalid is dropped and logged with its reason; the others are stored', async () => {
    const learner = newLearner()
    // A job left in the queue by an earlier page that the LRS rejects (the verb id is not an IRI).
    const invalid = { id: randomUUID(), actor: { objectType: 'Agent', name: 'Ada Learner', mbox: learner.actor.mbox }, verb: { id: 'answered' }, object: { objectType: 'Activity', id: data.activityId }, timestamp: new Date().toISOString() }
    const key = `coursepack:xapi:${data.activityId}:${learner.registration}:${JSON.stringify({ objectType: 'Agent', name: 'Ada Learner', mbox: learner.actor.mbox })}`
    const { page, console: logged } = await launch(learner, {}, async (p) => {
      await p.goto(`${server.url}/returned.html`)
      await p.evaluate(([k, job]) => localStorage.setItem(k, JSON.stringify([{ kind: 'statement', statement: job }])), [key, invalid] as const)
    })
    await statementsUntil('initialized')
    await expect.poll(() => logged.find((line) => line.includes(`rejected statement ${invalid.id} with 400`))).toMatch(/verb/)
    // A batch refused by a 400 is sent again one statement at a time: nothing valid is lost.
    lrs.setFault({ status: 400, body: 'fault injection: the batch is refused', method: 'POST', path: 'statements', times: 1 })
    await takeQuiz(page, data, 0, 10)
    const stored = await statementsUntil('answered', 10)
    expect(stored.map((s) => s.id)).not.toContain(invalid.id)
    expect(stored.map(verbOf)).toEqual(['initialized', ...Array<string>(10).fill('answered')])
    expect(logged.some((line) => line.includes('sending them one at a time'))).toBe(true)
    expectValidAndUnique(stored, learner)
    await expect.poll(() => queued(page)).toBe(0)
    await page.close()
  })

  test('pagehide with a queue over 64 KiB: the keepalive flush sends what fits, the next launch the rest, each once', async () => {
    const learner = newLearner()
    const { page } = await launch(learner)
    await statementsUntil('initialized')
    // Refused with a long Retry-After: the queue waits instead of retrying before the page closes.
    lrs.setFault({ status: 503, retryAfter: '30' })
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 10)
    const size = await page.evaluate(() => {
      let bytes = 0
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i) ?? ''
        if (key.startsWith('coursepack:xapi:')) bytes += new TextEncoder().encode(localStorage.getItem(key) ?? '').length
      }
      return bytes
    })
    expect(size).toBeGreaterThan(64 * 1024)
    lrs.setFault(undefined)
    const from = lrs.requests.length
    // The learner leaves the page (pagehide); the browser stays open, so the keepalive
    // requests, which need a CORS preflight here, outlive the page as they do for a learner.
    await page.goto(`${server.url}/returned.html`)
    // The keepalive flush: the progress State, then the oldest statements that fit in one batch.
    await expect.poll(() => lrs.requests.slice(from).filter((r) => r.status === 200 && r.method === 'POST').length).toBeGreaterThanOrEqual(1)
    await expect.poll(async () => (await lrs.getState({ activityId: data.activityId, agent: { objectType: 'Agent', name: learner.actor.name, mbox: learner.actor.mbox }, registration: learner.registration, stateId: 'coursepack.progress' })) !== undefined).toBe(true)
    const flushed = (await lrs.statements()).length
    expect(flushed).toBeGreaterThan(1)
    expect(flushed).toBeLessThan(44)

    // The next launch, in the same browser (the queue is in its localStorage).
    await page.goto(`${server.url}/pkg/index.html?${query(learner)}`)
    await page.locator('body.cp-js').waitFor()
    const stored = await statementsUntil('terminated')
    const verbs = stored.map(verbOf)
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(questionCount(data))
    expect(verbs.filter((v) => v === 'initialized')).toHaveLength(2)
    expect(verbs.filter((v) => v === 'passed')).toHaveLength(1)
    expectValidAndUnique(stored, learner)
    await page.close()
  })
})

describe('xAPI runtime with hostile launch data', () => {
  test('an actor name with markup is shown as text: no element, no script, and the statements carry it verbatim', async () => {
    const name = '<img src=x onerror=alert(1)><b>Ada</b>'
    const learner = newLearner(name)
    const { page, dialogs } = await launch(learner)
    const line = page.locator('#cp-status .cp-learner')
    await expect.poll(() => line.textContent()).toBe((data.strings.learner ?? '').replace('{name}', name))
    expect(await page.locator('#cp-status img, #cp-status b').count()).toBe(0)
    const stored = await statementsUntil('initialized')
    expect((stored[0]?.actor as { name?: string }).name).toBe(name)
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    await page.close()
  })

  for (const endpoint of ['javascript:alert(1)//', ' JaVaScRiPt:alert(1)//', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', '/data/xAPI/']) {
    test(`endpoint ${JSON.stringify(endpoint)} is refused: the course runs without an LMS, with the notice, and says why`, async () => {
      const { page, console: logged, dialogs } = await launch(newLearner(), { endpoint })
      await page.getByText(data.strings.noLms ?? 'not being recorded').waitFor()
      expect(logged.some((line) => line.includes('the launch endpoint refused') && line.includes('not an absolute http(s) URL'))).toBe(true)
      await takeQuiz(page, data, 0, 10)
      await page.waitForTimeout(300)
      expect(dialogs).toEqual([])
      expect(lrs.requests).toEqual([])
      await page.close()
    })
  }
})
