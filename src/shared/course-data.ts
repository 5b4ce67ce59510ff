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

export interface QuizData {
  /** Page id of the quiz. */
  page: string
  title: string
  questions: QuestionData[]
}

export interface ModuleData {
  /** Module id; the SCORM objective id. */
  id: string
  title: string
  /** Page ids of the module (introduction, lessons, quiz). */
  pages: string[]
  quiz: QuizData | undefined
}

export interface CourseData {
  /** Data format version. */
  v: 1
  id: string
  version: string
  title: string
  language: string
  target: TargetName
  /** Course passing score, percent (0–100). */
  passingScore: number
  passRule: 'overall' | 'every-module'
  /** Every page id in reading order. */
  pages: string[]
  /** Page titles, in the same order. */
  titles: string[]
  /** Page kinds (`welcome`, `module`, `lesson`, `risks`, `quiz`, `results`), in the same order. */
  kinds: string[]
  /** The course's activity IRI (xAPI, cmi5); module, page and question activities hang below it. */
  activityId: string
  modules: ModuleData[]
  /** Player strings of the course language. */
  strings: Record<string, string>
}
