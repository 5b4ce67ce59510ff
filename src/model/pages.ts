/**
 * Page ids: the anchors of the player's pages, used by links, the table of contents,
 * the bookmark (`lesson_location`) and the runtime data. Shared by model and render.
 */
export const welcomePageId = 'welcome'
export const resultsPageId = 'results'

/** Page id of a module's introduction, one of its lessons, or its quiz. */
export function modulePageId(moduleId: string, part?: { lesson: string } | 'quiz'): string {
  if (part === undefined) return `m-${moduleId}`
  return part === 'quiz' ? `m-${moduleId}--quiz` : `m-${moduleId}--${part.lesson}`
}
