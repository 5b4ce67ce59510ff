/** Fill in the blank in the browser: one labelled text input; after submitting, the learner's text and an accepted answer. */
import type { QuestionView } from '../view.js'
import { fillInCore, type FillInData } from './core.js'

const input = (set: HTMLFieldSetElement) => set.querySelector<HTMLInputElement>('.cp-text-input')

export const fillInView: QuestionView<FillInData> = {
  read: (set) => {
    const value = input(set)?.value ?? ''
    return value === '' ? [] : [value]
  },
  show(set, question, answer, { t }) {
    const field = input(set)
    const box = set.querySelector('.cp-text-answer')
    if (field) {
      field.value = answer[0] ?? ''
      field.disabled = true
    }
    const right = fillInCore.isCorrect(question, answer)
    box?.classList.toggle('cp-right', right)
    box?.classList.toggle('cp-wrong', !right)
    box?.querySelector('.cp-answer-key')?.remove()
    const key = document.createElement('p')
    key.className = 'cp-answer-key'
    key.textContent = t('answerKey', { answer: question.answers[0] ?? '' })
    box?.append(key)
  },
  reset(set) {
    const field = input(set)
    if (field) {
      field.value = ''
      field.disabled = false
    }
    const box = set.querySelector('.cp-text-answer')
    box?.classList.remove('cp-right', 'cp-wrong')
    box?.querySelector('.cp-answer-key')?.remove()
  }
}
