/**
 * Quiz attempts on the shared side (src/shared/attempts.ts, src/shared/suspend.ts): seeded
 * draws, `repeat: avoid`, which attempt counts, when answers are revealed, and the suspend-data
 * budget against a brute-force walk of every state small courses can reach.
 */
import { describe, expect, test } from 'vitest'
import {
  type Attempt,
  attemptSeed,
  attemptsLeft,
  drawAttempt,
  emptyQuizState,
  keptAttempt,
  questionOrder,
  type QuizState,
  revealsNow,
  submitAttempt
} from '../src/shared/attempts.js'
import type { CourseData, QuizData, QuizPolicy } from '../src/shared/course-data.js'
import { choice, courseOf, quizOf } from './course-data.js'
import { parseDecimal } from '../src/shared/scoring.js'
import { decodeState, encodedLength, encodeState, initialState } from '../src/shared/suspend.js'

const passing = parseDecimal('70')!

/** A bank of six questions drawing three, after one fixed question. */
const bankQuiz = (policy: Partial<QuizPolicy> = {}) =>
  quizOf(
    [choice('fixed'), ...Array.from({ length: 6 }, (_, i) => choice(`b${i}`))],
    [{ id: 'bank', draw: 3, questions: [1, 2, 3, 4, 5, 6] }],
    policy
  )

/** An attempt answering `right` of the asked questions right (the first ones), the rest wrong. */
function attemptWith(quiz: QuizData, n: number, asked: number[], right: number): Attempt {
  const answers = quiz.questions.map(() => [] as string[])
  asked.forEach((i, k) => (answers[i] = [k < right ? 'a' : 'b']))
  return { n, asked, answers }
}

describe('draws', () => {
  test('are the same for a seed and attempt, in the author order, with every fixed question', () => {
    const quiz = bankQuiz()
    for (let seed = 0; seed < 50; seed++) {
      const s = attemptSeed(seed, 'm1', 1)
      const asked = drawAttempt(quiz, s, emptyQuizState(quiz).seen)
      expect(asked).toEqual(drawAttempt(quiz, s, emptyQuizState(quiz).seen))
      expect(asked).toHaveLength(4)
      expect(asked[0]).toBe(0)
      expect([...asked].sort((a, b) => a - b)).toEqual(asked)
    }
  })

  test('differ across seeds and across attempts', () => {
    const quiz = bankQuiz({ repeat: 'allow' })
    const seen = emptyQuizState(quiz).seen
    const bySeed = new Set(Array.from({ length: 40 }, (_, seed) => drawAttempt(quiz, attemptSeed(seed, 'm1', 1), seen).join()))
    const byAttempt = new Set(Array.from({ length: 40 }, (_, n) => drawAttempt(quiz, attemptSeed(7, 'm1', n + 1), seen).join()))
    // 20 possible draws of 3 among 6: forty seeds find many of them.
    expect(bySeed.size).toBeGreaterThan(8)
    expect(byAttempt.size).toBeGreaterThan(8)
  })

  test('repeat: avoid never asks a seen question while the bank has enough unseen ones', () => {
    for (let seed = 0; seed < 200; seed++) {
      const quiz = quizOf(Array.from({ length: 7 }, (_, i) => choice(`b${i}`)), [{ id: 'bank', draw: 3, questions: [0, 1, 2, 3, 4, 5, 6] }], { attempts: 5 })
      let state = emptyQuizState(quiz)
      for (let n = 1; n <= 5; n++) {
        const asked = drawAttempt(quiz, attemptSeed(seed, 'm1', n), state.seen)
        const unseen = quiz.questions.filter((_, i) => !state.seen[i]).length
        const repeated = asked.filter((i) => state.seen[i]).length
        // As many new questions as the bank still has, up to the draw.
        expect(asked.length - repeated).toBe(Math.min(3, unseen))
        state = submitAttempt(quiz, state, attemptWith(quiz, n, asked, 0))
        if (unseen === 0) expect(state.seen.every(Boolean)).toBe(true)
      }
    }
  })

  test('repeat: allow may ask a question again in the next attempt', () => {
    const quiz = bankQuiz({ repeat: 'allow' })
    let repeats = 0
    for (let seed = 0; seed < 50; seed++) {
      const first = drawAttempt(quiz, attemptSeed(seed, 'm1', 1), emptyQuizState(quiz).seen)
      const second = drawAttempt(quiz, attemptSeed(seed, 'm1', 2), quiz.questions.map((_, i) => first.includes(i)))
      if (second.some((i) => i !== 0 && first.includes(i))) repeats++
    }
    expect(repeats).toBeGreaterThan(0)
  })

  test('shuffle: questions orders an attempt by its seed; none keeps the author order', () => {
    const asked = [0, 1, 2, 3, 4, 5, 6]
    expect(questionOrder(bankQuiz(), asked, 5)).toEqual(asked)
    const shuffledQuiz = bankQuiz({ shuffle: 'questions' })
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => questionOrder(shuffledQuiz, asked, seed).join()))
    expect(orders.size).toBeGreaterThan(10)
    expect(questionOrder(shuffledQuiz, asked, 3)).toEqual(questionOrder(shuffledQuiz, asked, 3))
    expect([...questionOrder(shuffledQuiz, asked, 3)].sort()).toEqual(asked)
  })
})

describe('which attempt counts, and when answers show', () => {
  const quiz = quizOf(Array.from({ length: 10 }, (_, i) => choice(`q${i}`)), [], { attempts: 3 })
  const all = quiz.questions.map((_, i) => i)
  const after = (policy: Partial<QuizPolicy>, rights: number[]): QuizState => {
    const q = { ...quiz, policy: { ...quiz.policy, ...policy } }
    return rights.reduce((state, right, k) => submitAttempt(q, state, attemptWith(q, k + 1, all, right)), emptyQuizState(q))
  }

  test('keep: best keeps the better of two attempts; keep: last the last', () => {
    expect(keptAttempt(after({ keep: 'best' }, [8, 6]))?.n).toBe(1)
    expect(keptAttempt(after({ keep: 'best' }, [6, 8]))?.n).toBe(2)
    expect(keptAttempt(after({ keep: 'best' }, [7, 7]))?.n).toBe(2)
    expect(keptAttempt(after({ keep: 'last' }, [8, 6]))?.n).toBe(2)
    expect(after({ keep: 'best' }, [8, 6]).best?.n).toBe(1)
    expect(after({ keep: 'best' }, [6, 8]).best).toBeUndefined()
  })

  test('attempts left count down to zero; unlimited never does', () => {
    expect(attemptsLeft(quiz, after({}, [5]))).toBe(2)
    expect(attemptsLeft(quiz, after({}, [5, 5, 5]))).toBe(0)
    expect(attemptsLeft({ ...quiz, policy: { ...quiz.policy, attempts: 0 } }, after({ attempts: 0 }, [5, 5, 5]))).toBe(Infinity)
  })

  test('reveal follows the policy', () => {
    const q = (reveal: QuizPolicy['reveal']) => ({ ...quiz, policy: { ...quiz.policy, reveal } })
    expect(revealsNow(q('after-passing'), after({}, [6]), passing)).toBe(false)
    expect(revealsNow(q('after-passing'), after({}, [6, 7]), passing)).toBe(true)
    expect(revealsNow(q('after-last-attempt'), after({}, [6, 6]), passing)).toBe(false)
    expect(revealsNow(q('after-last-attempt'), after({}, [6, 6, 6]), passing)).toBe(true)
    expect(revealsNow(q('never'), after({}, [10, 10, 10]), passing)).toBe(false)
    expect(revealsNow(q('always'), after({}, [0]), passing)).toBe(true)
  })
})

/** Every combination of `k` items of a list. */
function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]]
  return items.flatMap((item, i) => combinations(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]))
}

/** Every draw a quiz can make: the fixed questions and each bank's combinations. */
function everyDraw(quiz: QuizData): number[][] {
  const fixed = quiz.questions.flatMap((_, i) => (quiz.banks.some((b) => b.questions.includes(i)) ? [] : [i]))
  let draws: number[][] = [fixed]
  for (const bank of quiz.banks) draws = draws.flatMap((d) => combinations(bank.questions, bank.draw).map((c) => [...d, ...c]))
  return draws.map((d) => d.sort((a, b) => a - b))
}

/** Every record a quiz can hold: attempts used, the last draw, a kept earlier attempt (`keep: best`) or none, what was seen. */
function everyRecord(quiz: QuizData): QuizState[] {
  const limit = quiz.policy.attempts === 0 ? 255 : quiz.policy.attempts
  const records: QuizState[] = [emptyQuizState(quiz)]
  // What was seen is written only for `repeat: avoid` with banks; otherwise it is the last draw.
  const tracked = quiz.policy.repeat === 'avoid' && quiz.banks.length > 0
  for (const used of new Set([1, limit])) {
    for (const last of everyDraw(quiz)) {
      const seen = quiz.questions.map((_, i) => tracked || last.includes(i))
      records.push({ used, last: attemptWith(quiz, used, last, 0), best: undefined, seen })
      if (used > 1 && quiz.policy.keep === 'best') for (const best of everyDraw(quiz)) records.push({ used, last: attemptWith(quiz, used, last, 0), best: attemptWith(quiz, 1, best, 1), seen })
    }
  }
  return records
}

describe('suspend data of attempts and banks', () => {
  // Question sizes differ (2 to 5 options), so which questions a draw takes changes the length.
  const courses: Record<string, CourseData> = {
    'one attempt, no bank': courseOf([quizOf([choice('a', 3), choice('b', 2)], [], { attempts: 1 })]),
    'two attempts, a bank of 4 drawing 2': courseOf([
      quizOf([choice('f', 2), choice('x', 2), choice('y', 5), choice('z', 3), choice('w', 4)], [{ id: 'k', draw: 2, questions: [1, 2, 3, 4] }], { attempts: 2 })
    ]),
    'unlimited, two banks, repeat: allow': courseOf([
      quizOf([choice('x', 2), choice('y', 5), choice('z', 3), choice('u', 4), choice('v', 2)], [{ id: 'k', draw: 1, questions: [0, 1, 2] }, { id: 'l', draw: 1, questions: [3, 4] }], { repeat: 'allow' })
    ]),
    'three attempts, keep last, two quizzes': courseOf([
      quizOf([choice('a', 4), choice('b', 2), choice('c', 3)], [{ id: 'k', draw: 2, questions: [0, 1, 2] }], { attempts: 3, keep: 'last' }),
      quizOf([choice('d', 5)], [], { attempts: 3 })
    ])
  }

  for (const [name, data] of Object.entries(courses)) {
    test(`${name}: the budget is the longest encoding of every reachable state, and every state reads back`, () => {
      const quizzes = data.modules.map((m) => m.quiz!)
      let combos: QuizState[][] = [[]]
      for (const quiz of quizzes) combos = combos.flatMap((c) => everyRecord(quiz).map((r) => [...c, r]))
      let longest = 0
      for (const records of combos) {
        const state = { ...initialState(data, 0xffffffff), page: data.pages.length - 1, visited: data.pages.map(() => true), quizzes: records }
        const text = encodeState(data, state)
        longest = Math.max(longest, text.length)
        expect(decodeState(data, text)?.quizzes).toEqual(records)
      }
      expect(longest).toBe(encodedLength(data))
    })
  }

  test('a state whose draw the quiz cannot make, or more attempts than allowed, is not read', () => {
    const data = courses['two attempts, a bank of 4 drawing 2']!
    const quiz = data.modules[0]!.quiz!
    const bad = (record: QuizState) => decodeState(data, encodeState(data, { ...initialState(data), quizzes: [record] }))
    expect(bad({ used: 1, last: attemptWith(quiz, 1, [0, 1, 2, 3], 0), best: undefined, seen: quiz.questions.map(() => true) })).toBeUndefined()
    expect(bad({ used: 3, last: attemptWith(quiz, 3, [0, 1, 2], 0), best: undefined, seen: quiz.questions.map(() => true) })).toBeUndefined()
    expect(bad({ used: 1, last: attemptWith(quiz, 1, [0, 1, 2], 0), best: undefined, seen: quiz.questions.map(() => true) })).toBeDefined()
  })

  test('a changed policy or bank is another quiz: its record is not misread, the quiz starts over with the notice', () => {
    const data = courses['two attempts, a bank of 4 drawing 2']!
    const quiz = data.modules[0]!.quiz!
    const taken = { ...initialState(data), quizzes: [{ used: 1, last: attemptWith(quiz, 1, [0, 1, 2], 0), best: undefined, seen: quiz.questions.map(() => true) }] }
    const text = encodeState(data, taken)
    const more = { ...data, modules: [{ ...data.modules[0]!, quiz: { ...quiz, policy: { ...quiz.policy, attempts: 3 } } }] }
    const drawMore = { ...data, modules: [{ ...data.modules[0]!, quiz: { ...quiz, banks: [{ ...quiz.banks[0]!, draw: 3 }] } }] }
    expect(decodeState(data, text)?.quizzes).toEqual(taken.quizzes)
    for (const changed of [more, drawMore]) {
      expect(decodeState(changed, text)).toMatchObject({ quizzes: [emptyQuizState(quiz)], changed: [true], carried: true })
    }
  })
})
