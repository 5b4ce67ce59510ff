/**
 * The completion and navigation rules of `course.md` in real Chromium against scorm-again:
 * `completion: pages` keeps the course incomplete until the last page is viewed (SCORM 1.2
 * `lesson_status`, SCORM 2004 `completion_status` and `progress_measure`), and `navigation:
 * sequential` keeps a module shut until the one before is done, by every way in (contents,
 * URL hash, previous/next), while review and browse modes open everything.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { visitPage } from '../../src/lms-test/player.js'
import { build } from '../../src/pipeline.js'
import type { CourseData, TargetName } from '../../src/shared/course-data.js'
import { cleanup, fixtureCourse, readZip, tempDir } from '../helpers.js'
import { type Lrs, type StoredStatement, startLrs, validateStatement } from '../lrs/lrs.js'
import { sampleVariant } from '../course-fixtures.js'
import { courseDataOf, courseFrame, finishCourse, launchBrowser, type LmsServer, startLmsServer, takeQuiz } from './harness.js'

interface Cmi12 {
  core: { lesson_status: string; lesson_location: string; exit: string; score: { raw: string } }
  objectives: Record<string, { id: string; status: string }>
}
interface Cmi2004 {
  completion_status: string
  success_status: string
  progress_measure: string
  exit: string
  score: { scaled: string; raw: string }
}
interface Call {
  name: string
  args: string[]
  result: string
  error: string
}

let browser: Browser
let server: LmsServer

beforeAll(async () => {
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

async function buildPackage(dir: string, target: TargetName): Promise<Map<string, Buffer>> {
  const result = await build([dir], { out: tempDir(), targets: [target] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error(`build of ${dir} failed`)
  return readZip(path.resolve(built.path))
}

/** Launch a package as an LMS does on a first attempt, with the manifest's passing score; `cmi` adds to that. */
async function launch(files: Map<string, Buffer>, standard: 'scorm12' | 'scorm2004', cmi: Record<string, unknown> = {}): Promise<{ page: Page; course: FrameLocator }> {
  server.setPackage(files)
  const manifest = files.get('imsmanifest.xml')?.toString() ?? ''
  server.config =
    standard === 'scorm12'
      ? { standard, cmi: { core: { entry: 'ab-initio', ...(cmi.core as object | undefined) }, student_data: { mastery_score: /<adlcp:masteryscore>([^<]+)</.exec(manifest)?.[1] ?? '' } } }
      : { standard, cmi: { entry: 'ab-initio', ...cmi, scaled_passing_score: /<imsss:minNormalizedMeasure>([^<]+)</.exec(manifest)?.[1] ?? '' } }
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/lms.html`)
  const course = courseFrame(page)
  await course.locator('body.cp-js').waitFor()
  return { page, course }
}

const cmi12 = (page: Page): Promise<Cmi12> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API: { cmi: unknown } }).API.cmi)) as Cmi12)
const cmi2004 = (page: Page): Promise<Cmi2004> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API_1484_11: { cmi: unknown } }).API_1484_11.cmi)) as Cmi2004)
const setsOf = async (page: Page, element: string): Promise<string[]> =>
  (await page.evaluate(() => (window as unknown as { lmsCalls: Call[] }).lmsCalls)).filter((c) => /SetValue$/.test(c.name) && c.args[0] === element).map((c) => c.args[1] ?? '')

/** The pages that count for completion (all but the results page), and the results page. */
const counted = (data: CourseData) => data.pages.filter((_, i) => data.kinds[i] !== 'results')
const resultsOf = (data: CourseData) => data.pages[data.kinds.indexOf('results')] ?? ''
/** The last lesson of the last module: a page the quizzes never open. */
const lastLesson = (data: CourseData) => {
  const pages = data.modules.at(-1)?.pages ?? []
  return pages.filter((p) => data.kinds[data.pages.indexOf(p)] === 'lesson' || data.kinds[data.pages.indexOf(p)] === 'risks').at(-1) ?? ''
}
/** A progress measure as the test expects it: real(10,7), at most seven decimals. */
const measureOf = (done: number, total: number) => (done / total).toFixed(7).replace(/\.?0+$/, '')

/** The minimal fixture course without any quiz, under `completion: pages`. */
function pagesOnlyCourse(): string {
  const { course } = fixtureCourse()
  for (const module of ['01-basics', '02-more']) rmSync(path.join(course, module, 'quiz.md'))
  const file = path.join(course, 'course.md')
  writeFileSync(file, readFileSync(file, 'utf8').replace('passRule: overall\n', 'passRule: overall\ncompletion: pages\n'))
  return course
}

describe('completion: pages', () => {
  test('SCORM 1.2: every quiz passed leaves lesson_status incomplete, with no score, until the last page is viewed; then score and passed together', async () => {
    const files = await buildPackage(sampleVariant({ completion: 'pages' }), 'scorm12')
    const data = courseDataOf(files)
    const { page, course } = await launch(files, 'scorm12')
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 10)
    let cmi = await cmi12(page)
    expect([cmi.core.lesson_status, cmi.core.score.raw]).toEqual(['incomplete', ''])
    // Each module's result is recorded as it comes, whatever the completion rule.
    expect(Object.values(cmi.objectives).map((o) => o.status)).toEqual(data.modules.map(() => 'passed'))
    const last = lastLesson(data)
    for (const id of counted(data).filter((p) => p !== last)) await visitPage(course, id)
    await page.waitForTimeout(1200) // past the throttled commit of the page changes
    cmi = await cmi12(page)
    expect([cmi.core.lesson_status, cmi.core.score.raw]).toEqual(['incomplete', ''])
    await visitPage(course, resultsOf(data))
    await course.getByText('View every page to complete the course. Pages left: 1.').waitFor()
    await visitPage(course, last)
    await expect.poll(async () => (await cmi12(page)).core.lesson_status).toBe('passed')
    expect((await cmi12(page)).core.score.raw).toBe('100')
    // The status was never set to passed or failed before; the score went before it.
    expect(await setsOf(page, 'cmi.core.lesson_status')).toEqual(['incomplete', 'passed'])
    expect((server.commits.at(-1)?.body as { cmi: Cmi12 }).cmi.core.lesson_status).toBe('passed')
    await visitPage(course, resultsOf(data))
    expect(await course.getByText(/Pages left/).isVisible()).toBe(false)
    await finishCourse(course)
    expect(await course.getByText('Your results have been sent.').count()).toBe(1)
    expect((await cmi12(page)).core.exit).toBe('')
    await page.close()
  })

  test('SCORM 1.2: every page viewed first, then the last quiz submitted → passed at once; a course without quizzes ends completed', async () => {
    const files = await buildPackage(sampleVariant({ completion: 'pages' }), 'scorm12')
    const data = courseDataOf(files)
    const first = await launch(files, 'scorm12')
    for (const id of counted(data)) await visitPage(first.course, id)
    for (let m = 0; m < data.modules.length - 1; m++) await takeQuiz(first.course, data, m, 10)
    expect((await cmi12(first.page)).core.lesson_status).toBe('incomplete')
    await takeQuiz(first.course, data, data.modules.length - 1, 6)
    // Every module passes but the last: every-module fails the course, and says so now.
    await expect.poll(async () => (await cmi12(first.page)).core.lesson_status).toBe('failed')
    expect((await cmi12(first.page)).core.score.raw).toBe('60')
    await first.page.close()

    const plain = await buildPackage(pagesOnlyCourse(), 'scorm12')
    const only = courseDataOf(plain)
    const second = await launch(plain, 'scorm12')
    const pages = counted(only)
    for (const id of pages.slice(0, -1)) await visitPage(second.course, id)
    await second.page.waitForTimeout(1200)
    expect((await cmi12(second.page)).core.lesson_status).toBe('incomplete')
    await visitPage(second.course, pages.at(-1) ?? '')
    await expect.poll(async () => (await cmi12(second.page)).core.lesson_status).toBe('completed')
    expect((await cmi12(second.page)).core.score.raw).toBe('')
    await finishCourse(second.course)
    expect((await cmi12(second.page)).core.exit).toBe('')
    await second.page.close()
  })

  test('SCORM 2004: progress_measure counts the pages viewed; success follows the quizzes, completion_status the pages', async () => {
    const files = await buildPackage(sampleVariant({ completion: 'pages' }), 'scorm2004')
    const data = courseDataOf(files)
    const pages = counted(data)
    const total = pages.length
    const { page, course } = await launch(files, 'scorm2004')
    const measure = async () => (await cmi2004(page)).progress_measure
    // The welcome page, viewed at launch.
    await expect.poll(measure).toBe(measureOf(1, total))
    await visitPage(course, data.modules[0]?.pages[0] ?? '')
    await expect.poll(measure).toBe(measureOf(2, total))
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 10)
    // Four quiz pages viewed more.
    await expect.poll(measure).toBe(measureOf(6, total))
    let cmi = await cmi2004(page)
    expect([cmi.success_status, cmi.score.scaled, cmi.completion_status]).toEqual(['passed', '1', 'incomplete'])
    const last = lastLesson(data)
    for (const id of pages.filter((p) => p !== last)) await visitPage(course, id)
    await expect.poll(measure).toBe(measureOf(total - 1, total))
    expect((await cmi2004(page)).completion_status).toBe('incomplete')
    await visitPage(course, last)
    await expect.poll(async () => (await cmi2004(page)).completion_status).toBe('completed')
    cmi = await cmi2004(page)
    expect([cmi.progress_measure, cmi.success_status]).toEqual(['1', 'passed'])
    // Rising, never written twice (the session sends the last value set before each flush); completed once.
    const written = await setsOf(page, 'cmi.progress_measure')
    const steps = Array.from({ length: total }, (_, i) => measureOf(i + 1, total))
    expect(written.map((value) => steps.indexOf(value))).toEqual([...new Set(written.map((value) => steps.indexOf(value)))].sort((a, b) => a - b))
    expect([written.every((value) => steps.includes(value)), written.at(-1)]).toEqual([true, '1'])
    expect(await setsOf(page, 'cmi.completion_status')).toEqual(['incomplete', 'completed'])
    await finishCourse(course)
    expect((await cmi2004(page)).exit).toBe('normal')
    await page.close()
  })

  test('SCORM 2004: pages-and-quizzes counts both, and every page viewed with quizzes left is incomplete; without quizzes, pages complete the course', async () => {
    const files = await buildPackage(sampleVariant({ completion: 'pages-and-quizzes' }), 'scorm2004')
    const data = courseDataOf(files)
    const pages = counted(data)
    const total = pages.length + data.modules.length
    const first = await launch(files, 'scorm2004')
    const measure = async () => (await cmi2004(first.page)).progress_measure
    await expect.poll(measure).toBe(measureOf(1, total))
    for (const id of pages) await visitPage(first.course, id)
    await expect.poll(measure).toBe(measureOf(pages.length, total))
    for (let m = 0; m < data.modules.length - 1; m++) await takeQuiz(first.course, data, m, 10)
    await expect.poll(measure).toBe(measureOf(total - 1, total))
    expect((await cmi2004(first.page)).completion_status).toBe('incomplete')
    await takeQuiz(first.course, data, data.modules.length - 1, 10)
    await expect.poll(async () => (await cmi2004(first.page)).completion_status).toBe('completed')
    expect([await measure(), (await cmi2004(first.page)).success_status]).toEqual(['1', 'passed'])
    await first.page.close()

    const plain = await buildPackage(pagesOnlyCourse(), 'scorm2004')
    const only = courseDataOf(plain)
    const second = await launch(plain, 'scorm2004')
    for (const id of counted(only)) await visitPage(second.course, id)
    await expect.poll(async () => (await cmi2004(second.page)).completion_status).toBe('completed')
    const cmi = await cmi2004(second.page)
    expect([cmi.progress_measure, cmi.success_status, cmi.score.scaled]).toEqual(['1', 'unknown', ''])
    await finishCourse(second.course)
    expect((await cmi2004(second.page)).exit).toBe('normal')
    await second.page.close()
  })
})

describe('completion: pages in xAPI and cmi5', () => {
  let lrs: Lrs
  beforeEach(async () => {
    lrs = await startLrs()
    return () => lrs.close()
  })
  const verbOf = (s: StoredStatement) => s.verb.id.replace(/^.*\//, '')
  /** The AU's statements (not an LMS's `launched`) once `count` of them have this verb. */
  async function statementsUntil(verb: string, count = 1): Promise<StoredStatement[]> {
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
  const results = (stored: StoredStatement[]) => stored.map(verbOf).filter((v) => ['completed', 'passed', 'failed'].includes(v))

  /** Play the course: every quiz right (passed, not completed yet), then every page (completed), Finish. */
  async function play(page: Page, data: CourseData): Promise<void> {
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(page, data, m, 10)
    const passed = await statementsUntil('passed')
    expect(results(passed)).toEqual(['passed'])
    // Passed, but not completed: no `completion` on the verdict yet.
    expect(passed.find((s) => verbOf(s) === 'passed')?.result?.completion).toBeUndefined()
    for (const id of counted(data)) await visitPage(page, id)
    const completed = await statementsUntil('completed')
    expect(results(completed)).toEqual(['passed', 'completed'])
    expect(completed.find((s) => verbOf(s) === 'completed')?.result).toMatchObject({ completion: true })
    await finishCourse(page)
  }

  test('xAPI: passed when the quizzes are in, completed once when the last page is viewed, never again on a relaunch', async () => {
    const files = await buildPackage(sampleVariant({ completion: 'pages' }), 'xapi')
    const data = courseDataOf(files)
    server.setPackage(files)
    const learner = { actor: { objectType: 'Agent', name: 'Ada Learner', mbox: `mailto:ada-${randomUUID()}@example.org` }, registration: randomUUID() }
    const open = async () => {
      const query = new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.auth, actor: JSON.stringify(learner.actor), registration: learner.registration, activity_id: data.activityId })
      const page = await browser.newPage()
      page.on('pageerror', (error) => console.error('page error:', error.message))
      await page.goto(`${server.url}/pkg/index.html?${query}`)
      await page.locator('body.cp-js').waitFor()
      return page
    }
    const first = await open()
    await play(first, data)
    await statementsUntil('terminated')
    await first.close()
    const second = await open()
    await visitPage(second, data.modules[0]?.pages[1] ?? '')
    await finishCourse(second)
    const stored = await statementsUntil('terminated', 2)
    expect(results(stored)).toEqual(['passed', 'completed'])
    for (const statement of stored) expect(validateStatement(statement), JSON.stringify(statement)).toEqual([])
    await second.close()
  })

  test('cmi5: passed when the quizzes are in, completed once per registration when the last page is viewed', async () => {
    const files = await buildPackage(sampleVariant({ completion: 'pages' }), 'cmi5')
    const data = courseDataOf(files)
    const xml = files.get('cmi5.xml')?.toString() ?? ''
    const auId = /<au id="([^"]+)"/.exec(xml)?.[1] ?? ''
    server.setPackage(files)
    // The one-time fetch URL (cmi5 §8.2): the LRS's credentials, once per launch.
    const used = new Set<string>()
    server.route('/cmi5/fetch', (request, response) => {
      const id = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('id') ?? ''
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(used.has(id) ? { 'error-code': '1', 'error-text': 'already used' } : { 'auth-token': lrs.auth.replace(/^Basic /, '') }))
      used.add(id)
    })
    const learner = { actor: { objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: `learner-${randomUUID()}` } }, registration: randomUUID() }
    // As the LMS does for each session (cmi5 §10): LMS.LaunchData, then the launch with a fresh fetch URL.
    const open = async () => {
      const contextTemplate = { contextActivities: { grouping: [{ objectType: 'Activity', id: auId }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': randomUUID() } }
      await lrs.putState(
        { activityId: auId, agent: learner.actor, registration: learner.registration, stateId: 'LMS.LaunchData' },
        { contextTemplate, launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.7 }
      )
      const query = new URLSearchParams({ endpoint: lrs.endpoint, fetch: `${server.url}/cmi5/fetch?id=${randomUUID()}`, actor: JSON.stringify(learner.actor), registration: learner.registration, activityId: auId })
      const page = await browser.newPage()
      page.on('pageerror', (error) => console.error('page error:', error.message))
      await page.goto(`${server.url}/pkg/index.html?${query}`)
      await page.locator('body.cp-js').waitFor()
      return page
    }
    const first = await open()
    await play(first, data)
    await statementsUntil('terminated')
    await first.close()
    const second = await open()
    await visitPage(second, data.modules[0]?.pages[1] ?? '')
    await finishCourse(second, { confirmation: false })
    const stored = await statementsUntil('terminated', 2)
    expect(results(stored)).toEqual(['passed', 'completed'])
    await second.close()
  })
})

describe('navigation: sequential', () => {
  let files: Map<string, Buffer>
  let data: CourseData

  beforeAll(async () => {
    files = await buildPackage(sampleVariant({ navigation: 'sequential' }), 'scorm12')
    data = courseDataOf(files)
  })

  const frameOf = (page: Page): Frame => {
    const frame = page.frames().find((f) => f.url().includes('/pkg/index.html'))
    if (!frame) throw new Error('no course frame')
    return frame
  }
  const current = (course: FrameLocator) => course.locator('.cp-main > .cp-page.cp-current')

  test('module 2 stays shut until module 1\'s quiz is passed: by the contents, by the URL hash, by next; a pass opens it at once', async () => {
    const [m1, m2, m3] = data.modules
    if (!m1?.quiz || !m2 || !m3) throw new Error('the sample course has four modules with quizzes')
    const { page, course } = await launch(files, 'scorm12')
    const byQuiz1 = `This module opens once you pass the quiz of Module 1: ${m1.title}.`
    const toc = course.locator('#cp-toc')
    const group = (id: string) => toc.locator(`[data-module="${id}"]`)
    const tocLink = (id: string) => toc.locator(`a[data-page-link="${id}"]`)

    // The contents mark the locked modules, in words too, and each of their links says why.
    await expect.poll(() => group(m2.id).getAttribute('data-locked')).toBe('true')
    expect(await group(m1.id).getAttribute('data-locked')).toBeNull()
    expect(await group(m2.id).locator('.cp-toc-lock').textContent()).toBe(byQuiz1)
    expect(await group(m3.id).locator('.cp-toc-lock').textContent()).toBe(byQuiz1)
    const intro2 = tocLink(m2.pages[0] ?? '')
    expect(await intro2.getAttribute('aria-disabled')).toBe('true')
    const description = await intro2.evaluate((a) => document.getElementById(a.getAttribute('aria-describedby') ?? '')?.textContent)
    expect(description).toBe(byQuiz1)

    // By the contents: the notice, not the page; the bookmark stays where the learner was.
    await expect.poll(async () => (await cmi12(page)).core.lesson_location).toBe(data.pages[0])
    await intro2.click({ force: true }) // aria-disabled: Playwright would wait for it to be enabled
    await expect.poll(() => current(course).getAttribute('id')).toBe('cp-locked')
    const notice = course.locator('#cp-locked')
    expect(await notice.locator('h1').textContent()).toBe(`${m2.title}: not open yet`)
    expect(await notice.locator('.cp-locked-reason').textContent()).toBe(byQuiz1)
    expect(await notice.getByRole('link').textContent()).toBe(`Go to ${m1.quiz.title}`)
    expect(await course.locator(`section[id="${m2.pages[0]}"]`).isVisible()).toBe(false)

    // By the URL hash, deep into module 3: the reason still names module 1, the first not done.
    await frameOf(page).evaluate((id) => {
      location.hash = `#${id}`
    }, m3.pages[1] ?? '')
    await expect.poll(() => notice.locator('h1').textContent()).toBe(`${m3.title}: not open yet`)
    expect(await notice.locator('.cp-locked-reason').textContent()).toBe(byQuiz1)
    expect(await current(course).getAttribute('id')).toBe('cp-locked')

    // The notice's link leads to what opens the module.
    await notice.getByRole('link').click()
    await expect.poll(() => current(course).getAttribute('id')).toBe(m1.quiz.page)
    // By next: on module 1's quiz, the link to module 2 is gone, and the reason is in its place.
    const pager = course.locator(`section[id="${m1.quiz.page}"] .cp-pager`)
    expect(await pager.locator('a[rel="next"]').isVisible()).toBe(false)
    expect(await pager.locator('a[rel="prev"]').isVisible()).toBe(true)
    expect(await pager.locator('.cp-pager-lock').textContent()).toBe(byQuiz1)
    await page.waitForTimeout(1200) // past the throttled commit
    // Never a page of module 2 or 3 in between: the last page shown.
    expect((await cmi12(page)).core.lesson_location).toBe(m1.quiz.page)
    expect((await setsOf(page, 'cmi.core.lesson_location')).filter((id) => m2.pages.includes(id) || m3.pages.includes(id))).toEqual([])

    // A failed attempt with one left keeps it shut.
    await takeQuiz(course, data, 0, 5)
    expect(await group(m2.id).getAttribute('data-locked')).toBe('true')
    expect(await pager.locator('a[rel="next"]').isVisible()).toBe(false)

    // The second attempt passes: module 2 opens there and then; module 3 now waits for module 2.
    await course.locator(`section[id="${m1.quiz.page}"] .cp-retake`).click()
    await takeQuiz(course, data, 0, 10)
    await expect.poll(() => group(m2.id).getAttribute('data-locked')).toBeNull()
    expect(await intro2.getAttribute('aria-disabled')).toBeNull()
    expect(await intro2.getAttribute('aria-describedby')).toBeNull()
    expect(await group(m2.id).locator('.cp-toc-lock').isVisible()).toBe(false)
    expect(await group(m3.id).locator('.cp-toc-lock').textContent()).toBe(`This module opens once you pass the quiz of Module 2: ${m2.title}.`)
    expect(await pager.locator('.cp-pager-lock').isVisible()).toBe(false)
    await pager.locator('a[rel="next"]').click()
    await expect.poll(() => current(course).getAttribute('id')).toBe(m2.pages[0])
    await intro2.click()
    await frameOf(page).evaluate((id) => {
      location.hash = `#${id}`
    }, m2.pages[1] ?? '')
    await expect.poll(() => current(course).getAttribute('id')).toBe(m2.pages[1])
    await page.close()
  })

  test('a relaunch at a locked page (the bookmark of a free version) shows the notice, and the contents are locked as the saved state says', async () => {
    const [m1, m2] = data.modules
    if (!m1?.quiz || !m2) throw new Error('the sample course has modules with quizzes')
    const { page, course } = await launch(files, 'scorm12', { core: { entry: 'resume', lesson_location: m2.pages[0] } })
    await expect.poll(() => current(course).getAttribute('id')).toBe('cp-locked')
    expect(await course.locator('#cp-locked h1').textContent()).toBe(`${m2.title}: not open yet`)
    expect(await course.locator(`#cp-toc [data-module="${m2.id}"]`).getAttribute('data-locked')).toBe('true')
    await page.close()
  })

  test('the welcome cards of locked modules: their Start link is disabled with the reason, and opens the notice; a pass opens the next card', async () => {
    const [m1, m2, m3] = data.modules
    if (!m1?.quiz || !m2 || !m3) throw new Error('the sample course has four modules with quizzes')
    const { page, course } = await launch(files, 'scorm12')
    const byQuiz1 = `This module opens once you pass the quiz of Module 1: ${m1.title}.`
    const card = (id: string) => course.locator(`.cp-card[data-module="${id}"]`)
    const action = (id: string) => card(id).locator('.cp-card-action')
    await expect.poll(() => action(m2.id).getAttribute('aria-disabled')).toBe('true')
    expect(await action(m1.id).getAttribute('aria-disabled')).toBeNull()
    expect(await action(m1.id).textContent()).toBe('Start')
    for (const m of [m2, m3]) {
      expect(await action(m.id).getAttribute('aria-disabled')).toBe('true')
      const why = await action(m.id).evaluate((a) => document.getElementById(a.getAttribute('aria-describedby') ?? '')?.textContent)
      expect(why).toBe(byQuiz1)
      expect(await card(m.id).locator('.cp-state-text').textContent()).toBe('Not started')
    }
    await action(m2.id).click({ force: true })
    await expect.poll(() => current(course).getAttribute('id')).toBe('cp-locked')
    await takeQuiz(course, data, 0, 10)
    await frameOf(page).evaluate((id) => {
      location.hash = `#${id}`
    }, data.pages[0] ?? '')
    await expect.poll(() => action(m2.id).getAttribute('aria-disabled')).toBeNull()
    expect(await card(m1.id).locator('.cp-state-text').textContent()).toBe('Quiz passed: 100%')
    expect(await action(m3.id).getAttribute('aria-disabled')).toBe('true')
    await action(m2.id).click()
    await expect.poll(() => current(course).getAttribute('id')).toBe(m2.pages[0])
    await page.close()
  })

  test('the locked contents, the notice and the next link\'s reason pass axe-core (WCAG 2.1 A and AA), in English and Arabic', async () => {
    const result = await build([sampleVariant({ navigation: 'sequential' })], { out: tempDir(), targets: ['scorm12'], languages: ['source', 'ar'] })
    if (result.exitCode !== 0) throw new Error('build failed')
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
    const found: Record<string, string[]> = {}
    for (const built of result.packages) {
      const files = await readZip(path.resolve(built.path))
      const course = courseDataOf(files)
      // Without an LMS: the locks apply as in normal mode.
      server.setPackage(files)
      const page = await browser.newPage()
      await page.goto(`${server.url}/pkg/index.html`)
      await page.locator('body.cp-js').waitFor()
      const axe = async (name: string) => {
        if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
        const violations = await page.evaluate(async () => {
          const w = window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
          return (await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
        })
        found[`${course.language} ${name}`] = violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      }
      await page.locator('#cp-toc [data-locked="true"]').first().waitFor()
      await axe('contents with locked modules')
      await page.evaluate((id) => {
        location.hash = `#${id}`
      }, course.modules[1]?.pages[0] ?? '')
      await page.locator('#cp-locked.cp-current').waitFor()
      expect(await page.locator('#cp-locked .cp-locked-reason').textContent()).toBe(course.strings.lockedByQuiz?.replace('{n}', '1').replace('{title}', course.modules[0]?.title ?? ''))
      await axe('the notice')
      await visitPage(page, course.modules[0]?.quiz?.page ?? '')
      await axe('the quiz before the locked module')
      await page.close()
    }
    expect(Object.keys(found)).toHaveLength(6)
    expect(Object.values(found).flat()).toEqual([])
  })

  for (const mode of ['review', 'browse'] as const) {
    test(`${mode} mode opens every module`, async () => {
      const m2 = data.modules[1]
      if (!m2) throw new Error('no module 2')
      const { page, course } = await launch(files, 'scorm12', { core: { entry: '', lesson_mode: mode } })
      const toc = course.locator('#cp-toc')
      expect(await toc.locator('[data-locked]').count()).toBe(0)
      expect(await toc.locator('a[aria-disabled]').count()).toBe(0)
      await toc.locator(`a[data-page-link="${m2.pages[0]}"]`).click()
      await expect.poll(() => current(course).getAttribute('id')).toBe(m2.pages[0])
      await frameOf(page).evaluate((id) => {
        location.hash = `#${id}`
      }, data.modules[3]?.pages[1] ?? '')
      await expect.poll(() => current(course).getAttribute('id')).toBe(data.modules[3]?.pages[1])
      expect(await course.locator('#cp-locked').count()).toBe(0)
      await page.close()
    })
  }
})
