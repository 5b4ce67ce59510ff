/** Single choice and multiple response in the browser: radio buttons or checkboxes, one per option. */
import type { QuestionData } from '../data.js'
import { questionSeed, shuffled } from '../shuffle.js'
import { mark, type QuestionView, type ViewEnv } from '../view.js'
import type { ChoiceData } from './core.js'

const inputs = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLInputElement>('.cp-option input')]

export interface OptionsViewOptions<D> {
  /** Which option values are right (none for an unscored question: only the learner's own answer is marked). */
  isRight?: (question: D, value: string) => boolean
  /** The option ids in the author's order, for a type whose options `shuffleOptions` deals (choice); none keeps the page's order. */
  options?: (question: D) => readonly string[]
}

/**
 * The options in the author's order, or with `shuffleOptions` in the order seeded by the
 * attempt's seed and the question id. Only the `<li>`s move: input values stay the option ids,
 * so the recorded answer never depends on the order.
 */
function arrange<D extends QuestionData>(set: HTMLFieldSetElement, question: D, env: ViewEnv, options: OptionsViewOptions<D>['options']): void {
  const list = set.querySelector('.cp-options')
  if (!options || !list) return
  const ids = options(question)
  const order = env.shuffleOptions ? shuffled(ids, questionSeed(env.seed, question.id)) : ids
  const byId = new Map([...set.querySelectorAll<HTMLElement>('.cp-option')].map((item) => [item.dataset.option ?? '', item]))
  for (const id of order) {
    const item = byId.get(id)
    if (item) list.append(item)
  }
}

/**
 * The view of a list of options with one input each (choice, true-false, likert): the answer is
 * the values of the checked inputs. With `reveal`, the right options are marked and a wrong
 * choice is marked wrong; without it only the learner's own choice is marked, with no right or
 * wrong class on any option (in a question of two options, a wrong mark on one names the other).
 */
export function optionsView<D extends QuestionData>(options: OptionsViewOptions<D> = {}): QuestionView<D> {
  const { isRight } = options
  return {
    setup(set, question, env) {
      arrange(set, question, env, options.options)
    },
    read: (set) => inputs(set).filter((input) => input.checked).map((input) => input.value),
    show(set, question, answer, env) {
      arrange(set, question, env, options.options)
      const { t, reveal } = env
      for (const input of inputs(set)) {
        input.checked = answer.includes(input.value)
        input.disabled = true
        const item = input.closest('.cp-option')
        item?.querySelector('.cp-option-mark')?.remove()
        const correct = reveal && isRight?.(question, input.value) === true
        item?.classList.toggle('cp-right', Boolean(isRight) && correct)
        item?.classList.toggle('cp-wrong', Boolean(isRight) && reveal && input.checked && !correct)
        mark(item?.querySelector('label'), correct ? t('correctAnswer') : input.checked ? t('yourAnswer') : '')
      }
    },
    reset(set, question, env) {
      arrange(set, question, env, options.options)
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

export const choiceView = optionsView<ChoiceData>({ isRight: (question, value) => question.correct.includes(value), options: (question) => question.options })
