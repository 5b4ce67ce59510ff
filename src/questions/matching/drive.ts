/** Matching for `coursepack test`: choose each item's match in its select, by the match's id. */
import { attr, type QuestionDriver } from '../driver.js'
import type { MatchingData } from './core.js'

export const matchingDriver: QuestionDriver<MatchingData> = {
  async enter(set, question, answer) {
    for (const [i, source] of question.sources.entries()) {
      await set.locator(`li[data-source=${attr(source)}] select`).selectOption(answer[i] ?? '')
    }
  }
}
