/**
 * True or false: a task list of two options, one marked right. Whatever the author wrote on
 * them, the first option stands for true and the second for false, so every language records
 * the same responses: `t`/`f` in SCORM 1.2 (RTE 3.4.4.8.4), `true`/`false` in SCORM 2004
 * (RTE 4.2.9.1) and xAPI (1.0.3, 2.4.4.1). Two bits of suspend data: none, true or false.
 */
import type { Answer, QuestionBase, QuestionCore } from '../types.js'

export interface TrueFalseData extends QuestionBase {
  type: 'true-false'
  /** The two options' texts (plain): the one standing for true, then the one for false. */
  labels: [string, string]
  /** The right option: `true` (the first) or `false` (the second). */
  correct: 'true' | 'false'
}

/** The option ids, in the order of the list: the answer is one of them. */
export const trueFalseOptions = ['true', 'false'] as const

const chosen = (answer: Answer): 'true' | 'false' | undefined => (answer[0] === 'true' || answer[0] === 'false' ? answer[0] : undefined)

/** SCORM 1.2's single-character form (RTE 3.4.4.8.4 allows `0`, `1`, `t` and `f`). */
const letter = (value: 'true' | 'false' | undefined): string => (value === undefined ? '' : value === 'true' ? 't' : 'f')

export const trueFalseCore: QuestionCore<TrueFalseData> = {
  type: 'true-false',
  scored: true,
  keyFields: ['correct'],
  answered: (_q, answer) => chosen(answer) !== undefined,
  isCorrect: (q, answer) => chosen(answer) === q.correct,
  bits: () => 2,
  encode: (_q, answer, out) => out.write({ true: 1, false: 2, none: 0 }[chosen(answer) ?? 'none'], 2),
  decode: (_q, input) => {
    const value = input.read(2)
    return value === 1 ? ['true'] : value === 2 ? ['false'] : []
  },
  shape: () => 'tf',
  key: (q) => `${q.correct} (the ${q.correct === 'true' ? 'first' : 'second'} option) correct`,
  revealing: () => [],
  keyName: 'answer',
  example: (q, right) => [right ? q.correct : q.correct === 'true' ? 'false' : 'true'],
  scorm12: (q, answer) => ({ type: 'true-false', response: letter(chosen(answer)), patterns: [letter(q.correct)] }),
  scorm2004: (q, answer) => ({ type: 'true-false', response: chosen(answer) ?? '', patterns: [q.correct] }),
  xapi: (q) => ({ interactionType: 'true-false', correctResponsesPattern: [q.correct] }),
  xapiResponse: (_q, answer) => chosen(answer) ?? ''
}
