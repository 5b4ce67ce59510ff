/**
 * The player's chrome around the page: the header (course title, current module, progress in
 * words and as a bar), the contents' marks and module states, the welcome cards, and how a
 * page opens (at its top, the focus on its heading). Progress comes from src/shared/progress.ts
 * only; this module shows it.
 */
import type { CourseData } from '../shared/course-data.js'
import type { CourseProgress, ModuleProgress } from '../shared/progress.js'
import { showCards } from './cards.js'
import { syncPrint } from './certificate.js'
import { showContentsMarks } from './contents.js'
import { showModuleStates, type Translate } from './module-state.js'

export interface Standing {
  /** Index of the page shown, in `data.pages`. */
  page: number
  /** Each page viewed (src/shared/progress.ts `pageViewed`), by index. */
  viewed: readonly boolean[]
  modules: readonly ModuleProgress[]
  course: CourseProgress
}

/** Show where the learner stands, everywhere the player shows it. */
export function showChrome(data: CourseData, t: Translate, standing: Standing): void {
  showHeader(data, t, standing)
  showContentsMarks(data, standing.viewed, standing.modules)
  showModuleStates(data, t, standing.modules)
  showCards(data, t, standing.modules)
  syncPrint()
}

/**
 * The header's current module ("Module 2 of 4: …", hidden outside modules) and the progress
 * bar: the share of what the course's completion rule counts (`measure`), with pages viewed
 * and quizzes passed in words beside it.
 */
function showHeader(data: CourseData, t: Translate, { page, course }: Standing): void {
  const id = data.pages[page] ?? ''
  const moduleIndex = data.modules.findIndex((m) => m.pages.includes(id))
  const module = data.modules[moduleIndex]
  const line = document.querySelector<HTMLElement>('.cp-current-module')
  if (line) {
    line.hidden = !module
    line.textContent = module ? t('currentModule', { n: moduleIndex + 1, total: data.modules.length, title: module.title }) : ''
  }
  const box = document.querySelector<HTMLElement>('.cp-progress')
  const bar = box?.querySelector<HTMLElement>('[role="progressbar"]')
  if (!box || !bar) return
  box.hidden = false
  // Floored: the bar says 100% only once the rule holds.
  const percent = course.complete ? 100 : Math.min(99, Math.floor(course.measure * 100))
  bar.setAttribute('aria-valuenow', String(percent))
  bar.setAttribute('aria-valuetext', t('progressValue', { percent }))
  bar.style.setProperty('--cp-progress', `${percent}%`)
  const words = document.getElementById('cp-progress-words')
  if (words) {
    const parts = [t('progressPages', { done: course.viewed, total: course.pages })]
    if (course.quizzes > 0) parts.push(t('progressQuizzes', { done: course.passed, total: course.quizzes }))
    words.textContent = parts.join(' · ')
  }
}

/**
 * Open a page at its top and move the focus to its heading without scrolling past it; or to
 * an anchor inside the page (a risk card, a footnote), scrolled into view.
 */
export function focusPage(section: HTMLElement | null | undefined, anchor?: Element | null): void {
  const toAnchor = anchor instanceof HTMLElement && anchor !== section
  const target = toAnchor ? anchor : section?.querySelector<HTMLElement>('.cp-page-title')
  if (!target) return
  if (!target.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT)$/.test(target.tagName)) target.setAttribute('tabindex', '-1')
  target.focus({ preventScroll: true })
  // The page's top is the document's: the header (with the progress just updated) stays in view.
  // Instant, even under `scroll-behavior: smooth`: a new page does not glide in from the old one's end.
  if (toAnchor) return target.scrollIntoView({ block: 'start' })
  const top = () => window.scrollTo({ top: 0, behavior: 'instant' })
  top()
  // A smooth scroll already running (the focus moved down a long contents menu) takes one more
  // step after it is stopped (Chromium): undo that step.
  requestAnimationFrame(() => {
    if (window.scrollY !== 0) top()
  })
}
