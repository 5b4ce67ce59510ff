/**
 * Pass, then re-enter in review mode (as Moodle opens a finished attempt): the review session
 * visits every page and leaves the recorded result as it was (issue 12, defect 2).
 */
import type { Walk } from '../types.js'
import { answersAt } from './plan.js'

export const reviewAfterPass: Walk = {
  name: 'review-after-pass',
  description: 'every quiz right and Finish, then a review session visiting every page, Finish',
  standards: ['scorm12', 'scorm2004', 'cmi5'],
  plan: (course) => {
    const all = answersAt(course, 'all')
    if (!all) return undefined
    return {
      name: 'review-after-pass',
      sessions: [
        { mode: 'normal', answers: all.answers, rightQuestions: all.rightQuestions, visitAll: true, end: 'finish' },
        { mode: 'review', answers: [], visitAll: true, end: 'finish' }
      ],
      expected: all.expected
    }
  }
}
