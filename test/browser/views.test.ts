/**
 * The views' `reveal` and `shuffleOptions` switches (issue 14), in Chromium, without the player:
 * the question views are bundled on their own and driven on a built package's quiz page, so
 * each switch is seen apart from the player's policy (src/runtime/player.ts passes them).
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { build as bundle } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../src/pipeline.js'
import { questionSeed, shuffled } from '../../src/questions/shuffle.js'
import { cleanup, fixtureCourse, readZip, repoRoot, tempDir } from '../helpers.js'
import { launchBrowser } from './harness.js'

const quiz = `---
title: Views
---

<Question id="c1">

## Which are colours?

- [x] Red
- [ ] Dog
- [x] Blue
- [ ] Cat
- [ ] Car
- [x] Green

</Question>

<Question id="s1">

## Which one is a planet?

- [ ] The Moon
- [x] Mars

</Question>

<Question id="tf" type="true-false">

## The sun is a star.

- [x] True
- [ ] False

</Question>

<Question id="fi" type="fill-in">

## Name the capital of France.

- Paris

</Question>

<Question id="nu" type="numeric" answer={33}>

## How many?

</Question>

<Question id="ma" type="matching">

## Match.

| Animal | Sound |
| --- | --- |
| Cat | Meow |
| Dog | Woof |
| Cow | Moo |

</Question>

<Question id="or" type="ordering">

## Order.

1. One
2. Two
3. Three
4. Four

</Question>

<Question id="li" type="likert">

## How sure?

- Unsure
- Sure

</Question>
`

let browser: Browser
let page: Page

beforeAll(async () => {
  const { workspace, course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), quiz)
  const built = await build([course], { cwd: workspace, out: tempDir(), targets: ['scorm12'] })
  expect(built.exitCode).toBe(0)
  const files = await readZip(path.resolve(built.packages[0]?.path ?? ''))
  // The page without the player: only the views and openKeys, bundled as the runtime bundles them.
  const html = (files.get('index.html')?.toString('utf8') ?? '').replace(/<script src="coursepack\.js"[^>]*><\/script>/, '')
  const views = await bundle({
    stdin: { contents: "export { viewOf } from './src/questions/views.ts'\nexport { openKeys } from './src/questions/keys.ts'\n", resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'cpViews',
    write: false,
    logLevel: 'silent'
  })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setContent(html)
  await page.addScriptTag({ content: views.outputFiles[0]?.text ?? '' })
  await page.evaluate(() => {
    type Env = { t: (key: string) => string; seed: number; reveal: boolean; shuffleOptions: boolean }
    type View = { setup?: (set: Element, q: unknown, env: Env) => void; show: (set: Element, q: unknown, a: string[], env: Env) => void; reset: (set: Element, q: unknown, env: Env) => void }
    const w = window as unknown as { cpViews: { viewOf: (q: unknown) => View; openKeys: (d: unknown) => { modules: Array<{ quiz?: { questions: Array<{ id: string }> } }> } }; cp: unknown }
    const data = w.cpViews.openKeys(JSON.parse(document.getElementById('cp-data')?.textContent ?? '{}'))
    const questions = data.modules.flatMap((m) => m.quiz?.questions ?? [])
    const env = (seed: number, reveal: boolean, shuffleOptions: boolean): Env => ({ t: (key) => key, seed, reveal, shuffleOptions })
    const find = (id: string) => {
      const question = questions.find((q) => q.id === id)
      const set = document.querySelector(`fieldset[data-question="${id}"]`)
      if (!question || !set) throw new Error(`no question ${id}`)
      return { question, set, view: w.cpViews.viewOf(question) }
    }
    w.cp = {
      data: () => questions,
      setup: (id: string, seed: number, shuffle: boolean) => {
        const { question, set, view } = find(id)
        view.setup?.(set, question, env(seed, true, shuffle))
      },
      show: (id: string, answer: string[], seed: number, reveal: boolean, shuffle: boolean) => {
        const { question, set, view } = find(id)
        view.show(set, question, answer, env(seed, reveal, shuffle))
      },
      reset: (id: string, seed: number, shuffle: boolean) => {
        const { question, set, view } = find(id)
        view.reset(set, question, env(seed, true, shuffle))
      }
    }
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  cleanup()
})

type Question = { id: string; type: string; options?: string[]; correct?: string[] | string; targets?: string[]; match?: string[]; items?: string[]; order?: string[] }
type Cp = {
  data(): Question[]
  setup(id: string, seed: number, shuffle: boolean): void
  show(id: string, answer: string[], seed: number, reveal: boolean, shuffle: boolean): void
  reset(id: string, seed: number, shuffle: boolean): void
}
// Each function below runs in the page (page.evaluate serialises it): it reaches the helpers as `window.cp`.
const setup = (id: string, seed: number, shuffle: boolean) => page.evaluate(([i, s, sh]) => (window as unknown as { cp: Cp }).cp.setup(i, s, sh), [id, seed, shuffle] as const)
const show = (id: string, answer: readonly string[], seed: number, reveal: boolean, shuffle: boolean) =>
  page.evaluate(([i, a, s, r, sh]) => (window as unknown as { cp: Cp }).cp.show(i, [...a], s, r, sh), [id, answer, seed, reveal, shuffle] as const)
const reset = (id: string, seed: number, shuffle: boolean) => page.evaluate(([i, s, sh]) => (window as unknown as { cp: Cp }).cp.reset(i, s, sh), [id, seed, shuffle] as const)
const questionOf = async (id: string) => (await page.evaluate(() => (window as unknown as { cp: Cp }).cp.data())).find((q) => q.id === id) as Question

/** What a fieldset shows: right/wrong classes, marks and the answer key text. */
const looks = (id: string) =>
  page.evaluate((qid) => {
    const set = document.querySelector(`fieldset[data-question="${qid}"]`)
    return {
      right: set?.querySelectorAll('.cp-right').length ?? 0,
      wrong: set?.querySelectorAll('.cp-wrong').length ?? 0,
      marks: [...(set?.querySelectorAll('.cp-option-mark') ?? [])].map((m) => m.textContent ?? ''),
      key: set?.querySelector('.cp-answer-key')?.textContent ?? null
    }
  }, id)

const optionOrder = (id: string) => page.evaluate((qid) => [...document.querySelectorAll(`fieldset[data-question="${qid}"] .cp-option`)].map((li) => (li as HTMLElement).dataset.option ?? ''), id)
const inputValues = (id: string) => page.evaluate((qid) => [...document.querySelectorAll<HTMLInputElement>(`fieldset[data-question="${qid}"] .cp-option input`)].map((input) => `${input.closest('li')?.dataset.option}=${input.value}`), id)
const targetOrder = (id: string) => page.evaluate((qid) => [...document.querySelectorAll<HTMLOptionElement>(`fieldset[data-question="${qid}"] li[data-source="s1"] option`)].map((o) => o.value).filter(Boolean), id)

/** A wrong answer of each question, in ids. */
async function wrongAnswer(id: string): Promise<string[]> {
  const q = await questionOf(id)
  if (q.type === 'single' || q.type === 'multiple') return [(q.options ?? []).find((o) => !(q.correct as string[]).includes(o)) ?? '']
  if (q.type === 'true-false') return [q.correct === 'true' ? 'false' : 'true']
  if (q.type === 'fill-in') return ['Lyon']
  if (q.type === 'numeric') return ['34']
  if (q.type === 'matching') return [q.match?.[1] ?? '', q.match?.[0] ?? '', q.match?.[2] ?? '']
  if (q.type === 'ordering') return [q.order?.[1] ?? '', q.order?.[0] ?? '', ...(q.order ?? []).slice(2)]
  return ['a']
}

const ids = ['c1', 's1', 'tf', 'fi', 'nu', 'ma', 'or', 'li']

describe('reveal', () => {
  test('without reveal, a wrong answer shows only as the learner\'s own: no right or wrong marks, no key', async () => {
    for (const id of ids) {
      await setup(id, 7, false)
      await show(id, await wrongAnswer(id), 7, false, false)
      const seen = await looks(id)
      expect({ id, ...seen, marks: seen.marks.filter((m) => m !== '(yourAnswer)') }).toEqual({ id, right: 0, wrong: 0, marks: [], key: null })
    }
    // The choice types mark the learner's own choice, and nothing else.
    expect((await looks('s1')).marks).toEqual(['(yourAnswer)'])
    expect((await looks('tf')).marks).toEqual(['(yourAnswer)'])
  })

  test('with reveal, the right answers are marked as before', async () => {
    for (const id of ids) await show(id, await wrongAnswer(id), 7, true, false)
    expect((await looks('s1')).marks.sort()).toEqual(['(correctAnswer)', '(yourAnswer)'])
    expect((await looks('tf')).right).toBe(1)
    expect((await looks('fi')).key).toBe('answerKey')
    expect((await looks('ma')).wrong).toBe(2)
    expect((await looks('or')).wrong).toBe(2)
    for (const id of ids) await reset(id, 7, false)
    for (const id of ids) expect(await looks(id)).toEqual({ right: 0, wrong: 0, marks: [], key: null })
  })
})

describe('shuffleOptions', () => {
  test('choice options follow the seeded order in setup, reset and show; input values stay the ids', async () => {
    const c1 = await questionOf('c1')
    const options = c1.options ?? []
    const values = await inputValues('c1')
    await setup('c1', 11, true)
    expect(await optionOrder('c1')).toEqual(shuffled(options, questionSeed(11, 'c1')))
    expect(shuffled(options, questionSeed(11, 'c1'))).not.toEqual(options)
    // A new attempt: reset with its seed deals again.
    await reset('c1', 12, true)
    expect(await optionOrder('c1')).toEqual(shuffled(options, questionSeed(12, 'c1')))
    // Showing the first attempt again: its order.
    await show('c1', c1.correct as string[], 11, true, true)
    expect(await optionOrder('c1')).toEqual(shuffled(options, questionSeed(11, 'c1')))
    expect((await inputValues('c1')).sort()).toEqual([...values].sort())
    // Without the switch, the author's order.
    await reset('c1', 12, false)
    expect(await optionOrder('c1')).toEqual(options)
  })

  test('true-false and likert keep their order', async () => {
    for (const id of ['tf', 'li']) {
      const before = await optionOrder(id)
      await reset(id, 99, true)
      expect(await optionOrder(id)).toEqual(before)
    }
  })

  test("matching shows a restored attempt's targets in that attempt's order", async () => {
    const ma = await questionOf('ma')
    await reset('ma', 21, false)
    expect(await targetOrder('ma')).toEqual(shuffled(ma.targets ?? [], questionSeed(21, 'ma')))
    await show('ma', ma.match ?? [], 5, false, false)
    expect(await targetOrder('ma')).toEqual(shuffled(ma.targets ?? [], questionSeed(5, 'ma')))
  })
})
