/**
 * What the walks share: which questions to answer right so that the course lands at a chosen
 * point of its pass rule, and the outcome that the course's own scoring (src/shared/scoring.ts,
 * the same code the player runs) gives for those answers.
 */
import { coreOf, isScored } from '../../questions/cores.js'
import { fixedQuestions } from '../../shared/attempts.js'
import type { CourseData, QuizData } from '../../shared/course-data.js'
import { formatHundredths, parseDecimal, scoreCourse } from '../../shared/scoring.js'
import { choose } from '../choose.js'
import type { Expected, SessionPlan } from '../types.js'

/** Where the answers land: every answer right, the fewest points that pass, or the most that fail. */
export type Target = 'all' | 'pass' | 'below'

export interface Answers {
  answers: SessionPlan['answers']
  rightQuestions: Record<number, number[]>
  expected: Expected
}

const quizModules = (course: CourseData): number[] => course.modules.flatMap((m, i) => (m.quiz ? [i] : []))

/**
 * The questions a walk plans with: the fixed ones and the first `draw` of each bank. An attempt
 * asks other bank questions, but a bank's questions all have the same points, so the player's
 * driver answers the k-th question drawn from a bank as the plan answers its k-th here
 * (src/lms-test/player.ts `takeQuiz`): the score is the same.
 */
export function plannedQuestions(quiz: QuizData): number[] {
  const asked = new Set(fixedQuestions(quiz))
  for (const bank of quiz.banks) for (const i of bank.questions.slice(0, bank.draw)) asked.add(i)
  return [...asked].sort((a, b) => a - b)
}

/** Right question indexes per module for `target`, or undefined when the course cannot land there. */
function rightFor(course: CourseData, target: Target): Record<number, number[]> | undefined {
  const modules = quizModules(course)
  const right: Record<number, number[]> = {}
  const planned = (i: number) => {
    const quiz = course.modules[i]?.quiz
    return quiz ? plannedQuestions(quiz) : []
  }
  const all = planned
  if (target === 'all') {
    for (const i of modules) right[i] = all(i)
    return right
  }
  // Under `navigation: sequential` a module opens once the quiz before it passes (src/shared/progress.ts):
  // every quiz but the last must pass, so each is planned at its own pass mark, and for `below` the last
  // one fails (just under its mark with every-module; all wrong with overall, where that is the most a
  // single quiz can pull the course down).
  const sequential = course.navigation === 'sequential'
  if (course.passRule === 'every-module' || sequential) {
    // Every module at its pass mark; for `below`, one module's quiz just under it (the course score is the lowest module's):
    // the first, or under sequential navigation the last.
    const failing = target === 'below' ? (sequential ? modules.length - 1 : 0) : -1
    for (const [n, i] of modules.entries()) {
      const indexes = planned(i)
      if (n === failing && course.passRule === 'overall') {
        right[i] = []
        continue
      }
      const questions = indexes.flatMap((q) => course.modules[i]?.quiz?.questions[q] ?? [])
      const choice = choose(questions, course.passingScore, n === failing ? 'below' : 'pass')
      if (!choice) return undefined
      right[i] = choice.right.map((k) => indexes[k] ?? -1)
    }
    return right
  }
  // Overall: one pool of every question of the course, points-weighted.
  // Unscored questions (likert) earn nothing: they are not in the pool.
  const pool = modules.flatMap((i) =>
    planned(i).flatMap((q) => {
      const question = course.modules[i]?.quiz?.questions[q]
      return question && isScored(question) ? [{ points: question.points, module: i, q }] : []
    })
  )
  const choice = choose(pool, course.passingScore, target === 'below' ? 'below' : 'pass')
  if (!choice) return undefined
  for (const i of modules) right[i] = []
  for (const index of choice.right) {
    const item = pool[index]
    if (item) right[item.module]?.push(item.q)
  }
  return right
}

/** The outcome the course's scoring gives when every quiz is submitted with these right answers. */
export function outcomeOf(course: CourseData, right: Record<number, number[]>): Expected {
  const answers = course.modules.map((module, i) =>
    module.quiz
      ? { asked: plannedQuestions(module.quiz), answers: module.quiz.questions.map((question, q) => [...coreOf(question).example(question, right[i]?.includes(q) === true)]) }
      : undefined
  )
  const passing = parseDecimal(String(course.passingScore)) ?? { units: 70, scale: 1 }
  const score = scoreCourse(course, answers, passing)
  return { success: score.passed ? 'passed' : 'failed', completion: 'completed', scorePercent: Number(formatHundredths(score.hundredths)) }
}

/** Answers landing at `target`, with their outcome; undefined for a course without quizzes or that cannot land there. */
export function answersAt(course: CourseData, target: Target): Answers | undefined {
  if (quizModules(course).length === 0) return undefined
  const right = rightFor(course, target)
  if (!right) return undefined
  const expected = outcomeOf(course, right)
  // A target that the scoring does not confirm (a passing score of 0 cannot be failed) is not a walk.
  if (target === 'below' ? expected.success !== 'failed' : expected.success !== 'passed') return undefined
  return {
    answers: Object.entries(right).map(([module, list]) => ({ module: Number(module), correct: list.length })),
    rightQuestions: right,
    expected
  }
}

/** One normal session taking every quiz at `target` and finishing. */
export function oneSession(course: CourseData, target: Target, name: string): { name: string; sessions: SessionPlan[]; expected: Expected } | undefined {
  const at = answersAt(course, target)
  if (!at) return undefined
  return { name, sessions: [{ mode: 'normal', answers: at.answers, rightQuestions: at.rightQuestions, visitAll: true, end: 'finish' }], expected: at.expected }
}

/** Nothing recorded yet: what a session that reports no result leaves. */
export const nothing: Expected = { success: 'unknown', completion: 'unknown' }
