/** The page dies in the middle with no pagehide; the LMS records `abandoned` (cmi5 §9.3.6); relaunch in a new page. */
import { relaunchWalk } from './relaunch.js'

export const relaunchAfterAbandoned = relaunchWalk(
  'relaunch-after-abandoned',
  'xAPI/cmi5: half the quizzes all right, the page dies (no pagehide; cmi5: abandoned), relaunch in a new page, the other half, Finish',
  'abandon',
  'new-page'
)
