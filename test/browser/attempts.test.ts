/**
 * Quiz attempts in Chromium against scorm-again (issue 14): a quiz of one fixed question and a
 * bank of six drawing three, two attempts, the best one kept, right answers revealed only after
 * passing, shuffled options. What the learner sees after each attempt, what survives a
 * relaunch, which attempt the LMS is told counts, and the interaction records of both attempts.
 */
import { writeFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { takeQuiz } from '../../src/lms-test/player.js'
import { build } from '../../src/pipeline.js'
import type { ChoiceData } from '../../src/questions/choice/core.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { cleanup, fixtureCourse, readZip, tempDir } from '../helpers.js'
import { courseDataOf, courseFrame, launchBrowser, type LmsServer, startLmsServer } from './harness.js'

interface Interaction {
  id: string
  result: string
  student_response?: string
  learner_response?: string
}
interface Cmi12 {
  suspend_data: string
  core: { lesson_status: string; lesson_location: string; exit: string; score: { raw: string } }
  objectives: Record<string, { id: string; status: string; score: { raw: string } }>
  interactions: Record<string, Interaction>
}
interface Cmi2004 {
  success_status: string
  score: { raw: string; scaled: string }
  objectives: Record<string, { id: string; success_status: string; score: { raw: string } }>
  interactions: Record<string, Interaction>
}

const option = (text: string, right: boolean) => `- [${right ? 'x' : ' '}] ${text}`
const bankQuestion = (n: number) => `## Bank question ${n}: which word is number ${n}?

${option(`Word ${n}`, true)}
${option(`Other ${n}a`, false)}
${option(`Other ${n}b`, false)}
`

const quizMd = `---
title: Attempts quiz
attempts: 2
keep: best
reveal: after-passing
shuffle: options
---

One fixed question and three drawn from a bank of six.

<Question id="fixed">

## Which one is the fixed question's answer?

${option('Fixed answer', true)}
${option('Fixed other one', false)}
${option('Fixed other two', false)}
${option('Fixed other three', false)}

</Question>

<Bank id="pool" draw={3}>

${[1, 2, 3, 4, 5, 6].map(bankQuestion).join('\n')}

</Bank>
`

let browser: Browser
let server: LmsServer
let packages: Record<'scorm12' | 'scorm2004', Map<string, Buffer>>
let data: CourseData

beforeAll(async () => {
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), quizMd)
  rmSync(path.join(course, '02-more', 'quiz.md'))
  const result = await build([course], { out: tempDir(), targets: ['scorm12', 'scorm2004'] })
  if (result.exitCode !== 0) throw new Error(`build failed: ${JSON.stringify(result)}`)
  const zipOf = async (target: string) => readZip(path.resolve(result.packages.find((p) => p.target === target)?.path ?? ''))
  packages = { scorm12: await zipOf('scorm12'), scorm2004: await zipOf('scorm2004') }
  data = courseDataOf(packages.scorm12)
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

async function launch(standard: 'scorm12' | 'scorm2004', cmi: Record<string, unknown>): Promise<{ page: Page; course: FrameLocator }> {
  server.setPackage(packages[standard])
  server.config = { standard, cmi }
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/lms.html`)
  const course = courseFrame(page)
  await course.locator('body.cp-js').waitFor()
  return { page, course }
}

const cmi12 = (page: Page): Promise<Cmi12> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API: { cmi: unknown } }).API.cmi)) as Cmi12)
const cmi2004 = (page: Page): Promise<Cmi2004> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API_1484_11: { cmi: unknown } }).API_1484_11.cmi)) as Cmi2004)
/** The course has called LMSFinish (its frame went away). */
const finished = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { lmsCalls: Array<{ name: string }> }).lmsCalls.some((c) => c.name === 'LMSFinish'))
const first12 = { core: { entry: 'ab-initio', student_id: 'learner-14', student_name: 'Learner, Test' }, student_data: { mastery_score: '70' } }

const quizOf = (course: FrameLocator) => course.locator(`form[data-quiz="${data.modules[0]?.id}"]`)
const questions = () => data.modules[0]?.quiz?.questions ?? []

/** The ids of the questions the quiz shows now, in the order shown. */
async function shownIds(course: FrameLocator): Promise<string[]> {
  return quizOf(course).locator('fieldset[data-question]:not([hidden])').evaluateAll((sets) => sets.map((s) => (s as HTMLElement).dataset.question ?? ''))
}

/** The quiz's `(Correct answer)` marks: the right answers shown. */
const revealedMarks = (course: FrameLocator) => quizOf(course).locator('.cp-option-mark', { hasText: data.strings.correctAnswer ?? 'Correct answer' }).count()

/** Open the quiz page. */
async function openQuiz(course: FrameLocator): Promise<void> {
  await course.locator(`#cp-toc a[data-page-link="${data.modules[0]?.quiz?.page}"]`).click()
  await quizOf(course).waitFor()
}

describe('attempts, banks, reveal and keep in SCORM 1.2', () => {
  test('a failed attempt reveals nothing; a relaunch shows the same draw; the second attempt draws the other three, passes and reveals; a third is refused; both attempts are journaled', async () => {
    const one = await launch('scorm12', first12)
    await openQuiz(one.course)
    const drawn1 = await shownIds(one.course)
    expect(drawn1).toHaveLength(4)
    expect(drawn1[0]).toBe('fixed')
    await expect.poll(() => quizOf(one.course).locator('.cp-attempt-status').textContent()).toBe('Attempt 1 of 2')
    // Only the fixed question right: 1 of 4 points, failed.
    await takeQuiz(one.course, data, 0, [0])
    await expect.poll(() => quizOf(one.course).locator('.cp-quiz-score').textContent()).toBe('You scored 25% (1 of 4 points).')
    expect(await revealedMarks(one.course)).toBe(0)
    expect(await quizOf(one.course).locator('.cp-option.cp-right, .cp-option.cp-wrong').count()).toBe(0)
    expect(await quizOf(one.course).locator('.cp-verdict', { hasText: 'Incorrect' }).count()).toBe(3)
    expect(await quizOf(one.course).locator('.cp-attempts-left').textContent()).toBe('Attempts left: 1.')
    expect(await quizOf(one.course).locator('.cp-reveal-note').textContent()).toBe('The right answers are shown once you pass.')

    // Leave, and relaunch with what the LMS kept: the same attempt, the same draw.
    await one.page.locator('#course').evaluate((frame: HTMLIFrameElement) => (frame.src = 'about:blank'))
    await expect.poll(() => finished(one.page)).toBe(true)
    const kept = await cmi12(one.page)
    await one.page.close()
    const two = await launch('scorm12', { ...first12, suspend_data: kept.suspend_data, core: { ...first12.core, entry: 'resume', lesson_location: kept.core.lesson_location, lesson_status: kept.core.lesson_status } })
    await openQuiz(two.course)
    expect(await shownIds(two.course)).toEqual(drawn1)
    expect(await quizOf(two.course).locator('.cp-quiz-score').textContent()).toBe('You scored 25% (1 of 4 points).')
    expect(await revealedMarks(two.course)).toBe(0)

    // The retake draws the three bank questions not seen yet (repeat: avoid), and passes.
    await takeQuiz(two.course, data, 0, [0, 1, 2, 3, 4, 5, 6])
    const drawn2 = await shownIds(two.course)
    expect(drawn2[0]).toBe('fixed')
    expect(new Set([...drawn1.slice(1), ...drawn2.slice(1)]).size).toBe(6)
    await expect.poll(() => quizOf(two.course).locator('.cp-quiz-score').textContent()).toBe('You scored 100% (4 of 4 points).')
    // Passed: the right answers are shown now; no attempt is left and no retake offered.
    expect(await revealedMarks(two.course)).toBe(4)
    expect(await quizOf(two.course).locator('.cp-attempts-left').textContent()).toBe('No attempts left: this result is final.')
    expect(await quizOf(two.course).locator('.cp-retake').count()).toBe(0)

    // A third submission, forced through the hidden button, is refused and records nothing.
    const before = Object.keys((await cmi12(two.page)).interactions).length
    await quizOf(two.course).locator('.cp-submit').evaluate((button: HTMLButtonElement) => {
      button.hidden = false
      button.click()
    })
    await expect.poll(() => quizOf(two.course).locator('.cp-quiz-result').textContent()).toContain('No attempts left')
    const cmi = await cmi12(two.page)
    expect(Object.keys(cmi.interactions).length).toBe(before)
    expect(cmi.core.lesson_status).toBe('passed')
    expect(cmi.core.score.raw).toBe('100')
    expect(cmi.objectives['0']).toMatchObject({ id: data.modules[0]?.id, status: 'passed', score: { raw: '100' } })
    // This session journaled attempt 2's four answers (attempt 1's went to the LMS in the first session).
    expect(Object.values(cmi.interactions).map((i) => i.id)).toEqual(drawn2)
    expect(Object.values(cmi.interactions).every((i) => i.result === 'correct')).toBe(true)
    await two.page.close()
  })

  test('keep: best reports the better of two attempts; both attempts are in the LMS; shuffled options keep their recorded ids', async () => {
    const { page, course } = await launch('scorm12', { ...first12, core: { ...first12.core, student_id: 'learner-keep' } })
    await openQuiz(course)
    // The options of some question are not in the author's order, and the recorded responses are still the option ids.
    const orders = await quizOf(course)
      .locator('fieldset[data-question]:not([hidden])')
      .evaluateAll((sets) => sets.map((s) => [...s.querySelectorAll('.cp-option input')].map((input) => (input as HTMLInputElement).value).join('')))
    expect(orders.some((order) => order !== [...order].sort().join(''))).toBe(true)
    await takeQuiz(course, data, 0, [0, 1, 2, 3, 4, 5, 6])
    const drawn1 = await shownIds(course)
    await takeQuiz(course, data, 0, [])
    await expect.poll(() => quizOf(course).locator('.cp-quiz-score').textContent()).toBe('You scored 0% (0 of 4 points).')
    expect(await quizOf(course).locator('.cp-quiz-kept').textContent()).toBe('Your score from attempt 1, 100%, is the one that counts.')
    const cmi = await cmi12(page)
    expect(cmi.core.lesson_status).toBe('passed')
    expect(cmi.core.score.raw).toBe('100')
    expect(cmi.objectives['0']).toMatchObject({ status: 'passed', score: { raw: '100' } })
    const records = Object.values(cmi.interactions)
    expect(records).toHaveLength(8)
    expect(records.slice(0, 4).map((r) => r.id)).toEqual(drawn1)
    expect(records.slice(0, 4).every((r) => r.result === 'correct')).toBe(true)
    expect(records.slice(4).every((r) => r.result === 'wrong')).toBe(true)
    // Right answers are option `a` of the author's order whatever order they were shown in; wrong ones another id.
    for (const record of records.slice(0, 4)) {
      const question = questions().find((q) => q.id === record.id) as ChoiceData
      expect(record.student_response).toBe(question.correct.join(','))
    }
    await page.locator('#course').evaluate((frame: HTMLIFrameElement) => (frame.src = 'about:blank'))
    await expect.poll(() => finished(page)).toBe(true)
    const kept = await cmi12(page)
    await page.close()

    // Review (an LMS opening the finished attempt) shows the attempt that counts, as submitted, and offers no retake.
    const review = await launch('scorm12', { ...first12, suspend_data: kept.suspend_data, core: { ...first12.core, student_id: 'learner-keep', entry: 'resume', lesson_mode: 'review', lesson_status: kept.core.lesson_status } })
    await openQuiz(review.course)
    expect(await shownIds(review.course)).toEqual(drawn1)
    expect(await quizOf(review.course).locator('.cp-quiz-score').textContent()).toBe('You scored 100% (4 of 4 points).')
    expect(await quizOf(review.course).locator('.cp-retake').count()).toBe(0)
    await review.page.close()
  })
})

describe('attempts in SCORM 2004', () => {
  test('both attempts are journaled, the second with the attempt suffix; the objective and the course carry the kept score', async () => {
    const { page, course } = await launch('scorm2004', { entry: 'ab-initio', learner_id: 'learner-2004', learner_name: 'Learner, Test', scaled_passing_score: '0.7' })
    await openQuiz(course)
    await takeQuiz(course, data, 0, [0, 1, 2, 3, 4, 5, 6])
    const drawn1 = await shownIds(course)
    await takeQuiz(course, data, 0, [0])
    const drawn2 = await shownIds(course)
    const cmi = await cmi2004(page)
    // Without `shuffle: questions` an attempt shows its questions in the author's order, as it records them.
    expect(Object.values(cmi.interactions).map((i) => i.id)).toEqual([...drawn1, ...drawn2.map((id) => `${id}.attempt-2`)])
    expect(cmi.objectives['0']).toMatchObject({ success_status: 'passed', score: { raw: '100' } })
    expect(cmi.success_status).toBe('passed')
    expect(cmi.score.raw).toBe('100')
    await page.close()
  })
})
