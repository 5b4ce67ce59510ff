/**
 * Fill in the blank in Markdown: `<Question type="fill-in">`, then a plain bullet list of the
 * accepted answers (at least one). `caseSensitive={true}` makes case matter; `maxLength={n}`
 * (default 60, at most 250) bounds what the learner may type, for the suspend-data budget.
 */
import type { List, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { error, warn } from '../../diagnostics.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { comparable, defaultMaxLength, type FillInData, largestMaxLength, tidy } from './core.js'

// Any bullet list: a checkbox in it is reported on its item, rather than the list being missed.
const isBulletList = (node: RootContent): node is List => node.type === 'list' && node.ordered !== true

export const fillInParser: QuestionParser = {
  name: 'fill-in',
  types: ['fill-in'],
  attributes: {
    caseSensitive: { check: (v) => (typeof v === 'boolean' ? undefined : 'expected `{true}` or `{false}`') },
    maxLength: {
      check: (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= largestMaxLength ? undefined : `expected a whole number from 1 to ${largestMaxLength}`
    }
  },
  isBlock: isBulletList,
  missingBlock: (text) => ({
    ruleId: 'quiz-fill-in-no-answers',
    message: `Cannot find the accepted answers of fill-in question \`${text}\`, expected a bullet list such as \`- Paris\``
  }),
  parse({ file, text, id, points, attributes }, block): ParsedBody | undefined {
    const list = block as List
    const caseSensitive = attributes.caseSensitive === true
    const maxLength = typeof attributes.maxLength === 'number' ? attributes.maxLength : defaultMaxLength
    const answers: string[] = []
    const seen = new Set<string>()
    let usable = true
    for (const item of list.children) {
      if (typeof item.checked === 'boolean') {
        error(file, `Unexpected checkbox in the answers of fill-in question \`${text}\`, expected plain items such as \`- Paris\`: every item is an accepted answer`, {
          ruleId: 'quiz-fill-in-answer-shape',
          place: item.position
        })
        usable = false
        continue
      }
      const [first, ...more] = item.children
      if (!first || first.type !== 'paragraph' || more.length > 0) {
        error(file, `Unexpected ${first ? 'content other than one line of text' : 'empty item'} in the answers of fill-in question \`${text}\`, expected one accepted answer per item`, {
          ruleId: 'quiz-fill-in-answer-shape',
          place: (more[0] ?? item).position
        })
        usable = false
        continue
      }
      const answer = tidy(toString(first))
      if (answer === '') {
        error(file, `Unexpected empty answer in fill-in question \`${text}\`, expected the text of an accepted answer`, { ruleId: 'quiz-fill-in-answer-shape', place: item.position })
        usable = false
        continue
      }
      if (answer.length > maxLength) {
        error(file, `Unexpected answer of ${answer.length} characters in fill-in question \`${text}\`, expected at most \`maxLength\` (${maxLength}), which bounds what a learner can type`, {
          ruleId: 'quiz-fill-in-answer-length',
          place: item.position
        })
        usable = false
      }
      const key = comparable(answer, caseSensitive)
      if (seen.has(key)) {
        warn(file, `Unexpected duplicate answer \`${answer}\` in fill-in question \`${text}\`, expected distinct answers`, { ruleId: 'quiz-duplicate-option', place: item.position })
      }
      seen.add(key)
      answers.push(answer)
    }
    if (!usable) return undefined
    const data: FillInData = { id, text, type: 'fill-in', points, answers, caseSensitive, maxLength }
    return { data, labels: {} }
  },
  folder: 'fill-in',
  view({ question }) {
    return { maxLength: (question.data as FillInData).maxLength }
  }
}
