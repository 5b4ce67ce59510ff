/** Leave in the middle (the page closes: pagehide) and relaunch in a new page. */
import { relaunchWalk } from './relaunch.js'

export const relaunchNewPage = relaunchWalk(
  'relaunch-new-page',
  'xAPI/cmi5: half the quizzes all right, close the page, relaunch in a new page, the other half, Finish',
  'leave',
  'new-page'
)
