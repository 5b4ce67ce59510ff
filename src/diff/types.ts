/**
 * What `coursepack diff` finds between two packages of one course: a verdict, the changes
 * behind it (each with the verdict it alone calls for), and what the learner state of the old
 * package keeps in the new one. Plain data: the CLI prints it as text or as JSON
 * (schemas/diff.schema.json).
 */
import type { CourseData, TargetName } from '../shared/course-data.js'

/** The verdicts, from the mildest: the exit codes 0, 1 and 2 of `coursepack diff`. */
export const verdicts = ['safe', 'care', 'new-activity'] as const
/**
 * - `safe`: replace the package in place; every learner state maps without loss.
 * - `care`: replace it in place knowing what in-progress learners lose or see change.
 * - `new-activity`: LMS records would be inconsistent; publish it as a new activity.
 */
export type Verdict = (typeof verdicts)[number]

/** The graver of two verdicts. */
export const graver = (a: Verdict, b: Verdict): Verdict => (verdicts.indexOf(a) >= verdicts.indexOf(b) ? a : b)

/** How the changes are grouped: identifiers and LMS records, pages, quizzes, then text and files. */
export const changeGroups = ['lms', 'pages', 'quizzes', 'content'] as const
export type ChangeGroup = (typeof changeGroups)[number]

/** Every kind of change, by group. */
export const changeKinds = {
  lms: [
    'target',
    'course-id',
    'language',
    'passing-score',
    'pass-rule',
    'manifest-identifier',
    'organization-identifier',
    'item-identifier',
    'resource-identifier',
    'activity-id',
    'cmi5-course-id',
    'au-id',
    'launch',
    'course-title',
    'course-version'
  ],
  pages: ['page-added', 'page-removed', 'page-moved', 'page-title', 'page-kind', 'structure'],
  quizzes: ['quiz-reset', 'quiz-kept', 'quiz-added', 'quiz-removed'],
  content: ['page-text', 'file-added', 'file-removed', 'file-changed']
} as const
export type ChangeKind = (typeof changeKinds)[ChangeGroup][number]

/** Why a quiz is reset (verdict `care`) or why its record is kept although it changed (`safe`). */
export const reasonKinds = [
  'question-added',
  'question-removed',
  'question-moved',
  'question-type',
  'question-points',
  'question-shape',
  'question-key',
  'question-field',
  'policy',
  'bank-added',
  'bank-removed',
  'bank-draw',
  'bank-questions',
  'identity',
  'question-text',
  'quiz-text',
  'quiz-title'
] as const
export type ReasonKind = (typeof reasonKinds)[number]

export interface Reason {
  kind: ReasonKind
  verdict: Verdict
  /** The question it is about, if one. */
  question: string | null
  /** One line naming the question or setting, with the old and new values. */
  message: string
}

export interface Change {
  group: ChangeGroup
  kind: ChangeKind
  /** The verdict this change alone calls for. */
  verdict: Verdict
  /** One line: what changed, naming its ids, and what it means for learners and LMSs. */
  message: string
  /** The page, module or file it is about, where one. */
  page: string | null
  module: string | null
  file: string | null
  /** The old and new value, where a value changed (an identifier, the passing score, a title). */
  before: string | number | null
  after: string | number | null
  /** A quiz's reasons (a reset quiz: what changed what its answers mean). */
  reasons: Reason[]
}

/** What the learner state of the old package becomes in the new one (src/shared/suspend.ts `decodeState`). */
export interface LearnerMapping {
  /** The state maps as it is: the structure it names is unchanged (the state's fingerprint). */
  exact: boolean
  /** Pages of the old package whose visits are kept, and those whose visits are dropped (removed pages). */
  visitsKept: string[]
  visitsDropped: string[]
  /** Pages of the new package no learner has visited yet. */
  pagesAdded: string[]
  /** Modules whose quiz record (answers, attempts, result) is kept, reset with a notice, or dropped with its quiz. */
  quizzesKept: string[]
  quizzesReset: string[]
  quizzesDropped: string[]
  /** Modules whose quiz no learner has taken yet. */
  quizzesAdded: string[]
  /** Where a learner whose bookmark is on a removed page resumes. */
  bookmarks: Array<{ from: string; to: string }>
}

/** One side of the comparison, as the result describes it. */
export interface DiffSide {
  /** The zip or course folder, as given. */
  path: string
  source: 'zip' | 'folder'
  course: string
  version: string
  title: string
  target: TargetName
  language: string
}

/** Two packages of one course compared. */
export interface PackageDiff {
  verdict: Verdict
  old: DiffSide
  new: DiffSide
  /** By group (`lms`, `pages`, `quizzes`, `content`), then in course order. */
  changes: Change[]
  learners: LearnerMapping
}

/** An identifier an LMS keeps records by, as a descriptor writes it. */
export interface Identifier {
  /** `manifest`, `organization`, `item`, `resource` (SCORM); `activity` (tincan.xml's launched activity); `course`, `au` (cmi5). */
  element: 'manifest' | 'organization' | 'item' | 'resource' | 'activity' | 'course' | 'au'
  value: string
}

/** What a package's descriptor tells an LMS. */
export interface Descriptor {
  kind: TargetName
  file: 'imsmanifest.xml' | 'tincan.xml' | 'cmi5.xml'
  identifiers: Identifier[]
  /** The launch URL as written; undefined when there is none. */
  launch: string | undefined
}

/** Everything the comparison reads of one package. */
export interface PackageSide {
  path: string
  source: 'zip' | 'folder'
  descriptor: Descriptor
  /** The course data of its launch page, answer keys opened. */
  data: CourseData
  /** Per page id: a digest of the page's HTML (its section, the pager left out). */
  pageTexts: ReadonlyMap<string, string>
  /** Every other file (not the descriptor, not the launch page): name → `size:crc32`. */
  files: ReadonlyMap<string, string>
}
