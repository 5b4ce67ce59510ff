/**
 * What a question type does in the learner's browser: set up its controls, read the
 * learner's answer from them, show a submitted (or restored) answer with its marks, and clear
 * it for a retake. The player (src/runtime/player.ts) knows the fieldset of each question and
 * nothing of its controls. Browser code: bundled into the runtime, no Node APIs.
 */
import type { QuestionData } from './data.js'
import type { Answer } from './types.js'

export interface ViewEnv {
  /** A player string of the course language, `{name}` filled. */
  t(key: string, values?: Record<string, string | number>): string
  /** The seed of this learner's attempt for shuffled orders: the same on every relaunch, another for the next attempt. */
  seed: number
  /** Show the right answer of a question answered wrongly (the quiz's `reveal` policy allows it now). Without it, `show` marks only whether the question was right. */
  reveal: boolean
  /** Show choice options in the seeded order (`shuffle: options` or `both`); otherwise the author's. */
  shuffleOptions: boolean
}

export interface QuestionView<D extends QuestionData = QuestionData> {
  /** Once, when the page starts: shuffle, add buttons, wire live regions. */
  setup?(set: HTMLFieldSetElement, question: D, env: ViewEnv): void
  read(set: HTMLFieldSetElement, question: D): Answer
  /** Show an answer as submitted: controls locked, the right answer and the learner's marked. */
  show(set: HTMLFieldSetElement, question: D, answer: Answer, env: ViewEnv): void
  /** Clear the answer and unlock the controls (a retake). */
  reset(set: HTMLFieldSetElement, question: D, env: ViewEnv): void
}

/** A mark such as "(correct answer)" after a label. */
export function mark(label: Element | null | undefined, text: string): void {
  if (!label || !text) return
  const span = document.createElement('span')
  span.className = 'cp-option-mark'
  span.textContent = `(${text})`
  label.append(' ', span)
}

/**
 * A typed answer's result (fill-in, numeric): the answer box marked right or wrong, with the
 * answer key under it; `undefined` clears both (a retake).
 */
export function showTextResult(set: HTMLFieldSetElement, result: { right: boolean; key: string } | undefined): void {
  const box = set.querySelector('.cp-text-answer')
  box?.classList.toggle('cp-right', result?.right === true)
  box?.classList.toggle('cp-wrong', result?.right === false)
  box?.querySelector('.cp-answer-key')?.remove()
  if (!result) return
  const key = document.createElement('p')
  key.className = 'cp-answer-key'
  key.textContent = result.key
  box?.append(key)
}
