/**
 * Tell the learner when the LMS did not take their progress (a refused SetValue or Commit: an LMS
 * session that expired while the learner was in the content, SAP KBA 2978409), and take the
 * notice away once a commit goes through. The state is kept in the page, and the refused values
 * stay queued: the next commit sends them again (scorm-session.ts).
 */
import { readCourseData } from './data.js'
import { showNotice } from './notice.js'

let text: string | undefined

/** After a commit: `saved` when the LMS took the commit. */
export function reportSave(saved: boolean): void {
  if (saved) {
    document.querySelector('#cp-status [data-notice="save"]')?.remove()
    return
  }
  text ??= readCourseData().strings.saveFailed ?? ''
  showNotice('save', text)
}
