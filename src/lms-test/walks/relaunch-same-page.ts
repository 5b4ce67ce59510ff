/** Leave in the middle (the tab goes back to the LMS) and relaunch in the same tab: CATAPULT's default. */
import { relaunchWalk } from './relaunch.js'

export const relaunchSamePage = relaunchWalk(
  'relaunch-same-page',
  'xAPI/cmi5: half the quizzes all right, back to the LMS in the same tab, relaunch there, the other half, Finish',
  'leave',
  'same-page'
)
