/**
 * The xAPI (TinCan) package in real Chromium against a real LRS on loopback (Learning
 * Locker's xapi-statements and xapi-activities), launched as an LRS-backed LMS does,
 * with Rustici's TinCan launch parameters. Assertions read the statements the LRS stored.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { takeQuiz as retakeQuiz } from '../../src/lms-test/player.js'
import { plannedQuestions } from '../../src/lms-test/walks/plan.js'
import { attemptExtension } from '../../src/questions/records.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { type Lrs, type StoredStatement, startLrs, validateStatement } from '../lrs/lrs.js'
import { asChoice, courseDataOf, finishCourse, launchBrowser, type LmsServer, startLmsServer, takeQuiz, questionCount } from './harness.js'

let browser: Browser
let server: LmsServer
let lrs: Lrs
let files: Map<string, Buffer>
let data: CourseData

const verbOf = (s: StoredStatement) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '')

beforeAll(async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['xapi'] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error('build failed')
  files = await readZip(path.resolve(built.path))
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

// A fresh LRS per test: the stored statements are exactly this test's.
beforeEach(async () => {
  lrs = await startLrs()
  return () => lrs.close()
})

interface Learner {
  actor: Record<string, unknown>
  registration: string
}

const newLearner = (): Learner => ({ actor: { objectType: 'Agent', name: 'Ada Learner', mbox: `mailto:ada-${randomUUID()}@example.org` }, registration: randomUUID() })

/** Launch as an LMS does: the package's launch file with endpoint, auth, actor, registration and activity_id. */
async function launch(learner: Learner, page?: Page): Promise<Page> {
  const query = new URLSearchParams({
    endpoint: lrs.endpoint,
    auth: lrs.auth,
    actor: JSON.stringify(learner.actor),
    registration: learner.registration,
    activity_id: data.activityId
  })
  const target = page ?? (await browser.newPage())
  target.on('pageerror', (error) => console.error('page error:', error.message))
  await target.goto(`${server.url}/pkg/index.html?${query}`)
  await target.locator('body.cp-js').waitFor()
  return target
}

/** Wait until the LRS holds a statement with this verb, then return everything stored. */
async function statementsUntil(verb: string, count = 1): Promise<StoredStatement[]> {
  let stored: StoredStatement[] = []
  await expect
    .poll(
      async () => {
        stored = await lrs.statements()
        return stored.filter((s) => verbOf(s) === verb).length
      },
      { timeout: 20_000 }
    )
    .toBeGreaterThanOrEqual(count)
  return stored
}

function expectValidAndRegistered(stored: StoredStatement[], learner: Learner): void {
  for (const statement of stored) {
    expect(validateStatement(statement), JSON.stringify(statement)).toEqual([])
    expect(statement.context?.registration).toBe(learner.registration)
  }
  expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length)
}

describe('xAPI package in Chromium against a real LRS', () => {
  test('all correct → initialized, experienced, answered for every question, completed, passed (scaled 1, raw 100), terminated', async () => {
    const learner = newLearner()
    const page = await launch(learner)
    const lesson = data.modules[0]?.pages[1] ?? ''
    await page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: data.titles[data.pages.indexOf(lesson)] ?? '', exact: true }).click()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 10)
    await finishCourse(page)
    const stored = await statementsUntil('terminated')
    const verbs = stored.map(verbOf)
    expect(verbs[0]).toBe('initialized')
    expect(verbs.at(-1)).toBe('terminated')
    expect(verbs.filter((v) => v === 'answered')).toHaveLength(questionCount(data))
    expect(verbs.filter((v) => v === 'experienced')).toEqual(['experienced'])
    expect(verbs.filter((v) => ['completed', 'passed', 'failed'].includes(v))).toEqual(['completed', 'passed'])
    const passed = stored.find((s) => verbOf(s) === 'passed')
    expect(passed?.result).toMatchObject({ score: { scaled: 1, raw: 100, min: 0, max: 100 }, success: true, completion: true })
    expect(passed?.object.id).toBe(data.activityId)
    const multiple = asChoice(data.modules[0]?.quiz?.questions.find((q) => q.type === 'multiple'))
    const answered = stored.find((s) => verbOf(s) === 'answered' && s.object.id.endsWith(`/interactions/${multiple?.id}`))
    expect(answered?.object.definition).toMatchObject({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: [multiple?.correct.join('[,]')]
    })
    expect((answered?.object.definition as { choices: unknown[] }).choices).toHaveLength(multiple?.options.length ?? 0)
    expect(answered?.result).toEqual({ response: multiple?.correct.join('[,]'), success: true })
    expect(stored.at(-1)?.result?.duration).toMatch(/^PT/)
    expect(stored[0]?.actor).toMatchObject({ mbox: learner.actor.mbox })
    expectValidAndRegistered(stored, learner)
    await page.close()
  })

  test('exactly 70% in every module → passed with scaled 0.7', async () => {
    const learner = newLearner()
    const page = await launch(learner)
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 7)
    const stored = await statementsUntil('passed')
    expect(stored.find((s) => verbOf(s) === 'passed')?.result?.score).toEqual({ scaled: 0.7, raw: 70, min: 0, max: 100 })
    expectValidAndRegistered(stored, learner)
    await page.close()
  })

  test('one module at 60% → failed with scaled 0.6', async () => {
    const learner = newLearner()
    const page = await launch(learner)
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, m === 3 ? 6 : 10)
    const stored = await statementsUntil('failed')
    const failed = stored.find((s) => verbOf(s) === 'failed')
    expect(failed?.result).toMatchObject({ score: { scaled: 0.6, raw: 60 }, success: false })
    expect(failed?.result).not.toHaveProperty('completion')
    expect(stored.filter((s) => verbOf(s) === 'answered' && s.result?.success === false)).toHaveLength(4)
    expectValidAndRegistered(stored, learner)
    await page.close()
  })

  test('leave after module 2 and relaunch → resumes from the State API on the same page, passed at the end', async () => {
    const learner = newLearner()
    const first = await launch(learner)
    await takeQuiz(first, data, 0, 10)
    await takeQuiz(first, data, 1, 8)
    const bookmark = data.modules[2]?.pages[1] ?? ''
    const title = data.titles[data.pages.indexOf(bookmark)] ?? ''
    await first.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: title, exact: true }).click()
    await first.getByRole('heading', { level: 1, name: title }).waitFor()
    await first.close({ runBeforeUnload: true })
    // pagehide sent `terminated` and the State with keepalive fetches.
    await statementsUntil('terminated')
    await expect.poll(async () => ((await lrs.getState({ activityId: data.activityId, agent: learner.actor, registration: learner.registration, stateId: 'coursepack.progress' })) as { location?: string } | undefined)?.location).toBe(bookmark)

    const second = await launch(learner)
    await expect.poll(() => second.locator('.cp-page.cp-current h1').textContent()).toBe(title)
    await expect.poll(() => second.locator(`section[id="${data.modules[1]?.quiz?.page}"] .cp-quiz-score`).textContent()).toBe('You scored 80% (8 of 10 points).')
    await takeQuiz(second, data, 2, 10)
    await takeQuiz(second, data, 3, 10)
    await finishCourse(second)
    const stored = await statementsUntil('terminated', 2)
    expect(stored.map(verbOf).filter((v) => v === 'initialized')).toHaveLength(2)
    expect(stored.find((s) => verbOf(s) === 'passed')?.result?.score?.scaled).toBe(0.8)
    expectValidAndRegistered(stored, learner)
    await second.close()
  })

  test('each attempt of a quiz is its own set of answered statements, numbered by the attempt extension', async () => {
    const learner = newLearner()
    const page = await launch(learner)
    const asked = plannedQuestions(data.modules[0]!.quiz!).length
    await takeQuiz(page, data, 0, 2)
    await retakeQuiz(page, data, 0, asked)
    const answered = (await statementsUntil('answered', 2 * asked)).filter((s) => verbOf(s) === 'answered')
    expect(answered.map((s) => s.context?.extensions?.[attemptExtension])).toEqual([...Array<number>(asked).fill(1), ...Array<number>(asked).fill(2)])
    // The definition travels with the statement (tincan.xml holds no correct responses).
    expect(answered.every((s) => Array.isArray((s.object.definition as { correctResponsesPattern?: unknown } | undefined)?.correctResponsesPattern))).toBe(true)
    expect(answered.slice(0, asked).filter((s) => s.result?.success === true)).toHaveLength(2)
    expect(answered.slice(asked).every((s) => s.result?.success === true)).toBe(true)
    await page.close()
  })

  test('the LRS refuses requests for a while, across a reload: no statement lost or duplicated, sent in order', async () => {
    const learner = newLearner()
    const page = await launch(learner)
    await statementsUntil('initialized')
    lrs.setRefusing(true)
    await takeQuiz(page, data, 0, 10)
    await takeQuiz(page, data, 1, 9)
    // Still refusing: the queue is kept in localStorage through a reload.
    await page.reload()
    await page.locator('body.cp-js').waitFor()
    await takeQuiz(page, data, 2, 10)
    expect(lrs.requests.some((r) => r.status === 503)).toBe(true)
    lrs.setRefusing(false)
    await takeQuiz(page, data, 3, 10)
    const stored = await statementsUntil('passed')
    const answered = stored.filter((s) => verbOf(s) === 'answered')
    expect(answered).toHaveLength(questionCount(data))
    expect(new Set(answered.map((s) => s.object.id)).size).toBe(questionCount(data))
    expect(answered.every((s) => s.context?.extensions?.[attemptExtension] === 1)).toBe(true)
    // In order: every module's answers before the next module's, the verdict after all of them.
    const order = answered.map((s) => data.modules.findIndex((m) => m.quiz?.questions.some((q) => s.object.id.endsWith(`/interactions/${q.id}`))))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(stored.map(verbOf).indexOf('passed')).toBeGreaterThan(stored.map(verbOf).lastIndexOf('answered'))
    expectValidAndRegistered(stored, learner)
    await page.close()
  })
})
