/**
 * The SCORM 1.2 package in real Chromium against scorm-again's Scorm12API (the LMS side),
 * served from 127.0.0.1 with commits posted back to the test server as a real LMS does.
 * The sample course is clicked through as a learner would; assertions read what the
 * LMS holds.
 */
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { coreOf } from '../../src/questions/cores.js'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { encodedLength } from '../../src/shared/suspend.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { sampleVariant, syntheticCourse } from '../course-fixtures.js'
import { asChoice, courseDataOf, finishCourse, courseFrame, launchBrowser, type LmsServer, startLmsServer, takeQuiz, questionCount } from './harness.js'

interface Cmi {
  suspend_data: string
  core: Record<string, unknown> & { lesson_status: string; lesson_location: string; exit: string; entry: string; session_time: string; score: { raw: string; min: string; max: string } }
  objectives: Record<string, { id: string; status: string; score: { raw: string } }>
  interactions: Record<string, { id: string; type: string; student_response: string; result: string; time: string; weighting: string; correct_responses: Record<string, { pattern: string }> }>
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

async function buildPackage(dir: string): Promise<Map<string, Buffer>> {
  const result = await build([dir], { out: tempDir(), targets: ['scorm12'] })
  const built = result.packages[0]
  if (result.exitCode !== 0 || !built) throw new Error(`build of ${dir} failed`)
  return readZip(path.resolve(built.path))
}

const masteryOf = (files: Map<string, Buffer>) => /<adlcp:masteryscore>([^<]+)<\/adlcp:masteryscore>/.exec(files.get('imsmanifest.xml')?.toString() ?? '')?.[1] ?? ''

beforeAll(async () => {
  sample = await buildPackage(sampleCourse)
  data = courseDataOf(sample)
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

/** Launch a package as an LMS does: the manifest's mastery score (or an override) and any kept data. */
async function launch(options: { cmi?: Record<string, unknown>; files?: Map<string, Buffer>; mastery?: string } = {}): Promise<{ page: Page; course: FrameLocator }> {
  const files = options.files ?? sample
  server.setPackage(files)
  // As an LMS does: the manifest's mastery score, and `ab-initio` on a first launch.
  const cmi = options.cmi ?? { core: { entry: 'ab-initio' } }
  server.config = { standard: 'scorm12', cmi: { ...cmi, student_data: { mastery_score: options.mastery ?? masteryOf(files) } } }
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/lms.html`)
  const course = courseFrame(page)
  await course.locator('body.cp-js').waitFor()
  return { page, course }
}

const cmiOf = (page: Page): Promise<Cmi> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API: { cmi: unknown } }).API.cmi)) as Cmi)
const callsOf = (page: Page): Promise<Call[]> => page.evaluate(() => (window as unknown as { lmsCalls: Call[] }).lmsCalls)

/** What an LMS keeps for the next launch, from the data it last received. */
function keptForRelaunch(cmi: Cmi): Record<string, unknown> {
  return {
    suspend_data: cmi.suspend_data,
    objectives: cmi.objectives,
    core: {
      lesson_location: cmi.core.lesson_location,
      lesson_status: cmi.core.lesson_status,
      score: cmi.core.score,
      entry: cmi.core.exit === 'suspend' ? 'resume' : ''
    }
  }
}

function expectCleanCalls(calls: Call[]): void {
  expect(calls.filter((c) => c.error !== '0' || c.result === 'false')).toEqual([])
  expect(calls.filter((c) => c.name === 'LMSInitialize')).toHaveLength(1)
  expect(calls.filter((c) => c.name === 'LMSFinish')).toHaveLength(1)
  expect(calls[0]?.name).toBe('LMSInitialize')
  expect(calls.at(-1)?.name).toBe('LMSFinish')
}

describe('SCORM 1.2 in Chromium with scorm-again', () => {
  test('1. all answers correct → passed, raw 100 (and 8: every call returns 0, one LMSInitialize, one LMSFinish)', async () => {
    const { page, course } = await launch()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 10)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.core.lesson_status).toBe('passed')
    expect(cmi.core.score).toEqual({ raw: '100', min: '0', max: '100' })
    expect(cmi.core.exit).toBe('')
    expect(Object.values(cmi.objectives).map((o) => [o.id, o.status, o.score.raw])).toEqual(data.modules.map((m) => [m.id, 'passed', '100']))
    const interactions = Object.values(cmi.interactions)
    expect(interactions).toHaveLength(questionCount(data))
    const first = asChoice(data.modules[0]?.quiz?.questions[0])
    expect(interactions[0]).toMatchObject({ id: first?.id, type: 'choice', result: 'correct', weighting: '1', student_response: first?.correct.join(',') })
    expect(interactions[0]?.correct_responses['0']?.pattern).toBe(first?.correct.join(','))
    expect(interactions[0]?.time).toMatch(/^\d{2}:\d{2}:\d{2}$/)
    expect(interactions.every((i) => i.result === (i.type === 'likert' ? 'neutral' : 'correct'))).toBe(true)

    const calls = await callsOf(page)
    expectCleanCalls(calls)
    expect(calls.find((c) => c.args[0] === 'cmi.core.session_time')?.args[1]).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/)
    // The Finish button commits, then finishes; the score is written before the status.
    expect(calls.at(-2)?.name).toBe('LMSCommit')
    const sets = calls.filter((c) => c.name === 'LMSSetValue').map((c) => c.args[0])
    expect(sets.indexOf('cmi.core.score.raw')).toBeLessThan(sets.lastIndexOf('cmi.core.lesson_status'))
    // The LMS received the final data in its last commit.
    const last = server.commits.at(-1)?.body as { cmi: Cmi }
    expect(last.cmi.core.lesson_status).toBe('passed')
    await page.close()
  })

  test('2. exactly 70% in every module → passed, raw 70', async () => {
    const { page, course } = await launch()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 7)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.core.lesson_status).toBe('passed')
    expect(cmi.core.score.raw).toBe('70')
    expect(Object.values(cmi.objectives).map((o) => o.status)).toEqual(['passed', 'passed', 'passed', 'passed'])
    expectCleanCalls(await callsOf(page))
    await page.close()
  })

  test('3. one module at 60%, the others at 100% → failed, raw 60 (every-module)', async () => {
    const { page, course } = await launch()
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, m === 2 ? 6 : 10)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.core.lesson_status).toBe('failed')
    expect(cmi.core.score.raw).toBe('60')
    expect(Object.values(cmi.objectives).map((o) => `${o.status}:${o.score.raw}`)).toEqual(['passed:100', 'passed:100', 'failed:60', 'passed:100'])
    expect(Object.values(cmi.interactions).filter((i) => i.result === 'wrong')).toHaveLength(4)
    expectCleanCalls(await callsOf(page))
    await page.close()
  })

  test('3b. the same answers with passRule: overall → passed with the points-weighted mean', async () => {
    const files = await buildPackage(sampleVariant({ passRule: 'overall' }))
    const { page, course } = await launch({ files })
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, m === 2 ? 6 : 10)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    // (10 + 10 + 6 + 10) / 40 points
    expect(cmi.core.score.raw).toBe('90')
    expect(cmi.core.lesson_status).toBe('passed')
    await page.close()
  })

  test('4. leave after module 2 and relaunch with the data the LMS kept → same page, answers kept, passed at the end', async () => {
    const first = await launch()
    await takeQuiz(first.course, data, 0, 10)
    await takeQuiz(first.course, data, 1, 8)
    const bookmark = data.modules[2]?.pages[1] ?? ''
    const title = data.titles[data.pages.indexOf(bookmark)] ?? ''
    await first.course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: title, exact: true }).click()
    await first.course.getByRole('heading', { level: 1, name: title }).waitFor()
    // The learner leaves: the course frame goes away (pagehide), the LMS frame stays.
    await first.page.locator('#course').evaluate((frame: HTMLIFrameElement) => {
      frame.src = 'about:blank'
    })
    await expect.poll(async () => (await callsOf(first.page)).some((c) => c.name === 'LMSFinish')).toBe(true)
    const calls = await callsOf(first.page)
    expectCleanCalls(calls)
    // pagehide finishes without a commit of its own: LMSFinish persists the data itself.
    const afterLastCommit = calls.slice(calls.map((c) => c.name).lastIndexOf('LMSCommit') + 1)
    expect(afterLastCommit.map((c) => c.name)).toContain('LMSFinish')
    const kept = await cmiOf(first.page)
    expect(kept.core.exit).toBe('suspend')
    expect(kept.core.lesson_status).toBe('incomplete')
    expect(kept.core.lesson_location).toBe(bookmark)
    expect(kept.suspend_data.length).toBeGreaterThan(0)
    await first.page.close()

    const second = await launch({ cmi: keptForRelaunch(kept) })
    const course = second.course
    await expect.poll(() => course.locator('.cp-page.cp-current h1').textContent()).toBe(title)
    // Earlier answers and results are restored.
    const quiz2 = course.locator(`section[id="${data.modules[1]?.quiz?.page}"]`)
    await expect.poll(() => quiz2.locator('.cp-quiz-score').textContent()).toBe('You scored 80% (8 of 10 points).')
    const q1 = asChoice(data.modules[0]?.quiz?.questions[0])
    const label = q1?.labels[q1.options.indexOf(q1.correct[0] ?? '')] ?? ''
    const quiz1 = course.locator(`section[id="${data.modules[0]?.quiz?.page}"]`)
    await course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: data.modules[0]?.quiz?.title ?? '', exact: true }).click()
    await expect.poll(() => quiz1.getByRole('group', { name: `1. ${q1?.text}` }).getByRole('radio', { name: label }).isChecked()).toBe(true)
    expect((await callsOf(second.page)).find((c) => c.args[0] === 'cmi.core.entry')?.result).toBe('resume')
    await takeQuiz(course, data, 2, 10)
    await takeQuiz(course, data, 3, 10)
    await finishCourse(course)
    const cmi = await cmiOf(second.page)
    expect(cmi.core.lesson_status).toBe('passed')
    expect(cmi.core.score.raw).toBe('80')
    expect(Object.values(cmi.objectives).map((o) => `${o.id}:${o.status}:${o.score.raw}`)).toEqual(
      data.modules.map((m, i) => `${m.id}:passed:${i === 1 ? '80' : '100'}`)
    )
    expectCleanCalls(await callsOf(second.page))
    await second.page.close()
  })

  test('4b. closing the LMS window: the pagehide LMSFinish still reaches the LMS', async () => {
    server.commits.length = 0
    const { page, course } = await launch()
    await takeQuiz(course, data, 0, 9)
    await page.goto('about:blank')
    await expect.poll(() => server.commits.some((c) => (c.body as { cmi?: Cmi }).cmi?.core.exit === 'suspend')).toBe(true)
    const last = (server.commits.at(-1)?.body as { cmi: Cmi }).cmi
    expect(last.core.exit).toBe('suspend')
    expect(last.suspend_data).toMatch(/^3\./)
    expect(last.objectives['0']?.score.raw).toBe('90')
    await page.close()
  })

  test('5. no LMS API → the course runs, shows the notice and keeps progress in localStorage', async () => {
    server.setPackage(sample)
    const page = await browser.newPage()
    await page.goto(`${server.url}/pkg/index.html`)
    await expect.poll(() => page.getByText('Progress is not being recorded by a learning management system').isVisible()).toBe(true)
    await takeQuiz(page, data, 0, 10)
    await page.reload()
    const quiz = page.locator(`section[id="${data.modules[0]?.quiz?.page}"]`)
    await expect.poll(() => page.locator('.cp-page.cp-current h1').textContent()).toBe(data.modules[0]?.quiz?.title ?? '')
    await expect.poll(() => quiz.locator('.cp-quiz-score').textContent()).toBe('You scored 100% (10 of 10 points).')
    await page.close()
  })

  test('6. the LMS supplies mastery score 80 → 70% everywhere ends failed', async () => {
    const { page, course } = await launch({ mastery: '80' })
    for (let m = 0; m < data.modules.length; m++) await takeQuiz(course, data, m, 7)
    await expect.poll(() => course.getByText('You need 80% to pass this quiz.').first().count()).toBeGreaterThan(0)
    await finishCourse(course)
    const cmi = await cmiOf(page)
    expect(cmi.core.lesson_status).toBe('failed')
    expect(cmi.core.score.raw).toBe('70')
    expect(Object.values(cmi.objectives).every((o) => o.status === 'failed')).toBe(true)
    await page.close()
  })

  test('7. a course too large for a naive suspend data encoding stays under 4,096 and resumes', async () => {
    const files = await buildPackage(syntheticCourse({ modules: 12, lessons: 3, questions: 10, options: 5 }))
    const big = courseDataOf(files)
    // A naive encoding (answers keyed by question id, plus visited page ids) would not fit.
    const naive = JSON.stringify({
      visited: big.pages,
      answers: Object.fromEntries(big.modules.flatMap((m) => m.quiz?.questions.map((q) => [q.id, asChoice(q)?.correct]) ?? []))
    })
    expect(naive.length).toBeGreaterThan(4096)
    const { page, course } = await launch({ files })
    for (let m = 0; m < big.modules.length; m++) await takeQuiz(course, big, m, 10)
    const cmi = await cmiOf(page)
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096)
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(encodedLength(big))
    expect(cmi.core.lesson_status).toBe('passed')
    await page.close()
    const again = await launch({ files, cmi: keptForRelaunch({ ...cmi, core: { ...cmi.core, exit: 'suspend' } }) })
    const last = again.course.locator(`section[id="${big.modules.at(-1)?.quiz?.page}"]`)
    await expect.poll(() => last.locator('.cp-quiz-score').textContent()).toBe('You scored 100% (10 of 10 points).')
    await again.page.close()
  })

  test('review mode: nothing is scored or recorded', async () => {
    const { page, course } = await launch({ cmi: { core: { lesson_mode: 'review', lesson_status: 'failed' } } })
    await expect.poll(() => course.getByText('Review mode: your answers are not recorded.').isVisible()).toBe(true)
    await takeQuiz(course, data, 0, 10)
    const cmi = await cmiOf(page)
    expect(cmi.core.lesson_status).toBe('failed')
    expect(cmi.interactions).toEqual({})
    expect(cmi.objectives).toEqual({})
    const sets = (await callsOf(page)).filter((c) => c.name === 'LMSSetValue').map((c) => c.args[0])
    expect(sets.filter((s) => /score|lesson_status|interactions|objectives/.test(s ?? ''))).toEqual([])
    await page.close()
  })

  test('a quiz submission is one commit, not one per value', async () => {
    const { page, course } = await launch()
    await course.locator('.cp-page.cp-current').getByRole('link', { name: /^Next/ }).click()
    await expect.poll(async () => (await callsOf(page)).filter((c) => c.name === 'LMSCommit').length, { timeout: 3000 }).toBeGreaterThan(1)
    const before = (await callsOf(page)).filter((c) => c.name === 'LMSCommit').length
    await takeQuiz(course, data, 0, 5)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const after = (await callsOf(page)).filter((c) => c.name === 'LMSCommit').length
    // Opening the quiz page and submitting it: at most one commit each.
    expect(after - before).toBeLessThanOrEqual(2)
    expect(after - before).toBeGreaterThanOrEqual(1)
    await page.close()
  })

  test('keyboard alone, on a phone-sized screen: reach a quiz, answer it, submit; no horizontal scrolling', async () => {
    server.setPackage(sample)
    server.config = { standard: 'scorm12', cmi: { student_data: { mastery_score: '70' } } }
    const page = await browser.newPage({ viewport: { width: 375, height: 667 } })
    await page.goto(`${server.url}/pkg/index.html`)
    await page.locator('body.cp-js').waitFor()
    const quiz = data.modules[0]?.quiz
    if (!quiz) throw new Error('no quiz')
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null
        const question = el?.closest<HTMLElement>('fieldset[data-question]')?.dataset.question ?? ''
        return { tag: el?.tagName ?? '', type: el?.type ?? '', text: el?.textContent?.trim() ?? '', name: el?.name ?? '', value: el?.value ?? '', checked: el?.checked ?? false, question }
      })
    // On a phone the contents fold behind the header's Contents button: Tab to it, open it with
    // Enter, then Tab to the quiz's link in the contents and follow it with Enter.
    const contents = data.strings.contents ?? 'Contents'
    for (let i = 0; i < 10 && (await focused()).text !== contents; i++) await page.keyboard.press('Tab')
    expect((await focused()).text).toBe(contents)
    await page.keyboard.press('Enter')
    for (let i = 0; i < 80 && (await focused()).text !== quiz.title; i++) await page.keyboard.press('Tab')
    expect((await focused()).text).toBe(quiz.title)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.cp-page.cp-current h1').textContent()).toBe(quiz.title)
    // Answer every question with Tab, arrow keys and Space only.
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab')
      const now = await focused()
      if (now.tag === 'BUTTON' && now.text === 'Submit answers') break
      if (now.tag !== 'INPUT') continue
      const any = quiz.questions.find((q) => q.id === now.question)
      // A text field (the numeric question): type the answer.
      if (any && now.type === 'text') await page.keyboard.type(coreOf(any).example(any, true)[0] ?? '')
      const question = asChoice(any)
      if (!question) continue
      if (now.type === 'radio') {
        const target = question.options.indexOf(question.correct[0] ?? '')
        if (target === 0) await page.keyboard.press('Space')
        for (let k = 0; k < target; k++) await page.keyboard.press('ArrowDown')
      } else if (now.type === 'checkbox' && question.correct.includes(now.value) && !now.checked) {
        await page.keyboard.press('Space')
      }
    }
    expect((await focused()).text).toBe('Submit answers')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.cp-current .cp-quiz-score').textContent()).toBe('You scored 100% (10 of 10 points).')
    // Focus moved to the result, which screen readers also hear through the live region.
    expect((await focused()).text).toBe('You scored 100% (10 of 10 points).')
    for (const id of [data.pages[0], data.modules[1]?.pages[2], quiz.page, 'results']) {
      await page.evaluate((target) => {
        location.hash = `#${target}`
      }, id)
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    }
    await page.close()
  })

  test('a failed LMS call is logged with the error string and diagnostic, and the value is written at the next commit', async () => {
    server.setPackage(sample)
    server.config = { standard: 'scorm12', cmi: { core: { entry: 'ab-initio' }, student_data: { mastery_score: '70' } }, failOnce: ['cmi.suspend_data'] }
    const page = await browser.newPage()
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    await page.goto(`${server.url}/lms.html`)
    const course = courseFrame(page)
    await course.locator('body.cp-js').waitFor()
    await course.locator('.cp-page.cp-current').getByRole('link', { name: /^Next/ }).click()
    await expect.poll(() => warnings.find((w) => w.includes('cmi.suspend_data')), { timeout: 5000 }).toMatch(/^\[coursepack\] SetValue\("cmi\.suspend_data", .*\) failed: 101 General Exception/)
    // The refused value stays queued: the next change's commit writes it.
    await course.locator('.cp-page.cp-current').getByRole('link', { name: /^Next/ }).click()
    await expect.poll(async () => (await cmiOf(page)).suspend_data, { timeout: 5000 }).toMatch(/^3\./)
    const sets = (await callsOf(page)).filter((c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data')
    expect(sets.map((c) => c.error)).toEqual(['101', '0'])
    await page.close()
  })

  // The passing score is not among them: scorm-again refuses a non-decimal value when the LMS
  // loads it (CMIDecimal), as a conforming LMS does.
  test('values the LMS controls hold markup and script: none becomes HTML or runs; bad data is ignored', async () => {
    // Script in them would set `pwned` on the LMS page (same origin) or open a dialog.
    const markup = (n: number) => `"><img src=x onerror=top.pwned=${n}></script><script>top.pwned=${n};alert(${n})</script>`
    const { page, course } = await launch({ cmi: { suspend_data: markup(1), core: { entry: 'resume', lesson_location: markup(2), student_name: markup(3) } } })
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
    const read = new Map((await callsOf(page)).filter((c) => c.name === 'LMSGetValue').map((c) => [c.args[0], c.result]))
    expect(read.get('cmi.suspend_data')).toBe(markup(1))
    expect(read.get('cmi.core.lesson_location')).toBe(markup(2))
    // The learner's name is read, and shown as text only.
    expect(read.get('cmi.core.student_name')).toBe(markup(3))
    expect(await course.locator('#cp-status .cp-learner').textContent()).toBe((data.strings.learner ?? '').replace('{name}', markup(3)))
    await page.close()
  })
})
