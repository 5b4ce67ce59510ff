/**
 * What a question type does for `coursepack test` (and the browser tests): enter a given
 * answer into its controls in Chromium, as a learner would, through Playwright. Node code
 * that drives the page; it finds controls by the partial's data attributes, never by text,
 * so it works in every course language.
 */
import type { Locator } from 'playwright-core'
import type { QuestionData } from './data.js'
import type { Answer } from './types.js'

export interface QuestionDriver<D extends QuestionData = QuestionData> {
  /** Enter `answer` into the question's fieldset. */
  enter(set: Locator, question: D, answer: Answer): Promise<void>
}

export const attr = (value: string): string => JSON.stringify(value)
