/** Exactly at the passing score: the fewest points that pass (per module under `every-module`). */
import type { Walk } from '../types.js'
import { oneSession } from './plan.js'

export const passMark: Walk = {
  name: 'pass-mark',
  description: 'every quiz at the fewest points that pass, Finish',
  standards: ['scorm12', 'scorm2004', 'xapi', 'cmi5'],
  plan: (course) => oneSession(course, 'pass', 'pass-mark')
}
