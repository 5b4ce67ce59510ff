/**
 * Course data built in code, for tests of the shared side (attempts, suspend data, mapping
 * between versions): small courses whose every field is in view.
 */
import { type BankData, type CourseData, defaultPolicy, type QuestionData, type QuizData, type QuizPolicy } from '../src/shared/course-data.js'

/** A choice question with `options` options (`a`…), `a` right. */
export const choice = (id: string, options = 2, points = 1): QuestionData => {
  const ids = 'abcdefgh'.slice(0, options).split('')
  return { id, type: 'single', text: id, points, options: ids, labels: ids, correct: ['a'] }
}

export function quizOf(questions: QuestionData[], banks: BankData[] = [], policy: Partial<QuizPolicy> = {}, page = 'q'): QuizData {
  return { page, title: 'Q', questions, banks, policy: { ...defaultPolicy, ...policy } }
}

/** A course of `pages` pages `p0`… and one module `m<i>` per quiz. */
export function courseOf(quizzes: QuizData[], pages = 3): CourseData {
  return {
    v: 1,
    stateFormat: 3,
    id: 'c',
    version: '1',
    title: 'C',
    language: 'en',
    target: 'scorm12',
    passingScore: 70,
    passRule: 'overall',
    completion: 'quizzes',
    navigation: 'free',
    media: [],
    contentHash: '',
    pages: Array.from({ length: pages }, (_, i) => `p${i}`),
    titles: [],
    kinds: [],
    activityId: 'urn:c',
    modules: quizzes.map((quiz, i) => ({ id: `m${i}`, title: `M${i}`, pages: [], quiz })),
    strings: {}
  }
}
