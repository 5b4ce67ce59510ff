/**
 * What the list and table types (ordering, likert, matching) check alike in their items: one
 * paragraph of text each, none empty, none repeated (a repeated item would make two answers
 * look the same to the learner), and how many there may be. Compiler side only.
 */
import type { List, PhrasingContent, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error, warn } from '../../diagnostics.js'
import { type CourseContext, checkContent } from '../../model/content.js'

export interface Item {
  label: PhrasingContent[]
  text: string
  position: Position | undefined
}

/** More items than this make a question hard to answer (matching, ordering): a warning. */
export const comfortableItems = 12

/** Read one list item (or table cell) as an item, reporting an empty one. */
export function readItem(file: VFile, label: PhrasingContent[], position: Position | undefined, what: string, question: string, context: CourseContext): Item {
  checkContent(file, label as RootContent[], context)
  const text = toString(label).trim()
  if (text === '') error(file, `Unexpected empty ${what} in question \`${question}\`, expected its text`, { ruleId: 'quiz-empty-item', place: position })
  return { label, text, position }
}

/** Read a list's items: the first paragraph of each (more content is reported and dropped). */
export function listItems(file: VFile, list: List, what: string, question: string, context: CourseContext): Item[] {
  return list.children.map((item) => {
    const [first, ...more] = item.children
    if (more.length > 0) {
      warn(file, `Unexpected content after the first paragraph of ${what} \`${toString(first ?? item).trim()}\`, expected one paragraph per ${what}`, { ruleId: 'quiz-option-shape', place: more[0]?.position })
    }
    return readItem(file, first && first.type === 'paragraph' ? first.children : [], item.position, what, question, context)
  })
}

/** Report each item whose text repeats an earlier one's. */
export function checkDuplicates(file: VFile, items: readonly Item[], what: string, question: string): void {
  const seen = new Set<string>()
  for (const item of items) {
    if (item.text !== '' && seen.has(item.text)) {
      error(file, `Unexpected duplicate ${what} \`${item.text}\` in question \`${question}\`, expected each ${what} once`, { ruleId: 'quiz-duplicate-item', place: item.position })
    }
    seen.add(item.text)
  }
}
