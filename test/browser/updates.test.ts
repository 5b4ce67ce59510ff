/**
 * Updating a course that learners are taking (issue 15), in real Chromium: the sample course
 * as version 1, and version 2 with a lesson added to module 1 and one question of module 2
 * scoring differently (its right option moved). A learner's state saved by version 1, kept
 * as the LMS keeps it (scorm-again's CMI for SCORM 1.2 and 2004, the State API document
 * `coursepack.progress` of a real LRS for xAPI), is relaunched on version 2: what they see,
 * and what the LMS receives, or does not receive, in that session.
 */
import { randomUUID } from 'node:crypto'
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { takeQuiz as retakeQuiz, visitPage } from '../../src/lms-test/player.js'
import { build } from '../../src/pipeline.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { restoreState } from '../../src/shared/legacy-state.js'
import { encodedLength, quizIdentity } from '../../src/shared/suspend.js'
import { cleanup, readZip, sampleCourse, tempDir } from '../helpers.js'
import { type Lrs, type StoredStatement, startLrs } from '../lrs/lrs.js'
import { courseDataOf, courseFrame, finishCourse, launchBrowser, type LmsServer, startLmsServer, takeQuiz } from './harness.js'

type TargetName = 'scorm12' | 'scorm2004' | 'xapi'

interface Version {
  files: Map<string, Buffer>
  data: CourseData
}

/** Each version of the course, built for each target. */
const built = new Map<string, Version>()
const versionOf = (target: TargetName, name: 'v1' | 'v2' | 'v2b' | 'v1long' | 'v2long' | 'v3'): Version => {
  const version = built.get(`${target}:${name}`)
  if (!version) throw new Error(`no ${name} built for ${target}`)
  return version
}

const notice = 'This quiz changed since your last visit; please take it again.'
const moduleDirs = {
  one: '01-childrens-rights-digital-environment',
  two: '02-online-risks-and-harms',
  three: '03-online-child-sexual-exploitation-abuse'
}
const newLesson = 'm-childrens-rights-digital-environment--rights-in-everyday-decisions'
/** The lesson of module 3 that version 2b removes, and the one after it. */
const removedLesson = 'm-online-child-sexual-exploitation-abuse--combating-csea'
const nextLesson = 'm-online-child-sexual-exploitation-abuse--technology-measures-csea'
const longSlug = `${'combating-online-child-sexual-exploitation-and-abuse-'.repeat(4)}together`
/** That lesson with a page id of 262 characters, which the player bookmarks by its index (`@14`). */
const longLessonId = `m-online-child-sexual-exploitation-abuse--${longSlug}`

/** Version 2: a lesson at the end of module 1; in module 2's quiz, the right option of `m2-four-cs` moves first. */
function version2(): string {
  const dir = path.join(tempDir(), 'course')
  cpSync(sampleCourse, dir, { recursive: true })
  const course = path.join(dir, 'course.md')
  writeFileSync(course, readFileSync(course, 'utf8').replace(/^version: .*$/m, 'version: 1.1.0'))
  writeFileSync(
    path.join(dir, moduleDirs.one, '04-rights-in-everyday-decisions.md'),
    `---\ntitle: Children's rights in everyday decisions\n---\n\n## Small decisions add up\n\nMost of what a company does for children is decided in ordinary meetings: which default a new account gets, which features are switched on for young users, how a report of abuse is handled. Each of these is a chance to respect children's rights, or to overlook them.\n\n## Asking the right question\n\nA simple habit helps: before a decision is made, ask how it would affect a child who uses the service. The frameworks of this module give that question its answers.\n`
  )
  const quiz = path.join(dir, moduleDirs.two, 'quiz.md')
  const text = readFileSync(quiz, 'utf8')
  const right = '- [x] Content, contact, conduct and contract\n'
  const moved = text.replace(right, '').replace('- [ ] Content, contact, conduct and cost\n', `${right}- [ ] Content, contact, conduct and cost\n`)
  if (moved === text || !moved.includes(right)) throw new Error('the sample course changed: cannot move the right option of m2-four-cs')
  writeFileSync(quiz, moved)
  return dir
}

/** The sample course with the second lesson of module 3 renamed so that its page id is longer than a bookmark may be (255). */
function longLesson(from: string): string {
  const dir = path.join(tempDir(), 'course')
  cpSync(from, dir, { recursive: true })
  renameSync(path.join(dir, moduleDirs.three, '02-combating-csea.md'), path.join(dir, moduleDirs.three, `02-${longSlug}.md`))
  return dir
}

/** Version 2b: version 2 without the second lesson of module 3. */
function version2b(v2: string): string {
  const dir = path.join(tempDir(), 'course')
  cpSync(v2, dir, { recursive: true })
  rmSync(path.join(dir, moduleDirs.three, '02-combating-csea.md'))
  return dir
}

/** Version 3: the sample course without module 1. */
function version3(): string {
  const dir = path.join(tempDir(), 'course')
  cpSync(sampleCourse, dir, { recursive: true })
  rmSync(path.join(dir, moduleDirs.one), { recursive: true })
  return dir
}

let browser: Browser
let server: LmsServer

beforeAll(async () => {
  const v2 = version2()
  const dirs = { v1: sampleCourse, v2, v2b: version2b(v2), v1long: longLesson(sampleCourse), v2long: longLesson(v2), v3: version3() }
  for (const [name, dir] of Object.entries(dirs)) {
    const result = await build([dir], { out: tempDir(), targets: ['scorm12', 'scorm2004', 'xapi'] })
    if (result.exitCode !== 0 || result.packages.length !== 3) throw new Error(`build of ${name} failed`)
    for (const item of result.packages) {
      const files = await readZip(path.resolve(item.path))
      built.set(`${item.target}:${name}`, { files, data: courseDataOf(files) })
    }
  }
  server = await startLmsServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  cleanup()
})

/** What the LMS keeps between sessions (opaque to the scenarios). */
type Kept = unknown

interface Session {
  course: FrameLocator | Page
  /** The course goes away (closed, with or without Finish before): what the LMS keeps for the next launch. */
  leave(): Promise<Kept>
  /** The course status and score the LMS received in this session: `element=value` (xAPI: `verb` or `verb:raw` of course statements). */
  courseWrites(): Promise<string[]>
  /** The modules whose result the LMS received in this session, in order: objectives (xAPI: answered statements). */
  moduleWrites(): Promise<string[]>
  /** What the LMS holds per module (SCORM objectives as `status:raw`); undefined for xAPI, which has no such record. */
  modules(): Promise<Record<string, string> | undefined>
  /** The course verdict the LMS holds: SCORM 1.2 `status:raw`, 2004 `completion:success:raw`, xAPI the last verdict statement `verb:raw`. */
  verdict(): Promise<string>
  /** The bookmark the LMS holds. */
  bookmark(): Promise<string>
  close(): Promise<void>
}

interface Target {
  name: TargetName
  title: string
  launch(version: Version, kept?: Kept): Promise<Session>
  /** The course writes of a reported result, in this target's terms (see `Session.courseWrites`). */
  report(raw: number, passed: boolean): string[]
  /** A verdict in the terms of `Session.verdict`. */
  verdictOf(raw: number, passed: boolean): string
}

// ---------------------------------------------------------------------------------------
// SCORM 1.2 and 2004 against scorm-again.

interface Call {
  name: string
  args: string[]
  result: string
  error: string
}
type Json = Record<string, unknown>
const callsOf = (page: Page): Promise<Call[]> => page.evaluate(() => (window as unknown as { lmsCalls: Call[] }).lmsCalls)
const get = (value: unknown, ...keys: string[]): string => {
  let at = value
  for (const key of keys) at = (at as Json | undefined)?.[key]
  return typeof at === 'string' ? at : ''
}

function scormTarget(name: 'scorm12' | 'scorm2004'): Target {
  const v12 = name === 'scorm12'
  const global = v12 ? 'API' : 'API_1484_11'
  const setValue = v12 ? 'LMSSetValue' : 'SetValue'
  const finishCall = v12 ? 'LMSFinish' : 'Terminate'
  const status = v12 ? /^cmi\.core\.(lesson_status|score\.)/ : /^cmi\.(completion_status|success_status|score\.)/
  const cmiOf = (page: Page): Promise<Json> => page.evaluate((api) => JSON.parse(JSON.stringify((window as unknown as Record<string, { cmi: unknown }>)[api]?.cmi)) as Json, global)

  /** What an LMS keeps for the next launch: the learner's data and the results it received; `resume` after exit `suspend`. */
  function kept(cmi: Json): Json {
    if (v12) {
      const core = cmi.core as Json
      return {
        suspend_data: cmi.suspend_data,
        objectives: cmi.objectives,
        interactions: cmi.interactions,
        core: { lesson_location: core.lesson_location, lesson_status: core.lesson_status, score: core.score, entry: core.exit === 'suspend' ? 'resume' : '' }
      }
    }
    const held: Json = {
      entry: cmi.exit === 'suspend' ? 'resume' : '',
      location: cmi.location,
      suspend_data: cmi.suspend_data,
      completion_status: cmi.completion_status,
      success_status: cmi.success_status,
      objectives: cmi.objectives,
      interactions: cmi.interactions
    }
    if (get(cmi, 'score', 'raw') !== '') held.score = cmi.score
    return held
  }

  return {
    name,
    title: v12 ? 'SCORM 1.2 with scorm-again' : 'SCORM 2004 with scorm-again',
    report: (raw, passed) =>
      v12
        ? ['cmi.core.score.min=0', 'cmi.core.score.max=100', `cmi.core.score.raw=${raw}`, `cmi.core.lesson_status=${passed ? 'passed' : 'failed'}`]
        : [`cmi.score.scaled=${raw / 100}`, `cmi.score.raw=${raw}`, 'cmi.score.min=0', 'cmi.score.max=100', `cmi.success_status=${passed ? 'passed' : 'failed'}`, 'cmi.completion_status=completed'],
    verdictOf: (raw, passed) => (v12 ? `${passed ? 'passed' : 'failed'}:${raw}` : `completed:${passed ? 'passed' : 'failed'}:${raw}`),
    async launch(version, previous) {
      server.setPackage(version.files)
      const manifest = version.files.get('imsmanifest.xml')?.toString() ?? ''
      if (v12) {
        const mastery = /<adlcp:masteryscore>([^<]+)</.exec(manifest)?.[1] ?? ''
        const cmi = (previous as Json | undefined) ?? { core: { entry: 'ab-initio' } }
        server.config = { standard: 'scorm12', cmi: { ...cmi, student_data: { mastery_score: mastery } } }
      } else {
        const measure = /<imsss:minNormalizedMeasure>([^<]+)</.exec(manifest)?.[1] ?? ''
        server.config = { standard: 'scorm2004', cmi: { entry: 'ab-initio', ...(previous as Json | undefined), scaled_passing_score: measure } }
      }
      const page = await browser.newPage()
      page.on('pageerror', (error) => console.error('page error:', error.message))
      await page.goto(`${server.url}/lms.html`)
      const course = courseFrame(page)
      await course.locator('body.cp-js').waitFor()
      const sets = async () => (await callsOf(page)).filter((c) => c.name === setValue)
      return {
        course,
        async leave() {
          // The course frame goes away (pagehide), the LMS frame stays.
          await page.locator('#course').evaluate((frame: HTMLIFrameElement) => {
            frame.src = 'about:blank'
          })
          await expect.poll(async () => (await callsOf(page)).some((c) => c.name === finishCall)).toBe(true)
          const calls = await callsOf(page)
          expect(calls.filter((c) => c.error !== '0' || c.result === 'false')).toEqual([])
          const data = kept(await cmiOf(page))
          await page.close()
          return data
        },
        courseWrites: async () => (await sets()).filter((c) => status.test(c.args[0] ?? '')).map((c) => `${c.args[0]}=${c.args[1]}`),
        async moduleWrites() {
          const objectives = (await cmiOf(page)).objectives as Record<string, Json>
          const indexes = (await sets()).flatMap((c) => /^cmi\.objectives\.(\d+)\./.exec(c.args[0] ?? '')?.slice(1, 2) ?? [])
          return [...new Set(indexes.map((n) => get(objectives[n], 'id')))]
        },
        async modules() {
          const objectives = Object.values((await cmiOf(page)).objectives as Record<string, Json>)
          return Object.fromEntries(objectives.map((o) => [get(o, 'id'), `${v12 ? get(o, 'status') : get(o, 'success_status')}:${get(o, 'score', 'raw')}`]))
        },
        async verdict() {
          const cmi = await cmiOf(page)
          return v12 ? `${get(cmi, 'core', 'lesson_status')}:${get(cmi, 'core', 'score', 'raw')}` : `${get(cmi, 'completion_status')}:${get(cmi, 'success_status')}:${get(cmi, 'score', 'raw')}`
        },
        bookmark: async () => (v12 ? get(await cmiOf(page), 'core', 'lesson_location') : get(await cmiOf(page), 'location')),
        close: () => page.close()
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// xAPI against a real LRS (as test/browser/xapi.test.ts: the launch parameters, and the
// State API document `coursepack.progress`).

let lrs: Lrs
const verbOf = (s: StoredStatement) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '')

interface Learner {
  actor: Record<string, unknown>
  registration: string
}

const xapiTarget: Target = {
  name: 'xapi',
  title: 'xAPI with a real LRS',
  report: (raw, passed) => ['completed', `${passed ? 'passed' : 'failed'}:${raw}`],
  verdictOf: (raw, passed) => `${passed ? 'passed' : 'failed'}:${raw}`,
  async launch(version, previous) {
    const learner = (previous as Learner | undefined) ?? { actor: { objectType: 'Agent', name: 'Ada Learner', mbox: `mailto:ada-${randomUUID()}@example.org` }, registration: randomUUID() }
    const theirs = async () => (await lrs.statements()).filter((s) => s.context?.registration === learner.registration)
    // Everything earlier sessions sent is in the LRS (they waited for it): this session's statements come after.
    const before = (await theirs()).length
    server.setPackage(version.files)
    const page = await browser.newPage()
    page.on('pageerror', (error) => console.error('page error:', error.message))
    const query = new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.auth, actor: JSON.stringify(learner.actor), registration: learner.registration, activity_id: version.data.activityId })
    await page.goto(`${server.url}/pkg/index.html?${query}`)
    await page.locator('body.cp-js').waitFor()
    const state = async () =>
      (await lrs.getState({ activityId: version.data.activityId, agent: learner.actor, registration: learner.registration, stateId: 'coursepack.progress' })) as { location?: string } | undefined
    /** Everything the page queued has reached the LRS (the queue in localStorage is empty). */
    const drained = () => expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('coursepack:xapi:'))), { timeout: 20_000 }).toBe(false)
    const session = async () => {
      await drained()
      return (await theirs()).slice(before)
    }
    const courseStatements = (stored: StoredStatement[]) => stored.filter((s) => s.object.id === version.data.activityId && ['completed', 'passed', 'failed'].includes(verbOf(s)))
    const describeVerdict = (s: StoredStatement) => (s.result?.score ? `${verbOf(s)}:${String(s.result.score.raw)}` : verbOf(s))
    return {
      course: page,
      async leave() {
        await drained()
        const here = (await page.locator('.cp-page.cp-current').getAttribute('id')) ?? ''
        await page.close({ runBeforeUnload: true })
        // pagehide sends `terminated` with a keepalive fetch; the progress document went before.
        await expect.poll(async () => (await theirs()).slice(before).filter((s) => verbOf(s) === 'terminated').length, { timeout: 20_000 }).toBe(1)
        expect((await state())?.location).toBe(here.length <= 255 ? here : `@${version.data.pages.indexOf(here)}`)
        return learner
      },
      courseWrites: async () => courseStatements(await session()).map(describeVerdict),
      async moduleWrites() {
        const answered = (await session()).filter((s) => verbOf(s) === 'answered')
        const modules = answered.map((s) => String((s.context?.contextActivities?.parent?.[0] as { id?: string } | undefined)?.id ?? '').replace(`${version.data.activityId}/modules/`, ''))
        return [...new Set(modules.map(decodeURIComponent))]
      },
      modules: () => Promise.resolve(undefined),
      async verdict() {
        await drained()
        const verdicts = courseStatements(await theirs()).filter((s) => verbOf(s) !== 'completed')
        const last = verdicts.at(-1)
        return last ? describeVerdict(last) : ''
      },
      async bookmark() {
        await drained()
        return (await state())?.location ?? ''
      },
      close: () => page.close()
    }
  }
}

// ---------------------------------------------------------------------------------------
// What the learner sees.

type Scope = FrameLocator | Page

/** The pages the table of contents marks visited. */
const visitedPages = (course: Scope): Promise<string[]> =>
  course.locator('#cp-toc a[data-page-link].cp-visited').evaluateAll((links) => links.map((link) => (link as HTMLElement).dataset.pageLink ?? ''))

/** The quiz pages the table of contents marks with their result. */
const resultMarks = async (course: Scope): Promise<{ passed: string[]; failed: string[] }> => {
  const marked = (mark: string) => course.locator(`#cp-toc a[data-page-link].${mark}`).evaluateAll((links) => links.map((link) => (link as HTMLElement).dataset.pageLink ?? ''))
  return { passed: await marked('cp-mark-passed'), failed: await marked('cp-mark-failed') }
}

/** The module's state in words in the table of contents: pages viewed, or the quiz's result once there is one. */
const progressLine = (course: Scope, moduleId: string) => course.locator(`#cp-toc [data-module-state="${moduleId}"] .cp-state-text`).textContent()

/** The current page's heading, as a learner (and a screen reader) finds it. */
async function expectOnPage(course: Scope, data: CourseData, id: string): Promise<void> {
  const title = data.titles[data.pages.indexOf(id)] ?? ''
  expect(title).not.toBe('')
  await expect.poll(() => course.locator('.cp-page.cp-current').getAttribute('id')).toBe(id)
  expect(await course.locator('.cp-page.cp-current').getByRole('heading', { level: 1 }).textContent()).toBe(title)
}

/** What one module's quiz shows once the learner opens it: the notice, the result and attempts left, or an open attempt. */
async function quizShown(course: Scope, data: CourseData, moduleIndex: number) {
  const quiz = data.modules[moduleIndex]?.quiz
  if (!quiz) throw new Error(`module ${moduleIndex} has no quiz`)
  await visitPage(course, quiz.page)
  const section = course.locator(`section[id="${quiz.page}"]`)
  const form = section.locator('form[data-quiz]')
  const text = async (selector: string) => ((await form.locator(selector).count()) > 0 ? await form.locator(selector).first().textContent() : null)
  return {
    /** The notice's text, and whether it is the form's first element (at the top of the quiz). */
    notice: await text('.cp-quiz-changed'),
    noticeOnTop: await form.evaluate((f) => f.firstElementChild?.classList.contains('cp-quiz-changed') ?? false),
    score: await text('.cp-quiz-score'),
    attemptsLeft: await text('.cp-attempts-left'),
    attempt: await text('.cp-attempt-status'),
    open: await section.getByRole('button', { name: 'Submit answers' }).isVisible()
  }
}

// ---------------------------------------------------------------------------------------
// The scenarios, per target.

const targets: Target[] = [scormTarget('scorm12'), scormTarget('scorm2004'), xapiTarget]

test('the versions differ as the scenarios say: a lesson more in module 1, module 2 quiz scoring differently and the others not; 2b without a lesson of module 3', () => {
  for (const target of ['scorm12', 'scorm2004', 'xapi'] as const) {
    const v1 = versionOf(target, 'v1').data
    const v2 = versionOf(target, 'v2').data
    expect(v2.pages.filter((id) => !v1.pages.includes(id))).toEqual([newLesson])
    expect(v1.pages.filter((id) => !v2.pages.includes(id))).toEqual([])
    expect(v2.modules.map((m, i) => (m.quiz && v1.modules[i]?.quiz ? quizIdentity(m.quiz) === quizIdentity(v1.modules[i].quiz) : undefined))).toEqual([true, false, true, true])
    expect(versionOf(target, 'v2b').data.pages.filter((id) => !v2.pages.includes(id))).toEqual([])
    expect(v2.pages.filter((id) => !versionOf(target, 'v2b').data.pages.includes(id))).toEqual([removedLesson])
  }
})

for (const target of targets) {
  describe(`an update of the course, ${target.title}`, () => {
    if (target.name === 'xapi') {
      beforeAll(async () => {
        lrs = await startLrs()
      })
      afterAll(async () => {
        await lrs?.close()
      })
    }

    test('halfway through version 1, relaunched on version 2: modules 1 and 3 as left, module 2 reset with the notice, the LMS untouched until they submit', async () => {
      const v1 = versionOf(target.name, 'v1')
      const v2 = versionOf(target.name, 'v2')
      const [m1, m2, m3, m4] = v2.data.modules
      if (!m1 || !m2 || !m3 || !m4) throw new Error('the sample has four modules')
      const bookmark = m3.pages[2] ?? ''

      const one = await target.launch(v1)
      for (const id of [m1.pages[1], m2.pages[2]]) await visitPage(one.course, id ?? '')
      await takeQuiz(one.course, v1.data, 0, 9)
      await takeQuiz(one.course, v1.data, 1, 7)
      await takeQuiz(one.course, v1.data, 2, 8)
      await visitPage(one.course, bookmark)
      const visited = await visitedPages(one.course)
      expect(visited).toContain(bookmark)
      const before = await one.modules()
      if (before) expect(before).toEqual({ [m1.id]: 'passed:90', [m2.id]: 'passed:70', [m3.id]: 'passed:80' })
      const kept = await one.leave()

      const two = await target.launch(v2, kept)
      const course = two.course
      // The page they left, the pages they had visited (the new lesson is not one of them). A
      // submitted quiz's link carries its result instead of the visited mark: module 2's quiz,
      // reset, is a visited page again.
      await expectOnPage(course, v2.data, bookmark)
      const visitedNow = v2.data.pages.filter((id) => visited.includes(id) || id === m2.quiz?.page)
      expect(await visitedPages(course)).toEqual(visitedNow)
      expect(await visitedPages(course)).not.toContain(newLesson)
      expect(await resultMarks(course)).toEqual({ passed: [m1.quiz?.page, m3.quiz?.page], failed: [] })
      const viewedIn = (m: typeof m2) => m.pages.filter((id) => visitedNow.includes(id)).length
      expect(viewedIn(m2)).toBeGreaterThan(0)
      expect(await progressLine(course, m1.id)).toBe('Quiz passed: 90%')
      // Module 2's quiz starts over: the module is in progress again, with the pages it kept.
      expect(await progressLine(course, m2.id)).toBe(`In progress: ${viewedIn(m2)} of ${m2.pages.length} pages viewed`)
      expect(await progressLine(course, m3.id)).toBe('Quiz passed: 80%')
      // Modules 1 and 3: the result they had, one attempt used; module 2: an open first attempt, with the notice on top.
      expect(await quizShown(course, v2.data, 0)).toEqual({ notice: null, noticeOnTop: false, score: 'You scored 90% (9 of 10 points).', attemptsLeft: 'Attempts left: 1.', attempt: 'Attempt 1 of 2', open: false })
      expect(await quizShown(course, v2.data, 2)).toEqual({ notice: null, noticeOnTop: false, score: 'You scored 80% (8 of 10 points).', attemptsLeft: 'Attempts left: 1.', attempt: 'Attempt 1 of 2', open: false })
      expect(await quizShown(course, v2.data, 1)).toEqual({ notice, noticeOnTop: true, score: null, attemptsLeft: null, attempt: 'Attempt 1 of 2', open: true })
      expect(await course.getByText(notice, { exact: true }).isVisible()).toBe(true)
      expect(await course.locator('.cp-quiz-changed').count()).toBe(1)
      // Nothing about the course or its modules reached the LMS.
      expect(await two.courseWrites()).toEqual([])
      expect(await two.moduleWrites()).toEqual([])
      if (before) expect(await two.modules()).toEqual(before)

      // They take module 2's quiz again: the notice goes, module 2's result is sent, the course result waits for module 4.
      await takeQuiz(course, v2.data, 1, 10)
      expect(await course.locator('.cp-quiz-changed').count()).toBe(0)
      expect(await course.getByText(notice).count()).toBe(0)
      expect(await two.moduleWrites()).toEqual([m2.id])
      if (before) expect(await two.modules()).toEqual({ ...before, [m2.id]: 'passed:100' })
      expect(await two.courseWrites()).toEqual([])
      await takeQuiz(course, v2.data, 3, 10)
      // Every module at least 80% (module 3's is the lowest): passed with 80.
      expect(await two.moduleWrites()).toEqual([m2.id, m4.id])
      expect(await two.courseWrites()).toEqual(target.report(80, true))
      expect(await two.verdict()).toBe(target.verdictOf(80, true))
      await two.close()
    })

    test('passed on version 1, relaunched on version 2: the verdict the LMS holds stays while module 2 is reset, through Finish', async () => {
      const v1 = versionOf(target.name, 'v1')
      const v2 = versionOf(target.name, 'v2')
      const one = await target.launch(v1)
      for (let m = 0; m < v1.data.modules.length; m++) await takeQuiz(one.course, v1.data, m, 10)
      await finishCourse(one.course)
      expect(await one.verdict()).toBe(target.verdictOf(100, true))
      const kept = await one.leave()

      const two = await target.launch(v2, kept)
      const course = two.course
      expect((await quizShown(course, v2.data, 1)).notice).toBe(notice)
      // The results page: module 2 not taken, the course not complete; the others as they were.
      await course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: 'Your results' }).click()
      const results = course.locator('section[id="results"]')
      // Each module's row: its title, its state, and the quiz's score.
      const row = (m: number) => results.getByRole('row').filter({ has: course.getByRole('rowheader', { name: v2.data.modules[m]?.title ?? '', exact: true }) }).locator('.cp-result-score')
      expect(await row(1).textContent()).toBe('Not yet taken')
      expect(await Promise.all([0, 2, 3].map((m) => row(m).textContent()))).toEqual(['100%', '100%', '100%'])
      expect(await results.getByText('Complete every quiz to finish the course. Quizzes left: 1.').isVisible()).toBe(true)
      await course.getByRole('button', { name: 'Finish and exit' }).click()
      await course.locator('.cp-finished').waitFor()
      // Nothing written over the verdict: no status, no score, no failed statement.
      expect(await two.courseWrites()).toEqual([])
      expect(await two.moduleWrites()).toEqual([])
      expect(await two.verdict()).toBe(target.verdictOf(100, true))
      await two.close()
    })

    test('finished and failed on version 1, relaunched on version 3 without the failed module: the other quizzes add up to a pass, which is not written over the verdict the LMS holds until the learner submits again', async () => {
      const v1 = versionOf(target.name, 'v1')
      const v3 = versionOf(target.name, 'v3')
      expect(v3.data.modules.map((m) => m.id)).toEqual(v1.data.modules.slice(1).map((m) => m.id))
      const one = await target.launch(v1)
      await takeQuiz(one.course, v1.data, 0, 6)
      for (let m = 1; m < v1.data.modules.length; m++) await takeQuiz(one.course, v1.data, m, 10)
      await finishCourse(one.course)
      const held = await one.verdict()
      expect(held).toMatch(/failed/)
      const kept = await one.leave()

      // Every quiz of version 3 was taken and passed: the state adds up to a pass, carried over from version 1.
      const two = await target.launch(v3, kept)
      expect(await progressLine(two.course, v3.data.modules[0]?.id ?? '')).toBe('Quiz passed: 100%')
      expect(await two.courseWrites()).toEqual([])
      expect(await two.verdict()).toBe(held)
      // A submission in version 3 makes the result this version's own: now it is reported.
      await retakeQuiz(two.course, v3.data, 0, 10)
      await expect.poll(() => two.courseWrites()).toEqual(target.report(100, true))
      expect(await two.verdict()).toBe(target.verdictOf(100, true))
      await two.close()
    })

    test('the page they left is gone in version 2b: the relaunch opens the nearest page that exists, and bookmarks it', async () => {
      const v1 = versionOf(target.name, 'v1')
      const v2b = versionOf(target.name, 'v2b')
      const one = await target.launch(v1)
      await takeQuiz(one.course, v1.data, 0, 9)
      await visitPage(one.course, removedLesson)
      const kept = await one.leave()

      const two = await target.launch(v2b, kept)
      // The removed lesson's neighbours are the module's first and third lessons, both one page away:
      // the earlier one, so that "next" leads through what replaced it.
      const previous = v1.data.pages[v1.data.pages.indexOf(removedLesson) - 1] ?? ''
      expect([previous, v1.data.pages[v1.data.pages.indexOf(removedLesson) + 1]]).toEqual([expect.stringMatching(/^m-online-child-sexual-exploitation-abuse--/), nextLesson])
      await expectOnPage(two.course, v2b.data, previous)
      expect(await two.course.locator(`section[id="${removedLesson}"]`).count()).toBe(0)
      await expect.poll(() => two.bookmark()).toBe(previous)
      expect((await quizShown(two.course, v2b.data, 0)).score).toBe('You scored 90% (9 of 10 points).')
      await two.close()
    })

    test('a page whose id is too long for a bookmark (`@<index>`) still opens after a lesson was added before it', async () => {
      const v1 = versionOf(target.name, 'v1long')
      const v2 = versionOf(target.name, 'v2long')
      expect(longLessonId.length).toBeGreaterThan(255)
      expect(v2.data.pages.indexOf(longLessonId)).toBe(v1.data.pages.indexOf(longLessonId) + 1)
      const one = await target.launch(v1)
      await visitPage(one.course, longLessonId)
      const kept = await one.leave()

      const two = await target.launch(v2, kept)
      // The index names the page in version 1 only: in version 2 it is the lesson before.
      await expectOnPage(two.course, v2.data, longLessonId)
      await expect.poll(() => two.bookmark()).toBe(`@${v2.data.pages.indexOf(longLessonId)}`)
      await two.close()
    })
  })
}

describe('the state of an updated course stays within its limits (SCORM 1.2)', () => {
  test('every page visited and every attempt used on version 1, relaunched on version 2 and completed there: ≤ 4,096 and ≤ encodedLength', async () => {
    const target = targets[0]
    if (target?.name !== 'scorm12') throw new Error('SCORM 1.2 first')
    const v1 = versionOf('scorm12', 'v1')
    const v2 = versionOf('scorm12', 'v2')
    const suspendData = async (session: Session) => {
      const kept = (await session.leave()) as Json
      return { kept, data: get(kept, 'suspend_data') }
    }
    const one = await target.launch(v1)
    for (const id of v1.data.pages) await visitPage(one.course, id)
    for (let m = 0; m < v1.data.modules.length; m++) {
      await takeQuiz(one.course, v1.data, m, 5)
      await retakeQuiz(one.course, v1.data, m, 6)
    }
    const first = await suspendData(one)
    expect(first.data.length).toBeLessThanOrEqual(encodedLength(v1.data))

    // Relaunched on version 2: the mapped state (module 2 reset and marked changed) is saved at once.
    const two = await target.launch(v2, first.kept)
    await visitPage(two.course, newLesson)
    await takeQuiz(two.course, v2.data, 1, 5)
    await retakeQuiz(two.course, v2.data, 1, 6)
    const second = await suspendData(two)
    expect(second.data).toMatch(/^3\./)
    expect(second.data.length).toBeLessThanOrEqual(encodedLength(v2.data))
    expect(encodedLength(v2.data)).toBeLessThanOrEqual(4096)
    // It holds all of it: every page visited, every attempt used.
    const state = restoreState(v2.data, second.data)
    expect(state?.visited.every(Boolean)).toBe(true)
    expect(state?.quizzes.map((q) => q?.used)).toEqual([2, 2, 2, 2])
    expect(state?.changed).toEqual([false, false, false, false])
  })
})
