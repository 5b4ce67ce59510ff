/**
 * What the xAPI/cmi5 relaunch walks share: the first half of the quizzes all right in one
 * session, which ends without Finish; the next session, launched as the walk says, must resume
 * with the state the LRS kept, have every statement accepted and report the result once
 * (issue 12, defects 3–5: CATAPULT's same-tab relaunch, a statement replayed into the next
 * session, `terminated` sent twice).
 */
import type { Standard, Walk } from '../types.js'
import { answersAt } from './plan.js'

export function relaunchWalk(name: string, description: string, end: 'leave' | 'abandon', relaunch: 'same-page' | 'new-page'): Walk {
  const standards: Standard[] = ['xapi', 'cmi5']
  return {
    name,
    description,
    standards,
    plan: (course) => {
      const at = answersAt(course, 'all')
      if (!at) return undefined
      const half = Math.max(1, Math.floor(at.answers.length / 2))
      return {
        name,
        sessions: [
          { mode: 'normal', answers: at.answers.slice(0, half), rightQuestions: at.rightQuestions, visitAll: false, end, relaunch },
          { mode: 'normal', answers: at.answers.slice(half), rightQuestions: at.rightQuestions, visitAll: true, end: 'finish' }
        ],
        expected: at.expected
      }
    }
  }
}
