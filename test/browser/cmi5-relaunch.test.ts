/**
 * cmi5 leave-and-relaunch against the loopback LRS behind a test LMS that, as the cmi5
 * specification (§8.2) and CATAPULT do, limits each token to its session and refuses
 * statements whose context does not match the session's template (test/lrs/cmi5-lms.ts).
 * Issue 12, defects 3–5: a relaunch in the same page, in a new page, and after the LMS
 * recorded `abandoned`.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { type Cmi5Learner, type Cmi5Lms, sessionExtension, startCmi5Lms } from '../lrs/cmi5-lms.js'
import { type Lrs, type StoredStatement, startLrs } from '../lrs/lrs.js'
import { courseDataOf, finishCourse, launchBrowser, type LmsServer, questionCount, startLmsServer, takeQuiz } from './harness.js'

let browser: Browser
let server: LmsServer
let lrs: Lrs
let lms: Cmi5Lms
let data: CourseData
let auId: string

const verbOf = (s: StoredStatement) => s.verb.id.replace(/^.*\//, '')
const sessionOf = (s: StoredStatement) => s.context?.extensions?.[sessionExtension] as string | undefined

beforeAll(async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['cmi5'] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error('build failed')
  const files = await readZip(path.resolve(built.path))
  data = courseDataOf(files)
  auId = /<au id="([^"]+)"/.exec(files.get('cmi5.xml')?.toString() ?? '')?.[1] ?? ''
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
  lms = await startCmi5Lms(lrs)
  return async () => {
    await lms.close()
    await lrs.close()
  }
})

const newLearner = (): Cmi5Learner => ({ actor: { objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: `learner-${randomUUID()}` } }, registration: randomUUID() })

/** Open a new launch of the LMS in `page` (the same tab, or a new one). */
async function open(page: Page, learner: Cmi5Learner, launchMode: 'Normal' | 'Browse' = 'Normal'): Promise<string> {
  const { session, query } = await lms.launch(learner, auId, { returnURL: `${server.url}/returned.html`, launchMode })
  await page.goto(`${server.url}/pkg/index.html?${query}`)
  await page.locator('body.cp-js').waitFor()
  return session.id
}

async function storedWhen(predicate: (stored: StoredStatement[]) => boolean): Promise<StoredStatement[]> {
  let stored: StoredStatement[] = []
  // On a timeout, say what the LMS refused and what it stored.
  const seen = () => `refused: ${JSON.stringify(lms.refusals)}; stored: ${stored.map((s) => `${verbOf(s)}@${sessionOf(s)?.slice(0, 8) ?? ''}`).join(' ')}`
  await expect
    .poll(
      async () => {
        stored = await lrs.statements()
        return predicate(stored) || seen()
      },
      { timeout: 20_000 }
    )
    .toBe(true)
  return stored
}

const count = (stored: StoredStatement[], session: string, verb: string) => stored.filter((s) => sessionOf(s) === session && verbOf(s) === verb).length

type Leave = 'same page' | 'new page' | 'abandoned'

/** First session: one quiz, then leave as `how` says; second session: the rest, Finish. */
async function relaunch(context: BrowserContext, how: Leave): Promise<{ first: string; second: string; stored: StoredStatement[]; logs: string[] }> {
  const learner = newLearner()
  const logs: string[] = []
  const watch = (page: Page) => page.on('console', (message) => logs.push(message.text()))
  const page = await context.newPage()
  watch(page)
  const first = await open(page, learner)
  await takeQuiz(page, data, 0, 10)
  await storedWhen((stored) => count(stored, first, 'answered') === 10)
  let next = page
  if (how === 'abandoned') {
    // The connection is lost as the learner leaves: terminated never reaches the LMS.
    lms.disconnect(first)
    await page.goto('about:blank')
    await page.close()
    next = await context.newPage()
    watch(next)
  } else {
    // Leave once the queue is idle: a statement batch still awaiting its answer at pagehide
    // holds the later terminated back (to keep the order), and the page does not live on.
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('coursepack:cmi5:')).length)).toBe(0)
    // Back to the LMS in the same tab; terminated goes out as the page is hidden.
    await page.goto(`${server.url}/returned.html`)
    await storedWhen((stored) => count(stored, first, 'terminated') >= 1)
    if (how === 'new page') {
      await page.close()
      next = await context.newPage()
      watch(next)
    }
  }
  const second = await open(next, learner)
  // The quiz of the first session is restored from the State the LMS kept.
  await expect.poll(() => next.locator(`section[id="${data.modules[0]?.quiz?.page}"] .cp-quiz-score`).textContent()).toBe('You scored 100% (10 of 10 points).')
  for (let m = 1; m < data.modules.length; m++) await takeQuiz(next, data, m, 10)
  await finishCourse(next, { confirmation: false })
  await next.waitForURL(`${server.url}/returned.html`)
  await storedWhen((all) => count(all, second, 'terminated') >= 1)
  await new Promise((resolve) => setTimeout(resolve, 500)) // a late duplicate would arrive now
  return { first, second, stored: await lrs.statements(), logs }
}

function expectSessionsKept(result: { first: string; second: string; stored: StoredStatement[] }, how: Leave): void {
  const { first, second, stored } = result
  // Every request of both sessions was accepted: no old token, no foreign context, nothing after terminated.
  expect(lms.refusals).toEqual([])
  const ofSecond = stored.filter((s) => sessionOf(s) === second && verbOf(s) !== 'launched')
  expect(ofSecond[0] && verbOf(ofSecond[0])).toBe('initialized')
  expect(ofSecond.at(-1) && verbOf(ofSecond.at(-1) as StoredStatement)).toBe('terminated')
  // The second session answers the quizzes of modules 2 to 4.
  expect(ofSecond.filter((s) => verbOf(s) === 'answered')).toHaveLength(questionCount(data) - (data.modules[0]?.quiz?.questions.length ?? 0))
  expect(ofSecond.filter((s) => ['completed', 'passed'].includes(verbOf(s))).map(verbOf)).toEqual(['completed', 'passed'])
  // Nothing with the old session id after the relaunch, but the LMS's own abandoned.
  const relaunched = stored.findIndex((s) => sessionOf(s) === second)
  expect(stored.slice(relaunched).filter((s) => sessionOf(s) === first && verbOf(s) !== 'abandoned').map(verbOf)).toEqual([])
  expect(count(stored, second, 'terminated')).toBe(1)
  expect(count(stored, first, 'terminated')).toBe(how === 'abandoned' ? 0 : 1)
  expect(count(stored, first, 'abandoned')).toBe(how === 'abandoned' ? 1 : 0)
}

describe('cmi5: leave and relaunch, each session with its own token', () => {
  for (const how of ['same page', 'new page', 'abandoned'] as const) {
    test(`relaunch in ${how === 'abandoned' ? 'a new page after the LMS recorded abandoned' : `the ${how}`}: every statement of the new session accepted, initialized first, terminated once per session`, async () => {
      const context = await browser.newContext()
      try {
        const result = await relaunch(context, how)
        expectSessionsKept(result, how)
        if (how === 'abandoned') expect(result.logs.some((line) => /earlier cmi5 session/.test(line))).toBe(true)
      } finally {
        await context.close()
      }
    })
  }
})

describe('cmi5: one send per statement when the page is hidden', () => {
  test('a request still in flight at pagehide does not send terminated a second time when its answer comes', async () => {
    const context = await browser.newContext()
    try {
      const learner = newLearner()
      const page = await context.newPage()
      const session = await open(page, learner)
      await storedWhen((stored) => count(stored, session, 'initialized') === 1)
      // The next State write is held 1.5 s by the LRS: in flight when the page is hidden.
      lrs.setFault({ method: 'PUT', path: 'activities/state', delayMs: 1500, times: 1 })
      await page.locator('.cp-page.cp-current').getByRole('link', { name: /^Next/ }).click()
      await expect.poll(() => lrs.requests.some((r) => r.method === 'PUT' && r.fault)).toBe(true)
      // Hidden but kept alive (as the back/forward cache keeps a page): its scripts still run.
      await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })))
      await storedWhen((stored) => count(stored, session, 'terminated') === 1)
      await page.waitForTimeout(2500) // the held State write answers, and the page's queue goes on
      expect(lms.refusals).toEqual([])
      expect(count(await lrs.statements(), session, 'terminated')).toBe(1)
    } finally {
      await context.close()
    }
  })
})

describe('cmi5: Browse, then Normal', () => {
  test('answers given in Browse are not kept: the Normal session starts with every quiz to take, and its pass is recorded', async () => {
    const context = await browser.newContext()
    try {
      const learner = newLearner()
      const page = await context.newPage()
      const browse = await open(page, learner, 'Browse')
      await takeQuiz(page, data, 0, 10)
      await page.goto(`${server.url}/returned.html`)
      await storedWhen((stored) => count(stored, browse, 'terminated') === 1)
      // §10 launchMode Browse: nothing but initialized and terminated, and no progress saved.
      expect((await lrs.statements()).filter((s) => sessionOf(s) === browse && verbOf(s) !== 'launched').map(verbOf)).toEqual(['initialized', 'terminated'])
      expect(await lrs.getState({ activityId: auId, agent: learner.actor, registration: learner.registration, stateId: 'coursepack.progress' })).toBeUndefined()

      const normal = await open(page, learner)
      await page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: 'Your results' }).click()
      await page.getByText(`Quizzes left: ${data.modules.length}`).waitFor()
      for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 10)
      await finishCourse(page, { confirmation: false })
      await page.waitForURL(`${server.url}/returned.html`)
      const stored = await storedWhen((all) => count(all, normal, 'terminated') === 1)
      expect(stored.filter((s) => sessionOf(s) === normal && ['completed', 'passed'].includes(verbOf(s))).map(verbOf)).toEqual(['completed', 'passed'])
      expect(lms.refusals).toEqual([])
    } finally {
      await context.close()
    }
  })
})
