import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../../src/pipeline.js'
import { isCorrect } from '../../src/questions/cores.js'
import { likertCore, type LikertData } from '../../src/questions/likert/core.js'
import { scormRecord, xapiDefinition, xapiResult } from '../../src/questions/records.js'
import type { Answer } from '../../src/questions/types.js'
import { toCourseData } from '../../src/package/course-data.js'
import { decodeState, encodedLength, encodeState } from '../../src/shared/suspend.js'
import { scoreQuiz } from '../../src/shared/scoring.js'
import { cleanup, fixtureCourse, longestState } from '../helpers.js'

afterAll(cleanup)

async function quiz(body: string) {
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Basics quiz\n---\n\n${body}`)
  const result = await checkCourse(course)
  const messages = result.files.flatMap((file) =>
    file.messages.map((m) => `${path.relative(course, file.path).split(path.sep).join('/')}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`)
  )
  return { result, questions: result.course.modules[0]?.quiz?.questions ?? [], messages }
}

const likert = (labels: string[], attributes = '') => `<Question id="l1" type="likert"${attributes}>\n\n## How confident do you feel?\n\n${labels.map((l) => `- ${l}`).join('\n')}\n\n</Question>\n`
const choice = '## Which colour is the sky?\n\n- [x] Blue\n- [ ] Green\n'
const scale: LikertData = { id: 'q', text: 'Q', type: 'likert', points: 0, scale: ['a', 'b', 'c'], labels: ['Low', 'Middle', 'High'] }

describe('likert in Markdown', () => {
  test('a bullet list gives the scale; points are 0', async () => {
    const { questions, messages } = await quiz(`${likert(['Not at all', 'Somewhat', '*Very*'])}\n${choice}`)
    expect(messages).toEqual([])
    expect(questions[0]?.data).toEqual({ id: 'l1', text: 'How confident do you feel?', type: 'likert', points: 0, scale: ['a', 'b', 'c'], labels: ['Not at all', 'Somewhat', 'Very'] })
    expect(questions[0]?.points).toBe(0)
  })

  test.each([
    [
      'a points attribute (ignored)',
      `${likert(['Low', 'High'], ' points={2}')}\n${choice}`,
      ['01-basics/quiz.md:5:1 warning quiz-likert-points Unexpected attribute `points` on likert question `How confident do you feel?`, expected none: a likert question is not scored (its points are ignored)']
    ],
    [
      'a task list',
      `${likert(['[x] Low', '[ ] High'])}\n${choice}`,
      [
        '01-basics/quiz.md:9:1 error quiz-likert-marked Unexpected checkbox in likert question `How confident do you feel?`, expected plain labels such as `- Agree`: no answer is right',
        '01-basics/quiz.md:10:1 error quiz-likert-marked Unexpected checkbox in likert question `How confident do you feel?`, expected plain labels such as `- Agree`: no answer is right'
      ]
    ],
    ['one label', `${likert(['Only'])}\n${choice}`, ['01-basics/quiz.md:9:1 error quiz-likert-labels Unexpected 1 label in likert question `How confident do you feel?`, expected 2 to 10']],
    [
      'eleven labels',
      `${likert(Array.from({ length: 11 }, (_, i) => `L${i}`))}\n${choice}`,
      ['01-basics/quiz.md:9:1 error quiz-likert-labels Unexpected 11 labels in likert question `How confident do you feel?`, expected 2 to 10']
    ],
    [
      'a repeated label',
      `${likert(['Low', 'High', 'Low'])}\n${choice}`,
      ['01-basics/quiz.md:11:1 error quiz-duplicate-item Unexpected duplicate label `Low` in question `How confident do you feel?`, expected each label once']
    ],
    [
      'no list',
      `<Question type="likert">\n\n## Rate it\n\nA paragraph.\n\n</Question>\n\n${choice}`,
      ['01-basics/quiz.md:7:1 error quiz-likert-no-scale Cannot find the scale of likert question `Rate it`, expected a bullet list of labels such as `- Agree` and `- Disagree`']
    ],
    [
      'a quiz of likert questions only',
      likert(['Low', 'High']),
      ['01-basics/quiz.md:5:1 error quiz-no-scored-question Unexpected quiz of unscored questions only, expected at least one scored question (not `type="likert"`)']
    ]
  ])('%s is reported where it is', async (_name, body, expected) => {
    expect((await quiz(body)).messages).toEqual(expected)
  })

  test('ten labels are accepted', async () => {
    expect((await quiz(`${likert(Array.from({ length: 10 }, (_, i) => `L${i}`))}\n${choice}`)).messages).toEqual([])
  })
})

describe('likert core', () => {
  test('never scored: no points in the quiz, never right nor wrong', () => {
    expect(likertCore.scored).toBe(false)
    expect(isCorrect(scale, ['a'])).toBe(false)
    expect(likertCore.answered(scale, ['b'])).toBe(true)
    expect(likertCore.answered(scale, [])).toBe(false)
    expect(likertCore.answered(scale, ['z'])).toBe(false)
    const choiceQ = { id: 'c', text: 'C', type: 'single' as const, points: 2, options: ['a', 'b'], labels: ['A', 'B'], correct: ['a'] }
    expect(scoreQuiz([scale, choiceQ], [['c'], ['a']])).toMatchObject({ earned: 2, total: 2, hundredths: 10000 })
    expect(scoreQuiz([scale, choiceQ], [['a'], ['b']])).toMatchObject({ earned: 0, total: 2, hundredths: 0 })
  })

  test('interaction records: likert, no correct response, neutral and no success', () => {
    for (const answer of [likertCore.example(scale, true), likertCore.example(scale, false)]) {
      const id = answer[0] ?? ''
      expect(scormRecord('scorm12', scale, answer)).toEqual({ type: 'likert', response: id, patterns: [], result: 'neutral' })
      expect(scormRecord('scorm2004', scale, answer)).toEqual({ type: 'likert', response: id, patterns: [], result: 'neutral' })
      expect(xapiResult(scale, answer)).toEqual({ response: id })
    }
    expect(likertCore.example(scale, true)).toEqual(['a'])
    expect(likertCore.example(scale, false)).toEqual(['c'])
    expect(xapiDefinition(scale, 'en')).toEqual({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      name: { en: 'Q' },
      description: { en: 'Q' },
      interactionType: 'likert',
      scale: [
        { id: 'a', description: { en: 'Low' } },
        { id: 'b', description: { en: 'Middle' } },
        { id: 'c', description: { en: 'High' } }
      ]
    })
  })

  test('each answer and none come back from the suspend data, in exactly bits() bits', () => {
    for (const n of [2, 3, 7, 10]) {
      const q = { ...scale, scale: 'abcdefghij'.slice(0, n).split(''), labels: Array.from({ length: n }, (_, i) => `L${i}`) }
      for (const answer of [[], ...q.scale.map((id) => [id])] as Answer[]) {
        const bits: number[] = []
        likertCore.encode(q, answer, { write: (value, count) => { for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2) } })
        expect(bits).toHaveLength(likertCore.bits(q))
        let at = 0
        expect(likertCore.decode(q, { read: (count) => { let v = 0; for (let j = 0; j < count; j++) v = v * 2 + (bits[at++] ?? 0); return v } })).toEqual(answer)
      }
    }
    expect(likertCore.bits({ ...scale, scale: ['a', 'b'] })).toBe(2)
    expect(likertCore.bits({ ...scale, scale: 'abcdefghij'.split('') })).toBe(4)
  })

  test('a course mixing the three types with choice keeps its exact state length, and resumes every answer', async () => {
    const body = `${likert(['Low', 'Middle', 'High'])}\n<Question id="o1" type="ordering">\n\n## Order\n\n1. A\n2. B\n3. C\n\n</Question>\n\n<Question id="m1" type="matching">\n\n## Match\n\n| L | R |\n| - | - |\n| x | 1 |\n| y | 2 |\n\n</Question>\n\n${choice}`
    const { result, messages } = await quiz(body)
    expect(messages).toEqual([])
    expect(result.course.modules[0]?.quiz?.questions.map((q) => q.type)).toEqual(['likert', 'ordering', 'matching', 'single'])
    const data = toCourseData(result.course, 'scorm12', {})
    const state = longestState(data, [['c'], ['c', 'a', 'b'], ['t2', 't1'], ['b']])
    const text = encodeState(data, state)
    // The worst case is every answer: the length is the same whatever they are.
    expect(text.length).toBe(encodedLength(data))
    expect(encodeState(data, longestState(data, [['a'], ['a', 'b', 'c'], ['t1', 't2'], ['a']])).length).toBe(encodedLength(data))
    expect(decodeState(data, text)).toEqual(state)
  })
})
