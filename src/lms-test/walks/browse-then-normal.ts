/**
 * Preview first (SCORM lesson_mode/cmi.mode `browse`, cmi5 launchMode Browse), answering every
 * quiz right, then a normal session at the pass mark: only the normal session counts, and its
 * result reaches the LMS (issue 12, defect 1).
 */
import type { Walk } from '../types.js'
import { answersAt } from './plan.js'

export const browseThenNormal: Walk = {
  name: 'browse-then-normal',
  description: 'a browse (preview) session answering every quiz right, then a normal session at the pass mark, Finish',
  standards: ['scorm12', 'scorm2004', 'cmi5'],
  plan: (course) => {
    const all = answersAt(course, 'all')
    const pass = answersAt(course, 'pass')
    if (!all || !pass) return undefined
    return {
      name: 'browse-then-normal',
      sessions: [
        { mode: 'browse', answers: all.answers, rightQuestions: all.rightQuestions, visitAll: true, end: 'finish' },
        // The pages the preview showed do not count: a completion rule that counts pages needs them viewed again.
        { mode: 'normal', answers: pass.answers, rightQuestions: pass.rightQuestions, visitAll: course.completion !== 'quizzes', end: 'finish' }
      ],
      expected: pass.expected
    }
  }
}
