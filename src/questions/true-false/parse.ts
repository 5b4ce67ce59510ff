/**
 * True or false in Markdown: `<Question type="true-false">`, then a task list of exactly two
 * options in the course's language, the right one marked: `- [x] True` and `- [ ] False`.
 * The first option is true and the second false in the records, whatever their text.
 */
import type { List, PhrasingContent, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { error, warn } from '../../diagnostics.js'
import { checkContent } from '../../model/content.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { type TrueFalseData, trueFalseOptions } from './core.js'

const isTaskList = (node: RootContent): node is List => node.type === 'list' && node.children.some((item) => typeof item.checked === 'boolean')

export const trueFalseParser: QuestionParser = {
  name: 'true-false',
  types: ['true-false'],
  isBlock: isTaskList,
  missingBlock: (text) => ({
    ruleId: 'quiz-no-options',
    message: `Cannot find the two options of true-false question \`${text}\`, expected a task list such as \`- [x] True\` and \`- [ ] False\``
  }),
  parse({ file, text, id, points, context }, block): ParsedBody | undefined {
    const list = block as List
    let usable = true
    const items = list.children
    if (items.length !== 2) {
      error(file, `Unexpected ${items.length} options in true-false question \`${text}\`, expected exactly two: the true one, then the false one`, {
        ruleId: 'quiz-true-false-options',
        place: list.position
      })
      usable = false
    }
    const labels: PhrasingContent[][] = []
    const texts: string[] = []
    for (const item of items) {
      if (typeof item.checked !== 'boolean') {
        error(file, `Unexpected list item without a checkbox in true-false question \`${text}\`, expected \`- [ ] …\` or \`- [x] …\``, { ruleId: 'quiz-option-not-task', place: item.position })
        usable = false
      }
      const [first, ...more] = item.children
      if (more.length > 0) {
        warn(file, 'Unexpected content after the first paragraph of an option, expected one paragraph per option', { ruleId: 'quiz-option-shape', place: more[0]?.position })
      }
      const label: PhrasingContent[] = first && first.type === 'paragraph' ? first.children : []
      checkContent(file, label as RootContent[], context)
      const optionText = toString(label).trim()
      if (optionText === '') {
        error(file, `Unexpected empty option in true-false question \`${text}\`, expected the option's text after the checkbox`, { ruleId: 'quiz-option-shape', place: item.position })
        usable = false
      }
      labels.push(label)
      texts.push(optionText)
    }
    const marked = items.filter((item) => item.checked === true).length
    if (items.length === 2 && marked !== 1) {
      error(file, `Unexpected ${marked === 0 ? 'no' : 'both'} options marked in true-false question \`${text}\`, expected exactly one \`- [x] …\`, the right one`, {
        ruleId: 'quiz-true-false-correct',
        place: list.position
      })
      usable = false
    }
    if (!usable) return undefined
    const data: TrueFalseData = {
      id,
      text,
      type: 'true-false',
      points,
      labels: [texts[0] ?? '', texts[1] ?? ''],
      correct: items[0]?.checked === true ? 'true' : 'false'
    }
    return { data, labels: { true: labels[0] ?? [], false: labels[1] ?? [] } }
  },
  folder: 'true-false',
  view({ question, inline }) {
    return { options: trueFalseOptions.map((id) => ({ id, label: inline(question.labels[id] ?? []) })) }
  }
}
