/** Numeric questions: the Markdown form and its diagnostics, the learner's digits and separators, exact scoring, suspend data, and the records of each standard. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../../src/pipeline.js'
import { coreOf } from '../../src/questions/cores.js'
import { canonicalNumber, compareDecimals, maxNumberLength, type NumericData } from '../../src/questions/numeric/core.js'
import { scormRecord, xapiDefinition, xapiResult } from '../../src/questions/records.js'
import type { BitReader, BitWriter } from '../../src/questions/types.js'
import { toCourseData } from '../../src/package/course-data.js'
import { scoreQuiz } from '../../src/shared/scoring.js'
import { decodeState, encodedLength, encodeState } from '../../src/shared/suspend.js'
import { cleanup, fixtureCourse, longestState } from '../helpers.js'

afterAll(cleanup)

/** The first module's quiz replaced by `body`, in `language`: the course, its questions and every message as `file:line:column rule message`. */
async function quiz(body: string, language = 'en') {
  const { course } = fixtureCourse()
  const courseFile = path.join(course, 'course.md')
  writeFileSync(courseFile, readFileSync(courseFile, 'utf8').replace(/^language: en$/m, `language: ${language}`))
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Quiz\n---\n\n${body}`)
  const result = await checkCourse(course)
  return {
    course: result.course,
    questions: result.course.modules[0]?.quiz?.questions ?? [],
    messages: result.files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))
  }
}

const question = (attributes: string, text = 'How old is the tree?') => `<Question type="numeric"${attributes}>\n\n## ${text}\n\nIn years.\n\n> Count the rings.\n\n</Question>\n`

function roundTrip(data: NumericData, answer: readonly string[]): { bits: number; answer: readonly string[] } {
  const bits: number[] = []
  const out: BitWriter = { write: (value, count) => { for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2) } }
  coreOf(data).encode(data, answer, out)
  let at = 0
  const input: BitReader = { read: (count) => { let v = 0; for (let j = 0; j < count; j++) v = v * 2 + (bits[at++] ?? 0); return v } }
  return { bits: bits.length, answer: coreOf(data).decode(data, input) }
}

const data = (over: Partial<NumericData> = {}): NumericData => ({ id: 'n', text: 'How old?', type: 'numeric', points: 1, answer: '33', min: '30', max: '36', decimal: '.', ...over })

describe('parsing', () => {
  test('exact, with a tolerance (computed exactly), or with a range; no block: the prompt is all before the feedback', async () => {
    const { questions, messages } = await quiz(
      [question(' answer={33} tolerance={3} id="age" points={2}'), question(' answer={0.1} tolerance={0.2}', 'B?'), question(' answer={33} min={30} max={36.5}', 'C?'), question(' answer="-1.50"', 'D?')].join('\n')
    )
    expect(messages).toEqual([])
    expect(questions.map((q) => q.data)).toEqual([
      { id: 'age', text: 'How old is the tree?', type: 'numeric', points: 2, answer: '33', min: '30', max: '36', decimal: '.' },
      { id: 'basics.b', text: 'B?', type: 'numeric', points: 1, answer: '0.1', min: '-0.1', max: '0.3', decimal: '.' },
      { id: 'basics.c', text: 'C?', type: 'numeric', points: 1, answer: '33', min: '30', max: '36.5', decimal: '.' },
      { id: 'basics.d', text: 'D?', type: 'numeric', points: 1, answer: '-1.5', min: '-1.5', max: '-1.5', decimal: '.' }
    ])
    expect(questions[0]?.prompt.children.map((n) => n.type)).toEqual(['paragraph'])
    expect(questions[0]?.feedback?.children.map((n) => n.type)).toEqual(['paragraph'])
  })

  test.each([
    ['fr', ','],
    ['ru', ','],
    ['es', ','],
    ['en', '.'],
    ['ar', '.'],
    ['zh', '.']
  ])('in %s the decimal separator is `%s`', async (language, decimal) => {
    const { questions } = await quiz(question(' answer={2.5}'), language)
    expect(questions[0]?.data).toMatchObject({ type: 'numeric', decimal })
  })

  test.each([
    ['no answer', '', '5:1 quiz-numeric-no-answer Cannot find the answer of numeric question `How old is the tree?`, expected an attribute such as `answer={33}` on its `<Question>`'],
    ['a tolerance and a range', ' answer={3} tolerance={1} min={2}', '5:1 quiz-numeric-tolerance-and-range Unexpected `tolerance` with `min` in numeric question `How old is the tree?`, expected either `tolerance={…}` or `min={…} max={…}`'],
    ['min above max', ' answer={3} min={4} max={2}', '5:1 quiz-numeric-range Unexpected range from 4 to 2 in numeric question `How old is the tree?`, expected `min` at most `max`'],
    ['the answer outside its range', ' answer={3} min={4} max={5}', '5:1 quiz-numeric-range Unexpected answer 3 outside the range from 4 to 5 in numeric question `How old is the tree?`, expected the answer within its range'],
    ['one bound only', ' answer={3} max={5}', '5:1 quiz-numeric-range Cannot find `min` in numeric question `How old is the tree?`, expected both `min={…}` and `max={…}` for a range'],
    ['a text for a number', ' answer="three"', '5:26 invalid-attribute Unexpected `three` for `answer` on `<Question>`, expected a number such as `{3}` or `{2.5}` (at most 15 significant digits and 20 characters)'],
    ['a negative tolerance', ' answer={3} tolerance={-1}', '5:37 invalid-attribute Unexpected `-1` for `tolerance` on `<Question>`, expected a number of 0 or more such as `{3}` or `{2.5}` (at most 15 significant digits and 20 characters)'],
    ['an exponent', ' answer={1e21}', '5:26 invalid-attribute Unexpected `1e+21` for `answer` on `<Question>`, expected a number such as `{3}` or `{2.5}` (at most 15 significant digits and 20 characters)'],
    ['a boolean for min', ' answer={3} min max={4}', '5:37 invalid-attribute Unexpected `true` for `min` on `<Question>`, expected a number such as `{3}` or `{2.5}` (at most 15 significant digits and 20 characters)']
  ])('%s is an error, positioned, reported once', async (_name, attributes, message) => {
    const { questions, messages } = await quiz(question(attributes))
    expect(messages).toEqual([`quiz.md:${message}`])
    expect(questions).toEqual([])
  })
})

describe("the learner's number", () => {
  test('canonical ASCII: Arabic-Indic and Extended Arabic-Indic digits, the decimal comma where the course has one', () => {
    expect(canonicalNumber('٣٣', '.')).toBe('33')
    expect(canonicalNumber('۳۳٫۵', '.')).toBe('33.5')
    expect(canonicalNumber(' 33,50 ', ',')).toBe('33.5')
    expect(canonicalNumber('33.5', ',')).toBe('33.5')
    expect(canonicalNumber('33,5', '.')).toBeUndefined()
    expect(canonicalNumber('+007', '.')).toBe('7')
    expect(canonicalNumber('−0,0', ',')).toBe('0')
    expect(canonicalNumber('.5', '.')).toBe('0.5')
    expect(canonicalNumber('-5.', '.')).toBe('-5')
    for (const text of ['', '-', '.', '1.2.3', '1 000', '3e2', 'abc', '1,5', '--1']) expect(canonicalNumber(text, '.'), text).toBeUndefined()
    expect(canonicalNumber('1'.repeat(maxNumberLength), '.')).toHaveLength(maxNumberLength)
    expect(canonicalNumber('1'.repeat(maxNumberLength + 1), '.')).toBeUndefined()
  })

  test('decimals compare exactly, as integers of digits, never as floats', () => {
    expect(compareDecimals('0.3', '0.30000000000000004')).toBeLessThan(0)
    expect(compareDecimals('12345678901234567890', '12345678901234567891')).toBeLessThan(0)
    expect(compareDecimals('-2', '-10')).toBeGreaterThan(0)
    expect(compareDecimals('-0.5', '0')).toBeLessThan(0)
    expect(compareDecimals('36', '36')).toBe(0)
    expect(compareDecimals('-36', '-36')).toBe(0)
    // Against BigInt over a common scale, for any two decimals.
    const decimal = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 })).map(([negative, units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0')
      return canonicalNumber(`${negative ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`, '.') ?? '0'
    })
    const toScaled = (x: string) => {
      const [whole = '', fraction = ''] = x.replace('-', '').split('.')
      const units = BigInt(whole + fraction.padEnd(7, '0'))
      return x.startsWith('-') ? -units : units
    }
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(Math.sign(compareDecimals(a, b))).toBe(Number(toScaled(a) > toScaled(b)) - Number(toScaled(a) < toScaled(b)))
      })
    )
  })

  test('right within [min, max], bounds included; a text that is no number is unanswered', () => {
    const core = coreOf(data())
    for (const [answer, right] of [['30', true], ['36', true], ['29.9999999', false], ['36.0000001', false], ['٣٣', true], ['-33', false]] as const) expect(core.isCorrect(data(), [answer]), answer).toBe(right)
    expect(core.isCorrect(data({ decimal: ',' }), ['30,5'])).toBe(true)
    expect(core.answered(data(), ['abc'])).toBe(false)
    expect(core.isCorrect(data(), ['abc'])).toBe(false)
    expect(core.answered(data(), [])).toBe(false)
    expect(scoreQuiz([data({ points: 2 }), data({ id: 'm', answer: '0.3', min: '0.3', max: '0.3' })], [['33'], ['0.30']])).toEqual({ earned: 3, total: 3, hundredths: 10000 })
    expect(scoreQuiz([data({ points: 2 }), data({ id: 'm' })], [['33'], ['37']])).toEqual({ earned: 2, total: 3, hundredths: 6666 })
  })

  test('examples: the answer, and a number above the range', () => {
    for (const q of [data(), data({ answer: '-5', min: '-7', max: '-3' }), data({ answer: '0', min: '0', max: '0.5' }), data({ answer: '1', min: '1', max: '9'.repeat(20) })]) {
      expect(coreOf(q).isCorrect(q, coreOf(q).example(q, true))).toBe(true)
      const wrong = coreOf(q).example(q, false)
      expect(coreOf(q).answered(q, wrong)).toBe(true)
      expect(coreOf(q).isCorrect(q, wrong)).toBe(false)
    }
  })
})

describe('suspend data', () => {
  test('always 4 × 20 bits; every canonical number of up to 20 characters comes back', () => {
    const typed = fc.stringMatching(/^-?\d{1,10}(\.\d{1,8})?$/)
    fc.assert(
      fc.property(typed, (text) => {
        const canonical = canonicalNumber(text, '.')
        expect(roundTrip(data(), [text])).toEqual({ bits: 80, answer: canonical === undefined ? [] : [canonical] })
      })
    )
    expect(roundTrip(data(), [])).toEqual({ bits: 80, answer: [] })
    expect(roundTrip(data(), ['not a number'])).toEqual({ bits: 80, answer: [] })
    expect(roundTrip(data(), ['-1234567890.12345678'])).toEqual({ bits: 80, answer: ['-1234567890.12345678'] })
  })

  test('a course state with numbers of every length encodes to encodedLength and back', async () => {
    const { course } = await quiz([question(' answer={33}'), question(' answer={1}', 'B?')].join('\n'))
    const courseData = toCourseData(course, 'scorm12', {})
    const state = longestState(courseData, [['-1234567890.12345678'], ['0']])
    const encoded = encodeState(courseData, state)
    expect(encoded).toHaveLength(encodedLength(courseData))
    expect(decodeState(courseData, encoded)?.quizzes[0]?.last?.answers).toEqual([['-1234567890.12345678'], ['0']])
  })
})

describe('translations', () => {
  test('a French translation keeps the numbers and reads the decimal comma; other numbers are a mismatch', async () => {
    const { course } = fixtureCourse('translated-fr')
    const source = `---\ntitle: Quiz\n---\n\n${question(' id="age" answer={33} tolerance={3}')}`
    writeFileSync(path.join(course, '01-basics', 'quiz.md'), source)
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), source.replace('How old is the tree?', "Quel âge a l'arbre ?"))
    const fr = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(fr.files.flatMap((f) => f.messages).filter((m) => m.fatal)).toEqual([])
    expect(fr.course.modules[0]?.quiz?.questions[0]?.data).toEqual({ id: 'age', text: "Quel âge a l'arbre ?", type: 'numeric', points: 1, answer: '33', min: '30', max: '36', decimal: ',' })
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), source.replace('tolerance={3}', 'min={30} max={35}'))
    const wrong = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(wrong.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'translation-mismatch').map((m) => m.reason)).toEqual([
      'Unexpected answer in translated question 1 (`How old is the tree?`): 33, accepted from 30 to 35, expected 33, accepted from 30 to 36 as in `quiz.md`'
    ])
  })
})

describe('records', () => {
  test('SCORM 1.2: numeric, the canonical response, the answer as the single correct number', () => {
    expect(scormRecord('scorm12', data(), ['٣٤'])).toEqual({ type: 'numeric', response: '34', patterns: ['33'], result: 'correct' })
    expect(scormRecord('scorm12', data(), ['40'])).toEqual({ type: 'numeric', response: '40', patterns: ['33'], result: 'wrong' })
  })

  test('SCORM 2004 and xAPI: the range min[:]max', () => {
    expect(scormRecord('scorm2004', data({ decimal: ',' }), ['30,5'])).toEqual({ type: 'numeric', response: '30.5', patterns: ['30[:]36'], result: 'correct' })
    expect(scormRecord('scorm2004', data(), ['-3'])).toEqual({ type: 'numeric', response: '-3', patterns: ['30[:]36'], result: 'incorrect' })
    expect(scormRecord('scorm2004', data({ min: '33', max: '33' }), ['33'])).toEqual({ type: 'numeric', response: '33', patterns: ['33[:]33'], result: 'correct' })
    expect(xapiDefinition(data(), 'en')).toMatchObject({ interactionType: 'numeric', correctResponsesPattern: ['30[:]36'] })
    expect([xapiResult(data(), ['33']), xapiResult(data(), ['37'])]).toEqual([
      { response: '33', success: true },
      { response: '37', success: false }
    ])
  })

  test('a translation keeps the numbers', () => {
    const core = coreOf(data())
    expect(core.key(data({ decimal: ',', text: 'Quel âge ?' }))).toBe(core.key(data()))
    expect(core.key(data({ max: '37' }))).not.toBe(core.key(data()))
    expect(core.key(data({ answer: '34' }))).not.toBe(core.key(data()))
  })
})
