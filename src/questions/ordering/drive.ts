/**
 * Ordering for `coursepack test`: put the items in the answer's order with the Move up
 * buttons, as a keyboard or pointer learner would: for each place from the top, the item
 * that belongs there moves up until it reaches it.
 */
import { attr, type QuestionDriver } from '../driver.js'
import type { OrderingData } from './core.js'

export const orderingDriver: QuestionDriver<OrderingData> = {
  async enter(set, _question, answer) {
    for (const [place, id] of answer.entries()) {
      const current = await set.locator('li[data-item]').evaluateAll((items) => items.map((item) => item.getAttribute('data-item')))
      for (let at = current.indexOf(id); at > place; at--) await set.locator(`li[data-item=${attr(id)}] [data-move="up"]`).click()
    }
  }
}
