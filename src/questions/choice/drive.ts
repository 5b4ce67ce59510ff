/** Single choice and multiple response for `coursepack test`: check each chosen option. */
import { attr, type QuestionDriver } from '../driver.js'
import type { ChoiceData } from './core.js'

export const choiceDriver: QuestionDriver<ChoiceData> = {
  async enter(set, _question, answer) {
    for (const option of answer) await set.locator(`li[data-option=${attr(option)}] input`).check()
  }
}
