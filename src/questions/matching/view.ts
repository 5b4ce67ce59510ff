/** Matching in the browser: one native select per item (keyboard and screen readers know it), the matches in the learner's shuffled order. */
import { questionSeed, shuffled } from '../shuffle.js'
import { mark, type QuestionView } from '../view.js'
import type { MatchingData } from './core.js'

const selects = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLSelectElement>('.cp-match select')]

export const matchingView: QuestionView<MatchingData> = {
  setup(set, question, { seed }) {
    // One order for every select of the question, after the empty "choose" option.
    const order = shuffled(question.targets, questionSeed(seed, question.id))
    for (const select of selects(set)) {
      const options = new Map([...select.options].map((option) => [option.value, option]))
      for (const id of order) {
        const option = options.get(id)
        if (option) select.append(option)
      }
    }
  },
  read: (set) => selects(set).map((select) => select.value),
  show(set, question, answer, { t }) {
    selects(set).forEach((select, i) => {
      select.value = answer[i] ?? ''
      select.disabled = true
      const row = select.closest('.cp-match')
      row?.querySelector('.cp-option-mark')?.remove()
      const right = question.targets[i] ?? ''
      row?.classList.toggle('cp-right', select.value === right)
      row?.classList.toggle('cp-wrong', select.value !== right)
      const match = question.targetLabels[i] ?? right
      mark(row?.querySelector('label'), select.value === right ? t('right') : t('correctMatch', { answer: match }))
    })
  },
  reset(set) {
    for (const select of selects(set)) {
      select.value = ''
      select.disabled = false
      const row = select.closest('.cp-match')
      row?.classList.remove('cp-right', 'cp-wrong')
      row?.querySelector('.cp-option-mark')?.remove()
    }
  }
}
