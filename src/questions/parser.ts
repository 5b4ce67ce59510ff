/**
 * What a question type does on the compiler's side: recognise its Markdown after the
 * question's heading, check it (positioned diagnostics with rule ids), and give the data the
 * package carries, the rich text of its items, and its HTML partial. The quiz stage
 * (src/model/quiz.ts) handles what every type shares: the heading, `<Question id points
 * type>`, the prompt before the type's block and the feedback blockquote after it.
 */
import type { Heading, PhrasingContent, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import type { AttributeValue, ComponentSpec, CourseContext, JsxElement } from '../model/content.js'
import type { Content, Question } from '../model/types.js'
import type { QuestionData, QuestionType } from './data.js'

export interface ParseInput {
  file: VFile
  heading: Heading
  /** The heading as plain text (the question's text). */
  text: string
  /** The `<Question>` attributes, checked against every type's (./index.ts). */
  attributes: Record<string, AttributeValue>
  /** Id and points as the quiz stage resolved them. */
  id: string
  points: number
  /**
   * What item ids are dealt by (ordering items, matching targets: ./shuffle.ts `idPermutation`):
   * the module and the question's place in its quiz, the same in every translation of it (whose
   * derived ids differ until they are aligned with the source's).
   */
  dealSeed: string
  /** The course language (numeric answers read its digits and decimal separator). */
  language: string
  context: CourseContext
  /** The `<Question>` element, when there is one: diagnostics about its attributes point at it. */
  wrapper?: JsxElement | undefined
}

export interface ParsedBody {
  data: QuestionData
  /** Rich text of the type's items (options, rows, scale labels), by item id, for the page. */
  labels: Record<string, PhrasingContent[]>
}

/** What a partial needs to render a question, beside what every question has. */
export interface ViewInput {
  question: Question
  /** A question's DOM id prefix, unique in the page. */
  domId: string
  inline(nodes: PhrasingContent[]): string
}

export interface QuestionParser {
  /** The `<Question type>` value that selects this parser; the one with `default` needs none. */
  readonly name: string
  readonly default?: boolean
  /** The types of data it makes (choice makes `single` or `multiple`). */
  readonly types: readonly QuestionType[]
  /** Attributes of `<Question>` it reads, beside `id`, `points` and `type`. */
  readonly attributes?: ComponentSpec['attributes']
  /** Does this node start the type's block (a task list, a table, …)? Absent: the type has no block. */
  isBlock?(node: RootContent): boolean
  /** The error when no block is found: its rule id and message. */
  missingBlock?(text: string): { ruleId: string; message: string }
  /** Read and check the block (undefined for a type without one); undefined when unusable (errors reported). */
  parse(input: ParseInput, block: RootContent | undefined): ParsedBody | undefined
  /** Its folder under src/questions/, which holds its `partial.hbs` (registered as partial `question-<folder>`). */
  readonly folder: string
  /** The partial's context, beside the shared fields (id, number, heading, prompt, feedback). */
  view(input: ViewInput): Record<string, unknown>
}

export type { Content }
