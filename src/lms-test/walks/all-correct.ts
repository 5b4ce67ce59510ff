/** Every page, every quiz all right, Finish: the course's best outcome (100). */
import type { Walk } from '../types.js'
import { oneSession } from './plan.js'

export const allCorrect: Walk = {
  name: 'all-correct',
  description: 'every page, every quiz answered right, Finish',
  standards: ['scorm12', 'scorm2004', 'xapi', 'cmi5'],
  plan: (course) => oneSession(course, 'all', 'all-correct')
}
