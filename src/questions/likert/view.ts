/** Likert in the browser: one radio button per scale label; shown without a verdict, as no answer is right. */
import { mark, type QuestionView } from '../view.js'
import type { LikertData } from './core.js'

const inputs = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLInputElement>('.cp-option input')]

export const likertView: QuestionView<LikertData> = {
  read: (set) => inputs(set).filter((input) => input.checked).map((input) => input.value),
  show(set, _question, answer, { t }) {
    for (const input of inputs(set)) {
      input.checked = answer.includes(input.value)
      input.disabled = true
      const item = input.closest('.cp-option')
      item?.querySelector('.cp-option-mark')?.remove()
      mark(item?.querySelector('label'), input.checked ? t('yourAnswer') : '')
    }
  },
  reset(set) {
    for (const input of inputs(set)) {
      input.checked = false
      input.disabled = false
    }
    for (const item of set.querySelectorAll('.cp-option')) item.querySelector('.cp-option-mark')?.remove()
  }
}
