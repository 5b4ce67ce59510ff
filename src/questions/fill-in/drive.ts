/** Fill in the blank for `coursepack test`: type the answer into the text input. */
import type { QuestionDriver } from '../driver.js'
import type { FillInData } from './core.js'

export const fillInDriver: QuestionDriver<FillInData> = {
  async enter(set, _question, answer) {
    await set.locator('input.cp-text-input').fill(answer[0] ?? '')
  }
}
