/** Numeric for `coursepack test`: type the number as a learner of the course's language would, with its decimal separator. */
import type { QuestionDriver } from '../driver.js'
import { type NumericData, showNumber } from './core.js'

export const numericDriver: QuestionDriver<NumericData> = {
  async enter(set, question, answer) {
    await set.locator('input.cp-number-input').fill(showNumber(answer[0] ?? '', question.decimal))
  }
}
