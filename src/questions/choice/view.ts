/** Single choice and multiple response in the browser: radio buttons or checkboxes, one per option. */
import { mark, type QuestionView } from '../view.js'
import type { ChoiceData } from './core.js'

const inputs = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLInputElement>('.cp-option input')]

export const choiceView: QuestionView<ChoiceData> = {
  read: (set) => inputs(set).filter((input) => input.checked).map((input) => input.value),
  show(set, question, answer, { t }) {
    for (const input of inputs(set)) {
      input.checked = answer.includes(input.value)
      input.disabled = true
      const item = input.closest('.cp-option')
      item?.querySelector('.cp-option-mark')?.remove()
      const correct = question.correct.includes(input.value)
      item?.classList.toggle('cp-right', correct)
      item?.classList.toggle('cp-wrong', input.checked && !correct)
      mark(item?.querySelector('label'), correct ? t('correctAnswer') : input.checked ? t('yourAnswer') : '')
    }
  },
  reset(set) {
    for (const input of inputs(set)) {
      input.checked = false
      input.disabled = false
    }
    for (const item of set.querySelectorAll('.cp-option')) {
      item.classList.remove('cp-right', 'cp-wrong')
      item.querySelector('.cp-option-mark')?.remove()
    }
  }
}
