/**
 * Numeric in the browser: one labelled text input (`inputmode="decimal"`); a text that is no
 * number is said at once beside it, so the learner knows why it does not count as answered.
 */
import { type QuestionView, showTextResult } from '../view.js'
import { canonicalNumber, numericCore, type NumericData, showNumber } from './core.js'

const input = (set: HTMLFieldSetElement) => set.querySelector<HTMLInputElement>('.cp-number-input')

export const numericView: QuestionView<NumericData> = {
  setup(set, question, { t }) {
    const field = input(set)
    const message = set.querySelector('.cp-input-error')
    const check = () => {
      const wrong = field !== null && field.value.trim() !== '' && canonicalNumber(field.value, question.decimal) === undefined
      if (wrong) field.setAttribute('aria-invalid', 'true')
      else field?.removeAttribute('aria-invalid')
      if (message) message.textContent = wrong ? t('notANumber') : ''
    }
    // On change (leaving the field, or Enter), not on every key: half a number is no mistake yet.
    field?.addEventListener('change', check)
  },
  // The canonical form when the text is a number; else the text itself, which counts as unanswered.
  read: (set, question) => {
    const value = input(set)?.value ?? ''
    return value.trim() === '' ? [] : [canonicalNumber(value, question.decimal) ?? value]
  },
  show(set, question, answer, { t, reveal }) {
    const field = input(set)
    if (field) {
      field.value = answer[0] === undefined ? '' : showNumber(answer[0], question.decimal)
      field.disabled = true
      field.removeAttribute('aria-invalid')
    }
    const error = set.querySelector('.cp-input-error')
    if (error) error.textContent = ''
    const show = (value: string) => showNumber(value, question.decimal)
    const range = question.min === question.max ? '' : ` (${t('acceptedRange', { min: show(question.min), max: show(question.max) })})`
    // Without `reveal`, neither a mark nor the key: the player says whether the question was right.
    showTextResult(set, reveal ? { right: numericCore.isCorrect(question, answer), key: t('answerKey', { answer: `${show(question.answer)}${range}` }) } : undefined)
  },
  reset(set) {
    const field = input(set)
    if (field) {
      field.value = ''
      field.disabled = false
      field.removeAttribute('aria-invalid')
    }
    const error = set.querySelector('.cp-input-error')
    if (error) error.textContent = ''
    showTextResult(set, undefined)
  }
}
