/**
 * Drives coursepack's player as a learner would, in a Playwright frame (or page): opens pages
 * from the table of contents, answers a quiz with a chosen set of right answers, submits, opens
 * the results and presses Finish. It finds everything by the player's data attributes
 * (templates/partials/toc.hbs, page-quiz.hbs), so it works in every course language.
 * Used by `coursepack test` and by the browser tests (test/browser/harness.ts).
 */
import type { Locator } from 'playwright-core'
import { coreOf } from '../questions/cores.js'
import { driverOf } from '../questions/drivers.js'
import type { CourseData } from '../shared/course-data.js'
import type { SessionPlan } from './types.js'

/** Where the course is: a Frame, a FrameLocator or a Page. */
export interface CourseScope {
  locator(selector: string): Locator
}

const attr = (value: string): string => JSON.stringify(value)

/** Open one page from the table of contents and wait until it shows. */
export async function visitPage(course: CourseScope, pageId: string): Promise<void> {
  await course.locator(`#cp-toc a[data-page-link=${attr(pageId)}]`).click()
  await course.locator(`section[id=${attr(pageId)}].cp-current`).waitFor()
}

/** Open every page of the course in reading order. */
export async function visitAll(course: CourseScope, data: CourseData): Promise<void> {
  for (const id of data.pages) await visitPage(course, id)
}

/**
 * Answer one module's quiz: the questions of `right` (indexes in quiz order) correctly, the others
 * wrong; a number means the first N questions asked. A quiz already submitted (restored from an
 * earlier session) is retaken. Only the questions the attempt asks are answered: the k-th one
 * drawn from a bank is answered as the plan answers the bank's k-th question (its points are
 * the same; src/lms-test/walks/plan.ts `plannedQuestions`). Submits and waits for the score.
 */
export async function takeQuiz(course: CourseScope, data: CourseData, moduleIndex: number, right: number | readonly number[]): Promise<void> {
  const module = data.modules[moduleIndex]
  const quiz = module?.quiz
  if (!module || !quiz) throw new Error(`module ${moduleIndex} has no quiz`)
  await visitPage(course, quiz.page)
  const form = course.locator(`form[data-quiz=${attr(module.id)}]`)
  if (await form.locator('.cp-quiz-score').isVisible()) {
    const retake = form.locator('.cp-retake')
    if (!(await retake.isVisible())) throw new Error(`the quiz of module ${module.id} has no attempt left`)
    await retake.click()
  }
  const asked: number[] = []
  for (const [index, question] of quiz.questions.entries()) {
    if (!(await form.locator(`fieldset[data-question=${attr(question.id)}]`).isHidden())) asked.push(index)
  }
  const slotOf = (index: number): number => {
    const bank = quiz.banks.find((b) => b.questions.includes(index))
    if (!bank) return index
    const k = asked.filter((i) => bank.questions.includes(i)).indexOf(index)
    return bank.questions[k] ?? index
  }
  const isRight = (index: number) => (typeof right === 'number' ? asked.indexOf(index) < right : right.includes(slotOf(index)))
  for (const index of asked) {
    const question = quiz.questions[index]
    if (!question) continue
    // Each type enters its own answer (src/questions/<type>/drive.ts); the answer is its core's example.
    const set = form.locator(`fieldset[data-question=${attr(question.id)}]`)
    await driverOf(question).enter(set, question, coreOf(question).example(question, isRight(index)))
  }
  await form.locator('.cp-submit').click()
  await form.locator('.cp-quiz-score').waitFor()
}

/**
 * Finish as a learner does: open the results page and press Finish. Unless told not to (cmi5
 * leaves for the LMS's returnURL), wait until the player has taken the Finish (the button is
 * disabled and the confirmation shows).
 */
export async function finishCourse(course: CourseScope, data: Pick<CourseData, 'pages' | 'kinds'>, options: { confirmation?: boolean } = {}): Promise<void> {
  const results = data.pages[data.kinds.indexOf('results')] ?? data.pages[data.pages.length - 1] ?? ''
  await visitPage(course, results)
  const finish = course.locator(`section[id=${attr(results)}] .cp-finish`)
  await finish.click()
  if (options.confirmation !== false) await course.locator(`section[id=${attr(results)}] .cp-finished`).waitFor()
}

/**
 * Play one session of a walk up to its end: visit the pages, take the quizzes, and press Finish
 * when the session ends with `finish`. Leaving (pagehide) and abandoning are the caller's: they
 * are done to the page, not in it.
 */
export async function playSession(course: CourseScope, data: CourseData, session: SessionPlan, options: { confirmation?: boolean } = {}): Promise<void> {
  const take = (answer: SessionPlan['answers'][number]) => takeQuiz(course, data, answer.module, session.rightQuestions?.[answer.module] ?? answer.correct)
  if (data.navigation === 'sequential' && session.mode === 'normal') {
    // A module opens once the one before is done: each module's pages, then its quiz, in module order.
    const inModule = new Set(data.modules.flatMap((m) => m.pages))
    const first = data.pages.findIndex((p) => inModule.has(p))
    const outside = (before: boolean) => (session.visitAll ? data.pages.filter((p, i) => !inModule.has(p) && i < first === before) : [])
    for (const id of outside(true)) await visitPage(course, id)
    for (const [index, module] of data.modules.entries()) {
      if (session.visitAll) for (const id of module.pages) await visitPage(course, id)
      for (const answer of session.answers.filter((a) => a.module === index)) await take(answer)
    }
    for (const id of outside(false)) await visitPage(course, id)
  } else {
    if (session.visitAll) await visitAll(course, data)
    for (const answer of session.answers) await take(answer)
  }
  if (session.end === 'finish') await finishCourse(course, data, options)
}
