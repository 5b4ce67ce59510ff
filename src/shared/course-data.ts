/**
 * The data the compiler embeds in every package (`<script type="application/json"
 * id="cp-data">`) and the runtime reads. Used by both sides; no Node or DOM APIs.
 */

/** Every target coursepack builds, in the order `--target all` writes them. */
export const targetNames = ['scorm12', 'scorm2004', 'xapi', 'cmi5'] as const
export type TargetName = (typeof targetNames)[number]

/** A question's data: one member per question type (src/questions/<type>/core.ts). */
export type { QuestionData } from '../questions/data.js'
import type { QuestionData } from '../questions/data.js'

/** How a quiz is taken: its `quiz.md` front matter (README, "Quiz policy"), defaults filled in. */
export interface QuizPolicy {
  /** Submissions allowed; 0 for unlimited. */
  attempts: number
  /** Which attempt's score counts and is reported. */
  keep: 'best' | 'last'
  /** When the right answers of wrongly answered questions are shown. */
  reveal: 'never' | 'after-passing' | 'after-last-attempt' | 'always'
  /** What is shown in a learner's own order, seeded per learner and attempt. */
  shuffle: 'none' | 'options' | 'questions' | 'both'
  /** `avoid`: an attempt draws bank questions not seen in earlier attempts while the bank has enough. */
  repeat: 'avoid' | 'allow'
}

export const defaultPolicy: QuizPolicy = { attempts: 0, keep: 'best', reveal: 'after-passing', shuffle: 'none', repeat: 'avoid' }

/** A question bank (`<Bank id draw>`): each attempt draws `draw` of its questions. */
export interface BankData {
  id: string
  draw: number
  /** Indexes in the quiz's `questions` of the bank's questions, in the author's order. */
  questions: number[]
}

export interface QuizData {
  /** Page id of the quiz. */
  page: string
  title: string
  /** Every question of the quiz, fixed and in banks, in the author's order. */
  questions: QuestionData[]
  policy: QuizPolicy
  /** The quiz's banks; a question in none is asked in every attempt. */
  banks: BankData[]
}

export interface ModuleData {
  /** Module id; the SCORM objective id. */
  id: string
  title: string
  /** Page ids of the module (introduction, lessons, quiz). */
  pages: string[]
  quiz: QuizData | undefined
}

/** What makes the course complete (`course.md` `completion`): every quiz submitted, every page viewed (and required media watched), or both. */
export type CompletionRule = 'quizzes' | 'pages' | 'pages-and-quizzes'
/** `sequential`: a module opens once the one before is done (its quiz passed, or without a quiz its pages viewed). */
export type NavigationRule = 'free' | 'sequential'

/** A `<Video>` or `<Audio>` of a page. */
export interface MediaData {
  /** Stable id (`<page id>/<file name without extension>` unless the author gives one): the xAPI activity and the state's key. */
  id: string
  /** Page id the media is on. */
  page: string
  kind: 'video' | 'audio'
  title: string
  /** `required`: watching (or listening) to at least 90% is part of the page's completion, kept in the learner state. */
  required: boolean
}

export interface CourseData {
  /** Data format version. */
  v: 1
  /** The learner-state format the package's runtime writes: 3 (src/shared/suspend.ts); 1 or 2 for packages of coursepack 0.1, which name nothing to map by. */
  stateFormat: 1 | 2 | 3
  id: string
  version: string
  title: string
  language: string
  target: TargetName
  /** Course passing score, percent (0–100). */
  passingScore: number
  passRule: 'overall' | 'every-module'
  completion: CompletionRule
  navigation: NavigationRule
  /** Every page id in reading order. */
  pages: string[]
  /** Page titles, in the same order. */
  titles: string[]
  /** Page kinds (`welcome`, `module`, `lesson`, `risks`, `quiz`, `results`), in the same order. */
  kinds: string[]
  /** The course's activity IRI (xAPI, cmi5); module, page and question activities hang below it. */
  activityId: string
  modules: ModuleData[]
  /** Every video and audio of the course, in reading order. */
  media: MediaData[]
  /**
   * SHA-256 (hex) of what the learner is taught and tested on, the same for every target of
   * one language (src/package/content-hash.ts); the certificate's verification code comes from it.
   */
  contentHash: string
  /** Player strings of the course language. */
  strings: Record<string, string>
}
