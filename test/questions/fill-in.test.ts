/** Fill-in questions: the Markdown form and its diagnostics, normalisation and scoring, suspend data, and the records of each standard. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import { comparable, type FillInData, tidy } from '../../src/questions/fill-in/core.js'
import { scormRecord, xapiDefinition, xapiResult } from '../../src/questions/records.js'
import type { BitReader, BitWriter } from '../../src/questions/types.js'
import { toCourseData } from '../../src/package/course-data.js'
import { encodedLength, encodeState, decodeState } from '../../src/shared/suspend.js'
import { cleanup, fixtureCourse, longestState } from '../helpers.js'

afterAll(cleanup)

/** The first module's quiz replaced by `body`: the course, its questions and every message as `file:line:column rule message`. */
async function quiz(body: string) {
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Quiz\n---\n\n${body}`)
  const result = await checkCourse(course)
  return {
    course: result.course,
    questions: result.course.modules[0]?.quiz?.questions ?? [],
    messages: result.files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))
  }
}

const question = (body: string, attributes = '') => `<Question type="fill-in"${attributes}>\n\n## Capital of France?\n\n${body}\n\n</Question>\n`

function roundTrip(data: FillInData, answer: readonly string[]): { bits: number; answer: readonly string[] } {
  const bits: number[] = []
  const out: BitWriter = { write: (value, count) => { for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2) } }
  coreOf(data).encode(data, answer, out)
  let at = 0
  const input: BitReader = { read: (count) => { let v = 0; for (let j = 0; j < count; j++) v = v * 2 + (bits[at++] ?? 0); return v } }
  return { bits: bits.length, answer: coreOf(data).decode(data, input) }
}

const data = (over: Partial<FillInData> = {}): FillInData => ({ id: 'fi', text: 'Capital of France?', type: 'fill-in', points: 1, answers: ['Paris', 'Lutèce'], caseSensitive: false, maxLength: 60, ...over })

describe('parsing', () => {
  test('a bullet list of accepted answers, tidied; caseSensitive and maxLength; the prompt before the list, feedback after', async () => {
    const { questions, messages } = await quiz(
      `${question('Type the **city**.\n\n-   Paris  \n- Lut\u0065\u0300ce\n\n> It has been the capital since 987.', ' id="fi-1" points={3} caseSensitive={true} maxLength={12}')}\n${question('- Paris')}`
    )
    expect(messages).toEqual([])
    expect(questions.map((q) => q.data)).toEqual([
      { id: 'fi-1', text: 'Capital of France?', type: 'fill-in', points: 3, answers: ['Paris', 'Lutèce'], caseSensitive: true, maxLength: 12 },
      { id: 'basics.capital-of-france', text: 'Capital of France?', type: 'fill-in', points: 1, answers: ['Paris'], caseSensitive: false, maxLength: 60 }
    ])
    expect(questions[0]?.prompt.children.map((n) => n.type)).toEqual(['paragraph'])
    expect(questions[0]?.feedback?.children.map((n) => n.type)).toEqual(['paragraph'])
  })

  test.each([
    ['no list', 'Type it.', '7:1 quiz-fill-in-no-answers Cannot find the accepted answers of fill-in question `Capital of France?`, expected a bullet list such as `- Paris`'],
    ['an ordered list', '1. Paris', '7:1 quiz-fill-in-no-answers Cannot find the accepted answers of fill-in question `Capital of France?`, expected a bullet list such as `- Paris`'],
    ['a checkbox', '- Paris\n- [x] Lutèce', '10:1 quiz-fill-in-answer-shape Unexpected checkbox in the answers of fill-in question `Capital of France?`, expected plain items such as `- Paris`: every item is an accepted answer'],
    ['an empty answer', '- Paris\n- &#32;', '10:1 quiz-fill-in-answer-shape Unexpected empty answer in fill-in question `Capital of France?`, expected the text of an accepted answer'],
    ['two paragraphs in an answer', '- Paris\n\n  and more', '11:3 quiz-fill-in-answer-shape Unexpected content other than one line of text in the answers of fill-in question `Capital of France?`, expected one accepted answer per item']
  ])('%s is an error, positioned', async (_name, body, message) => {
    const { questions, messages } = await quiz(question(body))
    expect(messages).toEqual([`quiz.md:${message}`])
    expect(questions).toEqual([])
  })

  test('an answer longer than maxLength could never be typed: an error on its item', async () => {
    const { messages } = await quiz(question('- Paris\n- Lutèce', ' maxLength={5}'))
    expect(messages).toEqual(['quiz.md:10:1 quiz-fill-in-answer-length Unexpected answer of 6 characters in fill-in question `Capital of France?`, expected at most `maxLength` (5), which bounds what a learner can type'])
  })

  test.each([
    [' maxLength={0}', '5:26 invalid-attribute Unexpected `0` for `maxLength` on `<Question>`, expected a whole number from 1 to 250'],
    [' maxLength={251}', '5:26 invalid-attribute Unexpected `251` for `maxLength` on `<Question>`, expected a whole number from 1 to 250'],
    [' maxLength={2.5}', '5:26 invalid-attribute Unexpected `2.5` for `maxLength` on `<Question>`, expected a whole number from 1 to 250'],
    [' caseSensitive="yes"', '5:26 invalid-attribute Unexpected `yes` for `caseSensitive` on `<Question>`, expected `{true}` or `{false}`']
  ])('%s is refused at the attribute', async (attributes, message) => {
    const { messages } = await quiz(question('- Paris', attributes))
    expect(messages).toEqual([`quiz.md:${message}`])
  })

  test('answers equal once compared are a warning', async () => {
    const { messages } = await quiz(question('- Paris\n- PARIS'))
    expect(messages).toEqual(['quiz.md:10:1 quiz-duplicate-option Unexpected duplicate answer `PARIS` in fill-in question `Capital of France?`, expected distinct answers'])
  })
})

describe('normalisation and scoring', () => {
  test('NFC, trimmed, white space collapsed; case folded unless case-sensitive', () => {
    expect(tidy('  Lut\u0065\u0300ce \t de\u00a0 Paris\n')).toBe('Lutèce de Paris')
    expect(comparable('STRASSE', false)).toBe(comparable('Straße', false))
    expect(comparable('Paris', true)).not.toBe(comparable('paris', true))
    const core = coreOf(data())
    expect(core.isCorrect(data(), ['  paris '])).toBe(true)
    expect(core.isCorrect(data(), ['LUTE\u0300CE'])).toBe(true)
    expect(core.isCorrect(data({ caseSensitive: true }), ['paris'])).toBe(false)
    expect(core.isCorrect(data({ caseSensitive: true }), [' Paris'])).toBe(true)
    expect(core.isCorrect(data(), ['Pari s'])).toBe(false)
    expect(core.answered(data(), ['   '])).toBe(false)
    expect(core.isCorrect(data({ answers: ['a'] }), [''])).toBe(false)
    expect(core.example(data(), true)).toEqual(['Paris'])
    expect(core.isCorrect(data(), core.example(data(), false))).toBe(false)
    expect(core.example(data({ answers: ['#'], maxLength: 1 }), false)).toEqual(['?'])
    expect(core.isCorrect(data({ answers: ['#', '?', '*', '~'] }), core.example(data({ answers: ['#', '?', '*', '~'] }), false))).toBe(false)
  })
})

describe('suspend data', () => {
  test('exactly bitsFor(maxLength) + 16 × maxLength bits, and any text of at most maxLength code units comes back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 250 }), fc.string({ unit: 'binary', maxLength: 250 }), (maxLength, text) => {
        const q = data({ maxLength })
        const kept = text.slice(0, maxLength)
        const bits = Math.floor(Math.log2(maxLength)) + 1 + 16 * maxLength
        expect(coreOf(q).bits(q)).toBe(bits)
        expect(roundTrip(q, [text])).toEqual({ bits, answer: kept === '' ? [] : [kept] })
      })
    )
    expect(roundTrip(data(), [])).toEqual({ bits: 6 + 960, answer: [] })
  })

  test('the worst case is the computed length: a course state of full-length answers encodes to encodedLength', async () => {
    const { course, messages } = await quiz(`${question('- Paris', ' maxLength={250}')}\n${question('- Paris', ' id="second"')}`)
    expect(messages).toEqual([])
    const courseData = toCourseData(course, 'scorm12', {})
    const state = longestState(courseData, [['\uffff'.repeat(250)], ['\ud83d\ude00'.repeat(30)]])
    const encoded = encodeState(courseData, state)
    expect(encoded).toHaveLength(encodedLength(courseData))
    expect(decodeState(courseData, encoded)?.quizzes[0]?.last?.answers).toEqual([['\uffff'.repeat(250)], ['\ud83d\ude00'.repeat(30)]])
  })
})

describe('the build', () => {
  test('the worst case counts in the SCORM 1.2 budget: with a kept attempt besides the last, four fill-ins of 250 characters cannot fit in 4,096 characters', async () => {
    const fits = await quiz(Array.from({ length: 3 }, (_, i) => question('- Paris', ` id="f${i}" maxLength={250}`)).join('\n'))
    expect(fits.messages).toEqual([])
    const over = await quiz(Array.from({ length: 4 }, (_, i) => question('- Paris', ` id="f${i}" maxLength={250}`)).join('\n'))
    expect(over.messages.map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual(['course.md:1:1 scorm12-suspend-data'])
  })

  test('a translation keeps the number of answers, caseSensitive and maxLength; its answers are its own text', async () => {
    const { course } = fixtureCourse('translated-fr')
    const source = `---\ntitle: Quiz\n---\n\n${question('- Paris\n- Lutèce', ' id="fi" maxLength={20}')}`
    writeFileSync(path.join(course, '01-basics', 'quiz.md'), source)
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), source.replace('Capital of France?', 'Capitale de la France ?').replace('- Lutèce', '- Lutetia'))
    const fr = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(fr.files.flatMap((f) => f.messages).filter((m) => m.fatal)).toEqual([])
    expect(fr.course.modules[0]?.quiz?.questions[0]?.data).toMatchObject({ id: 'fi', answers: ['Paris', 'Lutetia'], maxLength: 20 })
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), source.replace('- Lutèce\n', '').replace('maxLength={20}', 'maxLength={20} caseSensitive'))
    const wrong = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(wrong.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'translation-mismatch').map((m) => m.reason)).toEqual([
      'Unexpected answers in translated question 1 (`Capital of France?`): 1 answer, case-sensitive, at most 20 characters, expected 2 answers, not case-sensitive, at most 20 characters as in `quiz.md`'
    ])
  })
})

describe('records', () => {
  test('SCORM 1.2: fill-in, the text, one pattern per accepted answer', () => {
    expect(scormRecord('scorm12', data(), [' paris '])).toEqual({ type: 'fill-in', response: 'paris', patterns: ['Paris', 'Lutèce'], result: 'correct' })
    expect(scormRecord('scorm12', data(), ['Lyon'])).toEqual({ type: 'fill-in', response: 'Lyon', patterns: ['Paris', 'Lutèce'], result: 'wrong' })
  })

  test('SCORM 2004 and xAPI: each pattern says whether case matters', () => {
    expect(scormRecord('scorm2004', data(), ['Paris'])).toEqual({ type: 'fill-in', response: 'Paris', patterns: ['{case_matters=false}Paris', '{case_matters=false}Lutèce'], result: 'correct' })
    expect(scormRecord('scorm2004', data({ caseSensitive: true }), ['paris'])).toEqual({ type: 'fill-in', response: 'paris', patterns: ['{case_matters=true}Paris', '{case_matters=true}Lutèce'], result: 'incorrect' })
    expect(xapiDefinition(data(), 'fr')).toMatchObject({ interactionType: 'fill-in', correctResponsesPattern: ['{case_matters=false}Paris', '{case_matters=false}Lutèce'] })
    expect([xapiResult(data(), ['Paris ']), xapiResult(data(), ['Lyon'])]).toEqual([
      { response: 'Paris', success: true },
      { response: 'Lyon', success: false }
    ])
  })

  test('a translation keeps the number of answers, case and length, not their texts', () => {
    const core = coreOf(data())
    expect(core.key(data({ answers: ['Parigi', 'Lutezia'] }))).toBe(core.key(data()))
    expect(core.key(data({ answers: ['Paris'] }))).not.toBe(core.key(data()))
    expect(core.key(data({ caseSensitive: true }))).not.toBe(core.key(data()))
    expect(core.key(data({ maxLength: 20 }))).not.toBe(core.key(data()))
  })
})
