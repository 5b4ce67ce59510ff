/**
 * Video in real Chromium (Debian's, which plays H.264 and AAC in MP4 headless: the sample's
 * own video is played here), against scorm-again and an xAPI LRS on loopback: the native
 * player with its captions track and no autoplay, the transcript disclosure by keyboard, a
 * required video's progress across a relaunch (suspend data), seeking ahead counting nothing,
 * `experienced` once at 90% (xAPI, and cmi5 under a test LMS that enforces its session rules), and axe-core on a page with a video and its transcript open.
 * Playback is muted and fast (`playbackRate`), so a 38-second video plays in a few seconds.
 */
import { randomUUID } from 'node:crypto'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { mediaActivityId, mediaProgressExtension } from '../../src/shared/media.js'
import { decodeState } from '../../src/shared/suspend.js'
import { cleanup, fixtureCourse, readZip, sampleCourse, tempDir } from '../helpers.js'
import { sessionExtension, startCmi5Lms } from '../lrs/cmi5-lms.js'
import { startLrs, validateStatement } from '../lrs/lrs.js'
import { courseDataOf, courseFrame, launchBrowser, type LmsServer, startLmsServer } from './harness.js'

const require = createRequire(import.meta.url)
const axePath = require.resolve('axe-core/axe.min.js')

let browser: Browser
let server: LmsServer
let scorm12: Map<string, Buffer>
let xapi: Map<string, Buffer>
let cmi5: Map<string, Buffer>
let data: CourseData
let sample: { en: Map<string, Buffer>; ar: Map<string, Buffer> }
const lessonTitle = 'Media lesson'
const transcriptText = 'The narrator says that children are about one in three internet users.'

beforeAll(async () => {
  // The minimal course with the sample's video, required, on a lesson of its own.
  const { course, workspace } = fixtureCourse()
  mkdirSync(path.join(course, 'media'))
  for (const name of ['intro.mp4', 'intro.vtt', 'intro.jpg']) copyFileSync(path.join(sampleCourse, 'media', name), path.join(course, 'media', name))
  writeFileSync(
    path.join(course, '01-basics', '03-media.md'),
    `---\ntitle: ${lessonTitle}\n---\n\n<Video src="../media/intro.mp4" captions="../media/intro.vtt" poster="../media/intro.jpg" title="Children's rights online" required>\n\n${transcriptText}\n\n</Video>\n`
  )
  const built = await build([course], { cwd: workspace, out: tempDir(), targets: ['scorm12', 'xapi', 'cmi5'] })
  if (built.exitCode !== 0) throw new Error(JSON.stringify(built.diagnostics))
  const zip = (target: string) => path.resolve(workspace, built.packages.find((p) => p.target === target)?.path ?? '')
  scorm12 = await readZip(zip('scorm12'))
  xapi = await readZip(zip('xapi'))
  cmi5 = await readZip(zip('cmi5'))
  data = courseDataOf(scorm12)
  const samples = await build([sampleCourse], { out: tempDir(), targets: ['scorm12'], languages: ['source', 'ar'] })
  if (samples.exitCode !== 0) throw new Error('the sample course does not build')
  const of = (arabic: boolean) => readZip(path.resolve(samples.packages.find((p) => p.path.includes('-ar-') === arabic)?.path ?? ''))
  sample = { en: await of(false), ar: await of(true) }
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

interface Cmi {
  suspend_data: string
  core: { lesson_location: string; lesson_status: string; exit: string; score: unknown }
  objectives: unknown
}

async function launch(cmi: Record<string, unknown> = { core: { entry: 'ab-initio' } }): Promise<{ page: Page; course: FrameLocator }> {
  server.setPackage(scorm12)
  server.config = { standard: 'scorm12', cmi: { ...cmi, student_data: { mastery_score: '70' } } }
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/lms.html`)
  const course = courseFrame(page)
  await course.locator('body.cp-js').waitFor()
  await course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: lessonTitle, exact: true }).click()
  await course.getByRole('heading', { level: 1, name: lessonTitle }).waitFor()
  return { page, course }
}

const cmiOf = (page: Page): Promise<Cmi> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API: { cmi: unknown } }).API.cmi)) as Cmi)

/** What an LMS keeps for the next launch. */
const keptForRelaunch = (cmi: Cmi) => ({ suspend_data: cmi.suspend_data, core: { lesson_location: cmi.core.lesson_location, lesson_status: cmi.core.lesson_status, entry: cmi.core.exit === 'suspend' ? 'resume' : '' } })

/** How far the state in the suspend data says the video was played. */
const keptPercent = (suspend: string) => decodeState(data, suspend)?.media[0]

/** Play the video muted and fast from `from` seconds until `until` (a share of its duration) or its end; then pause. */
async function play(course: FrameLocator | Page, options: { from?: number; until?: number }): Promise<void> {
  const video = course.locator('video[data-media]')
  await video.evaluate(async (element: HTMLVideoElement, { from, until }) => {
    if (element.readyState < 1) await new Promise((resolve) => element.addEventListener('loadedmetadata', resolve, { once: true }))
    element.muted = true
    if (from !== undefined) {
      element.currentTime = from
      await new Promise((resolve) => element.addEventListener('seeked', resolve, { once: true }))
    }
    element.playbackRate = 8
    await element.play()
    await new Promise<void>((resolve) => {
      const check = () => {
        if (element.ended || (until !== undefined && element.currentTime >= until * element.duration)) {
          element.removeEventListener('timeupdate', check)
          element.pause()
          resolve()
        }
      }
      element.addEventListener('timeupdate', check)
      element.addEventListener('ended', check)
    })
  }, options)
}

const statusOf = (course: FrameLocator | Page) => course.locator('.cp-media-status').textContent()

describe('video in Chromium', () => {
  test('the native player: captions track shown by default, no autoplay, metadata only preloaded; the poster', async () => {
    const { page, course } = await launch()
    const video = course.locator('video[data-media]')
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1)
    const seen = await video.evaluate((v: HTMLVideoElement) => ({
      controls: v.controls,
      autoplay: v.autoplay,
      preload: v.preload,
      paused: v.paused,
      poster: v.getAttribute('poster'),
      label: v.getAttribute('aria-labelledby') && document.getElementById(v.getAttribute('aria-labelledby') ?? '')?.textContent,
      duration: Math.round(v.duration),
      canPlayMp4: v.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"')
    }))
    expect(seen).toEqual({ controls: true, autoplay: false, preload: 'metadata', paused: true, poster: 'assets/media/intro.jpg', label: "Children's rights online", duration: 38, canPlayMp4: 'probably' })
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => [...v.textTracks].map((t) => `${t.kind} ${t.language} ${t.label} ${t.mode} ${t.cues?.length ?? 0}`))).toEqual(['captions en English showing 6'])
    // Still at its start a moment later: nothing plays until the learner says so.
    await page.waitForTimeout(500)
    expect(await video.evaluate((v: HTMLVideoElement) => [v.paused, v.currentTime])).toEqual([true, 0])
    await page.close()
  })

  test('the player plays and pauses with the keyboard, and shows where the focus is', async () => {
    const { page, course } = await launch()
    const video = course.locator('video[data-media]')
    const heading = course.getByRole('heading', { level: 1, name: lessonTitle })
    await heading.focus()
    for (let i = 0; i < 20 && !(await video.evaluate((v) => v === document.activeElement)); i++) await page.keyboard.press('Tab')
    expect(await video.evaluate((v) => [v === document.activeElement, getComputedStyle(v).outlineStyle])).toEqual([true, 'solid'])
    await page.keyboard.press('Space')
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0)).toBe(true)
    await page.keyboard.press('Space')
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true)
    // Tabbing on into the player's own controls keeps a visible focus around the player.
    await page.keyboard.press('Tab')
    expect(await video.evaluate((v) => [v.matches(':focus-within'), getComputedStyle(v).outlineStyle, getComputedStyle(v).outlineWidth])).toEqual([true, 'solid', '3px'])
    await page.close()
  })

  test('the transcript disclosure opens and closes with the keyboard', async () => {
    const { page, course } = await launch()
    const summary = course.locator('.cp-transcript summary')
    const body = course.getByText(transcriptText)
    await expect(body.isVisible()).resolves.toBe(false)
    // From the player, Tab reaches the disclosure.
    await course.locator('video[data-media]').focus()
    for (let i = 0; i < 20 && !(await summary.evaluate((s) => s === document.activeElement)); i++) await page.keyboard.press('Tab')
    expect(await summary.evaluate((s) => s === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => body.isVisible()).toBe(true)
    expect(await course.locator('.cp-transcript').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true)
    await page.keyboard.press('Space')
    await expect.poll(() => body.isVisible()).toBe(false)
    await page.close()
  })

  test('a required video: how far it was played survives a relaunch (suspend data), and playing on past 90% marks it watched', async () => {
    const first = await launch()
    expect(await statusOf(first.course)).toBe('Watch at least 90% of this video to complete this page.')
    await play(first.course, { until: 0.5 })
    await expect.poll(() => statusOf(first.course)).toMatch(/^Watch at least 90% of this video to complete this page\. Played so far: (4[5-9]|5\d)%\.$/)
    const shown = Number(/(\d+)%\.$/.exec((await statusOf(first.course)) ?? '')?.[1])
    // The learner leaves: pagehide ends the session, LMSFinish keeps the data.
    await first.page.locator('#course').evaluate((frame: HTMLIFrameElement) => {
      frame.src = 'about:blank'
    })
    await expect.poll(async () => (await cmiOf(first.page)).core.exit).toBe('suspend')
    const kept = await cmiOf(first.page)
    expect(keptPercent(kept.suspend_data)).toBe(shown)
    await first.page.close()

    const second = await launch(keptForRelaunch(kept))
    expect(await statusOf(second.course)).toBe(`Watch at least 90% of this video to complete this page. Played so far: ${shown}%.`)
    // On from a second before where it stopped, to the end.
    const duration = await second.course.locator('video[data-media]').evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? v.duration : new Promise<number>((r) => v.addEventListener('loadedmetadata', () => r(v.duration), { once: true }))))
    await play(second.course, { from: Math.max(0, (shown / 100) * duration - 1) })
    await expect.poll(() => statusOf(second.course)).toBe('Done: 100% played.')
    expect(await second.course.locator('.cp-media-status').evaluate((p) => p.classList.contains('cp-media-done'))).toBe(true)
    await expect.poll(async () => keptPercent((await cmiOf(second.page)).suspend_data), { timeout: 10_000 }).toBe(100)
    await second.page.close()
  })

  test('seeking ahead counts nothing: only what joins up with what was played', async () => {
    const { page, course } = await launch()
    const duration = await course.locator('video[data-media]').evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? v.duration : new Promise<number>((r) => v.addEventListener('loadedmetadata', () => r(v.duration), { once: true }))))
    await play(course, { from: duration * 0.8 })
    expect(await course.locator('video[data-media]').evaluate((v: HTMLVideoElement) => v.ended)).toBe(true)
    expect(await statusOf(course)).toBe('Watch at least 90% of this video to complete this page.')
    // From the start, a fifth: that counts, and the part seen ahead still does not join up.
    await play(course, { from: 0, until: 0.2 })
    await expect.poll(() => statusOf(course)).toMatch(/Played so far: 2\d%\.$/)
    await page.close()
  })
})

describe('xAPI: experienced once at 90%', () => {
  test('played to the end, replayed: one experienced statement on the media activity, with its progress', async () => {
    const lrs = await startLrs()
    try {
      server.setPackage(xapi)
      const learner = { objectType: 'Agent', name: 'Ada Learner', mbox: `mailto:ada-${randomUUID()}@example.org` }
      const query = new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.auth, actor: JSON.stringify(learner), registration: randomUUID(), activity_id: data.activityId })
      const page = await browser.newPage()
      page.on('pageerror', (error) => console.error('page error:', error.message))
      await page.goto(`${server.url}/pkg/index.html?${query}`)
      await page.locator('body.cp-js').waitFor()
      await page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: lessonTitle, exact: true }).click()
      const course = page
      await course.getByRole('heading', { level: 1, name: lessonTitle }).waitFor()
      await play(course, { until: 0.5 })
      const id = mediaActivityId(data.activityId, data.media[0] ?? { id: '' })
      const experienced = async () => (await lrs.statements()).filter((s) => s.verb.id.endsWith('/experienced') && (s.object as { id?: string }).id === id)
      // Half way: nothing yet.
      await page.waitForTimeout(1000)
      expect(await experienced()).toEqual([])
      await play(course, { from: 0 })
      await expect.poll(async () => (await experienced()).length, { timeout: 20_000 }).toBe(1)
      await play(course, { from: 0 })
      await page.waitForTimeout(1500)
      const [statement, ...more] = await experienced()
      expect(more).toEqual([])
      expect(validateStatement(statement)).toEqual([])
      expect(statement?.object).toMatchObject({ id, definition: { type: 'https://w3id.org/xapi/video/activity-type/video', name: { en: "Children's rights online" } } })
      expect(statement?.result).toMatchObject({ completion: true })
      expect((statement?.result as { extensions?: Record<string, number> }).extensions?.[mediaProgressExtension]).toBeGreaterThanOrEqual(0.9)
      expect(statement?.context).toMatchObject({ contextActivities: { grouping: [{ id: data.activityId }] } })
      await page.close()
    } finally {
      await lrs.close()
    }
  })
})

describe('cmi5: experienced as a "cmi5 allowed" statement', () => {
  test('played to 90%: one experienced in the session, with its context template, no cmi5 or moveon category, no completion; the LMS refuses nothing', async () => {
    const lrs = await startLrs()
    const lms = await startCmi5Lms(lrs)
    try {
      server.setPackage(cmi5)
      const auId = /<au id="([^"]+)"/.exec(cmi5.get('cmi5.xml')?.toString() ?? '')?.[1] ?? ''
      const cmi5Data = courseDataOf(cmi5)
      const learner = { actor: { objectType: 'Agent', account: { homePage: 'http://127.0.0.1', name: `learner-${randomUUID()}` } }, registration: randomUUID() }
      const { session, query } = await lms.launch(learner, auId)
      const page = await browser.newPage()
      page.on('pageerror', (error) => console.error('page error:', error.message))
      await page.goto(`${server.url}/pkg/index.html?${query}`)
      await page.locator('body.cp-js').waitFor()
      await page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: lessonTitle, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: lessonTitle }).waitFor()
      await play(page, { until: 0.95 })
      const activity = query.get('activityId') ?? ''
      const id = mediaActivityId(activity, cmi5Data.media[0] ?? { id: '' })
      const experienced = async () => (await lrs.statements()).filter((s) => s.verb.id.endsWith('/experienced') && (s.object as { id?: string }).id === id)
      await expect.poll(async () => (await experienced()).length, { timeout: 20_000 }).toBe(1)
      const [statement] = await experienced()
      expect(validateStatement(statement)).toEqual([])
      const context = statement?.context as { registration?: string; extensions?: Record<string, string>; contextActivities?: { category?: unknown[]; grouping?: Array<{ id: string }>; parent?: Array<{ id: string }> } }
      expect(context.registration).toBe(learner.registration)
      expect(context.extensions?.[sessionExtension]).toBe(session.id)
      expect(context.contextActivities?.grouping?.map((g) => g.id)).toEqual([auId])
      expect(context.contextActivities?.parent?.map((g) => g.id)).toEqual([activity])
      expect(context.contextActivities?.category).toBeUndefined()
      expect(statement?.result).toEqual({ extensions: { [mediaProgressExtension]: expect.any(Number) as number } })
      expect(lms.refusals).toEqual([])
      await page.close()
    } finally {
      await lms.close()
      await lrs.close()
    }
  })
})

describe('accessibility of a page with a video (axe-core, WCAG 2.1 A and AA)', () => {
  test.each(['en', 'ar'] as const)('the sample lesson with its video and the transcript open has zero violations (%s)', async (language) => {
    const files = sample[language]
    const course = courseDataOf(files)
    const media = course.media[0]
    expect(media).toBeDefined()
    server.setPackage(files)
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/pkg/index.html#${media?.page ?? ''}`)
    await page.locator('body.cp-js').waitFor()
    await expect.poll(() => page.locator('.cp-page.cp-current').getAttribute('id')).toBe(media?.page)
    const tracks = await page.locator('video[data-media] track').evaluateAll((list) => list.map((t) => `${t.getAttribute('srclang')} ${t.getAttribute('label')} ${t.hasAttribute('default')}`))
    expect(tracks).toEqual(language === 'en' ? ['en English true'] : ['ar العربية true', 'en الإنجليزية false'])
    await page.locator('.cp-transcript summary').click()
    expect(await page.locator('.cp-transcript').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true)
    await page.addScriptTag({ path: axePath })
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
      const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      return result.violations.map((v) => ({ id: v.id, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
    })
    expect(violations).toEqual([])
    await context.close()
  })
})
