/**
 * Likert: a scale of labels, one chosen; not scored (its points are 0 and it never counts in a
 * quiz's score), only recorded. The `likert` interaction of each standard with no correct
 * response: SCORM 1.2 (RTE 3.4.4.8.4) writes a single character (labels `a`–`j`), SCORM 2004
 * (RTE 4.2.9.1) and xAPI (2.4.4.1, the labels as `scale`) the same id; results are `neutral`
 * in SCORM and carry no `success` in xAPI (../records.ts).
 */
import { bitsFor, type QuestionBase, type QuestionCore } from '../types.js'

export interface LikertData extends QuestionBase {
  type: 'likert'
  /** Label ids (`a`, `b`, …), in the list's order. */
  scale: string[]
  /** Label texts (plain), in the same order. */
  labels: string[]
}

export const minLabels = 2
export const maxLabels = 10
export const labelIds = 'abcdefghij'

const choice = (q: LikertData, answer: readonly string[]) => (answer.length === 1 && q.scale.includes(answer[0] ?? '') ? (answer[0] ?? '') : '')

export const likertCore: QuestionCore<LikertData> = {
  type: 'likert',
  scored: false,
  keyFields: [],
  answered: (q, answer) => choice(q, answer) !== '',
  isCorrect: () => false,
  // 0 for none, else the label's index + 1.
  bits: (q) => bitsFor(q.scale.length),
  encode: (q, answer, out) => out.write(q.scale.indexOf(choice(q, answer)) + 1, bitsFor(q.scale.length)),
  decode: (q, input) => {
    const id = q.scale[input.read(bitsFor(q.scale.length)) - 1]
    return id === undefined ? [] : [id]
  },
  shape: (q) => String(q.scale.length),
  key: (q) => `${q.scale.length} labels`,
  revealing: () => [],
  keyName: 'scale labels',
  // No answer is right or wrong: the first label for one, the last for the other.
  example: (q, right) => [(right ? q.scale[0] : q.scale[q.scale.length - 1]) ?? 'a'],
  scorm12: (q, answer) => ({ type: 'likert', response: choice(q, answer), patterns: [] }),
  scorm2004: (q, answer) => ({ type: 'likert', response: choice(q, answer), patterns: [] }),
  xapi: (q) => ({ interactionType: 'likert', components: { scale: q.scale.map((id, i) => ({ id, description: q.labels[i] ?? id })) } }),
  xapiResponse: (q, answer) => choice(q, answer)
}
