/**
 * Ordering: items the learner puts in the right order, all or nothing. The `sequencing`
 * interaction of each standard: SCORM 1.2 (RTE 3.4.4.8.4) writes single characters joined by
 * commas (`c,a,b`), so items are `a`–`z`, `0`–`9` (at most 36); SCORM 2004 (RTE 4.2.9.1) and
 * xAPI (2.4.4.1, with the items as `choices`) join the same ids with `[,]`.
 *
 * The ids are dealt to the author's items by a permutation seeded with the question's place
 * (../shuffle.ts `idPermutation`), and the data lists the items in id order: neither the ids
 * nor the page's order give the right order away. The right order of ids is the key, `order`.
 */
import { bitsFor, type QuestionBase, type QuestionCore } from '../types.js'

export interface OrderingData extends QuestionBase {
  type: 'ordering'
  /** Item ids (`a`, `b`, …) in id order, which is not the right order. */
  items: string[]
  /** Item texts (plain), in the same order. */
  labels: string[]
  /** The key: the item ids in the right order. */
  order: string[]
}

/** Most items an ordering question may have: SCORM 1.2's single-character ids. */
export const maxItems = 36
export const itemIds = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Is the answer an order of every item, each once? */
const isOrder = (q: OrderingData, answer: readonly string[]) => answer.length === q.items.length && q.items.every((id) => answer.includes(id))

export const orderingCore: QuestionCore<OrderingData> = {
  type: 'ordering',
  scored: true,
  keyFields: ['order'],
  answered: isOrder,
  isCorrect: (q, answer) => isOrder(q, answer) && answer.every((id, i) => id === q.order[i]),
  // Per position, the index of the item there; an unanswered question writes zeros (not an order, read back as none).
  bits: (q) => q.items.length * bitsFor(q.items.length - 1),
  encode: (q, answer, out) => {
    const order = isOrder(q, answer) ? answer : []
    for (const [i] of q.items.entries()) out.write(order[i] === undefined ? 0 : q.items.indexOf(order[i]), bitsFor(q.items.length - 1))
  },
  decode: (q, input) => {
    const answer = q.items.map(() => q.items[input.read(bitsFor(q.items.length - 1))] ?? '')
    return isOrder(q, answer) ? answer : []
  },
  shape: (q) => String(q.items.length),
  // The ids are dealt by the question id, and the list's order is the answer: what a translation keeps is the number of items.
  key: (q) => `${q.items.length} items`,
  revealing: () => [],
  keyName: 'items',
  // A wrong answer swaps the first two items of the right order.
  example: (q, right) => (right ? [...q.order] : q.order.map((_, i) => q.order[i < 2 ? 1 - i : i] ?? '')),
  scorm12: (q, answer) => ({ type: 'sequencing', response: answer.join(','), patterns: [q.order.join(',')] }),
  scorm2004: (q, answer) => ({ type: 'sequencing', response: answer.join('[,]'), patterns: [q.order.join('[,]')] }),
  xapi: (q) => ({
    interactionType: 'sequencing',
    correctResponsesPattern: [q.order.join('[,]')],
    components: { choices: q.items.map((id, i) => ({ id, description: q.labels[i] ?? id })) }
  }),
  xapiResponse: (_q, answer) => answer.join('[,]')
}
