/**
 * The contents menu (`#cp-toc`): beside the page on wide screens; on narrow ones folded behind
 * the header's Contents button, a disclosure (`aria-expanded`, `aria-controls`) that moves the
 * focus into the menu when it opens and back to the button when it closes; Escape closes it.
 * The stylesheet decides where it folds: the button shows there only.
 */
import type { CourseData } from '../shared/course-data.js'
import type { ModuleProgress } from '../shared/progress.js'

/** Set up the Contents button. `onSamePage` runs when the learner chooses the page already shown. */
export function setupContents(onSamePage: () => void): void {
  const button = document.querySelector<HTMLButtonElement>('.cp-menu-button')
  const menu = document.getElementById('cp-toc')
  if (!button || !menu) return
  button.hidden = false
  const folds = () => getComputedStyle(button).display !== 'none'
  const isOpen = () => button.getAttribute('aria-expanded') === 'true'
  const toggle = (open: boolean, moveFocus: boolean) => {
    button.setAttribute('aria-expanded', String(open))
    menu.classList.toggle('cp-open', open)
    if (!moveFocus) return
    if (open) (menu.querySelector<HTMLElement>('a[aria-current="page"]') ?? menu.querySelector<HTMLElement>('a'))?.focus()
    else button.focus()
  }
  button.addEventListener('click', () => toggle(!isOpen(), true))
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !isOpen() || !folds()) return
    const inside = menu.contains(document.activeElement) || document.activeElement === button
    toggle(false, inside)
  })
  // Choosing a page closes the folded menu; the page then takes the focus (src/runtime/chrome.ts `focusPage`).
  menu.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null
    if (!link || !folds()) return
    toggle(false, false)
    if (link.getAttribute('href') === location.hash) onSamePage()
  })
}

/**
 * Mark the menu's links: a visited page (`cp-visited`), and a quiz's result once submitted
 * (`cp-mark-passed`, `cp-mark-failed`), a mark of its own, never the visited one. The marks
 * are visual; a link's description says the same in words (the module's state, or "Visited").
 */
export function showContentsMarks(data: CourseData, viewed: readonly boolean[], modules: readonly ModuleProgress[]): void {
  const quizOf = new Map(data.modules.map((module, index) => [module.id, modules[index]?.state.kind]))
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page-link]')) {
    const visited = viewed[data.pages.indexOf(link.dataset.pageLink ?? '')] === true
    const quiz = link.dataset.quizLink
    const result = quiz === undefined ? undefined : quizOf.get(quiz)
    const passed = result === 'passed'
    const failed = result === 'failed'
    link.classList.toggle('cp-visited', visited && !passed && !failed)
    link.classList.toggle('cp-mark-passed', passed)
    link.classList.toggle('cp-mark-failed', failed)
    const description = passed || failed ? `cp-toc-state-${quiz ?? ''}` : visited ? 'cp-toc-visited' : ''
    if (description) link.setAttribute('aria-describedby', description)
    else link.removeAttribute('aria-describedby')
  }
  revealCurrent()
}

/** Where the menu scrolls on its own (the side menu of a wide screen), keep the current page's link in its view. */
function revealCurrent(): void {
  const menu = document.getElementById('cp-toc')
  const link = menu?.querySelector<HTMLElement>('a[aria-current="page"]')
  if (!menu || !link || menu.scrollHeight <= menu.clientHeight) return
  const box = menu.getBoundingClientRect()
  // Below the header, the menu's end can be out of the window.
  const bottom = Math.min(box.bottom, window.innerHeight)
  const at = link.getBoundingClientRect()
  if (at.top < box.top) menu.scrollTop -= box.top - at.top + 16
  else if (at.bottom > bottom) menu.scrollTop += at.bottom - bottom + 16
}
