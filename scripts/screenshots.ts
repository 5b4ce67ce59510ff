/**
 * `npm run screenshots`: builds the sample course (English, and its Arabic translation) for
 * SCORM 1.2 and photographs what a learner sees, in headless Chromium at
 * 1280 and 375 CSS px, into docs/images/ for the README ("What learners see"):
 *
 *   player-<desktop|phone>-<en|ar>-welcome.png   the module cards: passed, in progress, failed, not started
 *   player-<desktop|phone>-<en|ar>-lesson.png    a lesson as it opens, at its top
 *   player-<desktop|phone>-<en|ar>-quiz.png      a quiz after submitting
 *   player-<desktop|phone>-<en|ar>-results.png   the results page with the certificate
 *   player-phone-<en|ar>-contents.png            the contents menu opened on a phone
 *
 * The course runs against scorm-again as `window.API` in the page itself (no LMS frame
 * around it), with a learner name as an LMS gives it. Run it again whenever the theme or the
 * templates change. It runs in Chromium like the browser tests and is type-checked with them
 * (test/browser/tsconfig.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { build } from '../src/pipeline.js'
import type { CourseData } from '../src/shared/course-data.js'
import { courseDataOf, launchBrowser, openWithScormApi, startLmsServer, takeQuiz } from '../test/browser/harness.js'
import { cleanup, readZip, repoRoot, sampleCourse, tempDir } from '../test/helpers.js'

const out = path.join(repoRoot, 'docs', 'images')
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } } as const
const learners = { en: 'Ana Rivera', ar: 'ليلى حداد' } as const
type Size = keyof typeof sizes

async function main(): Promise<void> {
  const dist = tempDir('coursepack-screenshots-')
  const result = await build([sampleCourse], { out: dist, targets: ['scorm12'], languages: ['source', 'ar'] })
  if (result.exitCode !== 0) throw new Error('Cannot build the sample course, expected it to build cleanly')
  const zips = result.packages.map((p) => path.resolve(p.path))
  const packages = { en: await readZip(zips.find((z) => !z.includes('-ar-')) ?? ''), ar: await readZip(zips.find((z) => z.includes('-ar-')) ?? '') }
  // The harness's server serves the package under /pkg/; scorm-again is the page's own `window.API`.
  const server = await startLmsServer()
  const browser = await launchBrowser()
  mkdirSync(out, { recursive: true })
  const written: string[] = []
  try {
    for (const language of ['en', 'ar'] as const) {
      server.setPackage(packages[language])
      server.config = { standard: 'scorm12', cmi: {} }
      const data = courseDataOf(packages[language])
      const cmi = { core: { student_id: 'screenshots', student_name: learners[language] }, student_data: { mastery_score: '70' } }
      const page = await openWithScormApi(browser, server, cmi, { viewport: sizes.desktop, deviceScaleFactor: 1, reducedMotion: 'reduce' })
      /** `tall`: the desktop shot 1200 px high, the phone one the whole page. */
      const shot = async (name: string, size: Size, place: (page: Page) => Promise<void>, tall = false) => {
        await page.setViewportSize(tall && size === 'desktop' ? { ...sizes.desktop, height: 1200 } : sizes[size])
        await place(page)
        // No hover left over from the last click.
        await page.mouse.move(sizes[size].width - 2, sizes[size].height - 2)
        await page.waitForTimeout(150)
        const file = path.join(out, `player-${size}-${language}-${name}.png`)
        writeFileSync(file, await page.screenshot({ animations: 'disabled', caret: 'hide', fullPage: tall && size === 'phone' }))
        written.push(path.relative(repoRoot, file))
      }
      const both = async (name: string, place: (page: Page) => Promise<void>, tall = false) => {
        await shot(name, 'desktop', place, tall)
        await shot(name, 'phone', place, tall)
        await page.setViewportSize(sizes.desktop)
      }

      const [m1, m2, m3, m4] = data.modules
      if (!m1?.quiz || !m2?.quiz || !m3?.quiz || !m4?.quiz) throw new Error('Cannot find four modules with quizzes in the sample course')
      // Module 1: its first lesson as it opens, and the contents on a phone.
      await open(page, m1.pages[0] ?? '')
      await open(page, m1.pages[1] ?? '')
      await both('lesson', async () => page.evaluate(() => window.scrollTo(0, 0)))
      await shot('contents', 'phone', async () => {
        await page.getByRole('button', { name: data.strings.contents ?? 'Contents' }).click()
        // The menu's top, with the open button; the focus is on the current page's link below.
        await page.evaluate(() => window.scrollTo(0, 0))
      })
      await page.keyboard.press('Escape')
      await page.setViewportSize(sizes.desktop)

      // Module 1 read and its quiz passed: the quiz after submitting.
      for (const id of m1.pages.slice(2).filter((p) => p !== m1.quiz?.page)) await open(page, id)
      await takeQuiz(page, data, 0, m1.quiz.questions.length)
      await both('quiz', (p) => p.locator('.cp-current .cp-quiz-result').evaluate((box) => box.scrollIntoView({ block: 'center' })))

      // Module 2 begun, module 3's quiz failed once: the welcome page's cards show every state.
      await open(page, m2.pages[0] ?? '')
      await takeQuiz(page, data, 2, 3)
      await open(page, data.pages[0] ?? '')
      await both('welcome', (p) => p.locator('.cp-modules').evaluate((cards) => window.scrollTo(0, cards.getBoundingClientRect().top + window.scrollY - 16)))

      // Every quiz passed: the results page with the certificate.
      await takeQuiz(page, data, 1, m2.quiz.questions.length)
      await retake(page, data, m3.quiz.page)
      await takeQuiz(page, data, 2, m3.quiz.questions.length)
      await takeQuiz(page, data, 3, m4.quiz.questions.length)
      await open(page, data.pages.at(-1) ?? '')
      await page.locator('#cp-certificate:not([hidden])').waitFor()
      await both('results', async () => page.evaluate(() => window.scrollTo(0, 0)), true)
      await page.context().close()
    }
  } finally {
    await browser.close()
    await server.close()
    cleanup()
  }
  for (const file of written) console.log(file)
}

/** Open a page through its fragment, as a link does, and wait until it shows. */
async function open(page: Page, id: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = `#${target}`
  }, id)
  await page.locator(`section[id="${id}"].cp-current`).waitFor()
}

/** Start the next attempt of a quiz that shows its last one. */
async function retake(page: Page, data: CourseData, quizPage: string): Promise<void> {
  await open(page, quizPage)
  await page.locator(`section[id="${quizPage}"]`).getByRole('button', { name: data.strings.retake ?? 'Try the quiz again' }).click()
}

await main()
