/**
 * The player looks like a course (issue 16, "The player"), in Chromium against scorm-again: the
 * header's progress, the contents (a side menu at 1280 px, a disclosure at 375 px), each
 * module's state in words and an icon, the welcome cards and their resume links, the results
 * page's certificate and its print on one A4 or Letter page, pages that open at their top;
 * axe-core on every state, in English and Arabic; the keyboard alone.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build, checkCourse } from '../../src/pipeline.js'
import { stateText } from '../../src/runtime/module-state.js'
import type { CourseData } from '../../src/shared/course-data.js'
import type { ModuleProgress } from '../../src/shared/progress.js'
import { verificationCode } from '../../src/shared/verification.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { axe, type AxeViolation, courseDataOf, launchBrowser, type LmsServer, openWithScormApi, startLmsServer, takeQuiz } from './harness.js'

let browser: Browser
let server: LmsServer
const packages: Record<'en' | 'ar', Map<string, Buffer>> = { en: new Map(), ar: new Map() }
const datas: Record<'en' | 'ar', CourseData> = {} as Record<'en' | 'ar', CourseData>
let objectives: string[][]

beforeAll(async () => {
  const out = tempDir()
  const result = await build([sampleCourse], { out, targets: ['scorm12'], languages: ['source', 'ar'] })
  if (result.exitCode !== 0) throw new Error('build failed')
  const zips = result.packages.map((p) => path.resolve(p.path))
  packages.en = await readZip(zips.find((z) => !z.includes('-ar-')) ?? '')
  packages.ar = await readZip(zips.find((z) => z.includes('-ar-')) ?? '')
  datas.en = courseDataOf(packages.en)
  datas.ar = courseDataOf(packages.ar)
  // What the model has for each module's card: module.md's `objectives`.
  objectives = (await checkCourse(sampleCourse)).course.modules.map((m) => m.objectives)
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

const phone = { width: 375, height: 740 }

/** Open a package as the top page, with scorm-again as its LMS API (a learner name unless told otherwise). */
async function open(language: 'en' | 'ar', options: { width?: number; height?: number; name?: string | null } = {}): Promise<Page> {
  server.setPackage(packages[language])
  const core = options.name === null ? {} : { student_name: options.name ?? 'Rivera, Ana' }
  return openWithScormApi(browser, server, { core: { student_id: 'chrome-test', ...core }, student_data: { mastery_score: '70' } }, { viewport: { width: options.width ?? 1280, height: options.height ?? 900 } })
}

/** Show a page through its fragment, as a link does. */
async function goTo(page: Page, id: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = `#${target}`
  }, id)
  await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(id)
}

/** Start the next attempt of a quiz that shows its last one, then answer it. */
async function retakeQuiz(page: Page, data: CourseData, moduleIndex: number, correct: number): Promise<void> {
  const quiz = data.modules[moduleIndex]?.quiz
  if (!quiz) throw new Error('no quiz')
  await goTo(page, quiz.page)
  await page.locator(`section[id="${quiz.page}"]`).getByRole('button', { name: data.strings.retake ?? '' }).click()
  await takeQuiz(page, data, moduleIndex, correct)
}

/** Pass every quiz of the course. */
async function passAll(page: Page, data: CourseData): Promise<void> {
  for (const [m, module] of data.modules.entries()) if (module.quiz) await takeQuiz(page, data, m, module.quiz.questions.length)
}

/** Each module's state as its contents group shows it: the icon's name and the words. */
const states = (page: Page) =>
  page.locator('#cp-toc [data-module-state]').evaluateAll((elements) => elements.map((e) => [(e as HTMLElement).dataset.state ?? '', e.textContent?.trim() ?? '']))

const t = (data: CourseData, key: string, values: Record<string, string | number> = {}) => (data.strings[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))

describe('the header', () => {
  test('names the course and the current module, with progress in words and as a progressbar: pages viewed and quizzes passed', async () => {
    const data = datas.en
    const page = await open('en')
    const bar = page.getByRole('progressbar', { name: 'Course progress' })
    const counted = data.pages.length - 1 // every page but the results page
    const words = (viewed: number, passed: number) => `${viewed} of ${counted} pages viewed · ${passed} of 4 quizzes passed`
    expect(await page.locator('.cp-course-title').textContent()).toBe(data.title)
    expect(await page.locator('.cp-current-module').isVisible()).toBe(false)
    expect([await bar.getAttribute('aria-valuemin'), await bar.getAttribute('aria-valuemax'), await bar.getAttribute('aria-valuenow'), await bar.getAttribute('aria-valuetext')]).toEqual(['0', '100', '0', '0% complete'])
    expect(await page.locator('#cp-progress-words').textContent()).toBe(words(1, 0))
    const m1 = data.modules[0]
    if (!m1?.quiz) throw new Error('no quiz')
    for (const id of m1.pages.filter((p) => p !== m1.quiz?.page)) await goTo(page, id)
    expect(await page.locator('.cp-current-module').textContent()).toBe(`Module 1 of 4: ${m1.title}`)
    // The welcome page and every page of module 1 but its quiz.
    expect(await page.locator('#cp-progress-words').textContent()).toBe(words(1 + m1.pages.length - 1, 0))
    // The bar counts what the completion rule counts (`completion: quizzes`): nothing yet.
    expect(await bar.getAttribute('aria-valuenow')).toBe('0')
    await takeQuiz(page, data, 0, m1.quiz.questions.length)
    expect(await page.locator('#cp-progress-words').textContent()).toBe(words(1 + m1.pages.length, 1))
    expect([await bar.getAttribute('aria-valuenow'), await bar.getAttribute('aria-valuetext')]).toEqual(['25', '25% complete'])
    // The bar's fill follows the value.
    const fill = () => page.locator('.cp-progress-fill').evaluate((e) => e.getBoundingClientRect().width / (e.parentElement?.getBoundingClientRect().width ?? 1))
    await expect.poll(fill).toBeCloseTo(0.25, 2)
    await goTo(page, 'results')
    expect(await page.locator('.cp-current-module').isVisible()).toBe(false)
    await page.context().close()
  })
})

describe('the contents', () => {
  test('at 1280 px a side menu beside the page; the Contents button is not shown', async () => {
    const page = await open('en')
    const toc = await page.locator('#cp-toc').boundingBox()
    const main = await page.locator('#cp-main').boundingBox()
    expect(await page.locator('#cp-toc').isVisible()).toBe(true)
    expect(await page.locator('.cp-menu-button').isVisible()).toBe(false)
    expect((toc?.x ?? 0) + (toc?.width ?? 0)).toBeLessThanOrEqual(main?.x ?? 0)
    await page.context().close()
  })

  test('at 375 px a Contents button opens and closes it with the keyboard alone: aria-expanded, aria-controls, focus in and back, Escape', async () => {
    const data = datas.en
    const page = await open('en', phone)
    const button = page.getByRole('button', { name: 'Contents' })
    const menu = page.getByRole('navigation', { name: 'Course contents' })
    const focused = () => page.evaluate(() => ({ tag: document.activeElement?.tagName ?? '', text: document.activeElement?.textContent?.trim() ?? '', inMenu: Boolean(document.activeElement?.closest('#cp-toc')), current: document.activeElement?.getAttribute('aria-current') ?? '' }))
    expect(await button.getAttribute('aria-controls')).toBe('cp-toc')
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    expect(await menu.isVisible()).toBe(false)
    // The skip link, then the button.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: 'Contents' })
    await page.keyboard.press('Enter')
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    expect(await menu.isVisible()).toBe(true)
    // The focus moves into the menu, on the page shown.
    expect(await focused()).toMatchObject({ tag: 'A', inMenu: true, current: 'page', text: t(data, 'welcome') })
    await page.keyboard.press('Escape')
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    expect(await menu.isVisible()).toBe(false)
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: 'Contents' })
    // Space opens it too; every link of the menu is reached with Tab, then the page.
    await page.keyboard.press('Space')
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    const links = await menu.getByRole('link').count()
    expect(links).toBe(data.pages.length)
    for (let i = 1; i < links; i++) {
      await page.keyboard.press('Tab')
      expect((await focused()).inMenu).toBe(true)
    }
    await page.keyboard.press('Tab')
    expect((await focused()).inMenu).toBe(false)
    // Back to the button and close it with Enter: the focus stays on the button.
    for (let i = 0; i < links + 1; i++) await page.keyboard.press('Shift+Tab')
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: 'Contents' })
    await page.keyboard.press('Enter')
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    expect(await focused()).toMatchObject({ tag: 'BUTTON' })
    // Choosing a page closes the menu; the page opens at its top with the focus on its heading.
    await page.keyboard.press('Enter')
    const lesson = data.modules[1]?.pages[1] ?? ''
    const title = data.titles[data.pages.indexOf(lesson)] ?? ''
    for (let i = 0; i < 40 && (await focused()).text !== title; i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(lesson)
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    expect(await menu.isVisible()).toBe(false)
    expect(await focused()).toMatchObject({ tag: 'H1', text: title })
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
    await page.context().close()
  })

  test('each module says its state in words and an icon; a quiz result has a mark of its own, not the visited one', async () => {
    const data = datas.en
    const page = await open('en')
    const [m1, m2] = data.modules
    if (!m1?.quiz || !m2?.quiz) throw new Error('no quiz')
    expect((await states(page)).map(([state]) => state)).toEqual(['not-started', 'not-started', 'not-started', 'not-started'])
    expect((await states(page))[0]?.[1]).toBe('Not started')
    await goTo(page, m1.pages[0] ?? '')
    expect((await states(page))[0]).toEqual(['in-progress', `In progress: 1 of ${m1.pages.length} pages viewed`])
    // A failed quiz with an attempt left, then without.
    await takeQuiz(page, data, 0, 3)
    expect((await states(page))[0]).toEqual(['failed', 'Quiz failed: 30%. Attempts left: 1.'])
    await retakeQuiz(page, data, 0, 4)
    expect((await states(page))[0]).toEqual(['failed-final', 'Quiz failed: 40%. No attempts left.'])
    await takeQuiz(page, data, 1, m2.quiz.questions.length)
    expect((await states(page))[1]).toEqual(['passed', 'Quiz passed: 100%'])
    // The marks: a visited page, a failed quiz, a passed quiz, a page not visited; each link's name stays its title.
    const marks = await page.locator('#cp-toc a[data-page-link]').evaluateAll((links) =>
      links.map((a) => {
        const mark = a.querySelector('.cp-mark')
        return {
          page: (a as HTMLElement).dataset.pageLink ?? '',
          classes: ['cp-visited', 'cp-mark-passed', 'cp-mark-failed'].filter((c) => a.classList.contains(c)),
          symbol: mark ? getComputedStyle(mark, '::before').content : '',
          fill: mark ? getComputedStyle(mark).backgroundColor : '',
          description: (a.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ')
        }
      })
    )
    const at = (id: string) => marks.find((m) => m.page === id)
    expect(at(m1.pages[0] ?? '')).toMatchObject({ classes: ['cp-visited'], symbol: 'none', description: 'Visited' })
    expect(at(m1.quiz.page)).toMatchObject({ classes: ['cp-mark-failed'], symbol: '"✕"', description: 'Quiz failed: 40%. No attempts left.' })
    expect(at(m2.quiz.page)).toMatchObject({ classes: ['cp-mark-passed'], symbol: '"✓"', description: 'Quiz passed: 100%' })
    expect(at(m2.pages[1] ?? '')).toMatchObject({ classes: [], symbol: 'none', description: '' })
    expect(at(m1.pages[0] ?? '')?.fill).not.toBe(at(m2.pages[1] ?? '')?.fill)
    await expect.poll(() => page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: m1.quiz?.title ?? '', exact: true }).count()).toBe(1)
    await page.context().close()
  })

  test('a module its group marks as locked (data-locked, aria-disabled links) takes the lock style', async () => {
    const data = datas.en
    const page = await open('en')
    const id = data.modules[1]?.id ?? ''
    const style = () =>
      page.evaluate((module) => {
        const group = document.querySelector(`#cp-toc [data-module="${module}"]`)
        const head = group?.querySelector('.cp-toc-module-head')
        const link = group?.querySelector('a')
        return { lock: head ? getComputedStyle(head, '::after').maskImage.startsWith('url(') : false, cursor: link ? getComputedStyle(link).cursor : '' }
      }, id)
    expect(await style()).toEqual({ lock: false, cursor: 'pointer' })
    await page.evaluate((module) => {
      const group = document.querySelector<HTMLElement>(`#cp-toc [data-module="${module}"]`)
      group?.setAttribute('data-locked', '')
      for (const link of group?.querySelectorAll('a') ?? []) link.setAttribute('aria-disabled', 'true')
    }, id)
    expect(await style()).toEqual({ lock: true, cursor: 'not-allowed' })
    await page.context().close()
  })

  test('the state in words for every state, attempts unlimited included', () => {
    const data = datas.en
    const words = (state: ModuleProgress['state'], withScore = true) => stateText((key, values) => t(data, key, values), { state, viewed: 2, pages: 5, locked: false, lockedBy: undefined, resume: 0 }, withScore)
    expect(words({ kind: 'not-started' })).toBe('Not started')
    expect(words({ kind: 'in-progress' })).toBe('In progress: 2 of 5 pages viewed')
    expect(words({ kind: 'viewed' })).toBe('All pages viewed')
    expect(words({ kind: 'passed', hundredths: 8550 })).toBe('Quiz passed: 85.5%')
    expect(words({ kind: 'failed', hundredths: 4000, attemptsLeft: 2 })).toBe('Quiz failed: 40%. Attempts left: 2.')
    expect(words({ kind: 'failed', hundredths: 4000, attemptsLeft: Infinity })).toBe('Quiz failed: 40%. You can try again.')
    expect(words({ kind: 'failed', hundredths: 4000, attemptsLeft: 0 })).toBe('Quiz failed: 40%. No attempts left.')
    expect(words({ kind: 'passed', hundredths: 8550 }, false)).toBe('Passed')
    expect(words({ kind: 'failed', hundredths: 4000, attemptsLeft: 0 }, false)).toBe('Failed. No attempts left.')
  })
})

describe('the welcome page', () => {
  test('at 375 px one card per module: title, objectives, state, and Start / Continue / Review opening the module where the learner stands', async () => {
    const data = datas.en
    const page = await open('en', phone)
    const cards = page.locator('.cp-card')
    const read = () =>
      cards.evaluateAll((list) =>
        list.map((card) => ({
          title: card.querySelector('h3')?.textContent ?? '',
          objectives: [...card.querySelectorAll('.cp-card-objectives li')].map((li) => li.textContent ?? ''),
          state: card.querySelector<HTMLElement>('[data-module-state]')?.dataset.state ?? '',
          action: card.querySelector('.cp-card-action-label')?.textContent ?? '',
          href: card.querySelector('a')?.getAttribute('href') ?? '',
          right: card.getBoundingClientRect().right
        }))
      )
    let shown = await read()
    expect(shown.map((c) => c.title)).toEqual(data.modules.map((m) => m.title))
    expect(shown.map((c) => c.objectives)).toEqual(objectives)
    expect(shown.map((c) => [c.state, c.action, c.href])).toEqual(data.modules.map((m) => ['not-started', 'Start', `#${m.pages[0]}`]))
    expect(Math.max(...shown.map((c) => c.right))).toBeLessThanOrEqual(phone.width)
    // Each link's name says which module it starts.
    expect(await page.getByRole('link', { name: `Start ${data.modules[2]?.title ?? ''}`, exact: true }).count()).toBe(1)
    const [m1, m2] = data.modules
    if (!m1?.quiz || !m2?.quiz) throw new Error('no quiz')
    for (const id of m1.pages.filter((p) => p !== m1.quiz?.page)) await goTo(page, id)
    await goTo(page, m2.pages[0] ?? '')
    await goTo(page, m2.pages[1] ?? '')
    await takeQuizOnPhone(page, data, 0, m1.quiz.questions.length)
    await goTo(page, data.pages[0] ?? '')
    shown = await read()
    // Module 1 passed: Review, at its first page. Module 2 begun: Continue, at the first page not viewed.
    expect(shown[0]).toMatchObject({ state: 'passed', action: 'Review', href: `#${m1.pages[0]}` })
    expect(shown[1]).toMatchObject({ state: 'in-progress', action: 'Continue', href: `#${m2.pages[2]}` })
    await page.getByRole('link', { name: `Continue ${m2.title}`, exact: true }).click()
    await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(m2.pages[2])
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await page.context().close()
  })
})

/** `takeQuiz` at 375 px: the contents are folded, so the quiz opens through its fragment first. */
async function takeQuizOnPhone(page: Page, data: CourseData, moduleIndex: number, correct: number): Promise<void> {
  const quiz = data.modules[moduleIndex]?.quiz
  if (!quiz) throw new Error('no quiz')
  await page.setViewportSize({ width: 1280, height: 900 })
  await takeQuiz(page, data, moduleIndex, correct)
  await page.setViewportSize(phone)
}

describe('the results page and the certificate', () => {
  test('per-module results and the verdict; once passed, a certificate with the learner name as text, the title and version, the date, the score and the verification code', async () => {
    const data = datas.en
    const name = `<img src=x onerror="top.pwned=1"> O'Brien & "Ana" <b>bold</b>`
    const page = await open('en', { name })
    await goTo(page, 'results')
    const certificate = page.locator('#cp-certificate')
    expect(await certificate.isVisible()).toBe(false)
    const rows = () => page.locator('.cp-results-table tbody tr').evaluateAll((list) => list.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')))
    expect(await rows()).toEqual(data.modules.map((m) => [m.title, 'Not started', 'Not yet taken']))
    await takeQuiz(page, data, 0, 5)
    await goTo(page, 'results')
    expect((await rows())[0]).toEqual([data.modules[0]?.title, 'Failed. Attempts left: 1.', '50%'])
    expect(await certificate.isVisible()).toBe(false)
    await retakeQuiz(page, data, 0, 10)
    for (const [m, module] of data.modules.entries()) if (m > 0 && module.quiz) await takeQuiz(page, data, m, module.quiz.questions.length)
    await goTo(page, 'results')
    expect(await rows()).toEqual(data.modules.map((m) => [m.title, 'Passed', '100%']))
    expect(await page.locator('.cp-course-verdict').textContent()).toBe('Congratulations, you passed the course.')
    await certificate.waitFor()
    const field = (name: string) => certificate.locator(`[data-certificate="${name}"]`).textContent()
    expect(await certificate.getByRole('heading', { name: 'Certificate of completion' }).count()).toBe(1)
    expect(await field('name')).toBe(name)
    expect(await certificate.locator('img, b').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    expect(await certificate.locator('.cp-certificate-course').textContent()).toBe(data.title)
    expect(await certificate.locator('dd').first().textContent()).toBe(data.version)
    expect(await field('date')).toBe(await page.evaluate(() => new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date())))
    expect(await field('score')).toBe('100%')
    expect(data.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(await field('code')).toBe(verificationCode(data.contentHash))
    // Issued by the course, not by the LMS.
    expect(await certificate.locator('.cp-certificate-issuer').textContent()).toBe(`Issued by the course “${data.title}” itself, not by your learning platform. The verification code identifies this version of the course.`)
    await page.context().close()
  })

  test('without a name from the LMS the certificate says "Learner"', async () => {
    const data = datas.en
    const page = await open('en', { name: null })
    await passAll(page, data)
    await goTo(page, 'results')
    expect(await page.locator('[data-certificate="name"]').textContent()).toBe('Learner')
    await page.context().close()
  })

  test.each(['en', 'ar'] as const)('printing from the results page prints the certificate alone, on one A4 page and on one Letter page (%s)', async (language) => {
    const data = datas[language]
    // The longest name SCORM 1.2 carries (CMIString255).
    const page = await open(language, { name: `${language === 'ar' ? 'ليلى عبد الرحمن حداد ' : 'Ana María Rivera de la Fuente '}`.repeat(20).slice(0, 255).trim() })
    await passAll(page, data)
    await goTo(page, 'results')
    await page.locator('#cp-certificate').waitFor()
    await page.emulateMedia({ media: 'print' })
    const visible = await page.evaluate(() =>
      ['.cp-header', '#cp-toc', '.cp-results-table', '.cp-course-result', '.cp-page-results .cp-page-title', '.cp-pager', '.cp-print', '#cp-certificate'].map((selector) => {
        const element = document.querySelector(selector)
        return [selector, element ? element.getClientRects().length > 0 : false]
      })
    )
    expect(Object.fromEntries(visible)).toEqual({ '.cp-header': false, '#cp-toc': false, '.cp-results-table': false, '.cp-course-result': false, '.cp-page-results .cp-page-title': false, '.cp-pager': false, '.cp-print': false, '#cp-certificate': true })
    // Back to the page's own media: page.pdf prints with the print stylesheet.
    await page.emulateMedia({ media: null })
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true })
      expect([format, pageCount(pdf)]).toEqual([format, 1])
    }
    // From another page, the certificate does not print.
    await goTo(page, data.pages[0] ?? '')
    await page.emulateMedia({ media: 'print' })
    expect(await page.evaluate(() => document.querySelector('#cp-certificate')?.getClientRects().length)).toBe(0)
    await page.context().close()
  })
})

/** Pages in a PDF that Chromium wrote: its page objects. */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length
}

describe('pages open at their top', () => {
  test.each([1280, 375])('at %i px: a page change lands at the top, the focus on its heading; a launch or a reload on a page too', async (width) => {
    const data = datas.en
    const page = await open('en', { width })
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.locator('.cp-current .cp-next').click()
    await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(data.pages[1])
    const view = () =>
      page.evaluate(() => {
        const section = document.querySelector('.cp-page.cp-current')
        const heading = section?.querySelector('.cp-page-title')
        return { y: window.scrollY, focus: document.activeElement === heading, top: section?.getBoundingClientRect().top ?? -1, headingBottom: heading?.getBoundingClientRect().bottom ?? 9999, height: window.innerHeight }
      })
    let now = await view()
    expect(now).toMatchObject({ y: 0, focus: true })
    expect(now.top).toBeGreaterThan(0)
    expect(now.headingBottom).toBeLessThan(now.height)
    await page.reload()
    await page.locator('body.cp-js').waitFor()
    await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(data.pages[1])
    await page.waitForTimeout(300)
    now = await view()
    expect(now.y).toBe(0)
    await page.context().close()
  })
})

describe('accessibility of every state (axe-core, WCAG 2.1 A and AA)', () => {
  test.each(['en', 'ar'] as const)('contents open and closed, each module state, the cards, the certificate: zero violations (%s)', async (language) => {
    const data = datas[language]
    const found: Record<string, AxeViolation[]> = {}
    const [m1, m2, m3] = data.modules
    if (!m1?.quiz || !m2?.quiz || !m3?.quiz) throw new Error('no quiz')
    // Every module not started; a module in progress; a quiz failed with an attempt left, then without; a quiz passed.
    const page = await open(language)
    found['welcome, not started'] = await axe(page)
    await goTo(page, m1.pages[1] ?? '')
    found['lesson, in progress'] = await axe(page)
    await takeQuiz(page, data, 1, 3)
    found['quiz failed, an attempt left'] = await axe(page)
    await retakeQuiz(page, data, 1, 3)
    found['quiz failed, no attempt left'] = await axe(page)
    await takeQuiz(page, data, 2, m3.quiz.questions.length)
    await goTo(page, data.pages[0] ?? '')
    expect((await states(page)).map(([state]) => state)).toEqual(['in-progress', 'failed-final', 'passed', 'not-started'])
    found['welcome, every state'] = await axe(page)
    await goTo(page, 'results')
    found['results, not passed'] = await axe(page)
    // Contents closed and open, at 375 px.
    await page.setViewportSize(phone)
    found['375 px, contents closed'] = await axe(page)
    await page.getByRole('button', { name: data.strings.contents ?? '' }).click()
    expect(await page.locator('#cp-toc').isVisible()).toBe(true)
    found['375 px, contents open'] = await axe(page)
    await page.context().close()
    // The certificate.
    const passed = await open(language)
    await passAll(passed, data)
    await goTo(passed, 'results')
    await passed.locator('#cp-certificate').waitFor()
    found['results with the certificate'] = await axe(passed)
    await passed.setViewportSize(phone)
    found['375 px, results with the certificate'] = await axe(passed)
    await passed.context().close()
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])))
  })
})

describe('the keyboard alone', () => {
  test('reaches every control of the chrome with a visible focus: contents, cards, the Print button', async () => {
    const data = datas.en
    const page = await open('en', { name: 'Rivera, Ana' })
    const reached = new Set<string>()
    const walk = async (until: (key: string) => boolean) => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab')
        const now = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null
          const style = el ? getComputedStyle(el) : undefined
          const labelledBy = el?.getAttribute('aria-labelledby')
          const name = labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ') : el?.textContent?.trim()
          return { key: el ? `${el.tagName}:${el.className.split(' ')[0]}:${name}` : '', outline: style ? style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 : false }
        })
        reached.add(now.key)
        if (!now.key.startsWith('BODY') && !now.key.startsWith('H1')) expect(now.outline, now.key).toBe(true)
        if (until(now.key)) return
      }
      throw new Error('not reached')
    }
    // The welcome page: every contents link, then each card's link.
    await walk((key) => key.endsWith(`Start ${data.modules[3]?.title ?? ''}`))
    const contents = await page.locator('#cp-toc a').allTextContents()
    expect(contents).toHaveLength(data.pages.length)
    for (const text of contents) expect([...reached].some((key) => key.startsWith('A:') && key.endsWith(`:${text.trim()}`)), text).toBe(true)
    for (const module of data.modules) expect(reached.has(`A:cp-button:Start ${module.title}`), module.title).toBe(true)
    await passAll(page, data)
    await goTo(page, 'results')
    await page.locator('#cp-certificate').waitFor()
    await walk((key) => key === 'BUTTON:cp-button:Print certificate')
    await page.context().close()
  })
})
