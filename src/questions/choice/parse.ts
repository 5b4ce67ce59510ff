/**
 * Single choice and multiple response in Markdown: a GFM task list after the heading, `[x]`
 * marking the right options. One right option makes `single` (radio buttons), several make
 * `multiple` (checkboxes, all or nothing).
 */
import type { List, ListItem, PhrasingContent, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { error, warn } from '../../diagnostics.js'
import type { VFile } from 'vfile'
import { type CourseContext, checkContent } from '../../model/content.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import type { ChoiceData } from './core.js'

/** Most options a question may have: SCORM 1.2 choice responses are single characters `a`–`z`, `0`–`9`. */
export const maxOptions = 36
const optionIds = 'abcdefghijklmnopqrstuvwxyz0123456789'

export const isTaskList = (node: RootContent): node is List => node.type === 'list' && node.children.some((item) => typeof item.checked === 'boolean')

/**
 * One option of a task list: its label (one paragraph) and whether it is marked. Undefined for
 * an item without a checkbox (an error); an empty label is an error too but still counts.
 *
 * @param what
 *   The question as messages name it (``question `…` ``).
 */
export function readOption(file: VFile, item: ListItem, what: string, context: CourseContext): { label: PhrasingContent[]; text: string; correct: boolean } | undefined {
  if (typeof item.checked !== 'boolean') {
    error(file, `Unexpected list item without a checkbox in ${what}, expected \`- [ ] …\` or \`- [x] …\``, { ruleId: 'quiz-option-not-task', place: item.position })
    return undefined
  }
  const [first, ...more] = item.children
  if (more.length > 0) {
    warn(file, 'Unexpected content after the first paragraph of an option, expected one paragraph per option', { ruleId: 'quiz-option-shape', place: more[0]?.position })
  }
  const label: PhrasingContent[] = first && first.type === 'paragraph' ? first.children : []
  checkContent(file, label as RootContent[], context)
  const text = toString(label).trim()
  if (text === '') {
    error(file, `Unexpected empty option in ${what}, expected the option's text after the checkbox`, { ruleId: 'quiz-option-shape', place: item.position })
  }
  return { label, text, correct: item.checked }
}

export const choiceParser: QuestionParser = {
  name: 'choice',
  default: true,
  types: ['single', 'multiple'],
  isBlock: isTaskList,
  missingBlock: (text) => ({ ruleId: 'quiz-no-options', message: `Cannot find options for question \`${text}\`, expected a task list such as \`- [x] Right\` and \`- [ ] Wrong\`` }),
  parse({ file, text, id, points, context }, block): ParsedBody | undefined {
    const list = block as List
    const options: Array<{ id: string; label: PhrasingContent[]; text: string; correct: boolean }> = []
    for (const item of list.children) {
      const option = readOption(file, item, `question \`${text}\``, context)
      if (option) options.push({ id: optionIds[options.length] ?? String(options.length), ...option })
    }
    const correct = options.filter((o) => o.correct).length
    if (options.length > maxOptions) {
      error(file, `Unexpected ${options.length} options in question \`${text}\`, expected at most ${maxOptions}`, { ruleId: 'quiz-too-many-options', place: list.position })
    }
    if (correct === 0) {
      error(file, `Cannot find a correct option in question \`${text}\`, expected at least one \`- [x] …\``, { ruleId: 'quiz-no-correct-option', place: list.position })
    } else if (correct === options.length) {
      error(file, `Unexpected question \`${text}\` with every option correct, expected at least one wrong option \`- [ ] …\``, { ruleId: 'quiz-no-wrong-option', place: list.position })
    }
    const seen = new Set<string>()
    for (const option of options) {
      if (seen.has(option.text)) {
        warn(file, `Unexpected duplicate option \`${option.text}\` in question \`${text}\`, expected distinct options`, { ruleId: 'quiz-duplicate-option', place: list.position })
      }
      seen.add(option.text)
    }
    const data: ChoiceData = {
      id,
      text,
      type: correct > 1 ? 'multiple' : 'single',
      points,
      options: options.map((o) => o.id),
      labels: options.map((o) => o.text || toString(o.label)),
      correct: options.filter((o) => o.correct).map((o) => o.id)
    }
    return { data, labels: Object.fromEntries(options.map((o) => [o.id, o.label])) }
  },
  folder: 'choice',
  view({ question, inline }) {
    const data = question.data as ChoiceData
    return {
      multiple: data.type === 'multiple',
      options: data.options.map((id) => ({ id, label: inline(question.labels[id] ?? []) }))
    }
  }
}
