/**
 * The welcome page's module cards (templates/partials/module-cards.hbs): each card's link opens
 * the module where the learner stands in it (src/shared/progress.ts `resume`), named Start,
 * Continue or Review by the module's state.
 */
import type { CourseData } from '../shared/course-data.js'
import type { ModuleProgress } from '../shared/progress.js'
import type { Translate } from './module-state.js'

/** Which link a card shows: Start before any page is seen, Review once nothing is left to do. */
export function cardAction(progress: ModuleProgress): 'start' | 'continue' | 'review' {
  const state = progress.state
  if (state.kind === 'not-started') return 'start'
  return state.kind === 'in-progress' || (state.kind === 'failed' && state.attemptsLeft > 0) ? 'continue' : 'review'
}

export function showCards(data: CourseData, t: Translate, modules: readonly ModuleProgress[]): void {
  data.modules.forEach((module, index) => {
    const progress = modules[index]
    const link = document.querySelector<HTMLAnchorElement>(`a[data-resume="${CSS.escape(module.id)}"]`)
    if (!progress || !link) return
    const page = data.pages[progress.resume]
    if (page) link.setAttribute('href', `#${page}`)
    const action = cardAction(progress)
    link.dataset.action = action
    const label = link.querySelector('.cp-card-action-label')
    if (label) label.textContent = t(action)
  })
}
