/** True or false for `coursepack test`: check the radio button of the answer (`true` or `false`). */
import { attr, type QuestionDriver } from '../driver.js'
import type { TrueFalseData } from './core.js'

export const trueFalseDriver: QuestionDriver<TrueFalseData> = {
  async enter(set, _question, answer) {
    for (const option of answer) await set.locator(`li[data-option=${attr(option)}] input`).check()
  }
}
