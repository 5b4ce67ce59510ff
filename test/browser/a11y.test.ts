/**
 * Accessibility and languages in Chromium: axe-core (WCAG 2.0/2.1 A and AA) on every page
 * page of the sample course in each of its six languages, the whole course with the keyboard
 * alone and a visible focus, reflow at 320 CSS px, reduced motion, and Arabic right to left.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { axe, type AxeViolation, courseDataOf, launchBrowser, type LmsServer, startLmsServer, takeQuiz } from './harness.js'

let browser: Browser
let server: LmsServer
/** The sample's SCORM 1.2 package per language (`en`, the source, and its five translations). */
const packages = new Map<string, Map<string, Buffer>>()
let english: Map<string, Buffer>
let arabic: Map<string, Buffer>
let data: CourseData

beforeAll(async () => {
  const out = tempDir()
  const result = await build([sampleCourse], { out, targets: ['scorm12'], languages: 'all' })
  if (result.exitCode !== 0) throw new Error('build failed')
  for (const zip of result.packages.map((p) => path.resolve(p.path))) {
    const files = await readZip(zip)
    packages.set(courseDataOf(files).language, files)
  }
  english = packages.get('en') ?? new Map()
  arabic = packages.get('ar') ?? new Map()
  data = courseDataOf(english)
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

/** Open a package without an LMS (the no-LMS notice shows), on a fresh profile. */
async function open(files: Map<string, Buffer>, options: { width?: number; reducedMotion?: boolean } = {}): Promise<Page> {
  server.setPackage(files)
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference' })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/pkg/index.html`)
  await page.locator('body.cp-js').waitFor()
  return page
}

async function goTo(page: Page, id: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = `#${target}`
  }, id)
  await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(id)
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  const pageTypes = () => {
    const kinds = data.kinds
    const first = (kind: string) => data.pages[kinds.indexOf(kind)] ?? ''
    return { welcome: first('welcome'), lesson: first('lesson'), risks: first('risks'), module: first('module'), quiz: first('quiz'), results: first('results') }
  }

  test('the sample course builds in its six languages', () => {
    expect([...packages.keys()].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh'])
  })

  test.each(['en', 'ar', 'es', 'fr', 'ru', 'zh'])('every page has zero violations (%s)', async (language) => {
    const files = packages.get(language)
    if (!files) throw new Error(`no ${language} package`)
    const page = await open(files)
    const types = pageTypes()
    const course = courseDataOf(files)
    expect(course.language).toBe(language)
    expect(await page.locator('html').getAttribute('lang')).toBe(language)
    const found: Record<string, AxeViolation[]> = {}
    // Every page but the quizzes and the results (below), each of them in this language's words.
    for (const [index, id] of course.pages.entries()) {
      if (course.kinds[index] === 'quiz' || id === types.results) continue
      await goTo(page, id)
      found[`${course.kinds[index]} ${id} (with the no-LMS notice)`] = await axe(page)
    }
    expect(Object.keys(found).filter((name) => name.startsWith('risks ')).length).toBeGreaterThan(0)
    // Every quiz, before and after submitting: together they hold every question type (choice, true-false, fill-in, numeric, matching, ordering, likert).
    for (const [m, module] of course.modules.entries()) {
      if (!module.quiz) continue
      await goTo(page, module.quiz.page)
      found[`quiz ${m + 1}`] = await axe(page)
      await takeQuiz(page, course, m, 6)
      found[`quiz ${m + 1} after submitting`] = await axe(page)
    }
    expect(new Set(course.modules.flatMap((m) => m.quiz?.questions.map((q) => q.type) ?? []))).toEqual(new Set(['single', 'multiple', 'true-false', 'fill-in', 'numeric', 'matching', 'ordering', 'likert']))
    await goTo(page, types.results)
    found.results = await axe(page)
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])))
    // The check can fail: an image without alternative text is caught.
    await page.evaluate(() => document.querySelector('.cp-page.cp-current')?.append(Object.assign(document.createElement('img'), { src: 'assets/x.png' })))
    expect((await axe(page)).map((v) => v.id)).toContain('image-alt')
    await page.context().close()
  })
})

describe('keyboard, focus, reflow, motion', () => {
  test('the whole course can be completed with the keyboard alone, with a visible focus at every step', async () => {
    const page = await open(english)
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null
        const style = el ? getComputedStyle(el) : undefined
        return {
          tag: el?.tagName ?? '',
          type: el?.type ?? '',
          name: el?.name ?? '',
          value: el?.value ?? '',
          checked: el?.checked ?? false,
          text: (el?.textContent ?? '').trim(),
          rel: el?.getAttribute('rel') ?? '',
          inCurrent: Boolean(el?.closest('.cp-page.cp-current')),
          question: el?.closest<HTMLElement>('fieldset[data-question]')?.dataset.question ?? '',
          source: el?.closest<HTMLElement>('[data-source]')?.dataset.source ?? '',
          options: el instanceof HTMLSelectElement ? [...el.options].map((o) => o.value) : [],
          // The question's option values in the order shown (`shuffle: options` deals them per learner).
          shown: [...(el?.closest('fieldset')?.querySelectorAll<HTMLInputElement>('.cp-option input') ?? [])].map((input) => input.value),
          outline: style ? style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 : false
        }
      })
    let tabs = 0
    const tab = async () => {
      await page.keyboard.press('Tab')
      tabs++
      const now = await focused()
      if (now.tag && now.tag !== 'BODY' && now.tag !== 'MAIN' && now.tag !== 'H1') expect(now.outline, JSON.stringify(now)).toBe(true)
      return now
    }
    for (let pageIndex = 0; pageIndex < data.pages.length - 1; pageIndex++) {
      const moduleIndex = data.modules.findIndex((m) => m.quiz?.page === data.pages[pageIndex])
      const quiz = data.modules[moduleIndex]?.quiz
      if (quiz) {
        const ordered = new Set<string>()
        for (let guard = 0; guard < 400; guard++) {
          const now = await tab()
          if (now.tag === 'BUTTON' && now.text === 'Submit answers' && now.inCurrent) break
          if (!now.inCurrent) continue
          const question = quiz.questions.find((q) => q.id === now.question)
          if (!question) continue
          const right = coreOf(question).example(question, true)
          if (now.tag === 'INPUT' && now.type === 'text') {
            // Fill-in and numeric: type the answer.
            await page.keyboard.type(right[0] ?? '')
          } else if (now.tag === 'SELECT') {
            // Matching: a closed native select steps through its options with the arrow keys.
            const source = question.type === 'matching' ? question.sources.indexOf(now.source) : -1
            const target = now.options.indexOf(right[source] ?? '')
            for (let k = 0; k < target; k++) await page.keyboard.press('ArrowDown')
          } else if (now.tag === 'BUTTON' && question.type === 'ordering' && !ordered.has(question.id)) {
            // Ordering: carry each item to its place with Move up, reaching its button with Tab and Shift+Tab.
            ordered.add(question.id)
            for (const [place, id] of right.entries()) {
              const where = await page.evaluate(([qid, item]) => {
                const set = document.querySelector(`.cp-current fieldset[data-question="${qid}"]`)
                const buttons = [...(set?.querySelectorAll('[data-move]') ?? [])]
                const order = [...(set?.querySelectorAll<HTMLElement>('.cp-order-item') ?? [])].map((li) => li.dataset.item)
                return { focus: buttons.indexOf(document.activeElement as Element), at: order.indexOf(item), up: buttons.indexOf(set?.querySelector(`[data-item="${item}"] [data-move="up"]`) as Element) }
              }, [question.id, id] as const)
              for (let k = where.focus; k < where.up; k++) await page.keyboard.press('Tab')
              for (let k = where.focus; k > where.up; k--) await page.keyboard.press('Shift+Tab')
              for (let k = where.at; k > place; k--) await page.keyboard.press('Enter')
            }
          } else if (now.tag === 'INPUT' && question.type !== 'single' && question.type !== 'multiple' && now.type === 'radio') {
            // True-false and likert: radio buttons, the first option first.
            const options = question.type === 'true-false' ? ['true', 'false'] : question.type === 'likert' ? question.scale : []
            const target = options.indexOf(right[0] ?? '')
            if (target === 0) await page.keyboard.press('Space')
            for (let k = 0; k < target; k++) await page.keyboard.press('ArrowDown')
          } else if (now.tag === 'INPUT' && (question.type === 'single' || question.type === 'multiple')) {
            if (now.type === 'radio') {
              const target = now.shown.indexOf(question.correct[0] ?? '')
              if (target === 0) await page.keyboard.press('Space')
              for (let k = 0; k < target; k++) await page.keyboard.press('ArrowDown')
            } else if (question.correct.includes(now.value) && !now.checked) {
              await page.keyboard.press('Space')
            }
          }
        }
        await page.keyboard.press('Enter')
        await expect.poll(() => page.locator('.cp-current .cp-quiz-score').textContent()).toBe('You scored 100% (10 of 10 points).')
      }
      // On to the next page with its Next link.
      for (let guard = 0; guard < 400; guard++) {
        const now = await tab()
        if (now.tag === 'A' && now.rel === 'next' && now.inCurrent) break
      }
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(data.pages[pageIndex + 1])
    }
    await expect.poll(() => page.locator('.cp-course-result').textContent()).toContain('Congratulations, you passed the course.')
    expect(tabs).toBeGreaterThan(data.pages.length)
    await page.context().close()
  })

  test('every page type reflows at 320 CSS px without horizontal scrolling', async () => {
    const page = await open(english, { width: 320 })
    for (const id of [...new Set([...data.pages.filter((_, i) => ['welcome', 'module', 'lesson', 'risks', 'quiz', 'results'].includes(data.kinds[i] ?? ''))])]) {
      await goTo(page, id)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), id).toBeLessThanOrEqual(320)
    }
    await page.context().close()
  })

  test('motion respects prefers-reduced-motion', async () => {
    const reduced = await open(english, { reducedMotion: true })
    expect(await reduced.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto')
    await reduced.context().close()
    const moving = await open(english)
    expect(await moving.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth')
    await moving.context().close()
  })

  test('quiz feedback and results are announced through live regions', async () => {
    const page = await open(english)
    expect(await page.locator('.cp-quiz-result').first().getAttribute('aria-live')).toBe('polite')
    expect(await page.locator('.cp-course-result').getAttribute('role')).toBe('status')
    await page.context().close()
  })
})

describe('Arabic, right to left', () => {
  test('dir and lang on the document, Arabic player strings, a mirrored layout', async () => {
    const page = await open(arabic)
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await page.locator('html').getAttribute('lang')).toBe('ar')
    const strings = courseDataOf(arabic).strings
    expect(await page.locator('.cp-notice').textContent()).toBe(strings.noLms)
    expect(strings.noLms).toMatch(/[\u0600-\u06FF]/)
    const toc = await page.locator('#cp-toc').boundingBox()
    const main = await page.locator('#cp-main').boundingBox()
    // The table of contents sits on the right, the content on the left.
    expect((toc?.x ?? 0) > (main?.x ?? 0)).toBe(true)
    await goTo(page, data.modules[0]?.pages[1] ?? '')
    const next = await page.locator('.cp-current .cp-next').boundingBox()
    const prev = await page.locator('.cp-current .cp-prev').boundingBox()
    expect((next?.x ?? 0) < (prev?.x ?? 0)).toBe(true)
    // The quiz of module 1 is in Arabic, with the same questions as the English one.
    const quiz = data.modules[0]?.quiz
    const arabicData = courseDataOf(arabic)
    expect(arabicData.modules[0]?.quiz?.questions.map((q) => q.id)).toEqual(quiz?.questions.map((q) => q.id))
    expect(arabicData.modules[0]?.quiz?.questions[0]?.text).toMatch(/[\u0600-\u06FF]/)
    await takeQuiz(page, arabicData, 0, 7)
    expect(await page.locator('.cp-current .cp-quiz-score').textContent()).toMatch(/70/)
    await page.context().close()
  })
})
