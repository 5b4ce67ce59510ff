/**
 * Leave in the middle and relaunch with the data the LMS kept: the first half of the quizzes in
 * one session, closed without Finish; the rest in the next, which must resume and pass.
 */
import type { Walk } from '../types.js'
import { answersAt } from './plan.js'

export const resume: Walk = {
  name: 'resume',
  description: 'half the quizzes all right, leave (page closed), relaunch with the kept data, the other half, Finish',
  standards: ['scorm12', 'scorm2004', 'xapi', 'cmi5'],
  plan: (course) => {
    const at = answersAt(course, 'all')
    if (!at) return undefined
    const half = Math.max(1, Math.floor(at.answers.length / 2))
    return {
      name: 'resume',
      sessions: [
        { mode: 'normal', answers: at.answers.slice(0, half), rightQuestions: at.rightQuestions, visitAll: false, end: 'leave' },
        { mode: 'normal', answers: at.answers.slice(half), rightQuestions: at.rightQuestions, visitAll: true, end: 'finish' }
      ],
      expected: at.expected
    }
  }
}
