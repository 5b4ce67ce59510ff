/** The document both XLIFF formats write and read: units grouped by course file. */
import type { Piece } from '../inline.js'

export type TargetState = 'initial' | 'translated'

export interface XliffUnit {
  id: string
  /** Hash of the source text the unit carries (16 hex digits). */
  hash: string
  source: Piece[]
  /** The translation; undefined when there is none yet. */
  target: Piece[] | undefined
  /** `translated`, or `initial` for a translation of an older source text (with a note). */
  state: TargetState | undefined
  notes: string[]
  /** What a standalone code shows translators (an inline code's text), by code id (optional). */
  display?: Record<string, string>
  /** Offset of the unit's start tag in the file read (0 when written). */
  offset: number
}

export interface XliffFile {
  /** The file's content id (`lesson.rights.intro`). */
  id: string
  /** The source file, relative to the course folder, with `/`. */
  original: string
  /** What the file is (1.2's `datatype`): Markdown unless it is WebVTT captions. */
  kind?: 'markdown' | 'captions'
  units: XliffUnit[]
}

export interface XliffDocument {
  sourceLanguage: string
  targetLanguage: string
  files: XliffFile[]
}

/** A problem reading a file: what, and where (an offset in its text). */
export interface XliffProblem {
  message: string
  offset: number
  /** The unit it is about, when it is about one. */
  unit?: string
}

export type XliffRead = { ok: true; document: XliffDocument } | { ok: false; problems: XliffProblem[] }

export interface XliffFormat {
  /** `--format` value. */
  name: string
  /** What the format is called in messages and help. */
  title: string
  /** The root element's `version`. */
  version: string
  namespace: string
  write(document: XliffDocument): string
  read(text: string): XliffRead
}

/** Our namespace, for the source hash on each unit. */
export const coursepackNamespace = 'urn:coursepack:xliff:1'
