import { describe, expect, test } from 'vitest'
import { type CourseData, defaultPolicy, type QuestionData } from '../src/shared/course-data.js'
import { formatHundredths, isCorrect, parseDecimal, reaches, scoreCourse, scoreQuiz, toHundredths } from '../src/shared/scoring.js'
import { decodeState, encodeState, encodedLength, initialState } from '../src/shared/suspend.js'
import { answeredState, twoAttempts } from './helpers.js'
import { cmiTime, cmiTimespan, isoDuration } from '../src/shared/time.js'

const question = (id: string, correct: string[], points = 1, options = ['a', 'b', 'c', 'd']): QuestionData => ({
  id,
  text: id,
  type: correct.length > 1 ? 'multiple' : 'single',
  points,
  options,
  labels: options,
  correct
})

function course(passRule: CourseData['passRule'], quizzes: QuestionData[][]): CourseData {
  return {
    v: 1,
    stateFormat: 3,
    id: 'c',
    version: '1',
    title: 'C',
    language: 'en',
    target: 'scorm12',
    passingScore: 70,
    passRule,
    completion: 'quizzes',
    navigation: 'free',
    media: [],
    contentHash: '',
    pages: ['welcome', ...quizzes.map((_, i) => `m${i}--quiz`), 'results'],
    titles: [],
    kinds: [],
    activityId: 'urn:coursepack:c',
    modules: quizzes.map((questions, i) => ({ id: `m${i}`, title: `M${i}`, pages: [`m${i}--quiz`], quiz: { page: `m${i}--quiz`, title: 'Q', questions, policy: defaultPolicy, banks: [] } })),
    strings: {}
  }
}

describe('scoring', () => {
  test('parses decimals exactly', () => {
    expect(parseDecimal('70')).toEqual({ units: 70, scale: 1 })
    expect(parseDecimal('72.5')).toEqual({ units: 725, scale: 10 })
    expect(parseDecimal(' 0.7 ')).toEqual({ units: 7, scale: 10 })
    expect(parseDecimal('-1')).toBeUndefined()
    expect(parseDecimal('abc')).toBeUndefined()
  })

  test('truncates, never rounds, to hundredths', () => {
    expect(toHundredths(2, 3)).toBe(6666)
    expect(toHundredths(7, 10)).toBe(7000)
    expect(toHundredths(0, 0)).toBe(0)
    expect(formatHundredths(6666)).toBe('66.66')
    expect(formatHundredths(7000)).toBe('70')
    expect(formatHundredths(7050)).toBe('70.5')
    expect(formatHundredths(705)).toBe('7.05')
  })

  test('exactly the passing score passes; a hair below fails', () => {
    const seventy = parseDecimal('70')!
    expect(reaches(7000, seventy)).toBe(true)
    expect(reaches(6999, seventy)).toBe(false)
    // 0.7 * 100 is 70.00000000000001 in floats; exact comparison does not care.
    expect(reaches(toHundredths(7, 10), seventy)).toBe(true)
    expect(reaches(7250, parseDecimal('72.5')!)).toBe(true)
    expect(reaches(7249, parseDecimal('72.5')!)).toBe(false)
  })

  test('multiple response is all or nothing', () => {
    const q = question('q', ['a', 'c'])
    expect(isCorrect(q, ['c', 'a'])).toBe(true)
    expect(isCorrect(q, ['a'])).toBe(false)
    expect(isCorrect(q, ['a', 'b', 'c'])).toBe(false)
  })

  test('weights questions by points', () => {
    const score = scoreQuiz([question('a', ['a'], 2), question('b', ['b'])], [['a'], ['a']])
    expect(score).toEqual({ earned: 2, total: 3, hundredths: 6666 })
  })

  const quizzes = [
    Array.from({ length: 10 }, (_, i) => question(`x${i}`, ['a'])),
    Array.from({ length: 10 }, (_, i) => question(`y${i}`, ['a']))
  ]
  const answers = (right: number) => ({ answers: Array.from({ length: 10 }, (_, i) => (i < right ? ['a'] : ['b'])) })

  test('every-module: the lowest module counts', () => {
    const score = scoreCourse(course('every-module', quizzes), [answers(10), answers(6)], parseDecimal('70')!)
    expect(score).toMatchObject({ complete: true, hundredths: 6000, passed: false })
  })

  test('overall: the points-weighted score counts', () => {
    const score = scoreCourse(course('overall', quizzes), [answers(10), answers(6)], parseDecimal('70')!)
    expect(score).toMatchObject({ complete: true, hundredths: 8000, passed: true })
  })

  test('nothing passes until every quiz is submitted', () => {
    const score = scoreCourse(course('overall', quizzes), [answers(10), undefined], parseDecimal('70')!)
    expect(score).toMatchObject({ complete: false, passed: false })
  })
})

describe('suspend data', () => {
  const data = course('overall', [[question('a', ['a']), question('b', ['b', 'c'])], [question('c', ['d'])]])

  test('round-trips page, visits, the seed and submitted answers', () => {
    const state = initialState(data, 0xdeadbeef)
    state.page = 2
    state.visited = [true, false, true, false]
    state.quizzes[0] = answeredState(data.modules[0]!.quiz!, [['a'], ['b', 'c']])
    const text = encodeState(data, state)
    expect(text).toMatch(/^3\.[0-9a-z]{4}\.2\.[A-Za-z0-9_-]+$/)
    expect(decodeState(data, text)).toEqual(state)
  })

  test('the longest state (every quiz with a kept attempt besides the last) is the length the compiler knows', () => {
    const empty = encodeState(data, { ...initialState(data), page: data.pages.length - 1 })
    const quizzes = data.modules.map((m) => twoAttempts(m.quiz!, m.quiz!.questions.map(() => ['a', 'b', 'c', 'd'])))
    const full = encodeState(data, { page: data.pages.length - 1, visited: data.pages.map(() => true), seed: 2 ** 32 - 1, quizzes, changed: data.modules.map(() => true), carried: true, media: data.media.map(() => 100) })
    expect(empty.length).toBeLessThan(full.length)
    expect(full.length).toBe(encodedLength(data))
    expect(decodeState(data, full)?.quizzes).toEqual(quizzes)
  })

  test('ignores garbage (another structure is mapped: test/state-mapping.test.ts)', () => {
    expect(decodeState(data, 'not state')).toBeUndefined()
    expect(decodeState(data, '3.abcd.0.!!')).toBeUndefined()
    expect(decodeState(data, '')).toBeUndefined()
  })
})

describe('time formats', () => {
  test('SCORM 1.2 CMITimespan', () => {
    expect(cmiTimespan(0)).toBe('0000:00:00.00')
    expect(cmiTimespan(3_723_450)).toBe('0001:02:03.45')
    expect(cmiTimespan(1e12)).toBe('9999:59:59.99')
  })
  test('SCORM 1.2 CMITime', () => {
    expect(cmiTime(new Date(2020, 0, 1, 9, 5, 7))).toBe('09:05:07')
  })
  test('ISO 8601 durations with at most two decimals', () => {
    expect(isoDuration(0)).toBe('PT0S')
    expect(isoDuration(3_903_254)).toBe('PT1H5M3.25S')
    expect(isoDuration(60_000)).toBe('PT1M')
  })
})
