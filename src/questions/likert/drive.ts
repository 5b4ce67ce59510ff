/** Likert for `coursepack test`: check the chosen label's radio button. */
import { attr, type QuestionDriver } from '../driver.js'
import type { LikertData } from './core.js'

export const likertDriver: QuestionDriver<LikertData> = {
  async enter(set, _question, answer) {
    for (const label of answer) await set.locator(`li[data-option=${attr(label)}] input`).check()
  }
}
