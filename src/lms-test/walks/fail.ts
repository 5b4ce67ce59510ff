/** Just below the passing score: the most points that fail (one module under `every-module`). */
import type { Walk } from '../types.js'
import { oneSession } from './plan.js'

export const fail: Walk = {
  name: 'fail',
  description: 'the most points that still fail (under every-module: one quiz just below, the others at the pass mark), Finish',
  standards: ['scorm12', 'scorm2004', 'xapi', 'cmi5'],
  plan: (course) => oneSession(course, 'below', 'fail')
}
