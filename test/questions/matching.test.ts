import { writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse, validate } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import type { QuestionData } from '../../src/questions/data.js'
import { matchingCore, type MatchingData } from '../../src/questions/matching/core.js'
import { scormRecord, xapiDefinition, xapiResult } from '../../src/questions/records.js'
import { idPermutation, questionSeed, shuffled } from '../../src/questions/shuffle.js'
import { dealSeedOf } from '../../src/model/quiz.js'
import type { Answer } from '../../src/questions/types.js'
import { scoreQuiz } from '../../src/shared/scoring.js'
import { cleanup, fixtureCourse } from '../helpers.js'

afterAll(cleanup)

/** Check the fixture course with this `quiz.md` for its first module: its questions and every message. */
async function quiz(body: string) {
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Basics quiz\n---\n\n${body}`)
  const result = await checkCourse(course)
  const messages = result.files.flatMap((file) =>
    file.messages.map((m) => `${path.relative(course, file.path).split(path.sep).join('/')}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`)
  )
  return { questions: result.course.modules[0]?.quiz?.questions ?? [], messages, moduleId: result.course.modules[0]?.id ?? '' }
}

const good = `<Question id="m1" type="matching" points={2}>

## Match each risk to its category

Think of who acts.

| Risk | Category |
| --- | --- |
| A stranger's message | Contact |
| A violent video | *Content* |
| Bullying a classmate | Conduct |

> Contact risks come from others.

</Question>
`

/** A matching question's data as the parser makes it, for the core's tests. */
function pairs(n: number): MatchingData {
  return {
    id: 'q',
    text: 'Q',
    type: 'matching',
    points: 1,
    sources: Array.from({ length: n }, (_, i) => `s${i + 1}`),
    sourceLabels: Array.from({ length: n }, (_, i) => `Item ${i + 1}`),
    targets: Array.from({ length: n }, (_, i) => `t${i + 1}`),
    targetLabels: Array.from({ length: n }, (_, i) => `Match ${i + 1}`),
    match: Array.from({ length: n }, (_, i) => `t${i + 1}`)
  }
}

describe('matching in Markdown', () => {
  test('a table of two columns makes one pair per row after the header, target ids dealt by the question id', async () => {
    const { questions, messages, moduleId } = await quiz(good)
    expect(messages).toEqual([])
    const [question] = questions
    // Target t(k+1) is the match of row permutation[k]; the key `match` names each row's target.
    const permutation = idPermutation(3, dealSeedOf(moduleId, 1))
    const matches = ['Contact', 'Content', 'Conduct']
    const match = [0, 1, 2].map((row) => `t${permutation.indexOf(row) + 1}`)
    expect(question?.data).toEqual({
      id: 'm1',
      text: 'Match each risk to its category',
      type: 'matching',
      points: 2,
      sources: ['s1', 's2', 's3'],
      sourceLabels: ["A stranger's message", 'A violent video', 'Bullying a classmate'],
      targets: ['t1', 't2', 't3'],
      targetLabels: permutation.map((row) => matches[row]),
      match
    })
    expect(Object.keys(question?.labels ?? {}).sort()).toEqual(['s1', 's2', 's3', 't1', 't2', 't3'])
    const data = question?.data as MatchingData
    expect(matchingCore.isCorrect(data, matchingCore.example(data, true))).toBe(true)
    expect(data.targetLabels[data.targets.indexOf(match[1] ?? '')]).toBe('Content')
    expect(question?.feedback).toBeDefined()
  })

  test.each([
    [
      'no table',
      '<Question type="matching">\n\n## Match them\n\n- [x] A\n- [ ] B\n\n</Question>\n',
      ['01-basics/quiz.md:7:1 error quiz-matching-no-table Cannot find the pairs of matching question `Match them`, expected a table of two columns such as `| Item | Match |` with a row per right pair']
    ],
    [
      'one row',
      '<Question type="matching">\n\n## Match them\n\n| Item | Match |\n| --- | --- |\n| A | 1 |\n\n</Question>\n',
      ['01-basics/quiz.md:9:1 error quiz-matching-rows Unexpected 1 pair in matching question `Match them`, expected at least 2 rows after the header']
    ],
    [
      'three columns',
      '<Question type="matching">\n\n## Match them\n\n| Item | Match | More |\n| --- | --- | --- |\n| A | 1 | x |\n| B | 2 | y |\n\n</Question>\n',
      [
        '01-basics/quiz.md:9:1 error quiz-matching-columns Unexpected 3 columns in matching question `Match them`, expected 2 (an item and its match)',
        '01-basics/quiz.md:11:1 error quiz-matching-columns Unexpected 3 columns in matching question `Match them`, expected 2 (an item and its match)',
        '01-basics/quiz.md:12:1 error quiz-matching-columns Unexpected 3 columns in matching question `Match them`, expected 2 (an item and its match)'
      ]
    ],
    [
      'a repeated item and a repeated match',
      '<Question type="matching">\n\n## Match them\n\n| Item | Match |\n| --- | --- |\n| A | 1 |\n| A | 2 |\n| B | 2 |\n\n</Question>\n',
      [
        '01-basics/quiz.md:12:1 error quiz-duplicate-item Unexpected duplicate item `A` in question `Match them`, expected each item once',
        '01-basics/quiz.md:13:5 error quiz-duplicate-item Unexpected duplicate match `2` in question `Match them`, expected each match once'
      ]
    ],
    [
      'an empty cell',
      '<Question type="matching">\n\n## Match them\n\n| Item | Match |\n| --- | --- |\n| A | 1 |\n| B |   |\n\n</Question>\n',
      ['01-basics/quiz.md:12:5 error quiz-empty-item Unexpected empty match in question `Match them`, expected its text']
    ]
  ])('%s is reported where it is', async (_name, body, expected) => {
    expect((await quiz(body)).messages).toEqual(expected)
  })

  test('more than 12 pairs is a warning, more than 36 an error', async () => {
    const table = (n: number) =>
      `<Question type="matching">\n\n## Match them\n\n| Item | Match |\n| --- | --- |\n${Array.from({ length: n }, (_, i) => `| I${i} | M${i} |`).join('\n')}\n\n</Question>\n`
    expect((await quiz(table(12))).messages).toEqual([])
    expect((await quiz(table(13))).messages).toEqual([
      '01-basics/quiz.md:9:1 warning quiz-many-items Unexpected 13 pairs in matching question `Match them`, expected at most 12 for a question learners can answer'
    ])
    expect((await quiz(table(37))).messages).toEqual(['01-basics/quiz.md:9:1 error quiz-matching-rows Unexpected 37 pairs in matching question `Match them`, expected at most 36'])
  })

  test('validate reports the warning with its place and rule id, and still exits 0', async () => {
    const { workspace, course } = fixtureCourse()
    const rows = Array.from({ length: 13 }, (_, i) => `| I${i} | M${i} |`).join('\n')
    writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Quiz\n---\n\n<Question type="matching">\n\n## Match them\n\n| Item | Match |\n| --- | --- |\n${rows}\n\n</Question>\n`)
    const result = await validate(['course'], { cwd: workspace })
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.ruleId])).toEqual([['course/01-basics/quiz.md', 9, 1, 'warning', 'quiz-many-items']])
    expect([result.errors, result.warnings, result.exitCode]).toEqual([0, 1, 0])
  })
})

describe('matching core', () => {
  const q = pairs(3)
  const right = ['t1', 't2', 't3']
  const wrong = ['t2', 't1', 't3']

  test('scores all or nothing, with integer points', () => {
    expect(matchingCore.isCorrect(q, right)).toBe(true)
    expect(matchingCore.isCorrect(q, wrong)).toBe(false)
    expect(matchingCore.isCorrect(q, ['t1', 't2', ''])).toBe(false)
    expect(matchingCore.answered(q, ['t1', 't2', ''])).toBe(false)
    expect(matchingCore.answered(q, wrong)).toBe(true)
    const weighted = { ...q, points: 3 }
    expect(scoreQuiz([weighted, weighted], [right, wrong])).toMatchObject({ earned: 3, total: 6, hundredths: 5000 })
  })

  test('its examples are a right and a wrong answer', () => {
    expect(matchingCore.isCorrect(q, matchingCore.example(q, true))).toBe(true)
    expect(matchingCore.isCorrect(q, matchingCore.example(q, false))).toBe(false)
    expect(matchingCore.answered(q, matchingCore.example(q, false))).toBe(true)
  })

  test('interaction records of each standard for a right and a wrong answer', () => {
    expect(scormRecord('scorm12', q, right)).toEqual({ type: 'matching', response: '1.a,2.b,3.c', patterns: ['1.a,2.b,3.c'], result: 'correct' })
    expect(scormRecord('scorm12', q, wrong)).toEqual({ type: 'matching', response: '1.b,2.a,3.c', patterns: ['1.a,2.b,3.c'], result: 'wrong' })
    expect(scormRecord('scorm2004', q, right)).toEqual({ type: 'matching', response: 's1[.]t1[,]s2[.]t2[,]s3[.]t3', patterns: ['s1[.]t1[,]s2[.]t2[,]s3[.]t3'], result: 'correct' })
    expect(scormRecord('scorm2004', q, wrong)).toEqual({ type: 'matching', response: 's1[.]t2[,]s2[.]t1[,]s3[.]t3', patterns: ['s1[.]t1[,]s2[.]t2[,]s3[.]t3'], result: 'incorrect' })
    expect(xapiDefinition(q, 'en')).toEqual({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      name: { en: 'Q' },
      description: { en: 'Q' },
      interactionType: 'matching',
      correctResponsesPattern: ['s1[.]t1[,]s2[.]t2[,]s3[.]t3'],
      source: [1, 2, 3].map((n) => ({ id: `s${n}`, description: { en: `Item ${n}` } })),
      target: [1, 2, 3].map((n) => ({ id: `t${n}`, description: { en: `Match ${n}` } }))
    })
    expect(xapiResult(q, right)).toEqual({ response: 's1[.]t1[,]s2[.]t2[,]s3[.]t3', success: true })
    expect(xapiResult(q, wrong)).toEqual({ response: 's1[.]t2[,]s2[.]t1[,]s3[.]t3', success: false })
  })

  test('SCORM 1.2 ids stay single characters up to 36 pairs, and distinct', () => {
    const big = pairs(36)
    const [response] = matchingCore.scorm12(big, big.targets).patterns ?? []
    const parts = (response ?? '').split(',').map((pair) => pair.split('.'))
    expect(parts).toHaveLength(36)
    expect(parts.every((p) => p.length === 2 && p.every((id) => /^[0-9a-z]$/.test(id)))).toBe(true)
    expect(new Set(parts.map((p) => p[0])).size).toBe(36)
    expect(new Set(parts.map((p) => p[1])).size).toBe(36)
  })

  test('the shuffled matches are a permutation, the same for the same learner', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 36 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
        const targets = pairs(n).targets
        const order = shuffled(targets, questionSeed(seed, 'q'))
        expect([...order].sort()).toEqual([...targets].sort())
        expect(shuffled(targets, questionSeed(seed, 'q'))).toEqual(order)
      })
    )
    // Seeds differ between learners: some learner sees another order than the first.
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => shuffled(pairs(5).targets, questionSeed(seed, 'q')).join()))
    expect(orders.size).toBeGreaterThan(1)
  })
})

/** Encode then decode one answer through the core's bit field, checking the exact width. */
function roundTrip(question: QuestionData, answer: Answer): Answer {
  const bits: number[] = []
  const core = coreOf(question)
  core.encode(question, answer, {
    write(value, count) {
      expect(value).toBeLessThan(2 ** count)
      for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2)
    }
  })
  expect(bits).toHaveLength(core.bits(question))
  let at = 0
  return core.decode(question, {
    read(count) {
      let value = 0
      for (let j = 0; j < count; j++) value = value * 2 + (bits[at++] ?? 0)
      return value
    }
  })
}

describe('matching in the suspend data', () => {
  test('every answer comes back, partial ones too, in exactly bits() bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 36 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.integer({ min: 0, max: n }), { minLength: n, maxLength: n }))),
        ([n, choices]) => {
          const q = pairs(n)
          const answer = choices.map((c) => (c === 0 ? '' : (q.targets[c - 1] ?? '')))
          const back = roundTrip(q, answer)
          expect(back).toEqual(answer.every((a) => a === '') ? [] : answer)
        }
      )
    )
  })

  test('no answer comes back as none; the worst case is 36 × 6 bits', () => {
    expect(roundTrip(pairs(3), [])).toEqual([])
    expect(matchingCore.bits(pairs(3))).toBe(6)
    expect(matchingCore.bits(pairs(36))).toBe(216)
  })
})
