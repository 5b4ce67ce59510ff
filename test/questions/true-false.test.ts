/** True-false questions: the Markdown form and its diagnostics, scoring, suspend data, and the records of each standard. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import { scormRecord, xapiDefinition, xapiResult } from '../../src/questions/records.js'
import type { TrueFalseData } from '../../src/questions/true-false/core.js'
import type { BitReader, BitWriter } from '../../src/questions/types.js'
import { cleanup, fixtureCourse } from '../helpers.js'

afterAll(cleanup)

/** The first module's quiz replaced by `body`: its questions and every message as `file:line:column rule message`. */
async function quiz(body: string) {
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Quiz\n---\n\n${body}`)
  const result = await checkCourse(course)
  return {
    questions: result.course.modules[0]?.quiz?.questions ?? [],
    messages: result.files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))
  }
}

const question = (body: string, attributes = '') => `<Question type="true-false"${attributes}>\n\n## The sky is blue.\n\n${body}\n\n</Question>\n`

/** Write then read an answer through a core's bit field, as the suspend data does. */
function roundTrip(data: TrueFalseData, answer: readonly string[]): { bits: number; answer: readonly string[] } {
  const bits: number[] = []
  const out: BitWriter = { write: (value, count) => { for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2) } }
  coreOf(data).encode(data, answer, out)
  let at = 0
  const input: BitReader = { read: (count) => { let v = 0; for (let j = 0; j < count; j++) v = v * 2 + (bits[at++] ?? 0); return v } }
  return { bits: bits.length, answer: coreOf(data).decode(data, input) }
}

const data = (correct: 'true' | 'false'): TrueFalseData => ({ id: 'tf', text: 'The sky is blue.', type: 'true-false', points: 1, labels: ['Vrai', 'Faux'], correct })

describe('parsing', () => {
  test('two options, one marked: the first is true, the second false, whatever their text', async () => {
    const { questions, messages } = await quiz(`${question('- [ ] Vrai\n- [x] Faux', ' id="tf-1" points={2}')}\n${question('- [x] Yes\n- [ ] No')}`)
    expect(messages).toEqual([])
    expect(questions.map((q) => [q.id, q.type, q.points, q.data])).toEqual([
      ['tf-1', 'true-false', 2, { id: 'tf-1', text: 'The sky is blue.', type: 'true-false', points: 2, labels: ['Vrai', 'Faux'], correct: 'false' }],
      ['basics.the-sky-is-blue', 'true-false', 1, { id: 'basics.the-sky-is-blue', text: 'The sky is blue.', type: 'true-false', points: 1, labels: ['Yes', 'No'], correct: 'true' }]
    ])
  })

  test.each([
    ['three options', '- [x] True\n- [ ] False\n- [ ] Maybe', '9:1 quiz-true-false-options Unexpected 3 options in true-false question `The sky is blue.`, expected exactly two: the true one, then the false one'],
    ['one option', '- [x] True', '9:1 quiz-true-false-options Unexpected 1 options in true-false question `The sky is blue.`, expected exactly two: the true one, then the false one'],
    ['none marked', '- [ ] True\n- [ ] False', '9:1 quiz-true-false-correct Unexpected no options marked in true-false question `The sky is blue.`, expected exactly one `- [x] …`, the right one'],
    ['both marked', '- [x] True\n- [x] False', '9:1 quiz-true-false-correct Unexpected both options marked in true-false question `The sky is blue.`, expected exactly one `- [x] …`, the right one'],
    ['an item without a checkbox', '- [x] True\n- False', '10:1 quiz-option-not-task Unexpected list item without a checkbox in true-false question `The sky is blue.`, expected `- [ ] …` or `- [x] …`'],
    ['an empty option', '- [x] True\n- [ ] &#32;', '10:1 quiz-option-shape Unexpected empty option in true-false question `The sky is blue.`, expected the option\'s text after the checkbox'],
    ['no task list', 'True or false?', '7:1 quiz-no-options Cannot find the two options of true-false question `The sky is blue.`, expected a task list such as `- [x] True` and `- [ ] False`']
  ])('%s is an error, positioned', async (_name, body, message) => {
    const { questions, messages } = await quiz(question(body))
    expect(messages).toContain(`quiz.md:${message}`)
    expect(questions).toEqual([])
  })

  test('an attribute of another type is refused', async () => {
    const { messages } = await quiz(question('- [x] True\n- [ ] False', ' maxLength={3}'))
    expect(messages).toEqual(['quiz.md:5:1 unknown-attribute Unexpected attribute `maxLength` on a `true-false` question, expected it only with `type="fill-in"`'])
  })
})

describe('scoring, suspend data, records', () => {
  test('right only when the marked option is chosen; nothing chosen is unanswered', () => {
    const core = coreOf(data('false'))
    expect(core.isCorrect(data('false'), ['false'])).toBe(true)
    expect(core.isCorrect(data('false'), ['true'])).toBe(false)
    expect(core.answered(data('false'), [])).toBe(false)
    expect(core.isCorrect(data('false'), [])).toBe(false)
    expect([core.example(data('false'), true), core.example(data('false'), false)]).toEqual([['false'], ['true']])
  })

  test('two bits for every learner, and every answer comes back', () => {
    fc.assert(
      fc.property(fc.constantFrom<'true' | 'false'>('true', 'false'), fc.constantFrom<string[]>([], ['true'], ['false']), (correct, answer) => {
        expect(roundTrip(data(correct), answer)).toEqual({ bits: 2, answer })
        expect(coreOf(data(correct)).bits(data(correct))).toBe(2)
      })
    )
  })

  test('SCORM 1.2 t/f, SCORM 2004 and xAPI true/false, for a right and a wrong answer', () => {
    const q = data('true')
    expect(scormRecord('scorm12', q, ['true'])).toEqual({ type: 'true-false', response: 't', patterns: ['t'], result: 'correct' })
    expect(scormRecord('scorm12', q, ['false'])).toEqual({ type: 'true-false', response: 'f', patterns: ['t'], result: 'wrong' })
    expect(scormRecord('scorm2004', q, ['true'])).toEqual({ type: 'true-false', response: 'true', patterns: ['true'], result: 'correct' })
    expect(scormRecord('scorm2004', q, ['false'])).toEqual({ type: 'true-false', response: 'false', patterns: ['true'], result: 'incorrect' })
    expect(xapiDefinition(q, 'en')).toMatchObject({ interactionType: 'true-false', correctResponsesPattern: ['true'] })
    expect(xapiDefinition(q, 'en')).not.toHaveProperty('choices')
    expect([xapiResult(q, ['true']), xapiResult(q, ['false'])]).toEqual([
      { response: 'true', success: true },
      { response: 'false', success: false }
    ])
  })

  test('a translation whose other option is marked is a mismatch', async () => {
    const { course } = fixtureCourse('translated-fr')
    const source = `---\ntitle: Quiz\n---\n\n${question('- [x] True\n- [ ] False', ' id="tf"')}`
    writeFileSync(path.join(course, '01-basics', 'quiz.md'), source)
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), source.replace('- [x] True\n- [ ] False', '- [x] Vrai\n- [ ] Faux'))
    const fr = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(fr.files.flatMap((f) => f.messages).filter((m) => m.fatal)).toEqual([])
    expect(fr.course.modules[0]?.quiz?.questions[0]?.data).toMatchObject({ id: 'tf', labels: ['Vrai', 'Faux'], correct: 'true' })
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), source.replace('- [x] True\n- [ ] False', '- [ ] Vrai\n- [x] Faux'))
    const wrong = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(wrong.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'translation-mismatch').map((m) => m.reason)).toEqual([
      'Unexpected answer in translated question 1 (`The sky is blue.`): false (the second option) correct, expected true (the first option) correct as in `quiz.md`'
    ])
  })

  test('a translation keeps which option is right', () => {
    expect(coreOf(data('true')).key(data('true'))).not.toBe(coreOf(data('false')).key(data('false')))
    expect(coreOf(data('true')).key({ ...data('true'), labels: ['Oui', 'Non'] })).toBe(coreOf(data('true')).key(data('true')))
  })
})
