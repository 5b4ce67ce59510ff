/**
 * Matching, ordering and likert questions in Chromium (issue 13): a small course mixing them
 * with a choice question, played by `coursepack test`'s walks against scorm-again (SCORM 1.2
 * and 2004) and the embedded LRS (xAPI, cmi5), with the exact interaction records of a right
 * and a wrong answer; then, in the harness's LMS page, the learner's shuffled order across
 * relaunches, ordering with the keyboard alone and its live-region announcements, resume, and
 * axe-core in English and Arabic before and after submitting.
 */
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPackages, type PackageResult } from '../../src/lms-test/index.js'
import { type CourseScope, visitPage } from '../../src/lms-test/player.js'
import { answersAt } from '../../src/lms-test/walks/plan.js'
import { build } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import type { MatchingData } from '../../src/questions/matching/core.js'
import type { OrderingData } from '../../src/questions/ordering/core.js'
import { scormRecord } from '../../src/questions/records.js'
import { questionSeed, shuffled } from '../../src/questions/shuffle.js'
import type { CourseData } from '../../src/shared/course-data.js'
import { attemptSeed } from '../../src/shared/attempts.js'
import { decodeState } from '../../src/shared/suspend.js'
import { cleanup, fixtureCourse, readZip, tempDir } from '../helpers.js'
import { startLrs } from '../lrs/lrs.js'
import { courseDataOf, courseFrame, launchBrowser, type LmsServer, startLmsServer } from './harness.js'

const require = createRequire(import.meta.url)
const axePath = require.resolve('axe-core/axe.min.js')

// Module 1's points: matching 1 + ordering 1 + choice 3 (likert 0). Under `every-module` at 70 %,
// the `fail` walk's first module lands just below the pass mark with the choice right alone:
// matching and ordering are then answered wrong.
const quiz = `---
title: Basics quiz
---

Answer every question.

<Question id="m1" type="matching">

## Match each risk to its category

| Risk | Category |
| --- | --- |
| A stranger's message | Contact |
| A violent video | Content |
| Bullying a classmate | Conduct |

</Question>

<Question id="o1" type="ordering">

## Put the steps in order

1. Stop
2. Block
3. Tell an adult
4. Report

> Stop first, then block, tell and report.

</Question>

<Question id="l1" type="likert">

## How confident do you feel?

- Not at all
- Somewhat
- Very

</Question>

<Question id="c1" points={3}>

## Which colour is the sky on a clear day?

- [ ] Green
- [x] Blue

</Question>
`

const quizAr = `---
title: اختبار الأساسيات
---

أجب عن كل الأسئلة.

<Question id="m1" type="matching">

## طابق كل خطر مع فئته

| الخطر | الفئة |
| --- | --- |
| رسالة من شخص غريب | التواصل |
| مقطع فيديو عنيف | المحتوى |
| التنمّر على زميل | السلوك |

</Question>

<Question id="o1" type="ordering">

## رتّب الخطوات

1. توقّف
2. احظر
3. أخبر شخصًا بالغًا
4. أبلغ

</Question>

<Question id="l1" type="likert">

## ما مدى ثقتك بنفسك؟

- لا أثق أبدًا
- أثق إلى حدّ ما
- أثق كثيرًا

</Question>

<Question id="c1" points={3}>

## ما لون السماء في يوم صافٍ؟

- [ ] أخضر
- [x] أزرق

</Question>
`

let zips: Record<'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'ar', string>
let work: string

beforeAll(async () => {
  const { workspace, course } = fixtureCourse()
  work = workspace
  const courseMd = path.join(course, 'course.md')
  writeFileSync(courseMd, readFileSync(courseMd, 'utf8').replace('passRule: overall', 'passRule: every-module'))
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), quiz)
  writeFileSync(path.join(course, 'course.ar.md'), '---\ntitle: دورة مصغّرة\ndescription: دورة صغيرة للاختبارات.\nobjectives:\n  - معرفة الأساسيات\n---\n\nمرحبًا بك في الدورة.\n')
  writeFileSync(path.join(course, '01-basics', 'quiz.ar.md'), quizAr)
  const out = tempDir()
  const built = await build([course], { cwd: workspace, out, targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'] })
  const arabic = await build([course], { cwd: workspace, out, targets: ['scorm12'], languages: ['ar'] })
  expect([built.exitCode, arabic.exitCode]).toEqual([0, 0])
  const find = (part: string, list = built.packages) => path.resolve(list.find((p) => p.path.endsWith(`-${part}.zip`))?.path ?? '')
  zips = { scorm12: find('scorm12'), scorm2004: find('scorm2004'), xapi: find('xapi'), cmi5: find('cmi5'), ar: find('ar-scorm12', arabic.packages) }
}, 120_000)

afterAll(cleanup)

// Review after a pass shows the restored answers of every type; the pass mark mixes right and wrong ones.
const walkNames = ['all-correct', 'pass-mark', 'fail', 'resume', 'review-after-pass'] as const

type Interaction = { id: string; type?: string; response?: string; pattern?: string; result?: string }

describe('coursepack test: five walks on every standard', () => {
  let packages: PackageResult[]
  let data: CourseData
  beforeAll(async () => {
    data = courseDataOf(await readZip(zips.scorm12))
    const walked = await testPackages([zips.scorm12, zips.scorm2004, zips.xapi, zips.cmi5], { cwd: work, walks: walkNames.filter((name) => name !== 'review-after-pass') })
    // Review shows every type's restored answers; played on SCORM only, to keep this file short (lms-matrix.test.ts plays it on cmi5, with the sample course).
    const reviewed = await testPackages([zips.scorm12, zips.scorm2004], { cwd: work, walks: ['review-after-pass'] })
    packages = walked.packages.map((p, i) => ({ ...p, results: [...p.results, ...(reviewed.packages[i]?.results ?? [])] }))
  }, 240_000)

  const walk = (standard: number, name: string) => {
    const result = packages[standard]?.results.find((r) => r.walk === name)
    if (!result) throw new Error(`no ${name} on package ${standard}`)
    return result
  }
  const mine = (list: Interaction[]) => list.filter((i) => ['m1', 'o1', 'l1'].includes(i.id)).sort((a, b) => a.id.localeCompare(b.id))
  // The fail walk's likert answer is the right example (the first label) when its plan counts it right, else the last.
  const likertFail = () => (answersAt(data, 'below')?.rightQuestions[0]?.includes(2) ? 'a' : 'c')

  test('every walk passes on every standard, with the score the course gives', () => {
    for (const [n, p] of packages.entries()) {
      expect(p.findings.filter((f) => f.severity === 'error'), p.path).toEqual([])
      expect(p.results.map((r) => r.walk)).toEqual(walkNames.filter((name) => n < 2 || name !== 'review-after-pass'))
      for (const name of p.results.map((r) => r.walk)) {
        const result = walk(n, name)
        expect([p.standard, name, result.pass, result.reasons]).toEqual([p.standard, name, true, []])
      }
    }
    expect(walk(0, 'all-correct').expected.scorePercent).toBe(100)
    // The first module's quiz at 3 of 5 points (likert counts none): 60 %, the lowest module's score.
    expect(walk(0, 'fail').expected).toEqual({ success: 'failed', completion: 'completed', scorePercent: 60 })
    expect(walk(0, 'fail').recorded.score).toEqual({ raw: 60, min: 0, max: 100 })
    expect(walk(1, 'fail').recorded.score).toMatchObject({ raw: 60, scaled: 0.6 })
  })

  /**
   * The record of a right or wrong answer to m1 or o1 as the core writes it (the walks enter the
   * core's examples): the ids are dealt by the question id (ordering's items, matching's
   * targets), so the expected responses and patterns are computed from the package's data.
   */
  const record = (standard: 'scorm12' | 'scorm2004', id: string, right: boolean, result: string): Interaction => {
    const question = data.modules[0]?.quiz?.questions.find((q) => q.id === id)
    if (!question) throw new Error(`no question ${id}`)
    const made = scormRecord(standard, question, coreOf(question).example(question, right))
    return { id, type: made.type, response: made.response, pattern: made.patterns?.[0] ?? '', result }
  }

  test('the records keep their shape: single-character SCORM 1.2 ids, s/t ids and item letters', () => {
    expect(record('scorm12', 'm1', true, 'correct').pattern).toMatch(/^1\.[abc],2\.[abc],3\.[abc]$/)
    expect(record('scorm12', 'o1', true, 'correct').pattern).toMatch(/^[abcd](,[abcd]){3}$/)
    expect(record('scorm2004', 'm1', true, 'correct').pattern).toMatch(/^s1\[\.\]t[123]\[,\]s2\[\.\]t[123]\[,\]s3\[\.\]t[123]$/)
    expect(record('scorm2004', 'o1', false, 'incorrect').response).not.toBe(record('scorm2004', 'o1', true, 'correct').response)
  })

  test('SCORM 1.2: matching, sequencing and likert records of a right and a wrong answer', () => {
    const right = [{ id: 'l1', type: 'likert', response: 'a', result: 'neutral' }, record('scorm12', 'm1', true, 'correct'), record('scorm12', 'o1', true, 'correct')]
    expect(mine(walk(0, 'all-correct').recorded.interactions)).toEqual(right)
    expect(mine(walk(0, 'resume').recorded.interactions)).toEqual(right)
    expect(mine(walk(0, 'fail').recorded.interactions)).toEqual([
      { id: 'l1', type: 'likert', response: likertFail(), result: 'neutral' },
      record('scorm12', 'm1', false, 'wrong'),
      record('scorm12', 'o1', false, 'wrong')
    ])
  })

  test('SCORM 2004: the same with [,] and [.] delimiters and incorrect', () => {
    const right = [{ id: 'l1', type: 'likert', response: 'a', result: 'neutral' }, record('scorm2004', 'm1', true, 'correct'), record('scorm2004', 'o1', true, 'correct')]
    expect(mine(walk(1, 'all-correct').recorded.interactions)).toEqual(right)
    expect(mine(walk(1, 'resume').recorded.interactions)).toEqual(right)
    expect(mine(walk(1, 'fail').recorded.interactions)).toEqual([
      { id: 'l1', type: 'likert', response: likertFail(), result: 'neutral' },
      record('scorm2004', 'm1', false, 'incorrect'),
      record('scorm2004', 'o1', false, 'incorrect')
    ])
  })

  test.each([
    [2, 'xAPI'],
    [3, 'cmi5']
  ])('%s: answered statements with the same responses, success only for scored types', (n) => {
    // xAPI and cmi5 write the same responses and patterns as SCORM 2004 (the definition travels with each statement).
    const right = [{ id: 'l1', type: 'likert', response: 'a' }, record('scorm2004', 'm1', true, 'correct'), record('scorm2004', 'o1', true, 'correct')]
    expect(mine(walk(n, 'all-correct').recorded.interactions)).toEqual(right)
    expect(mine(walk(n, 'fail').recorded.interactions)).toEqual([{ id: 'l1', type: 'likert', response: likertFail() }, record('scorm2004', 'm1', false, 'incorrect'), record('scorm2004', 'o1', false, 'incorrect')])
  })
})

describe('in the LMS page and without one', () => {
  let browser: Browser
  let server: LmsServer
  let files: Map<string, Buffer>
  let data: CourseData
  beforeAll(async () => {
    files = await readZip(zips.scorm12)
    data = courseDataOf(files)
    server = await startLmsServer()
    browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const quizPage = () => data.modules[0]?.quiz?.page ?? ''

  /** Launch the SCORM 1.2 package (or the 2004 one) for a learner id, with the data the LMS kept (if any). */
  async function launch(studentId: string, kept: Record<string, unknown> = {}, standard: 'scorm12' | 'scorm2004' = 'scorm12'): Promise<{ page: Page; course: FrameLocator }> {
    server.setPackage(standard === 'scorm12' ? files : await readZip(zips.scorm2004))
    server.config =
      standard === 'scorm12'
        ? { standard, cmi: { core: { entry: kept.suspend_data ? 'resume' : 'ab-initio', student_id: studentId }, ...kept, student_data: { mastery_score: '70' } } }
        : { standard, cmi: { entry: 'ab-initio', learner_id: studentId } }
    const page = await browser.newPage()
    page.on('pageerror', (error) => console.error('page error:', error.message))
    await page.goto(`${server.url}/lms.html`)
    const course = courseFrame(page)
    await course.locator('body.cp-js').waitFor()
    await visitPage(course, quizPage())
    return { page, course }
  }

  const order = (course: CourseScope) => course.locator('fieldset[data-question="o1"] li[data-item]').evaluateAll((items) => items.map((item) => item.getAttribute('data-item') ?? ''))
  const targets = (course: CourseScope) => course.locator('fieldset[data-question="m1"] li[data-source="s1"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))

  /** The player's seed for a learner id (src/runtime/player.ts learnerSeed: FNV-1a over `<course id>|<learner id>`). */
  const seedOf = (learnerId: string) => {
    let hash = 0x811c9dc5
    for (const char of `${data.id}|${learnerId}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
    return hash
  }

  const ordering = () => data.modules[0]?.quiz?.questions.find((q): q is OrderingData => q.id === 'o1' && q.type === 'ordering') as OrderingData
  const matching = () => data.modules[0]?.quiz?.questions.find((q): q is MatchingData => q.id === 'm1' && q.type === 'matching') as MatchingData

  test("the shuffled orders are the learner's own, the same on every relaunch", async () => {
    // The starting order is the seeded deal of the items (in id order), rotated once if it came out right.
    const start = (seed: number) => {
      const dealt = shuffled(ordering().items, seed)
      return dealt.join() === ordering().order.join() ? [...dealt.slice(1), ...dealt.slice(0, 1)] : dealt
    }
    // The first attempt's seed: the learner's, mixed with the quiz and the attempt (src/shared/attempts.ts).
    const seed = (id: string) => attemptSeed(seedOf(id), data.modules[0]?.id ?? '', 1)
    const expected = (id: string) => ({
      order: start(questionSeed(seed(id), 'o1')),
      targets: shuffled(matching().targets, questionSeed(seed(id), 'm1'))
    })
    expect(ordering().items).toEqual(['a', 'b', 'c', 'd'])
    expect(matching().targets).toEqual(['t1', 't2', 't3'])
    for (const id of ['learner-7', 'learner-7', 'learner-8']) {
      const { page, course } = await launch(id)
      expect({ order: await order(course), targets: await targets(course) }, id).toEqual(expected(id))
      await page.close()
    }
    expect(expected('learner-7')).not.toEqual(expected('learner-8'))
    // SCORM 2004 gives the learner's id as cmi.learner_id: the same learner, the same orders.
    const { page, course } = await launch('learner-7', {}, 'scorm2004')
    expect({ order: await order(course), targets: await targets(course) }).toEqual(expected('learner-7'))
    await page.close()
    // xAPI: the launch actor's mbox is the learner's id.
    const lrs = await startLrs()
    try {
      const xapi = await readZip(zips.xapi)
      server.setPackage(xapi)
      const mbox = 'mailto:ada@example.org'
      const query = new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.auth, actor: JSON.stringify({ objectType: 'Agent', name: 'Ada', mbox }), registration: randomUUID(), activity_id: courseDataOf(xapi).activityId })
      const direct = await browser.newPage()
      await direct.goto(`${server.url}/pkg/index.html?${query}`)
      await direct.locator('body.cp-js').waitFor()
      await visitPage(direct, quizPage())
      expect({ order: await order(direct), targets: await targets(direct) }).toEqual(expected(mbox))
      await direct.close()
    } finally {
      await lrs.close()
    }
  })

  test('ordering with the keyboard alone: the pressed button keeps the focus, each move is announced; the answer resumes', async () => {
    const { page, course } = await launch('learner-7')
    const set = course.locator('fieldset[data-question="o1"]')
    const status = set.locator('[data-order-status]')
    const focused = () => course.locator('body').evaluate(() => `${document.activeElement?.closest('li')?.getAttribute('data-item')}:${document.activeElement?.getAttribute('data-move')}`)
    // The author's items are Stop, Block, Tell an adult, Report; their ids are dealt by the question id.
    const right = ordering().order
    const labels = Object.fromEntries(ordering().items.map((id, i) => [id, ordering().labels[i] ?? '']))
    expect(right.map((id) => labels[id])).toEqual(['Stop', 'Block', 'Tell an adult', 'Report'])
    // For each place from the top, focus the item's Move up button and press it with the keyboard (Enter or Space) until the item is there.
    for (const [place, id] of right.entries()) {
      let at = (await order(course)).indexOf(id)
      if (at === place) continue
      await set.locator(`li[data-item="${id}"] [data-move="up"]`).focus()
      while (at > place) {
        await page.keyboard.press(at % 2 === 0 ? 'Enter' : 'Space')
        at--
        expect(await focused()).toBe(`${id}:up`)
        await expect.poll(() => status.textContent()).toBe(`${labels[id]}: position ${at + 1} of 4.`)
      }
    }
    expect(await order(course)).toEqual(right)
    // Move down from the last item: nothing moves (aria-disabled), the focus stays.
    const last = right[right.length - 1] ?? ''
    await set.locator(`li[data-item="${last}"] [data-move="down"]`).focus()
    await page.keyboard.press('Enter')
    expect(await order(course)).toEqual(right)
    expect(await focused()).toBe(`${last}:down`)
    // Matching with the keyboard: each select takes arrow keys until it shows its match.
    const match = matching().match
    for (const [i, source] of ['s1', 's2', 's3'].entries()) {
      const select = course.locator(`fieldset[data-question="m1"] li[data-source="${source}"] select`)
      await select.focus()
      for (let n = 0; n < 4 && (await select.inputValue()) !== match[i]; n++) await page.keyboard.press('ArrowDown')
      expect(await select.inputValue()).toBe(match[i])
    }
    await course.locator('fieldset[data-question="l1"] li[data-option="b"] input').focus()
    await page.keyboard.press('Space')
    await course.locator('fieldset[data-question="c1"] li[data-option="b"] input').check()
    const suspendData = () => page.evaluate(() => (window as unknown as { API: { cmi: { suspend_data: string } } }).API.cmi.suspend_data)
    await course.locator(`form[data-quiz="${data.modules[0]?.id ?? ''}"] .cp-submit`).click()
    await expect.poll(() => course.locator('.cp-quiz-score').first().textContent()).toContain('(5 of 5 points)')
    // The tracker queues its values for the LMS (src/runtime/scorm-session.ts): wait until the LMS holds the submitted quiz.
    await expect.poll(async () => decodeState(data, await suspendData())?.quizzes[0]?.last?.answers).toEqual([match, right, ['b'], ['b']])
    const kept = await suspendData()
    await page.close()

    // Relaunched with the kept data: the submitted answers show, locked.
    const again = await launch('learner-7', { suspend_data: kept })
    expect(await order(again.course)).toEqual(right)
    for (const [i, source] of ['s1', 's2', 's3'].entries()) {
      const select = again.course.locator(`fieldset[data-question="m1"] li[data-source="${source}"] select`)
      expect([await select.inputValue(), await select.isDisabled()]).toEqual([match[i], true])
    }
    expect(await again.course.locator('fieldset[data-question="l1"] li[data-option="b"] input').isChecked()).toBe(true)
    expect(await again.course.locator('fieldset[data-question="o1"] [data-move]').first().isDisabled()).toBe(true)
    await expect.poll(() => again.course.locator('.cp-quiz-score').first().textContent()).toContain('(5 of 5 points)')
    await again.page.close()
  })

  async function axe(page: Page): Promise<Array<{ id: string; nodes: string[] }>> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
    const result = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
      return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    })
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  }

  test.each([
    ['English', 'scorm12'],
    ['Arabic', 'ar']
  ] as const)('axe-core finds nothing on the quiz in %s, before and after submitting', async (_language, key) => {
    const pkg = key === 'ar' ? await readZip(zips.ar) : files
    const own = courseDataOf(pkg)
    server.setPackage(pkg)
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/pkg/index.html#${own.modules[0]?.quiz?.page ?? ''}`)
    await page.locator('body.cp-js').waitFor()
    await visitPage(page, own.modules[0]?.quiz?.page ?? '')
    if (key === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await axe(page)).toEqual([])
    // Move once so the live region has spoken, answer wrongly, submit.
    await page.locator('fieldset[data-question="o1"] li[data-item]').nth(1).locator('[data-move="up"]').click()
    for (const source of ['s1', 's2', 's3']) await page.locator(`fieldset[data-question="m1"] li[data-source="${source}"] select`).selectOption('t1')
    await page.locator('fieldset[data-question="l1"] li[data-option="a"] input').check()
    await page.locator('fieldset[data-question="c1"] li[data-option="a"] input').check()
    await page.locator('.cp-submit').first().click()
    await page.locator('.cp-quiz-score').first().waitFor()
    expect(await axe(page)).toEqual([])
    await context.close()
  })
})
