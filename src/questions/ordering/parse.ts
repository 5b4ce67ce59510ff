/**
 * Ordering in Markdown: an ordered list after the heading, its items in the right order
 * (`1. First`, `2. Second`, …). Their ids are dealt by a permutation seeded with the question id
 * (../shuffle.ts), so the page lists them in an order that is not the right one; the player
 * shows them shuffled for each learner.
 */
import type { List, RootContent } from 'mdast'
import { error, warn } from '../../diagnostics.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { idPermutation } from '../shuffle.js'
import { itemIds, maxItems, type OrderingData } from './core.js'
import { checkDuplicates, comfortableItems, listItems } from './items.js'

const isOrderedList = (node: RootContent): node is List => node.type === 'list' && node.ordered === true

export const orderingParser: QuestionParser = {
  name: 'ordering',
  types: ['ordering'],
  isBlock: isOrderedList,
  missingBlock: (text) => ({
    ruleId: 'quiz-ordering-no-list',
    message: `Cannot find the items of ordering question \`${text}\`, expected an ordered list in the right order such as \`1. First\` and \`2. Second\``
  }),
  parse({ file, text, id, points, context, dealSeed }, block): ParsedBody | undefined {
    const list = block as List
    const items = listItems(file, list, 'item', text, context)
    if (items.length < 2) {
      error(file, `Unexpected ${items.length} item in ordering question \`${text}\`, expected at least 2`, { ruleId: 'quiz-ordering-items', place: list.position })
    } else if (items.length > maxItems) {
      error(file, `Unexpected ${items.length} items in ordering question \`${text}\`, expected at most ${maxItems}`, { ruleId: 'quiz-ordering-items', place: list.position })
    } else if (items.length > comfortableItems) {
      warn(file, `Unexpected ${items.length} items in ordering question \`${text}\`, expected at most ${comfortableItems} for a question learners can answer`, { ruleId: 'quiz-many-items', place: list.position })
    }
    checkDuplicates(file, items, 'item', text)
    // Id number k goes to the author's item permutation[k]; the data and the page list the items in id order.
    const permutation = idPermutation(items.length, dealSeed)
    const ids = permutation.map((_, k) => itemIds[k] ?? String(k))
    const idOf: string[] = []
    permutation.forEach((author, k) => (idOf[author] = ids[k] ?? ''))
    const data: OrderingData = { id, text, type: 'ordering', points, items: ids, labels: permutation.map((author) => items[author]?.text ?? ''), order: items.map((_, i) => idOf[i] ?? '') }
    return { data, labels: Object.fromEntries(items.map((item, i) => [idOf[i], item.label])) }
  },
  folder: 'ordering',
  view({ question, inline }) {
    const data = question.data as OrderingData
    return { items: data.items.map((id) => ({ id, label: inline(question.labels[id] ?? []) })) }
  }
}
