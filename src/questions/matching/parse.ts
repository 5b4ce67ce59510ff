/**
 * Matching in Markdown: a GFM table of two columns after the heading. Its header row names
 * the columns; each row after it is a right pair, the item on the left and its match on the
 * right. The player shows one select per item, its options the matches in a shuffled order.
 */
import type { RootContent, Table } from 'mdast'
import { error, warn } from '../../diagnostics.js'
import { checkDuplicates, comfortableItems, type Item, readItem } from '../ordering/items.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { idPermutation } from '../shuffle.js'
import { type MatchingData, maxPairs } from './core.js'

const isTable = (node: RootContent): node is Table => node.type === 'table'

export const matchingParser: QuestionParser = {
  name: 'matching',
  types: ['matching'],
  isBlock: isTable,
  missingBlock: (text) => ({
    ruleId: 'quiz-matching-no-table',
    message: `Cannot find the pairs of matching question \`${text}\`, expected a table of two columns such as \`| Item | Match |\` with a row per right pair`
  }),
  parse({ file, text, id, points, context, dealSeed }, block): ParsedBody | undefined {
    const table = block as Table
    const [header, ...rows] = table.children
    let usable = true
    for (const row of table.children) {
      if (row.children.length !== 2) {
        error(file, `Unexpected ${row.children.length} ${row.children.length === 1 ? 'column' : 'columns'} in matching question \`${text}\`, expected 2 (an item and its match)`, {
          ruleId: 'quiz-matching-columns',
          place: row.position
        })
        usable = false
      }
    }
    if (!header || !usable) return undefined
    if (rows.length < 2) {
      error(file, `Unexpected ${rows.length} ${rows.length === 1 ? 'pair' : 'pairs'} in matching question \`${text}\`, expected at least 2 rows after the header`, { ruleId: 'quiz-matching-rows', place: table.position })
    } else if (rows.length > maxPairs) {
      error(file, `Unexpected ${rows.length} pairs in matching question \`${text}\`, expected at most ${maxPairs}`, { ruleId: 'quiz-matching-rows', place: table.position })
    } else if (rows.length > comfortableItems) {
      warn(file, `Unexpected ${rows.length} pairs in matching question \`${text}\`, expected at most ${comfortableItems} for a question learners can answer`, { ruleId: 'quiz-many-items', place: table.position })
    }
    const cell = (row: (typeof rows)[number], column: 0 | 1, what: string): Item => {
      const node = row.children[column]
      return readItem(file, node?.children ?? [], node?.position ?? row.position, what, text, context)
    }
    const sources = rows.map((row) => cell(row, 0, 'item'))
    const targets = rows.map((row) => cell(row, 1, 'match'))
    checkDuplicates(file, sources, 'item', text)
    checkDuplicates(file, targets, 'match', text)
    const sourceIds = rows.map((_, i) => `s${i + 1}`)
    // Target id t(k+1) goes to the match of row permutation[k]; the data and the page list targets in id order.
    const permutation = idPermutation(rows.length, dealSeed)
    const targetIds = permutation.map((_, k) => `t${k + 1}`)
    const targetOf: string[] = []
    permutation.forEach((row, k) => (targetOf[row] = targetIds[k] ?? ''))
    const data: MatchingData = {
      id,
      text,
      type: 'matching',
      points,
      sources: sourceIds,
      sourceLabels: sources.map((s) => s.text),
      targets: targetIds,
      targetLabels: permutation.map((row) => targets[row]?.text ?? ''),
      match: rows.map((_, i) => targetOf[i] ?? '')
    }
    return {
      data,
      labels: Object.fromEntries([...sources.map((s, i) => [sourceIds[i], s.label]), ...targets.map((t, i) => [targetOf[i], t.label])])
    }
  },
  folder: 'matching',
  view({ question, inline }) {
    const data = question.data as MatchingData
    // An option holds plain text only, so the matches are their plain texts; the items keep their rich text.
    return {
      sources: data.sources.map((id) => ({ id, label: inline(question.labels[id] ?? []) })),
      targets: data.targets.map((id, i) => ({ id, label: data.targetLabels[i] ?? id }))
    }
  }
}
