/**
 * The shared contract of `coursepack test`: walks, profiles, what the LMS (or LRS) records,
 * and the results per package. The command (src/lms-test/index.ts), the SCORM player, the
 * xAPI/cmi5 player (src/lms-test/xapi/), the embedded LRS and the LMS profiles code against it.
 */
import type { CourseData } from '../shared/course-data.js'

export type Standard = 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5'

/** What a walk does in one launch. */
export interface SessionPlan {
  /** SCORM lesson_mode / cmi.mode; cmi5 launchMode Normal / Browse / Review. */
  mode: 'normal' | 'browse' | 'review'
  /** Quizzes to submit: module index, number of questions answered right (ordered by points as the walk decides). */
  answers: Array<{ module: number; correct: number }>
  /** Open every page. */
  visitAll: boolean
  /** Finish button; close the page (pagehide); page dies with no pagehide (cmi5: the LMS records abandoned). */
  end: 'finish' | 'leave' | 'abandon'
  /** xAPI/cmi5: how the next session is launched. */
  relaunch?: 'same-page' | 'new-page'
  /**
   * The question indexes (per module, in quiz order) the learner answers right, when the walk
   * has chosen them (weights make "the first N" wrong); else the first `correct` questions.
   */
  rightQuestions?: Record<number, number[]>
}

export interface Expected {
  success: 'passed' | 'failed' | 'unknown'
  completion: 'completed' | 'incomplete' | 'unknown'
  /** The course score in percent, when one is reported. */
  scorePercent?: number
}

export interface WalkPlan {
  name: string
  sessions: SessionPlan[]
  expected: Expected
}

export interface Walk {
  name: string
  description: string
  standards: Standard[]
  /** The walk for this course, or undefined when it does not apply (no quiz, say). */
  plan(course: CourseData): WalkPlan | undefined
}

export interface ApiCall {
  name: string
  args: string[]
  result: string
  error: string
  /** Set when the LMS refused the call by design of the profile (an expired session, an unsupported element): not the package's problem. */
  byLms?: string
}

/** What the LMS (or LRS) holds after the walk. */
export interface Recorded {
  success?: string
  completion?: string
  /** SCORM 1.2 cmi.core.lesson_status. */
  lessonStatus?: string
  score?: { raw?: number; scaled?: number; min?: number; max?: number }
  /** Interactions: type, learner response, the first correct-response pattern, result (xAPI: success as correct/incorrect). */
  interactions: Array<{ id: string; type?: string; response?: string; pattern?: string; result?: string }>
  objectives: Array<{ id: string; status?: string; scoreRaw?: number }>
  suspendData?: { length: number; limit: number }
  location?: string
  exit?: string
  sessionTime?: string
  /** SCORM API calls; for xAPI/cmi5: requests. */
  calls: ApiCall[]
  statements?: Array<{ id: string; verb: string; object: string; registration?: string; sessionId?: string }>
  /** Rule breaks the LMS/LRS refused or noticed (cmi5 rule ids, failed calls). */
  problems: string[]
  /** What a profile measured on the way (the longest task of the page, say). */
  notes?: string[]
}

export interface WalkResult {
  profile: string
  walk: string
  expected: Expected
  recorded: Recorded
  pass: boolean
  reasons: string[]
  /** Set when the walk could not be played (a standard without its player yet, a browser error). */
  notRun?: string
}

export interface Finding {
  severity: 'error' | 'warning' | 'info'
  ruleId: string
  message: string
  file?: string
  line?: number
}

export interface PackageResult {
  path: string
  standard: Standard | 'unknown'
  /** Made by coursepack (its launch page embeds the course data): only then are walks played. */
  ours: boolean
  results: WalkResult[]
  findings: Finding[]
  /** Course title and version, for the report (our packages only). */
  course?: { id: string; title: string; version: string; passingScore: number; passRule: string }
}

/** An LMS profile: how the LMS side behaves, for one or more standards. */
export interface Profile {
  name: string
  description: string
  source: string
  standards: Standard[]
  /** Initial data and options of the scorm-again runtime (e.g. lesson_mode, mastery score), per session. */
  scorm?: {
    cmi?(session: SessionPlan, kept: Record<string, unknown> | undefined, manifest: { mastery?: string }): Record<string, unknown>
    /**
     * Script run in the LMS frame before the course loads: may wrap the API (delays, errors, truncation). A string of JS.
     * It may log the calls it refuses itself into `window.lmsCalls` (with `byLms`) and fill
     * `window.lmsProfileReport = { problems: [], notes: [] }`, read after each session.
     */
    frameScript?: string
    /** What the LMS does with the data at finish/commit (e.g. Moodle rewrites the status from the mastery score). */
    onFinish?(cmi: Record<string, unknown>, manifest: { mastery?: string }): Record<string, unknown>
    /** Whether the LMS hands the kept data to the next session (e.g. Moodle 2004 only after exit=suspend). */
    keepsData?(cmi: Record<string, unknown>): boolean
    /**
     * What the LMS holds after a session, from what it held before (undefined for the first session), what the
     * session's runtime held at the end and the session's calls (e.g. Moodle 2004 stores each element sent over the attempt).
     */
    held?(previous: Record<string, unknown> | undefined, stored: Record<string, unknown>, calls: readonly ApiCall[]): Record<string, unknown>
    launch?: 'frame' | 'popup' | 'sandboxed-cross-origin-frame'
  }
  xapi?: {
    /** cmi5/xAPI LRS-side rules (e.g. Cornerstone: no completion:true with failed). */
    checkStatements?(statements: unknown[]): string[]
  }
  /** Package checks before playing (e.g. Docebo's blocked extensions). */
  inspect?(entries: string[], read?: (entry: string) => string | undefined): Array<{ severity: 'error' | 'warning'; ruleId: string; message: string; file?: string }>
  /** Adjust the expected outcome under this profile, where the LMS documents a different result. */
  expect?(expected: Expected, walk: WalkPlan): Expected
  /** The launch modes this LMS can tell a course (default: all three); a walk needing another is not run under it. */
  modes?: ReadonlyArray<SessionPlan['mode']>
}

/** Options of `testPackages` (and of `coursepack test`). */
export interface TestOptions {
  /** Folder relative zip and report paths are resolved against (default: `process.cwd()`). */
  cwd?: string
  /** The environment read for CHROMIUM_PATH (default: `process.env`). */
  env?: Record<string, string | undefined>
  /** Profile names (default: `generic`). */
  lms?: string[]
  /** Walk names (default: every walk that applies to the standard). */
  walks?: string[]
  /** Chromium's executable (else CHROMIUM_PATH, else the system's). */
  chromium?: string
  /** Write the HTML compatibility sheet here. */
  report?: string
  /** xAPI/cmi5: the user's own LRS (a loopback or private URL); else the embedded LRS. */
  lrs?: string
  /** xAPI/cmi5: the Authorization header value for `lrs`. */
  lrsAuth?: string
  /** strict-minimal: truncate suspend_data beyond this many characters. */
  suspendLimit?: number
  /** Progress lines (one per walk), for the CLI. */
  onProgress?(line: string): void
}

export interface TestRun {
  packages: PackageResult[]
  /** 0 every walk passed and no error finding; 1 otherwise. */
  exitCode: 0 | 1
}
