/**
 * Likert in Markdown: a plain bullet list of scale labels after the heading (2 to 10), none
 * marked, since no answer is right. Not scored: its points are 0, and a `points` attribute is
 * reported and ignored.
 */
import type { List, RootContent } from 'mdast'
import { error, warn } from '../../diagnostics.js'
import type { ParsedBody, QuestionParser } from '../parser.js'
import { checkDuplicates, listItems } from '../ordering/items.js'
import { labelIds, type LikertData, maxLabels, minLabels } from './core.js'

const isBulletList = (node: RootContent): node is List => node.type === 'list' && node.ordered !== true

export const likertParser: QuestionParser = {
  name: 'likert',
  types: ['likert'],
  isBlock: isBulletList,
  missingBlock: (text) => ({
    ruleId: 'quiz-likert-no-scale',
    message: `Cannot find the scale of likert question \`${text}\`, expected a bullet list of labels such as \`- Agree\` and \`- Disagree\``
  }),
  parse({ file, text, id, attributes, context, wrapper }, block): ParsedBody | undefined {
    const list = block as List
    if ('points' in attributes) {
      warn(file, `Unexpected attribute \`points\` on likert question \`${text}\`, expected none: a likert question is not scored (its points are ignored)`, {
        ruleId: 'quiz-likert-points',
        // The attribute is on the `<Question>` element.
        place: wrapper?.position ?? list.position
      })
    }
    for (const item of list.children) {
      if (typeof item.checked === 'boolean') {
        error(file, `Unexpected checkbox in likert question \`${text}\`, expected plain labels such as \`- Agree\`: no answer is right`, { ruleId: 'quiz-likert-marked', place: item.position })
      }
    }
    const labels = listItems(file, list, 'label', text, context)
    if (labels.length < minLabels || labels.length > maxLabels) {
      error(file, `Unexpected ${labels.length} ${labels.length === 1 ? 'label' : 'labels'} in likert question \`${text}\`, expected ${minLabels} to ${maxLabels}`, {
        ruleId: 'quiz-likert-labels',
        place: list.position
      })
    }
    checkDuplicates(file, labels, 'label', text)
    const ids = labels.map((_, i) => labelIds[i] ?? String(i))
    const data: LikertData = { id, text, type: 'likert', points: 0, scale: ids, labels: labels.map((label) => label.text) }
    return { data, labels: Object.fromEntries(labels.map((label, i) => [ids[i], label.label])) }
  },
  folder: 'likert',
  view({ question, inline }) {
    const data = question.data as LikertData
    return { labels: data.scale.map((id) => ({ id, label: inline(question.labels[id] ?? []) })) }
  }
}
