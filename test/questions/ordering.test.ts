import { writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../../src/pipeline.js'
import { orderingCore, type OrderingData } from '../../src/questions/ordering/core.js'
import { scormRecord, xapiDefinition, xapiResult } from '../../src/questions/records.js'
import { idPermutation, mulberry32, questionSeed, shuffled } from '../../src/questions/shuffle.js'
import { dealSeedOf } from '../../src/model/quiz.js'
import type { Answer } from '../../src/questions/types.js'
import { scoreQuiz } from '../../src/shared/scoring.js'
import { cleanup, fixtureCourse } from '../helpers.js'

afterAll(cleanup)

async function quiz(body: string, translated?: string) {
  const { course } = fixtureCourse(translated === undefined ? undefined : 'translated-fr')
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Basics quiz\n---\n\n${body}`)
  if (translated !== undefined) writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), `---\ntitle: Quiz\n---\n\n${translated}`)
  const result = await checkCourse(course, process.cwd(), ['scorm12'], translated === undefined ? undefined : 'fr')
  const messages = result.files.flatMap((file) =>
    file.messages.map((m) => `${path.relative(course, file.path).split(path.sep).join('/')}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`)
  )
  return { questions: result.course.modules[0]?.quiz?.questions ?? [], messages, moduleId: result.course.modules[0]?.id ?? '' }
}

const ordering = (items: string[], head = 'Put the steps in order') => `<Question id="o1" type="ordering" points={3}>\n\n## ${head}\n\n${items.map((item, i) => `${i + 1}. ${item}`).join('\n')}\n\n</Question>\n`

function items(n: number): OrderingData {
  const ids = 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, n).split('')
  return { id: 'q', text: 'Q', type: 'ordering', points: 1, items: ids, labels: ids.map((id) => `Step ${id}`), order: [...ids] }
}

describe('ordering in Markdown', () => {
  test('a translation without explicit ids deals the same item ids as its source, so the records agree', async () => {
    const source = `<Question type="ordering">\n\n## Put the steps in order\n\n1. Stop\n2. Block\n3. Tell\n4. Report\n\n</Question>\n`
    const french = `<Question type="ordering">\n\n## Mettez les étapes dans l'ordre\n\n1. Arrêter\n2. Bloquer\n3. Dire\n4. Signaler\n\n</Question>\n`
    const en = await quiz(source)
    const fr = await quiz(source, french)
    expect(fr.messages.filter((m) => m.includes(' error '))).toEqual([])
    const data = (q: (typeof en.questions)[number] | undefined) => q?.data as OrderingData
    expect(data(fr.questions[0]).id).toBe(data(en.questions[0]).id)
    expect(data(fr.questions[0]).order).toEqual(data(en.questions[0]).order)
    // The same id stands for the same step in both languages.
    expect(data(fr.questions[0]).labels[data(fr.questions[0]).items.indexOf(data(en.questions[0]).order[0] ?? '')]).toBe('Arrêter')
  })

  test('an ordered list gives the items, their ids dealt by the question id, and the right order as the key', async () => {
    const { questions, messages, moduleId } = await quiz(ordering(['Stop', 'Block', '**Tell** an adult']))
    expect(messages).toEqual([])
    // Id number k is the author's item permutation[k]; `order` lists the ids in the author's order.
    const permutation = idPermutation(3, dealSeedOf(moduleId, 1))
    const texts = ['Stop', 'Block', 'Tell an adult']
    const order = [0, 1, 2].map((author) => 'abc'.charAt(permutation.indexOf(author)))
    expect(questions[0]?.data).toEqual({ id: 'o1', text: 'Put the steps in order', type: 'ordering', points: 3, items: ['a', 'b', 'c'], labels: permutation.map((author) => texts[author]), order })
    expect(Object.keys(questions[0]?.labels ?? {}).sort()).toEqual(['a', 'b', 'c'])
    expect(orderingCore.isCorrect(questions[0]?.data as OrderingData, order)).toBe(true)
  })

  test('the ids are dealt in another order than the author\'s for most questions', () => {
    const moved = Array.from({ length: 20 }, (_, i) => idPermutation(5, `q${i}`)).filter((p) => p.some((author, k) => author !== k))
    expect(moved.length).toBeGreaterThan(15)
    expect(idPermutation(5, 'q1')).toEqual(idPermutation(5, 'q1'))
  })

  test.each([
    [
      'a bullet list',
      '<Question type="ordering">\n\n## Order them\n\n- A\n- B\n\n</Question>\n',
      ['01-basics/quiz.md:7:1 error quiz-ordering-no-list Cannot find the items of ordering question `Order them`, expected an ordered list in the right order such as `1. First` and `2. Second`']
    ],
    ['one item', ordering(['Only']), ['01-basics/quiz.md:9:1 error quiz-ordering-items Unexpected 1 item in ordering question `Put the steps in order`, expected at least 2']],
    [
      'a repeated item',
      ordering(['Stop', 'Block', 'Stop']),
      ['01-basics/quiz.md:11:1 error quiz-duplicate-item Unexpected duplicate item `Stop` in question `Put the steps in order`, expected each item once']
    ],
    [
      'an item of two paragraphs',
      '<Question type="ordering">\n\n## Order them\n\n1. A\n\n   More about A.\n2. B\n\n</Question>\n',
      ['01-basics/quiz.md:11:4 warning quiz-option-shape Unexpected content after the first paragraph of item `A`, expected one paragraph per item']
    ]
  ])('%s is reported where it is', async (_name, body, expected) => {
    expect((await quiz(body)).messages).toEqual(expected)
  })

  test('more than 12 items is a warning, more than 36 an error', async () => {
    const list = (n: number) => ordering(Array.from({ length: n }, (_, i) => `Step ${i}`))
    expect((await quiz(list(12))).messages).toEqual([])
    expect((await quiz(list(13))).messages).toEqual([
      '01-basics/quiz.md:9:1 warning quiz-many-items Unexpected 13 items in ordering question `Put the steps in order`, expected at most 12 for a question learners can answer'
    ])
    expect((await quiz(list(37))).messages).toEqual(['01-basics/quiz.md:9:1 error quiz-ordering-items Unexpected 37 items in ordering question `Put the steps in order`, expected at most 36'])
  })

  test('a translation keeps the type, id, points and the number of items; its texts are its own', async () => {
    const matching = '<Question id="m1" type="matching">\n\n## Match\n\n| A | B |\n| - | - |\n| x | 1 |\n| y | 2 |\n\n</Question>\n'
    const fr = await quiz(`${ordering(['Stop', 'Block'])}\n${matching}`, `${ordering(['Arrêter', 'Bloquer'], 'Mettez les étapes dans l’ordre')}\n${matching.replace('## Match', '## Associez')}`)
    expect(fr.messages.filter((m) => !m.includes(' untranslated '))).toEqual([])
    expect(fr.questions.map((q) => [q.id, q.type, q.points])).toEqual([
      ['o1', 'ordering', 3],
      ['m1', 'matching', 1]
    ])
    expect((fr.questions[0]?.data as OrderingData).labels).toEqual(['Arrêter', 'Bloquer'])
    const other = await quiz(`${ordering(['Stop', 'Block'])}\n${matching}`, `${ordering(['Arrêter', 'Bloquer', 'Dire'], 'Mettez les étapes dans l’ordre')}\n${matching}`)
    expect(other.messages.filter((m) => m.includes('translation-mismatch'))).toEqual([
      '01-basics/quiz.fr.md:5:1 error translation-mismatch Unexpected items in translated question 1 (`Mettez les étapes dans l’ordre`): 3 items, expected 2 items as in `quiz.md`'
    ])
  })
})

describe('ordering core', () => {
  const q = items(4)
  const right = ['a', 'b', 'c', 'd']
  const wrong = ['b', 'a', 'c', 'd']

  test('scores all or nothing, with integer points', () => {
    expect(orderingCore.isCorrect(q, right)).toBe(true)
    expect(orderingCore.isCorrect(q, wrong)).toBe(false)
    expect(orderingCore.isCorrect(q, ['a', 'b', 'c'])).toBe(false)
    expect(orderingCore.answered(q, ['a', 'a', 'c', 'd'])).toBe(false)
    expect(scoreQuiz([{ ...q, points: 2 }, q], [right, wrong])).toMatchObject({ earned: 2, total: 3, hundredths: 6666 })
    expect(orderingCore.isCorrect(q, orderingCore.example(q, true))).toBe(true)
    expect(orderingCore.isCorrect(q, orderingCore.example(q, false))).toBe(false)
  })

  test('interaction records of each standard for a right and a wrong answer', () => {
    expect(scormRecord('scorm12', q, right)).toEqual({ type: 'sequencing', response: 'a,b,c,d', patterns: ['a,b,c,d'], result: 'correct' })
    expect(scormRecord('scorm12', q, wrong)).toEqual({ type: 'sequencing', response: 'b,a,c,d', patterns: ['a,b,c,d'], result: 'wrong' })
    expect(scormRecord('scorm2004', q, right)).toEqual({ type: 'sequencing', response: 'a[,]b[,]c[,]d', patterns: ['a[,]b[,]c[,]d'], result: 'correct' })
    expect(scormRecord('scorm2004', q, wrong)).toEqual({ type: 'sequencing', response: 'b[,]a[,]c[,]d', patterns: ['a[,]b[,]c[,]d'], result: 'incorrect' })
    expect(xapiDefinition(q, 'en')).toEqual({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      name: { en: 'Q' },
      description: { en: 'Q' },
      interactionType: 'sequencing',
      correctResponsesPattern: ['a[,]b[,]c[,]d'],
      choices: right.map((id) => ({ id, description: { en: `Step ${id}` } }))
    })
    expect(xapiResult(q, right)).toEqual({ response: 'a[,]b[,]c[,]d', success: true })
    expect(xapiResult(q, wrong)).toEqual({ response: 'b[,]a[,]c[,]d', success: false })
  })
})

describe('seeded shuffling', () => {
  test('a permutation, the same for the same seed, never the right order for an ordering question', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 36 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.string(), (n, seed, id) => {
        const ids = items(n).items
        const order = shuffled(ids, questionSeed(seed, id), { moved: true })
        expect([...order].sort()).toEqual([...ids].sort())
        expect(order).not.toEqual(ids)
        expect(shuffled(ids, questionSeed(seed, id), { moved: true })).toEqual(order)
      })
    )
  })

  test('mulberry32 is deterministic, in [0, 1), and each question of a learner gets its own order', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const values = Array.from({ length: 1000 }, () => a())
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true)
    expect(questionSeed(7, 'q1')).not.toBe(questionSeed(7, 'q2'))
    expect(questionSeed(7, 'q1')).not.toBe(questionSeed(8, 'q1'))
    // Every order of three items turns up over a few seeds: the deal is not stuck.
    expect(new Set(Array.from({ length: 200 }, (_, seed) => shuffled(['a', 'b', 'c'], seed).join())).size).toBe(6)
  })
})

function roundTrip(question: OrderingData, answer: Answer): Answer {
  const bits: number[] = []
  orderingCore.encode(question, answer, {
    write(value, count) {
      expect(value).toBeLessThan(2 ** count)
      for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2)
    }
  })
  expect(bits).toHaveLength(orderingCore.bits(question))
  let at = 0
  return orderingCore.decode(question, {
    read(count) {
      let value = 0
      for (let j = 0; j < count; j++) value = value * 2 + (bits[at++] ?? 0)
      return value
    }
  })
}

describe('ordering in the suspend data', () => {
  test("the learner's order comes back, in exactly bits() bits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 36 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
        const q = items(n)
        const order = shuffled(q.items, seed)
        expect(roundTrip(q, order)).toEqual(order)
      })
    )
  })

  test('no answer comes back as none; widths are exact, up to the worst case', () => {
    expect(roundTrip(items(4), [])).toEqual([])
    expect(roundTrip(items(2), ['a', 'a'])).toEqual([])
    expect(orderingCore.bits(items(2))).toBe(2)
    expect(orderingCore.bits(items(4))).toBe(8)
    expect(orderingCore.bits(items(12))).toBe(48)
    expect(orderingCore.bits(items(36))).toBe(216)
  })
})
