/**
 * `moodle`: Moodle 5.1's own SCORM player (mod_scorm), as observed playing coursepack packages
 * and as its source reads.
 * Source: moodle/moodle mod/scorm/datamodels/scorm_12.js `StoreData` (SCORM 1.2: at LMSFinish, not
 * at LMSCommit, in normal mode with credit, a mastery score and a raw score, lesson_status is
 * rewritten to passed/failed from `raw >= masteryscore`; a status still `not attempted` becomes
 * `completed`); mod/scorm/player.php (Preview = `mode=browse`, a finished attempt re-entered opens
 * in review mode); mod/scorm/datamodels/scorm_13lib.php `scorm_get_tracks` (SCORM 2004: the saved
 * data is handed back only after `cmi.exit = suspend`; a finished attempt re-entered gets
 * `cmi.mode = review` and a fresh data model; no mastery override).
 */
import type { Profile } from '../types.js'
import { heldAfter } from './held.js'

type Cmi = Record<string, unknown>

const object = (value: unknown): Cmi => (typeof value === 'object' && value !== null ? (value as Cmi) : {})
const is2004 = (cmi: Cmi): boolean => !('core' in cmi)

/** SCORM 1.2 `StoreData` at LMSFinish: the status Moodle keeps. */
export function moodleFinish12(cmi: Cmi, mastery: string | undefined): Cmi {
  const core = object(cmi.core)
  const score = object(core.score)
  const raw = String(score.raw ?? '')
  const masteryScore = mastery ?? String(object(cmi.student_data).mastery_score ?? '')
  let status = String(core.lesson_status ?? '')
  if (core.lesson_mode === 'normal' && core.credit === 'credit' && masteryScore !== '' && raw !== '' && Number.isFinite(Number(raw)) && Number.isFinite(Number(masteryScore))) {
    status = Number(raw) >= Number(masteryScore) ? 'passed' : 'failed'
  }
  if (status === 'not attempted' || status === '') status = 'completed'
  return { ...cmi, core: { ...core, lesson_status: status } }
}

export const moodle: Profile = {
  name: 'moodle',
  description: 'Moodle 5.1 mod_scorm: mastery score applied at LMSFinish (1.2), Preview in browse mode, a finished attempt re-entered in review mode, 2004 data handed back only after exit=suspend',
  source: 'moodle/moodle mod/scorm/datamodels/scorm_12.js (StoreData), mod/scorm/player.php, mod/scorm/datamodels/scorm_13lib.php; observed in Moodle 5.1 (PHP 8.2, PostgreSQL 15)',
  standards: ['scorm12', 'scorm2004'],
  scorm: {
    // The data a session is handed is the standard's (src/lms-test/scorm/cmi.ts defaultCmi): the walk's
    // mode is Moodle's (Preview = browse; Enter on a finished attempt = review).
    onFinish(cmi, manifest) {
      return is2004(cmi) ? cmi : moodleFinish12(cmi, manifest.mastery)
    },
    // SCORM 1.2 data always comes back; SCORM 2004 only after exit=suspend.
    keepsData: (cmi) => !is2004(cmi) || cmi.exit === 'suspend',
    // Each element the package sends is stored over the attempt, whatever data model it was handed.
    held: (previous, stored, calls) => (previous === undefined || !is2004(stored) || previous.exit === 'suspend' ? stored : heldAfter(previous, calls))
  }
}
