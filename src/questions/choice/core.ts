/**
 * Single choice and multiple response: a task list of options, one or several marked right.
 * The shared side: data, all-or-nothing scoring, one suspend-data bit per option, and the
 * `choice` interaction of each standard (option ids `a`, `b`, …: SCORM 1.2 RTE 3.4.4.8.4
 * allows single characters; 2004 RTE 4.2.9.1 and xAPI 2.4.4.1 join them with `[,]`).
 */
import type { QuestionBase, QuestionCore } from '../types.js'

export interface ChoiceData extends QuestionBase {
  /** `single` when one option is right, `multiple` (all or nothing) when several are. */
  type: 'single' | 'multiple'
  /** Option ids in order (`a`, `b`, …). */
  options: string[]
  /** Option texts (plain), in the same order. */
  labels: string[]
  /** Ids of the right options. */
  correct: string[]
}

/** The core of `single` or `multiple`: the same form, told apart by how many options are right. */
export function choiceCore<T extends 'single' | 'multiple'>(type: T): QuestionCore<ChoiceData & { type: T }> {
  const isCorrect = (q: ChoiceData, answer: readonly string[]) => answer.length === q.correct.length && q.correct.every((id) => answer.includes(id))
  return {
    type,
    scored: true,
    keyFields: ['correct'],
    answered: (_q, answer) => answer.length > 0,
    isCorrect,
    bits: (q) => q.options.length,
    encode: (q, answer, out) => {
      for (const option of q.options) out.write(answer.includes(option) ? 1 : 0, 1)
    },
    decode: (q, input) => q.options.filter(() => input.read(1) === 1),
    shape: (q) => String(q.options.length),
    // As the translation message says it: `3 with correct [x x]`.
    key: (q) => `${q.options.length} with correct [${q.options.map((o) => (q.correct.includes(o) ? 'x' : ' ')).join('')}]`,
    revealing: (q) => q.options.flatMap((id, i) => (q.correct.includes(id) ? [q.labels[i] ?? ''] : [])).filter((text) => text !== ''),
    keyName: 'options',
    example: (q, right) => (right ? q.correct : [q.options.find((o) => !q.correct.includes(o)) ?? q.options[0] ?? 'a']),
    scorm12: (q, answer) => ({ type: 'choice', response: answer.join(','), patterns: [q.correct.join(',')] }),
    scorm2004: (q, answer) => ({ type: 'choice', response: answer.join('[,]'), patterns: [q.correct.join('[,]')] }),
    xapi: (q) => ({
      interactionType: 'choice',
      correctResponsesPattern: [q.correct.join('[,]')],
      components: { choices: q.options.map((id, i) => ({ id, description: q.labels[i] ?? id })) }
    }),
    xapiResponse: (_q, answer) => answer.join('[,]')
  }
}
