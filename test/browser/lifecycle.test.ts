/**
 * The SCORM lifecycle outside one normal session, against scorm-again (issue 12, defects 1
 * and 2): a Preview (`lesson_mode` browse) followed by a normal session with the data the LMS
 * kept; a normal session restoring a finished but never-reported state; and re-entering a
 * finished SCORM 2004 attempt in review mode with no suspend data.
 */
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { plannedQuestions } from '../../src/lms-test/walks/plan.js'
import { encodeState, initialState } from '../../src/shared/suspend.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { courseDataOf, courseFrame, launchBrowser, type LmsServer, startLmsServer, takeQuiz } from './harness.js'

interface Call {
  name: string
  args: string[]
  result: string
  error: string
}
type Standard = 'scorm12' | 'scorm2004'

let browser: Browser
let server: LmsServer
const packages = new Map<Standard, Map<string, Buffer>>()
let data: CourseData

beforeAll(async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['scorm12', 'scorm2004'] })
  if (result.exitCode !== 0) throw new Error('build failed')
  for (const built of result.packages) packages.set(built.target as Standard, await readZip(path.resolve(built.path)))
  data = courseDataOf(packages.get('scorm12') ?? new Map())
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

async function launch(standard: Standard, cmi: Record<string, unknown>): Promise<{ page: Page; course: FrameLocator }> {
  server.setPackage(packages.get(standard) ?? new Map())
  server.config = { standard, cmi }
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/lms.html`)
  const course = courseFrame(page)
  await course.locator('body.cp-js').waitFor()
  return { page, course }
}

const apiName = (standard: Standard) => (standard === 'scorm12' ? 'API' : 'API_1484_11')
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cmiOf = (page: Page, standard: Standard): Promise<any> => page.evaluate((name) => JSON.parse(JSON.stringify((window as unknown as Record<string, { cmi: unknown }>)[name]?.cmi)) as unknown, apiName(standard))
const callsOf = (page: Page): Promise<Call[]> => page.evaluate(() => (window as unknown as { lmsCalls: Call[] }).lmsCalls)
const setsOf = async (page: Page) => (await callsOf(page)).filter((c) => c.name === 'LMSSetValue' || c.name === 'SetValue').map((c) => c.args[0])

/** The learner leaves: the course frame goes away (pagehide), the LMS frame stays. */
async function leave(page: Page, terminate: string): Promise<void> {
  await page.locator('#course').evaluate((frame: HTMLIFrameElement) => {
    frame.src = 'about:blank'
  })
  await expect.poll(async () => (await callsOf(page)).some((c) => c.name === terminate)).toBe(true)
}

async function openResults(course: FrameLocator): Promise<void> {
  await course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: 'Your results' }).click()
}

describe('SCORM lifecycle: preview, restore and review', () => {
  test('SCORM 1.2: answers given in Preview (lesson_mode browse) are not written; the next normal session never says "sent" while the LMS has no score', async () => {
    const preview = await launch('scorm12', { core: { lesson_mode: 'browse', entry: 'ab-initio', lesson_status: 'not attempted' }, student_data: { mastery_score: '70' } })
    await expect.poll(() => preview.course.getByText('Review mode: your answers are not recorded.').isVisible()).toBe(true)
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(preview.course, data, m, 10)
    await leave(preview.page, 'LMSFinish')
    // RTE 1.2 §3.4.4 lesson_mode: browse is "without being credited"; the runtime writes nothing.
    expect(await setsOf(preview.page)).toEqual([])
    const kept = await cmiOf(preview.page, 'scorm12')
    await preview.page.close()

    // Moodle hands the next Enter what it kept (its own `completed` after a Preview).
    const normal = await launch('scorm12', {
      suspend_data: kept.suspend_data,
      core: { lesson_mode: 'normal', entry: kept.core.exit === 'suspend' ? 'resume' : '', lesson_location: kept.core.lesson_location, lesson_status: 'completed' },
      student_data: { mastery_score: '70' }
    })
    await openResults(normal.course)
    await normal.course.getByRole('button', { name: 'Finish and exit' }).click()
    await normal.course.locator('.cp-finished').waitFor()
    const said = (await normal.course.locator('.cp-finished').textContent()) ?? ''
    // Inside the LMS's frame the way out is the LMS's, not closing the window.
    expect(said).toContain('Use your learning platform to leave this activity.')
    expect(said).not.toContain('close this window')
    const cmi = await cmiOf(normal.page, 'scorm12')
    if (said.includes('Your results have been sent')) {
      expect(cmi.core.score.raw).toBe('100')
      expect(cmi.core.lesson_status).toBe('passed')
    } else {
      // Not restored as submitted: the quizzes are still to take, and the page does not claim a result.
      expect(await normal.course.getByText(`Quizzes left: ${data.modules.length}`).count()).toBe(1)
      expect(cmi.core.score.raw).toBe('')
    }
    await normal.page.close()
  })

  for (const standard of ['scorm12', 'scorm2004'] as const) {
    test(`${standard}: a normal session restoring finished quizzes the LMS never scored reports them`, async () => {
      const state = initialState(data)
      // One attempt each, every question it asks right (a bank's first questions: a draw the quiz can make).
      state.quizzes = data.modules.map((m) => {
        if (!m.quiz) return undefined
        const asked = plannedQuestions(m.quiz)
        const answers = m.quiz.questions.map((q, i) => (asked.includes(i) ? [...coreOf(q).example(q, true)] : []))
        return { used: 1, last: { n: 1, asked, answers }, best: undefined, seen: m.quiz.questions.map((_, i) => asked.includes(i)) }
      })
      const suspend = encodeState(data, state)
      const cmi =
        standard === 'scorm12'
          ? { suspend_data: suspend, core: { entry: 'resume', lesson_status: 'incomplete' }, student_data: { mastery_score: '70' } }
          : { suspend_data: suspend, entry: 'resume', completion_status: 'incomplete', scaled_passing_score: '0.7' }
      const { page, course } = await launch(standard, cmi)
      await openResults(course)
      await course.getByText('Congratulations, you passed the course.').waitFor()
      await expect.poll(async () => (standard === 'scorm12' ? (await cmiOf(page, standard)).core.score.raw : (await cmiOf(page, standard)).score.scaled)).toBe(standard === 'scorm12' ? '100' : '1')
      const held = await cmiOf(page, standard)
      if (standard === 'scorm12') expect(held.core.lesson_status).toBe('passed')
      else expect([held.success_status, held.completion_status]).toEqual(['passed', 'completed'])
      await page.close()
    })
  }

  test('SCORM 2004: re-entering a passed attempt in review mode with empty suspend data overwrites nothing and shows the kept result', async () => {
    const { page, course } = await launch('scorm2004', {
      mode: 'review',
      entry: '',
      suspend_data: '',
      completion_status: 'completed',
      success_status: 'passed',
      score: { scaled: '0.9', raw: '90', min: '0', max: '100' },
      scaled_passing_score: '0.7'
    })
    await openResults(course)
    await course.getByText('Course score: 90%').waitFor()
    expect(await course.getByText('Congratulations, you passed the course.').count()).toBe(1)
    expect(await course.getByText(/Quizzes left/).count()).toBe(0)
    expect(await course.getByText('This attempt is finished. Your learning platform keeps its result.').count()).toBe(1)
    await course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: data.titles[2] ?? '', exact: true }).click()
    await page.waitForTimeout(1300) // past the throttled commit of a page change
    await leave(page, 'Terminate')
    // RTE 2004 §4.2.17 cmi.mode review: presented "without the intent of updating" the attempt.
    expect(await setsOf(page)).toEqual([])
    const cmi = await cmiOf(page, 'scorm2004')
    expect([cmi.suspend_data, cmi.location, cmi.exit, cmi.completion_status, cmi.success_status, cmi.score.raw]).toEqual(['', '', '', 'completed', 'passed', '90'])
    await page.close()
  })

  test('SCORM 2004: review of a finished attempt whose data the LMS does not hand back says the attempt is finished', async () => {
    const { page, course } = await launch('scorm2004', { mode: 'review', entry: '', scaled_passing_score: '0.7' })
    await openResults(course)
    await course.getByText('This attempt is finished. Your learning platform keeps its result.').waitFor()
    expect(await course.getByText(/Quizzes left/).count()).toBe(0)
    await leave(page, 'Terminate')
    expect(await setsOf(page)).toEqual([])
    await page.close()
  })
})
