/** Single choice and multiple response in the browser: radio buttons or checkboxes, one per option. */
import type { QuestionData } from '../data.js'
import { mark, type QuestionView } from '../view.js'
import type { ChoiceData } from './core.js'

const inputs = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLInputElement>('.cp-option input')]

/**
 * The view of a list of options with one input each (choice, true-false, likert): the answer is
 * the values of the checked inputs; `isRight` says which option values are right (none for an
 * unscored question: only the learner's own answer is marked).
 */
export function optionsView<D extends QuestionData>(isRight?: (question: D, value: string) => boolean): QuestionView<D> {
  return {
    read: (set) => inputs(set).filter((input) => input.checked).map((input) => input.value),
    show(set, question, answer, { t }) {
      for (const input of inputs(set)) {
        input.checked = answer.includes(input.value)
        input.disabled = true
        const item = input.closest('.cp-option')
        item?.querySelector('.cp-option-mark')?.remove()
        const correct = isRight?.(question, input.value) === true
        if (isRight) {
          item?.classList.toggle('cp-right', correct)
          item?.classList.toggle('cp-wrong', input.checked && !correct)
        }
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
}

export const choiceView = optionsView<ChoiceData>((question, value) => question.correct.includes(value))
