/** True or false in the browser: two radio buttons, the first standing for true. */
import { mark, type QuestionView } from '../view.js'
import type { TrueFalseData } from './core.js'

const inputs = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLInputElement>('.cp-option input')]

export const trueFalseView: QuestionView<TrueFalseData> = {
  read: (set) => inputs(set).filter((input) => input.checked).map((input) => input.value),
  show(set, question, answer, { t }) {
    for (const input of inputs(set)) {
      input.checked = answer.includes(input.value)
      input.disabled = true
      const item = input.closest('.cp-option')
      item?.querySelector('.cp-option-mark')?.remove()
      const correct = question.correct === input.value
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
