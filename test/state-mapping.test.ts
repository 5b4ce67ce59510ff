/**
 * The learner state across versions of a course (src/shared/suspend.ts, format 3, and
 * src/shared/legacy-state.ts): what a package built after each kind of change keeps of a state
 * the earlier package wrote, and that states of formats 1 and 2 (as coursepack 0.1 wrote them)
 * are read.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type Attempt, emptyQuizState, type QuizState, submitAttempt } from '../src/shared/attempts.js'
import type { CourseData, QuestionData, QuizData } from '../src/shared/course-data.js'
import { restoreState } from '../src/shared/legacy-state.js'
import { decodeState, encodeBits, encodedLength, encodeState, fingerprint, initialState, type LearnerState } from '../src/shared/suspend.js'
import { choice, quizOf } from './course-data.js'

const all = (quiz: QuizData) => quiz.questions.map((_, i) => i)
const attempt = (quiz: QuizData, n: number, answers: string[][]): Attempt => ({ n, asked: all(quiz), answers })

/** Version 1: a welcome page, two modules of an introduction, a lesson and a quiz, and the results page. */
function version1(): CourseData {
  const quiz1 = quizOf([choice('m1-q1', 3), choice('m1-q2', 2, 2)], [], { attempts: 2 }, 'm1-quiz')
  const quiz2 = quizOf([choice('m2-q1', 2), choice('m2-q2', 4)], [], { attempts: 2 }, 'm2-quiz')
  return {
    v: 1,
    stateFormat: 3,
    id: 'course',
    version: '1.0.0',
    title: 'Course',
    language: 'en',
    target: 'scorm12',
    passingScore: 70,
    passRule: 'overall',
    completion: 'quizzes',
    navigation: 'free',
    media: [],
    contentHash: '',
    pages: ['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'm2-intro', 'm2-lesson', 'm2-quiz', 'results'],
    titles: [],
    kinds: [],
    activityId: 'urn:course',
    modules: [
      { id: 'm1', title: 'M1', pages: ['m1-intro', 'm1-lesson', 'm1-quiz'], quiz: quiz1 },
      { id: 'm2', title: 'M2', pages: ['m2-intro', 'm2-lesson', 'm2-quiz'], quiz: quiz2 }
    ],
    strings: {}
  }
}

/** A learner on module 2's lesson: module 1's quiz taken twice (the first attempt counts), module 2's once. */
function halfway(data: CourseData): LearnerState {
  const [quiz1, quiz2] = data.modules.map((m) => m.quiz!) as [QuizData, QuizData]
  let record1 = submitAttempt(quiz1, emptyQuizState(quiz1), attempt(quiz1, 1, [['a'], ['a']]))
  record1 = submitAttempt(quiz1, record1, attempt(quiz1, 2, [['b'], ['a']]))
  const record2 = submitAttempt(quiz2, emptyQuizState(quiz2), attempt(quiz2, 1, [['a'], ['b']]))
  return { ...initialState(data, 0x12345678), page: 5, visited: [true, true, true, true, true, true, false, false], quizzes: [record1, record2] }
}

/** Version 2: version 1 changed by `edit` (a structured copy, so the edit cannot touch version 1). */
function changed(edit: (data: CourseData) => void): CourseData {
  const data = structuredClone(version1())
  edit(data)
  return data
}

const quizOfModule = (data: CourseData, i: number): QuizData => data.modules[i]!.quiz!
const questionOf = (data: CourseData, module: number, q: number): QuestionData => quizOfModule(data, module).questions[q]!
/** The state the new version reads from the halfway learner's saved text of version 1. */
const carried = (next: CourseData): LearnerState | undefined => decodeState(next, encodeState(version1(), halfway(version1())))

describe('mapping a state onto a new version of the course', () => {
  test('the same version reads the state exactly, not carried over', () => {
    const v1 = version1()
    expect(decodeState(v1, encodeState(v1, halfway(v1)))).toEqual(halfway(v1))
  })

  test('a text change (prompt, option labels, title) keeps everything and is not a new structure', () => {
    const next = changed((d) => {
      const q = questionOf(d, 0, 0) as QuestionData & { labels: string[] }
      q.text = 'Reworded'
      q.labels = ['One', 'Two', 'Three']
      d.titles = ['Welcome']
      d.modules[0]!.quiz!.title = 'Quiz one'
    })
    expect(carried(next)).toEqual(halfway(version1()))
  })

  test('a reveal or shuffle policy change keeps the records (they change what is shown, not what was answered)', () => {
    const next = changed((d) => {
      quizOfModule(d, 0).policy.reveal = 'always'
      quizOfModule(d, 1).policy.shuffle = 'both'
    })
    const state = carried(next)!
    expect(state.quizzes).toEqual(halfway(version1()).quizzes)
    expect(state.changed).toEqual([false, false])
  })

  test('a page added: every visit kept, the new page not visited, the bookmark on the same page, the quizzes kept', () => {
    const next = changed((d) => {
      d.pages.splice(3, 0, 'm1-extra')
      d.modules[0]!.pages.splice(2, 0, 'm1-extra')
    })
    const state = carried(next)!
    expect(next.pages.filter((_, i) => state.visited[i])).toEqual(['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'm2-intro', 'm2-lesson'])
    expect(next.pages[state.page]).toBe('m2-lesson')
    expect(state.quizzes).toEqual(halfway(version1()).quizzes)
    expect(state).toMatchObject({ changed: [false, false], carried: true, seed: 0x12345678 })
  })

  test('a page removed: its visit is dropped, the others kept', () => {
    const next = changed((d) => {
      d.pages = d.pages.filter((p) => p !== 'm1-lesson')
    })
    const state = carried(next)!
    expect(next.pages.filter((_, i) => state.visited[i])).toEqual(['welcome', 'm1-intro', 'm1-quiz', 'm2-intro', 'm2-lesson'])
    expect(next.pages[state.page]).toBe('m2-lesson')
    expect(state.quizzes).toEqual(halfway(version1()).quizzes)
  })

  test('pages reordered: visits follow the page ids', () => {
    const next = changed((d) => {
      d.pages = ['welcome', 'm2-intro', 'm2-lesson', 'm2-quiz', 'm1-intro', 'm1-lesson', 'm1-quiz', 'results']
    })
    const state = carried(next)!
    expect(next.pages.filter((_, i) => state.visited[i])).toEqual(['welcome', 'm2-intro', 'm2-lesson', 'm1-intro', 'm1-lesson', 'm1-quiz'])
    expect(next.pages[state.page]).toBe('m2-lesson')
  })

  test('the page the learner was on removed: the bookmark falls back to the nearest page, the earlier on a tie', () => {
    expect(next(['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'm2-intro', 'm2-quiz', 'results'])).toBe('m2-intro')
    expect(next(['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'm2-quiz', 'results'])).toBe('m2-quiz')
    expect(next(['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'results'])).toBe('m1-quiz')
    expect(next(['welcome', 'm2-quiz', 'results'])).toBe('m2-quiz')
    expect(next(['other'])).toBe('other')
    function next(pages: string[]): string | undefined {
      const data = changed((d) => {
        d.pages = pages
      })
      return data.pages[carried(data)!.page]
    }
  })

  const resets: Record<string, (d: CourseData) => void> = {
    'an option added': (d) => {
      const q = questionOf(d, 1, 0) as QuestionData & { options: string[]; labels: string[] }
      q.options.push('c')
      q.labels.push('c')
    },
    'the key changed': (d) => {
      ;(questionOf(d, 1, 1) as QuestionData & { correct: string[] }).correct = ['b']
    },
    'points changed': (d) => {
      questionOf(d, 1, 0).points = 3
    },
    'a question added': (d) => {
      quizOfModule(d, 1).questions.push(choice('m2-q3'))
    },
    'a question removed': (d) => {
      quizOfModule(d, 1).questions.pop()
    },
    'a question renamed': (d) => {
      questionOf(d, 1, 0).id = 'm2-first'
    },
    'a question of another type': (d) => {
      quizOfModule(d, 1).questions[0] = { id: 'm2-q1', type: 'true-false', text: 'm2-q1', points: 1, labels: ['True', 'False'], correct: 'true' }
    },
    'the attempts allowed': (d) => {
      quizOfModule(d, 1).policy.attempts = 3
    },
    'which attempt counts': (d) => {
      quizOfModule(d, 1).policy.keep = 'last'
    },
    'a bank added': (d) => {
      quizOfModule(d, 1).banks = [{ id: 'bank', draw: 1, questions: [0, 1] }]
    }
  }
  for (const [name, edit] of Object.entries(resets)) {
    test(`${name} in module 2's quiz: that quiz starts over with the notice; module 1, the visits and the bookmark are kept`, () => {
      const state = carried(changed(edit))!
      const before = halfway(version1())
      expect(state.quizzes[0]).toEqual(before.quizzes[0])
      expect(state.quizzes[1]).toEqual(emptyQuizState(quizOfModule(changed(edit), 1)))
      expect(state.changed).toEqual([false, true])
      expect(state.visited).toEqual(before.visited)
      expect(state.page).toBe(before.page)
      expect(state.carried).toBe(true)
    })
  }

  test('a bank draw changed: the quiz starts over', () => {
    const v1 = changed((d) => {
      quizOfModule(d, 1).banks = [{ id: 'bank', draw: 1, questions: [0, 1] }]
    })
    const quiz = quizOfModule(v1, 1)
    const state = { ...initialState(v1), quizzes: [undefined, submitAttempt(quiz, emptyQuizState(quiz), { n: 1, asked: [1], answers: [[], ['a']] })] }
    const v2 = structuredClone(v1)
    quizOfModule(v2, 1).banks[0]!.draw = 2
    expect(decodeState(v1, encodeState(v1, state))?.quizzes[1]).toEqual(state.quizzes[1])
    expect(decodeState(v2, encodeState(v1, state))).toMatchObject({ quizzes: [emptyQuizState(quizOfModule(v2, 0)), emptyQuizState(quiz)], changed: [false, true] })
  })

  test('a changed quiz the learner had not taken starts over without a notice', () => {
    const v1 = version1()
    const state = { ...halfway(v1), quizzes: [halfway(v1).quizzes[0], emptyQuizState(quizOfModule(v1, 1))] }
    const v2 = changed(resets['points changed']!)
    expect(decodeState(v2, encodeState(v1, state))?.changed).toEqual([false, false])
  })

  test('a module removed drops its quiz; a module added starts empty', () => {
    const removed = changed((d) => {
      d.modules = [d.modules[1]!]
    })
    expect(carried(removed)).toMatchObject({ quizzes: [halfway(version1()).quizzes[1]], changed: [false] })
    const added = changed((d) => {
      d.modules.push({ id: 'm3', title: 'M3', pages: [], quiz: quizOf([choice('m3-q1')], [], {}, 'm3-quiz') })
    })
    const state = carried(added)!
    expect(state.quizzes.slice(0, 2)).toEqual(halfway(version1()).quizzes)
    expect(state.quizzes[2]).toEqual(emptyQuizState(quizOfModule(added, 2)))
    expect(state.changed).toEqual([false, false, false])
  })

  test('the notice and the carried flag last across relaunches on the new version until written otherwise', () => {
    const v2 = changed(resets['the key changed']!)
    const first = carried(v2)!
    const again = decodeState(v2, encodeState(v2, first))!
    expect(again).toEqual(first)
    expect(again).toMatchObject({ changed: [false, true], carried: true })
    // The player clears both when the learner submits (src/runtime/player.ts); the state keeps that.
    const cleared = decodeState(v2, encodeState(v2, { ...again, changed: [false, false], carried: false }))
    expect(cleared).toMatchObject({ changed: [false, false], carried: false })
  })

  test('the longest state of the new version, and of the old one read by the new, fit the length known at build time', () => {
    const v2 = changed((d) => {
      d.pages.splice(3, 0, 'm1-extra')
      quizOfModule(d, 1).questions.push(choice('m2-q3', 8))
    })
    const quiz1 = quizOfModule(v2, 0)
    const longest = { ...halfway(v2), page: v2.pages.length - 1, visited: v2.pages.map(() => true), seed: 2 ** 32 - 1, changed: [true, true], carried: true }
    longest.quizzes = v2.modules.map((m) => {
      const quiz = m.quiz!
      const answers = quiz.questions.map(() => ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
      return { used: 2, last: attempt(quiz, 2, answers), best: attempt(quiz, 1, answers), seen: quiz.questions.map(() => true) } satisfies QuizState
    })
    expect(encodeState(v2, longest).length).toBe(encodedLength(v2))
    const mapped = carried(v2)!
    expect(mapped.quizzes[0]).toEqual(halfway(version1()).quizzes[0])
    expect(quiz1.questions).toHaveLength(2)
    expect(encodeState(v2, mapped).length).toBeLessThanOrEqual(encodedLength(v2))
  })
})

describe('what a state of another version never does', () => {
  const edits = fc.record({
    dropPage: fc.option(fc.nat(7), { nil: undefined }),
    addPage: fc.boolean(),
    points: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    attempts: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    reword: fc.boolean(),
    swapModules: fc.boolean()
  })

  test('reading it never throws, keeps exactly the quizzes whose identity is unchanged, and keeps only visits of pages that still exist', () => {
    fc.assert(
      fc.property(edits, (edit) => {
        const next = changed((d) => {
          if (edit.dropPage !== undefined) d.pages.splice(edit.dropPage, 1)
          if (edit.addPage) d.pages.push('appendix')
          if (edit.points !== undefined) questionOf(d, 0, 1).points = edit.points
          if (edit.attempts !== undefined) quizOfModule(d, 1).policy.attempts = edit.attempts
          if (edit.reword) questionOf(d, 1, 1).text = 'reworded'
          if (edit.swapModules) d.modules.reverse()
        })
        const state = carried(next)!
        const before = halfway(version1())
        const v1 = version1()
        next.modules.forEach((module, i) => {
          const was = v1.modules.findIndex((m) => m.id === module.id)
          const same = JSON.stringify({ ...module.quiz, title: '', questions: module.quiz!.questions.map((q) => ({ ...q, text: '' })) }) ===
            JSON.stringify({ ...v1.modules[was]!.quiz, title: '', questions: v1.modules[was]!.quiz!.questions.map((q) => ({ ...q, text: '' })) })
          expect(state.quizzes[i]).toEqual(same ? before.quizzes[was] : emptyQuizState(module.quiz!))
          expect(state.changed[i]).toBe(!same)
        })
        next.pages.forEach((id, i) => expect(state.visited[i]).toBe(before.visited[v1.pages.indexOf(id)] === true))
        expect(state.page).toBeLessThan(next.pages.length)
      })
    )
  })

  test('garbage, cut or altered text is read as no state, never as an exception', () => {
    const v1 = version1()
    const text = encodeState(v1, halfway(v1))
    fc.assert(
      fc.property(fc.string(), fc.nat(text.length), (junk, at) => {
        for (const candidate of [junk, `3.${junk}`, text.slice(0, at), text.slice(0, at) + junk + text.slice(at + 1)]) {
          expect(() => restoreState(v1, candidate)).not.toThrow()
        }
      })
    )
    expect(decodeState(v1, text.slice(0, -1))).toBeUndefined()
    expect(decodeState(v1, `${text}A`)).toBeUndefined()
  })
})

/**
 * States exactly as coursepack 0.1 wrote them for this course: format 1 by the release before
 * quiz attempts (commit 892ea70), format 2 by the one after (commit 1022141), generated by
 * running those versions' `encodeState` on `legacyCourse`.
 */
describe('states of coursepack 0.1 (formats 1 and 2)', () => {
  const legacyCourse = (): CourseData => {
    const policy = { attempts: 2, keep: 'best', reveal: 'after-passing', shuffle: 'none', repeat: 'avoid' } as const
    return {
      ...version1(),
      id: 'c',
      version: '1',
      title: 'C',
      activityId: 'urn:c',
      pages: ['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'm2-intro', 'm2-quiz', 'results'],
      modules: [
        {
          id: 'm1',
          title: 'M1',
          pages: ['m1-intro', 'm1-lesson', 'm1-quiz'],
          quiz: {
            page: 'm1-quiz',
            title: 'Q1',
            banks: [],
            policy: { ...policy },
            questions: [
              { id: 'q1', type: 'single', text: 'q1', points: 1, options: ['a', 'b', 'c'], labels: ['A', 'B', 'C'], correct: ['a'] },
              { id: 'q2', type: 'multiple', text: 'q2', points: 2, options: ['a', 'b', 'c', 'd'], labels: ['A', 'B', 'C', 'D'], correct: ['b', 'c'] }
            ]
          }
        },
        {
          id: 'm2',
          title: 'M2',
          pages: ['m2-intro', 'm2-quiz'],
          quiz: { page: 'm2-quiz', title: 'Q2', banks: [], policy: { ...policy }, questions: [{ id: 'q3', type: 'single', text: 'q3', points: 1, options: ['a', 'b'], labels: ['A', 'B'], correct: ['b'] }] }
        }
      ]
    }
  }

  test('format 1: visits, the page and each submitted quiz as its first attempt; the learner seed is given', () => {
    const data = legacyCourse()
    const [quiz1, quiz2] = data.modules.map((m) => m.quiz!) as [QuizData, QuizData]
    expect(restoreState(data, '1.roe4.2.4Yw', 99)).toEqual({
      ...initialState(data, 99),
      page: 2,
      visited: [true, true, true, false, false, false, false],
      quizzes: [{ used: 1, last: attempt(quiz1, 1, [['a'], ['b', 'c']]), best: undefined, seen: [true, true] }, emptyQuizState(quiz2)]
    })
    expect(restoreState(data, '1.roe4.5._U1', 99)?.quizzes).toEqual([
      { used: 1, last: attempt(quiz1, 1, [['b'], ['b', 'c']]), best: undefined, seen: [true, true] },
      { used: 1, last: attempt(quiz2, 1, [['b']]), best: undefined, seen: [true] }
    ])
  })

  test('format 1 where the quiz now draws from a bank: that quiz starts over with the notice', () => {
    const data = legacyCourse()
    data.modules[0]!.quiz!.banks = [{ id: 'bank', draw: 1, questions: [0, 1] }]
    expect(restoreState(data, '1.roe4.2.4Yw', 99)).toMatchObject({ quizzes: [emptyQuizState(data.modules[0]!.quiz!), emptyQuizState(data.modules[1]!.quiz!)], changed: [true, false], carried: true })
  })

  test('format 2: visits, the seed and every attempt kept', () => {
    const data = legacyCourse()
    const quiz1 = data.modules[0]!.quiz!
    const state = restoreState(data, '2.zjii.4.-A63misksY')
    expect(state).toEqual({
      ...initialState(data, 123456789),
      page: 4,
      visited: [true, true, true, true, true, false, false],
      quizzes: [{ used: 2, last: attempt(quiz1, 2, [['b'], ['b']]), best: attempt(quiz1, 1, [['a'], ['b', 'c']]), seen: [true, true] }, emptyQuizState(data.modules[1]!.quiz!)]
    })
    // Written again, it is format 3, and reads back the same.
    const text = encodeState(data, state!)
    expect(text).toMatch(/^3\./)
    expect(restoreState(data, text)).toEqual(state)
  })

  test('a format 1 or 2 state of another structure is not read (it names nothing to map by)', () => {
    const data = legacyCourse()
    data.pages.push('appendix')
    expect(restoreState(data, '1.roe4.2.4Yw')).toBeUndefined()
    expect(restoreState(data, '2.zjii.4.-A63misksY')).toBeUndefined()
    expect(restoreState(legacyCourse(), '2.zjii.4.-A63misksYA')).toBeUndefined()
  })
})

describe('required media in the state', () => {
  const withMedia = (): CourseData => ({
    ...version1(),
    media: [
      { id: 'm1-lesson/intro', page: 'm1-lesson', kind: 'video', title: 'Intro', required: true },
      { id: 'm1-lesson/extra', page: 'm1-lesson', kind: 'video', title: 'Extra', required: false },
      { id: 'm2-lesson/talk', page: 'm2-lesson', kind: 'audio', title: 'Talk', required: true }
    ]
  })

  test('how far each required media was played reads back, by media id across versions, within the known length', () => {
    const v1 = withMedia()
    const state = { ...halfway(v1), media: [90, 55, 100] }
    expect(decodeState(v1, encodeState(v1, state))?.media).toEqual([90, 0, 100])
    const v2 = { ...withMedia(), media: [withMedia().media[2]!, { ...withMedia().media[0]!, id: 'm1-lesson/new' }] }
    expect(decodeState(v2, encodeState(v1, state))?.media).toEqual([100, 0])
    const longest = { ...halfway(v1), page: v1.pages.length - 1, media: [100, 100, 100], changed: [true, true], carried: true, seed: 2 ** 32 - 1 }
    longest.quizzes = v1.modules.map((m) => {
      const answers = m.quiz!.questions.map(() => ['a', 'b', 'c', 'd'])
      return { used: 2, last: attempt(m.quiz!, 2, answers), best: attempt(m.quiz!, 1, answers), seen: m.quiz!.questions.map(() => true) }
    })
    longest.visited = v1.pages.map(() => true)
    expect(encodeState(v1, longest).length).toBe(encodedLength(v1))
  })

  test('a section of a kind this runtime does not know is skipped', () => {
    const v1 = version1()
    // The state with one more section (kind 9, three bits) in place of "no sections" (a count of 0: five zero bits).
    const out = encodeBits(v1, halfway(v1))
    expect(out.bits.splice(-5)).toEqual([0, 0, 0, 0, 0])
    out.writeCount(1)
    out.writeCount(9)
    out.writeCount(3)
    out.write(5, 3)
    expect(decodeState(v1, `3.${fingerprint(v1)}.5.${out.text()}`)).toEqual(halfway(v1))
    out.write(1, 1)
    expect(decodeState(v1, `3.${fingerprint(v1)}.5.${out.text()}`)).toBeUndefined()
  })
})
