/**
 * `coursepack preview` in Chromium: the course inside an LMS frame run by scorm-again, the
 * panel showing what the LMS records, a reload after a save, an overlay after a bad save.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type PreviewServer, startPreview } from '../../src/preview/server.js'
import { cleanup, fixtureCourse } from '../helpers.js'
import { courseFrame, launchBrowser, takeQuiz } from './harness.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { openKeys, type PackagedCourseData } from '../../src/questions/keys.js'

let browser: Browser
let preview: PreviewServer
let course: string
const builds: number[] = []

beforeAll(async () => {
  course = fixtureCourse('translated-fr').course
  preview = await startPreview({ dir: course, onBuild: (b) => builds.push(b.milliseconds) })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await preview?.close()
  cleanup()
})

const dataOf = (): CourseData => openKeys(JSON.parse(/id="cp-data">([\s\S]*?)<\/script>/.exec(preview.latest().files.get('index.html')?.toString() ?? '')?.[1] ?? '{}') as PackagedCourseData)
const panelValue = (page: Page, element: string) => page.locator(`#pv-status dd[data-element="${element}"]`).textContent()

describe('coursepack preview', () => {
  let page: Page

  test('serves the course in an LMS frame; the panel shows status, score, location, suspend data and interactions live', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(preview.url)
    const frame = courseFrame(page)
    await frame.locator('body.cp-js').waitFor()
    await expect.poll(() => panelValue(page, 'lesson_status')).toBe('incomplete')
    await expect.poll(() => page.locator('#pv-calls tr').first().textContent()).toContain('LMSInitialize("")')
    const data = dataOf()
    await takeQuiz(frame, data, 0, 3)
    await expect.poll(() => page.locator('#pv-interactions tr').count()).toBe(3)
    await takeQuiz(frame, data, 1, 1)
    await expect.poll(() => panelValue(page, 'lesson_status')).toBe('passed')
    await expect.poll(() => panelValue(page, 'score.raw')).toBe('100')
    expect(await panelValue(page, 'suspend_data')).toMatch(/^\d+ \/ 4096 characters$/)
    expect(await page.locator('#pv-calls td.err').count()).toBe(0)
  })

  test('saving a source file rebuilds and reloads, keeping the learner data', async () => {
    const frame = courseFrame(page)
    const file = path.join(course, '01-basics', '01-first.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: The first lesson', 'title: The renamed lesson'))
    await expect.poll(() => frame.getByRole('link', { name: 'The renamed lesson' }).count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.locator('#pv-build').textContent()).toMatch(/^Built in \d+ ms$/)
    // The relaunch resumed with the data the LMS kept.
    await expect.poll(() => panelValue(page, 'lesson_status')).toBe('passed')
    expect(builds.length).toBeGreaterThanOrEqual(2)
  })

  test('a content error shows an overlay with file:line:column; fixing it clears it; the server keeps running', async () => {
    const file = path.join(course, '01-basics', '01-first.md')
    const good = readFileSync(file, 'utf8')
    writeFileSync(file, '---\ntitle: Broken\n---\n\n## A heading\n\n<Iframe src="https://example.org/embed" />\n')
    const overlay = page.locator('#pv-overlay')
    await expect.poll(() => overlay.isVisible(), { timeout: 15_000 }).toBe(true)
    expect(await overlay.textContent()).toContain('course/01-basics/01-first.md:7:1')
    expect(await overlay.textContent()).toContain('Unexpected unknown component `<Iframe>`')
    writeFileSync(file, good)
    await expect.poll(() => overlay.isVisible(), { timeout: 15_000 }).toBe(false)
    await courseFrame(page).locator('body.cp-js').waitFor()
  })

  test('Relaunch resumes with the kept data; Reset starts the learner over', async () => {
    await page.getByRole('button', { name: 'Relaunch' }).click()
    await courseFrame(page).locator('body.cp-js').waitFor()
    await expect.poll(() => page.locator('#pv-calls tr').first().textContent()).toContain('LMSInitialize("")')
    await expect.poll(() => page.locator('#pv-calls').textContent()).toContain('"cmi.core.entry"')
    expect(await panelValue(page, 'lesson_status')).toBe('passed')
    await page.getByRole('button', { name: 'Reset learner data' }).click()
    await courseFrame(page).locator('body.cp-js').waitFor()
    await expect.poll(() => panelValue(page, 'lesson_status')).toBe('incomplete')
    await expect.poll(() => page.locator('#pv-interactions tr').count()).toBe(0)
  })

  test('switches to another language of the course', async () => {
    const select = page.getByRole('combobox', { name: 'Language' })
    expect(await select.inputValue()).toBe('en')
    await select.selectOption('fr')
    await expect.poll(() => courseFrame(page).locator('.cp-course-title').textContent(), { timeout: 15_000 }).toBe('Un cours <minimal>')
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('fr')
    await page.close()
  })
})
