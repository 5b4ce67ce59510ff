/** Fill in the blank in the browser: one labelled text input; after submitting, the learner's text and an accepted answer. */
import { type QuestionView, showTextResult } from '../view.js'
import { fillInCore, type FillInData } from './core.js'

const input = (set: HTMLFieldSetElement) => set.querySelector<HTMLInputElement>('.cp-text-input')

export const fillInView: QuestionView<FillInData> = {
  read: (set) => {
    const value = input(set)?.value ?? ''
    return value === '' ? [] : [value]
  },
  show(set, question, answer, { t, reveal }) {
    const field = input(set)
    if (field) {
      field.value = answer[0] ?? ''
      field.disabled = true
    }
    // Without `reveal`, neither a mark nor the key: the player says whether the question was right.
    showTextResult(set, reveal ? { right: fillInCore.isCorrect(question, answer), key: t('answerKey', { answer: question.answers[0] ?? '' }) } : undefined)
  },
  reset(set) {
    const field = input(set)
    if (field) {
      field.value = ''
      field.disabled = false
    }
    showTextResult(set, undefined)
  }
}
