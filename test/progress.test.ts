/** Where a learner stands (src/shared/progress.ts): module states, sequential locks, resume points, completion rules. */
import { describe, expect, test } from 'vitest'
import { emptyQuizState, submitAttempt } from '../src/shared/attempts.js'
import type { CourseData, QuizData } from '../src/shared/course-data.js'
import { courseProgress, moduleProgress } from '../src/shared/progress.js'
import { parseDecimal } from '../src/shared/scoring.js'
import { initialState, type LearnerState } from '../src/shared/suspend.js'
import { choice, quizOf } from './course-data.js'

const passing = parseDecimal('70')!

function course(rules: Partial<Pick<CourseData, 'completion' | 'navigation' | 'media'>> = {}): CourseData {
  return {
    v: 1,
    stateFormat: 3,
    id: 'c',
    version: '1',
    title: 'C',
    language: 'en',
    target: 'scorm2004',
    passingScore: 70,
    passRule: 'overall',
    completion: 'quizzes',
    navigation: 'free',
    media: [],
    contentHash: '',
    pages: ['welcome', 'm1-intro', 'm1-lesson', 'm1-quiz', 'm2-intro', 'm2-lesson', 'm3-intro', 'results'],
    titles: [],
    kinds: ['welcome', 'module', 'lesson', 'quiz', 'module', 'lesson', 'module', 'results'],
    activityId: 'urn:c',
    modules: [
      { id: 'm1', title: 'M1', pages: ['m1-intro', 'm1-lesson', 'm1-quiz'], quiz: quizOf([choice('q1'), choice('q2')], [], { attempts: 2 }, 'm1-quiz') },
      { id: 'm2', title: 'M2', pages: ['m2-intro', 'm2-lesson'], quiz: undefined },
      { id: 'm3', title: 'M3', pages: ['m3-intro'], quiz: undefined }
    ],
    strings: {},
    ...rules
  }
}

const visit = (data: CourseData, state: LearnerState, ...pages: string[]) => pages.forEach((p) => (state.visited[data.pages.indexOf(p)] = true))
const take = (quiz: QuizData, state: LearnerState, right: number) =>
  (state.quizzes[0] = submitAttempt(quiz, state.quizzes[0] ?? emptyQuizState(quiz), { n: (state.quizzes[0]?.used ?? 0) + 1, asked: [0, 1], answers: [0, 1].map((i) => [i < right ? 'a' : 'b']) }))

describe('module progress', () => {
  test('not started, in progress, failed with attempts left, passed with the score; a module without a quiz is viewed with its pages', () => {
    const data = course()
    const state = initialState(data)
    expect(moduleProgress(data, state, passing).map((m) => m.state.kind)).toEqual(['not-started', 'not-started', 'not-started'])
    visit(data, state, 'm1-intro', 'm2-intro', 'm2-lesson')
    expect(moduleProgress(data, state, passing).map((m) => m.state)).toEqual([{ kind: 'in-progress' }, { kind: 'viewed' }, { kind: 'not-started' }])
    take(data.modules[0]!.quiz!, state, 1)
    expect(moduleProgress(data, state, passing)[0]!.state).toEqual({ kind: 'failed', hundredths: 5000, attemptsLeft: 1 })
    take(data.modules[0]!.quiz!, state, 2)
    expect(moduleProgress(data, state, passing)[0]!.state).toEqual({ kind: 'passed', hundredths: 10000 })
  })

  test('the resume point: the first page not viewed, else the quiz while not passed, else the first page', () => {
    const data = course()
    const state = initialState(data)
    const resume = () => data.pages[moduleProgress(data, state, passing)[0]!.resume]
    expect(resume()).toBe('m1-intro')
    visit(data, state, 'm1-intro')
    expect(resume()).toBe('m1-lesson')
    visit(data, state, 'm1-lesson')
    expect(resume()).toBe('m1-quiz')
    take(data.modules[0]!.quiz!, state, 2)
    visit(data, state, 'm1-quiz')
    expect(resume()).toBe('m1-intro')
  })

  test('sequential: a module opens once the one before is done; browse and review open everything', () => {
    const data = course({ navigation: 'sequential' })
    const state = initialState(data)
    expect(moduleProgress(data, state, passing).map((m) => m.locked)).toEqual([false, true, true])
    take(data.modules[0]!.quiz!, state, 1)
    expect(moduleProgress(data, state, passing).map((m) => m.locked)).toEqual([false, true, true])
    take(data.modules[0]!.quiz!, state, 2)
    expect(moduleProgress(data, state, passing).map((m) => m.locked)).toEqual([false, false, true])
    visit(data, state, 'm2-intro', 'm2-lesson')
    expect(moduleProgress(data, state, passing).map((m) => m.locked)).toEqual([false, false, false])
    expect(moduleProgress(data, initialState(data), passing, 'review').map((m) => m.locked)).toEqual([false, false, false])
    expect(moduleProgress(course(), initialState(data), passing).map((m) => m.locked)).toEqual([false, false, false])
  })
})

describe('sequential locks', () => {
  test('a locked module names the first earlier module not done: the one to finish next', () => {
    const data = course({ navigation: 'sequential' })
    const state = initialState(data)
    expect(moduleProgress(data, state, passing).map((m) => m.lockedBy)).toEqual([undefined, 0, 0])
    take(data.modules[0]!.quiz!, state, 2)
    expect(moduleProgress(data, state, passing).map((m) => m.lockedBy)).toEqual([undefined, undefined, 1])
    // Module 2 viewed in a free version of the course, module 1 not passed: module 3 waits for module 1.
    const carried = initialState(data)
    visit(data, carried, 'm2-intro', 'm2-lesson')
    expect(moduleProgress(data, carried, passing).map((m) => m.lockedBy)).toEqual([undefined, 0, 0])
  })

  test('a quiz failed with no attempt left is final: the next module opens, so the course can be finished and its result reported', () => {
    const data = course({ navigation: 'sequential' })
    const state = initialState(data)
    take(data.modules[0]!.quiz!, state, 1)
    expect(moduleProgress(data, state, passing)[1]!.locked).toBe(true)
    take(data.modules[0]!.quiz!, state, 0)
    const [first, second] = moduleProgress(data, state, passing)
    expect(first!.state).toEqual({ kind: 'failed', hundredths: 5000, attemptsLeft: 0 })
    expect(second!.locked).toBe(false)
  })

  test('a module without pages is viewed from the start and locks nothing (every built module has its introduction)', () => {
    const data = course({ navigation: 'sequential' })
    data.modules[1] = { ...data.modules[1]!, pages: [] }
    const state = initialState(data)
    take(data.modules[0]!.quiz!, state, 2)
    const progress = moduleProgress(data, state, passing)
    expect(progress[1]!.state).toEqual({ kind: 'viewed' })
    expect(progress.map((m) => m.locked)).toEqual([false, false, false])
  })
})

describe('course completion', () => {
  test('quizzes: every quiz submitted; pages: every page but the results viewed, required media played to 90%; both', () => {
    const media = [{ id: 'm2-lesson/v', page: 'm2-lesson', kind: 'video' as const, title: 'V', required: true }]
    for (const completion of ['quizzes', 'pages', 'pages-and-quizzes'] as const) {
      const data = course({ completion, media })
      const state = initialState(data)
      take(data.modules[0]!.quiz!, state, 1)
      visit(data, state, ...data.pages.filter((p) => p !== 'results'))
      state.media = [89]
      const before = courseProgress(data, state, passing)
      state.media = [90]
      const after = courseProgress(data, state, passing)
      expect([completion, before.complete, after.complete]).toEqual([completion, completion === 'quizzes', true])
      expect(after.measure).toBe(1)
      expect(before.measure).toBe(completion === 'quizzes' ? 1 : completion === 'pages' ? 6 / 7 : 7 / 8)
    }
  })
})
