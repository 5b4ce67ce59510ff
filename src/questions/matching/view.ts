/** Matching in the browser: one native select per item (keyboard and screen readers know it), the matches in the learner's shuffled order. */
import { questionSeed, shuffled } from '../shuffle.js'
import { mark, type QuestionView } from '../view.js'
import type { MatchingData } from './core.js'

const selects = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLSelectElement>('.cp-match select')]

/** One order of the targets for every select of the question, after the empty "choose" option: the attempt's. */
function arrange(set: HTMLFieldSetElement, question: MatchingData, seed: number): void {
  const order = shuffled(question.targets, questionSeed(seed, question.id))
  for (const select of selects(set)) {
    const options = new Map([...select.options].map((option) => [option.value, option]))
    for (const id of order) {
      const option = options.get(id)
      if (option) select.append(option)
    }
  }
}

export const matchingView: QuestionView<MatchingData> = {
  setup(set, question, { seed }) {
    arrange(set, question, seed)
  },
  read: (set) => selects(set).map((select) => select.value),
  show(set, question, answer, { t, seed, reveal }) {
    arrange(set, question, seed)
    selects(set).forEach((select, i) => {
      select.value = answer[i] ?? ''
      select.disabled = true
      const row = select.closest('.cp-match')
      row?.querySelector('.cp-option-mark')?.remove()
      // Without `reveal`, the select shows the learner's own choice and nothing says which rows are right.
      const right = question.match[i] ?? ''
      row?.classList.toggle('cp-right', reveal && select.value === right)
      row?.classList.toggle('cp-wrong', reveal && select.value !== right)
      if (!reveal) return
      const match = question.targetLabels[question.targets.indexOf(right)] ?? right
      mark(row?.querySelector('label'), select.value === right ? t('right') : t('correctMatch', { answer: match }))
    })
  },
  reset(set, question, { seed }) {
    arrange(set, question, seed)
    for (const select of selects(set)) {
      select.value = ''
      select.disabled = false
      const row = select.closest('.cp-match')
      row?.classList.remove('cp-right', 'cp-wrong')
      row?.querySelector('.cp-option-mark')?.remove()
    }
  }
}
