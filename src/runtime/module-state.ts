/**
 * A module's state in words and as the name of its icon, wherever the player shows it: the
 * contents, the welcome cards and the results table (`[data-module-state="<module id>"]`).
 * The state itself comes from src/shared/progress.ts.
 */
import type { CourseData } from '../shared/course-data.js'
import type { ModuleProgress } from '../shared/progress.js'
import { formatHundredths } from '../shared/scoring.js'

/** A player string with its `{name}` placeholders filled. */
export type Translate = (key: string, values?: Record<string, string | number>) => string

/** The icon's name (`data-state`): `not-started`, `in-progress`, `viewed`, `passed`, `failed` (attempts left), `failed-final`. */
export function stateName(progress: ModuleProgress): string {
  const state = progress.state
  return state.kind === 'failed' && state.attemptsLeft === 0 ? 'failed-final' : state.kind
}

/**
 * The state in words: the score once the quiz is submitted, and whether attempts are left.
 *
 * @param withScore
 *   Name the score (default: true); the results table has a column of its own for it.
 */
export function stateText(t: Translate, progress: ModuleProgress, withScore = true): string {
  const state = progress.state
  switch (state.kind) {
    case 'not-started':
      return t('stateNotStarted')
    case 'in-progress':
      return t('stateInProgress', { done: progress.viewed, total: progress.pages })
    case 'viewed':
      return t('stateViewed')
    case 'passed':
      return withScore ? t('statePassed', { score: formatHundredths(state.hundredths) }) : t('resultPassed')
    case 'failed': {
      const which = state.attemptsLeft === 0 ? 'FailedFinal' : state.attemptsLeft === Infinity ? 'FailedUnlimited' : 'FailedRetry'
      return t(`${withScore ? 'state' : 'result'}${which}`, { score: formatHundredths(state.hundredths), n: state.attemptsLeft })
    }
  }
}

/** Show each module's state in every element that names it (`data-with-score="false"`: without the score). */
export function showModuleStates(data: CourseData, t: Translate, modules: readonly ModuleProgress[]): void {
  data.modules.forEach((module, index) => {
    const progress = modules[index]
    if (!progress) return
    for (const element of document.querySelectorAll<HTMLElement>(`[data-module-state="${CSS.escape(module.id)}"]`)) {
      element.dataset.state = stateName(progress)
      const text = element.querySelector('.cp-state-text')
      if (text) text.textContent = stateText(t, progress, element.dataset.withScore !== 'false')
    }
  })
}
