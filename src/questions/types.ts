/**
 * What a question type is, on the side every stage shares (the compiler, the package
 * writers, the browser runtime): its data in the package, its scoring, its share of the
 * suspend data and its interaction records. No Node or DOM APIs here, nor in any type's
 * `core.ts`: the runtime bundles them (src/runtime/tsconfig.json checks it).
 *
 * A learner's answer to one question is a list of strings whose meaning is the type's own:
 * chosen option ids (choice), the text typed (fill-in, numeric), the target id chosen for
 * each source in source order (matching), the item ids in the learner's order (ordering).
 * Ids, never display positions, so a shuffled view records the same answer.
 */

/** What every question's data has, whatever its type. */
export interface QuestionBase {
  /** Stable id; the SCORM interaction id. */
  id: string
  /** The question's text (plain), for interaction descriptions. */
  text: string
  /** Weight, a positive integer; 0 for an unscored type (likert). */
  points: number
}

/**
 * The members of a question's data that are display text (the prompt, option and row labels):
 * rewording them changes nothing a learner's saved answers depend on. Every other member (ids,
 * points, keys, sizes, flags) is the question's scoring identity (src/shared/suspend.ts
 * `questionIdentity`), so a type whose data adds display text names it here.
 */
export const displayFields: readonly string[] = ['text', 'labels', 'sourceLabels', 'targetLabels']

/** One learner's answer to one question (see above). */
export type Answer = readonly string[]

/** Writes an answer into the suspend data's bit field. */
export interface BitWriter {
  /** Append `value` (0 ≤ value < 2^bits) in `bits` bits, most significant first. */
  write(value: number, bits: number): void
}

/** Reads what a BitWriter wrote. */
export interface BitReader {
  read(bits: number): number
}

/** One interaction as SCORM records it (1.2 RTE 3.4.4.8, 2004 RTE 4.2.9): type, response, correct pattern. */
export interface ScormInteraction {
  type: string
  response: string
  /** The correct-response patterns (one per accepted answer; most types have one); absent or empty where the type has none (likert). */
  patterns?: string[]
}

/** The type-specific part of an xAPI interaction activity definition (xAPI 1.0.3, 2.4.4.1, Interaction Activities). */
export interface XapiInteraction {
  interactionType: string
  correctResponsesPattern?: string[]
  /** Component lists: `choices`, `scale`, `source`, `target`, as the interaction type has them. */
  components?: Partial<Record<'choices' | 'scale' | 'source' | 'target', Array<{ id: string; description: string }>>>
}

/** Everything a question type does on the shared side. */
export interface QuestionCore<D extends QuestionBase & { type: string } = QuestionBase & { type: string }> {
  /** The type's name: the data's `type`, the `<Question type>` attribute. */
  readonly type: D['type']
  /** Scored types count in the quiz's points; an unscored one (likert) is only recorded. */
  readonly scored: boolean
  /**
   * The members of the data that make up the answer key (choice: `correct`; numeric: `answer`,
   * `min`, `max`; none for likert). The package writes them encoded, apart from the data the page
   * may show (src/questions/keys.ts), so that no key stands in plain text in a package.
   */
  readonly keyFields: readonly (keyof D & string)[]
  /** Has the learner answered it (every row chosen, some text typed, …)? */
  answered(question: D, answer: Answer): boolean
  /** Is the answer right? (Never asked of an unscored type.) */
  isCorrect(question: D, answer: Answer): boolean
  /** Exactly how many bits the answer takes in the suspend data, for every learner. */
  bits(question: D): number
  encode(question: D, answer: Answer, out: BitWriter): void
  decode(question: D, input: BitReader): Answer
  /** What saved state depends on (option counts, lengths): part of the state's fingerprint. */
  shape(question: D): string
  /**
   * The answer key and structure a translation must keep (ids, keys, numbers), without the
   * text that is translated; compared between a course and its translations.
   */
  key(question: D): string
  /**
   * Texts that give the right answer away when quoted (the right options' labels, the accepted
   * answers): feedback quoting one is warned about unless the quiz reveals answers `always`.
   * Empty where quoting cannot tell (true/false, matching, ordering, likert).
   */
  revealing(question: D): string[]
  /** What `key` describes, for the message when a translation differs (`options`, `answers`, …). */
  readonly keyName: string
  /** An answer a learner could give: a right one, or a wrong one (for `coursepack test`'s walks and the tests). */
  example(question: D, right: boolean): Answer
  scorm12(question: D, answer: Answer): ScormInteraction
  scorm2004(question: D, answer: Answer): ScormInteraction
  xapi(question: D): XapiInteraction
  /** The xAPI `result.response` of an answer. */
  xapiResponse(question: D, answer: Answer): string
}

/** Bits needed to write any integer from 0 to `max`. */
export function bitsFor(max: number): number {
  let bits = 0
  while (2 ** bits <= max) bits++
  return bits
}
