/**
 * The `generic` LMS: conformant to the letter and nothing more. It loads the standard CMI data
 * (src/lms-test/scorm/cmi.ts `defaultCmi`), keeps everything the package writes, in every mode,
 * and hands the whole attempt back to the next session; for xAPI and cmi5 it is the LRS as the
 * specifications describe it. Used when no --lms is given.
 */
import type { Profile } from '../types.js'

export const generic: Profile = {
  name: 'generic',
  description: 'a conformant LMS that keeps all the package writes and hands it to the next session',
  source: 'SCORM 1.2 RTE 3.4; SCORM 2004 4th edition RTE 4.2; xAPI 1.0.3; cmi5 (2016)',
  standards: ['scorm12', 'scorm2004', 'xapi', 'cmi5']
}
