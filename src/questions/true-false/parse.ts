/**
 * True or false in Markdown: `<Question type="true-false">`, then a task list of exactly two
 * options in the course's language, the right one marked: `- [x] True` and `- [ ] False`.
 * The first option is true and the second false in the records, whatever their text.
 */
import type { List, PhrasingContent } from 'mdast'
import { error } from '../../diagnostics.js'
import { isTaskList, readOption } from '../choice/parse.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { type TrueFalseData, trueFalseOptions } from './core.js'

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
      const option = readOption(file, item, `true-false question \`${text}\``, context)
      if (!option || option.text === '') usable = false
      labels.push(option?.label ?? [])
      texts.push(option?.text ?? '')
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
