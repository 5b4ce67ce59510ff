/**
 * The SCORM 2004 package in real Chromium against scorm-again's Scorm2004API, configured
 * like the SCORM 1.2 tests: the same learner scenarios, asserting what the LMS holds.
 */
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { asChoice, courseDataOf, finishCourse, courseFrame, launchBrowser, type LmsServer, startLmsServer, takeQuiz, questionCount } from './harness.js'

interface Cmi {
  suspend_data: string
  location: string
  completion_status: string
  success_status: string
  exit: string
  entry: string
  session_time: string
  scaled_passing_score: string
  score: { scaled: string; raw: string; min: string; max: string }
  objectives: Record<string, { id: string; success_status: string; completion_status: string; score: { scaled: string; raw: string } }>
  interactions: Record<string, { id: string; type: string; description: string; learner_response: string; result: string; timestamp: string; weighting: string; correct_responses: Record<string, { pattern: string }> }>
}
interface Call {
  name: string
  args: string[]
  result: string
  error: string
}

let browser: Browser
let server: LmsServer
let sample: Map<string, Buffer>
let data: CourseData
/** The manifest's minNormalizedMeasure, which the LMS exposes as cmi.scaled_passing_score. */
let measure: string

beforeAll(async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['scorm2004'] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error('build failed')
  sample = await readZip(path.resolve(built.path))
  data = courseDataOf(sample)
  measure = /<imsss:minNormalizedMeasure>([^<]+)</.exec(sample.get('imsmanifest.xml')?.toString() ?? '')?.[1] ?? ''
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

async function launch(options: { cmi?: Record<string, unknown>; passing?: string } = {}): Promise<{ page: Page; course: FrameLocator }> {
  server.setPackage(sample)
  // As an LMS does: a first attempt starts `ab-initio`, with the manifest's measure as passing score.
  server.config = { standard: 'scorm2004', cmi: { entry: 'ab-initio', ...options.cmi, scaled_passing_score: options.passing ?? measure } }
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/lms.html`)
  const course = courseFrame(page)
  await course.locator('body.cp-js').waitFor()
  return { page, course }
}

const cmiOf = (page: Page): Promise<Cmi> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API_1484_11: { cmi: unknown } }).API_1484_11.cmi)) as Cmi)
const callsOf = (page: Page): Promise<Call[]> => page.evaluate(() => (window as unknown as { lmsCalls: Call[] }).lmsCalls)

function expectCleanCalls(calls: Call[]): void {
  expect(calls.filter((c) => c.error !== '0' || c.result === 'false')).toEqual([])
  expect(calls.filter((c) => c.name === 'Initialize')).toHaveLength(1)
  expect(calls.filter((c) => c.name === 'Terminate')).toHaveLength(1)
  expect(calls[0]?.name).toBe('Initialize')
  expect(calls.at(-1)?.name).toBe('Terminate')
}

describe('SCORM 2004 in Chromium with scorm-again', () => {
  test('the manifest carries the passing score as minNormalizedMeasure', () => {
    expect(measure).toBe('0.7')
  })

  test('all answers correct → completed, passed, scaled 1, raw 100; every call returns 0', async () => {
    const { page, course } = await launch()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 10)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.completion_status).toBe('completed')
    expect(cmi.success_status).toBe('passed')
    expect(cmi.score).toEqual({ scaled: '1', raw: '100', min: '0', max: '100' })
    expect(cmi.exit).toBe('normal')
    const calls = await callsOf(page)
    expectCleanCalls(calls)
    expect(calls.at(-2)?.name).toBe('Commit')
    expect(calls.find((c) => c.args[0] === 'cmi.session_time')?.args[1]).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/)
    const interactions = Object.values(cmi.interactions)
    expect(interactions).toHaveLength(questionCount(data))
    const multiple = asChoice(data.modules[0]?.quiz?.questions.find((q) => q.type === 'multiple'))
    const record = interactions.find((i) => i.id === multiple?.id)
    expect(record).toMatchObject({ type: 'choice', result: 'correct', learner_response: multiple?.correct.join('[,]'), description: multiple?.text })
    expect(record?.correct_responses['0']?.pattern).toBe(multiple?.correct.join('[,]'))
    expect(record?.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\dZ$/)
    expect(Object.values(cmi.objectives).map((o) => [o.id, o.success_status, o.completion_status, o.score.scaled])).toEqual(data.modules.map((m) => [m.id, 'passed', 'completed', '1']))
    await page.close()
  })

  test('exactly 70% in every module → passed, scaled 0.7, raw 70', async () => {
    const { page, course } = await launch()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 7)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.success_status).toBe('passed')
    expect(cmi.score).toMatchObject({ scaled: '0.7', raw: '70' })
    expectCleanCalls(await callsOf(page))
    await page.close()
  })

  test('one module at 60%, the others at 100% → failed, scaled 0.6, raw 60', async () => {
    const { page, course } = await launch()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, m === 1 ? 6 : 10)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.completion_status).toBe('completed')
    expect(cmi.success_status).toBe('failed')
    expect(cmi.score).toMatchObject({ scaled: '0.6', raw: '60' })
    expect(Object.values(cmi.interactions).filter((i) => i.result === 'incorrect')).toHaveLength(4)
    expectCleanCalls(await callsOf(page))
    await page.close()
  })

  test('leave after module 2 and relaunch → same page, answers kept, passed at the end', async () => {
    const first = await launch()
    await takeQuiz(first.course, data, 0, 10)
    await takeQuiz(first.course, data, 1, 9)
    const bookmark = data.modules[2]?.pages[1] ?? ''
    const title = data.titles[data.pages.indexOf(bookmark)] ?? ''
    await first.course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: title, exact: true }).click()
    await first.course.getByRole('heading', { level: 1, name: title }).waitFor()
    await first.page.locator('#course').evaluate((frame: HTMLIFrameElement) => {
      frame.src = 'about:blank'
    })
    await expect.poll(async () => (await callsOf(first.page)).some((c) => c.name === 'Terminate')).toBe(true)
    const calls = await callsOf(first.page)
    expectCleanCalls(calls)
    // Terminate alone on pagehide: no Commit after the last page change's.
    const tail = calls.slice(calls.map((c) => c.name).lastIndexOf('Commit') + 1).map((c) => c.name)
    expect(tail).toContain('Terminate')
    const kept = await cmiOf(first.page)
    expect(kept.exit).toBe('suspend')
    expect(kept.completion_status).toBe('incomplete')
    expect(kept.location).toBe(bookmark)
    await first.page.close()

    // An LMS resumes a suspended attempt: entry "resume", with location, suspend data and objectives.
    const second = await launch({
      cmi: { entry: 'resume', location: kept.location, suspend_data: kept.suspend_data, completion_status: kept.completion_status, objectives: kept.objectives }
    })
    const course = second.course
    await expect.poll(() => course.locator('.cp-page.cp-current h1').textContent()).toBe(title)
    await expect.poll(() => course.locator(`section[id="${data.modules[1]?.quiz?.page}"] .cp-quiz-score`).textContent()).toBe('You scored 90% (9 of 10 points).')
    await takeQuiz(course, data, 2, 10)
    await takeQuiz(course, data, 3, 10)
    await finishCourse(course)
    const cmi = await cmiOf(second.page)
    expect(cmi.success_status).toBe('passed')
    expect(cmi.score).toMatchObject({ scaled: '0.9', raw: '90' })
    expect(Object.values(cmi.objectives).map((o) => o.id)).toEqual(data.modules.map((m) => m.id))
    expectCleanCalls(await callsOf(second.page))
    await second.page.close()
  })

  test('the LMS supplies scaled_passing_score 0.8 → 70% everywhere ends failed', async () => {
    const { page, course } = await launch({ passing: '0.8' })
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 7)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.success_status).toBe('failed')
    expect(cmi.score).toMatchObject({ scaled: '0.7', raw: '70' })
    expectCleanCalls(await callsOf(page))
    await page.close()
  })

  // The passing score is not among them: scorm-again refuses a non-decimal value when the LMS
  // loads it (CMIDecimal), as a conforming LMS does.
  test('values the LMS controls hold markup and script: none becomes HTML or runs; bad data is ignored', async () => {
    // Script in them would set `pwned` on the LMS page (same origin) or open a dialog.
    const markup = (n: number) => `"><img src=x onerror=top.pwned=${n}></script><script>top.pwned=${n};alert(${n})</script>`
    const { page, course } = await launch({ cmi: { suspend_data: markup(1), entry: 'resume', location: markup(2), learner_name: markup(3) } })
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    // Unreadable suspend data and an unknown location: the course starts at the beginning.
    await expect.poll(() => course.locator('.cp-page.cp-current').getAttribute('id')).toBe(data.pages[0])
    await takeQuiz(course, data, 0, 7)
    await course.getByText('You passed this quiz.').waitFor()
    await page.waitForTimeout(300)
    expect(await course.locator('img[src="x"], script:not([src]):not([type])').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    // The runtime did read the LMS's values (the test is not vacuous).
    const read = new Map((await callsOf(page)).filter((c) => c.name === 'GetValue').map((c) => [c.args[0], c.result]))
    expect(read.get('cmi.suspend_data')).toBe(markup(1))
    expect(read.get('cmi.location')).toBe(markup(2))
    // The learner's name is read, and shown as text only.
    expect(read.get('cmi.learner_name')).toBe(markup(3))
    expect(await course.locator('#cp-status .cp-learner').textContent()).toBe((data.strings.learner ?? '').replace('{name}', markup(3)))
    await page.close()
  })
})
