/**
 * Ordering in the browser: the items in the learner's shuffled order, each with Move up and
 * Move down buttons, so no dragging is needed (WCAG 2.2 SC 2.5.7, Dragging Movements). A move
 * swaps the item with its neighbour by moving the neighbour, so the pressed button stays in
 * the page and keeps the focus; each move is announced in the question's live region.
 */
import { questionSeed, shuffled } from '../shuffle.js'
import { mark, type QuestionView, type ViewEnv } from '../view.js'
import type { OrderingData } from './core.js'

const list = (set: HTMLFieldSetElement) => set.querySelector<HTMLOListElement>('.cp-order')
const items = (set: HTMLFieldSetElement) => [...set.querySelectorAll<HTMLLIElement>('.cp-order-item')]

/** Put the items in the given order of ids. */
function arrange(set: HTMLFieldSetElement, order: readonly string[]): void {
  const byId = new Map(items(set).map((item) => [item.dataset.item ?? '', item]))
  for (const id of order) {
    const item = byId.get(id)
    if (item) list(set)?.append(item)
  }
  edges(set)
}

/** The first item cannot move up nor the last down: said with aria-disabled, which keeps the button focusable. */
function edges(set: HTMLFieldSetElement): void {
  const all = items(set)
  all.forEach((item, i) => {
    item.querySelector('[data-move="up"]')?.setAttribute('aria-disabled', String(i === 0))
    item.querySelector('[data-move="down"]')?.setAttribute('aria-disabled', String(i === all.length - 1))
  })
}

/** The learner's starting order: shuffled, never already right (rotated by one place if the deal gave the right order). */
function startOrder(question: OrderingData, seed: number): string[] {
  const order = shuffled(question.items, questionSeed(seed, question.id))
  if (order.length > 1 && order.every((id, i) => id === question.order[i])) order.push(order.shift() as string)
  return order
}

function move(set: HTMLFieldSetElement, item: HTMLLIElement, up: boolean, question: OrderingData, { t }: ViewEnv): void {
  const neighbour = up ? item.previousElementSibling : item.nextElementSibling
  if (!neighbour || item.classList.contains('cp-locked')) return
  // Move the neighbour, not the item: the focused button is never taken out of the page.
  if (up) item.after(neighbour)
  else item.before(neighbour)
  edges(set)
  const all = items(set)
  const index = question.items.indexOf(item.dataset.item ?? '')
  const status = set.querySelector('[data-order-status]')
  if (status) status.textContent = t('orderMoved', { item: question.labels[index] ?? '', position: all.indexOf(item) + 1, total: all.length })
}

export const orderingView: QuestionView<OrderingData> = {
  setup(set, question, env) {
    arrange(set, startOrder(question, env.seed))
    for (const item of items(set)) {
      for (const button of item.querySelectorAll<HTMLButtonElement>('[data-move]')) {
        button.addEventListener('click', () => move(set, item, button.dataset.move === 'up', question, env))
      }
    }
  },
  read: (set) => items(set).map((item) => item.dataset.item ?? ''),
  show(set, question, answer, { t, seed, reveal }) {
    // The learner's order; without a full one (nothing restored), the attempt's starting order.
    arrange(set, answer.length === question.items.length ? answer : startOrder(question, seed))
    items(set).forEach((item, i) => {
      item.classList.add('cp-locked')
      for (const button of item.querySelectorAll<HTMLButtonElement>('[data-move]')) button.disabled = true
      item.querySelector('.cp-option-mark')?.remove()
      // Without `reveal`, the list shows the learner's own order and nothing says which places are right.
      const id = item.dataset.item ?? ''
      const right = question.order[i] === id
      item.classList.toggle('cp-right', reveal && right)
      item.classList.toggle('cp-wrong', reveal && !right)
      if (reveal) mark(item.querySelector('.cp-order-label'), right ? t('right') : t('correctPosition', { n: question.order.indexOf(id) + 1 }))
    })
  },
  reset(set, question, { seed }) {
    for (const item of items(set)) {
      item.classList.remove('cp-locked', 'cp-right', 'cp-wrong')
      for (const button of item.querySelectorAll<HTMLButtonElement>('[data-move]')) button.disabled = false
      item.querySelector('.cp-option-mark')?.remove()
    }
    const status = set.querySelector('[data-order-status]')
    if (status) status.textContent = ''
    arrange(set, startOrder(question, seed))
  }
}
