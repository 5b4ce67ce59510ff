/**
 * The typed course model: what the model stage produces and later stages consume.
 * Content bodies stay mdast (already checked); every node keeps its source position.
 */
import type { QuestionData, QuestionType } from '../questions/data.js'
import type { CompletionRule, NavigationRule, QuizPolicy } from '../shared/course-data.js'
import type { PhrasingContent, RootContent } from 'mdast'
import type { MdxJsxFlowElement } from 'mdast-util-mdx'
import type { Position } from 'unist'

export type PassRule = 'overall' | 'every-module'

/** Checked Markdown body: block content ready to render. */
export interface Content {
  children: RootContent[]
}

export interface Course {
  id: string
  title: string
  version: string
  /** BCP 47 tag (default: `en`); the translation's language when built from one. */
  language: string
  /** The language of the translation this model was built from; undefined for the source language. */
  variant: string | undefined
  /**
   * Percent, 0–100 (default: 70), with at most two decimals: always exactly a whole number
   * of hundredths over 100 (see `percentToHundredths`), so it prints the same everywhere.
   */
  passingScore: number
  passRule: PassRule
  /** What makes the course complete (default: `quizzes`): every quiz submitted, every page viewed, or both. */
  completion: CompletionRule
  /** `sequential`: a module opens once the one before is done (default: `free`). */
  navigation: NavigationRule
  description: string
  objectives: string[]
  welcome: Content
  modules: Module[]
  /** Files referenced by content, copied into the package. */
  assets: Asset[]
  /** Every `<Video>` and `<Audio>` of the course, in reading order. */
  media: Media[]
  /** Absolute path of the course folder. */
  root: string
  /** IRI of the course as an xAPI/cmi5 activity (default: `urn:coursepack:<id>`). */
  activityId: string
}

export interface Module {
  /** Slug of the folder without its prefix (`01-rights` → `rights`); also the SCORM objective id. */
  id: string
  /** 1-based position in the course. */
  number: number
  title: string
  objectives: string[]
  intro: Content
  lessons: Lesson[]
  quiz: Quiz | undefined
  /** Source path, relative to the course folder. */
  source: string
}

export interface Risk {
  category: RiskCategory
  title: string
  /** Anchor id, unique within the page. */
  anchor: string
  body: Content
}

export type RiskCategory = 'content' | 'contact' | 'conduct' | 'contract' | 'cross-cutting'

export interface Lesson {
  /** Slug of the file without its prefix. */
  id: string
  title: string
  kind: 'lesson' | 'risks'
  body: Content
  /** The 4Cs risks, for `kind: risks` lessons, in source order. */
  risks: Risk[]
  source: string
}

export interface Quiz {
  title: string
  intro: Content
  /** Every question, fixed and in banks, in the author's order. */
  questions: Question[]
  /** How the quiz is taken (front matter, defaults filled in). */
  policy: QuizPolicy
  /** The `<Bank>` elements; a question in none is asked in every attempt. */
  banks: Bank[]
  source: string
}

/** A `<Bank id draw>`: each attempt draws `draw` of its questions. */
export interface Bank {
  id: string
  draw: number
  /** Indexes in the quiz's `questions`, in the author's order. */
  questions: number[]
  position: Position | undefined
}

export interface Question {
  /** Stable id: from `<Question id>`, else the module id and the heading slug. */
  id: string
  /** The heading, as phrasing content and as plain text. */
  heading: PhrasingContent[]
  text: string
  prompt: Content
  /** The question's type (src/questions/): `single`, `multiple`, … */
  type: QuestionType
  /** Weight, a positive integer (default: 1); 0 for an unscored type. */
  points: number
  /** What the package carries for the runtime: the type's data, answer key included. */
  data: QuestionData
  /** Rich text of the type's items (options, rows, scale labels), by item id. */
  labels: Record<string, PhrasingContent[]>
  feedback: Content | undefined
  position: Position | undefined
}

/** A `<Video>` or `<Audio>` on a page, its files resolved. */
export interface Media {
  /** Stable id: `<Video id>`, else `<page id>/<file name without extension>`; the state's key and the xAPI activity. */
  id: string
  kind: 'video' | 'audio'
  title: string
  /** Page id the media is on. */
  page: string
  /** Watching (or listening to) at least 90% is part of the page's completion. */
  required: boolean
  /** The media file: a package path (`assets/…`, URL-encoded) or an `https:` URL. */
  src: string
  /** The poster image, likewise; undefined without one. */
  poster: string | undefined
  /** Caption tracks, the package's own language first (the default track); none with `captions="none"`. */
  tracks: Array<{ src: string; language: string }>
  /** The element's Markdown body, shown under the player as its transcript. */
  transcript: Content | undefined
  /** The element in its page's body, where the renderer puts the player. */
  node: MdxJsxFlowElement
  position: Position | undefined
}

export interface Asset {
  /** Path inside the package, with forward slashes. */
  target: string
  /** Absolute path of the source file. */
  source: string
}

declare module 'vfile' {
  interface DataMap {
    /** For a translation: the path of its source-language original. */
    source: string
    /** For a translation: the text of its source-language original. */
    sourceValue: string
    /** For a source file read in place of a missing translation: that translation's language. */
    untranslated: string
    /** The file does not exist (a placeholder carrying an error). */
    missing: boolean
  }
}

declare module 'mdast' {
  interface Data {
    /** Anchor id the model gave a `<Risk>` element, used by the renderer. */
    anchor?: string
  }
}
