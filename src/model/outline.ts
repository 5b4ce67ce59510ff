/**
 * The course outline: every page of the player in reading order. Render, the runtime
 * data and the table of contents all derive from this one list.
 */
import { modulePageId, resultsPageId, welcomePageId } from './pages.js'
import type { Course, Lesson, Module } from './types.js'

export type PageRef =
  | { id: string; kind: 'welcome'; title: string }
  | { id: string; kind: 'module'; title: string; module: Module }
  | { id: string; kind: 'lesson' | 'risks'; title: string; module: Module; lesson: Lesson }
  | { id: string; kind: 'quiz'; title: string; module: Module }
  | { id: string; kind: 'results'; title: string }

/**
 * List the pages of a course in order.
 *
 * @param labels
 *   Titles of the generated pages (welcome, module introduction, results).
 */
export function outline(course: Course, labels: { welcome: string; results: string }): PageRef[] {
  const pages: PageRef[] = [{ id: welcomePageId, kind: 'welcome', title: labels.welcome }]
  for (const module of course.modules) {
    pages.push({ id: modulePageId(module.id), kind: 'module', title: module.title, module })
    for (const lesson of module.lessons) {
      pages.push({ id: modulePageId(module.id, { lesson: lesson.id }), kind: lesson.kind, title: lesson.title, module, lesson })
    }
    if (module.quiz) pages.push({ id: modulePageId(module.id, 'quiz'), kind: 'quiz', title: module.quiz.title, module })
  }
  pages.push({ id: resultsPageId, kind: 'results', title: labels.results })
  return pages
}
