/**
 * Content rules that run over the checked course: the problems an instructional
 * designer wants flagged (warnings), each rule in a module of its own.
 */
import type { Root, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import type { Course } from '../types.js'
import { headingIncrement } from './heading-increment.js'
import { imageAlt } from './image-alt.js'
import { linkText } from './link-text.js'

/** One body of content and the file it came from. */
export interface ContentUnit {
  file: VFile
  nodes: RootContent[]
  /** Depth of the heading the page gives this content (1: the page title). */
  baseDepth: number
}

export type Rule = (unit: ContentUnit) => void

export const rules: Rule[] = [imageAlt, headingIncrement, linkText]

/** Every body of the course with its file. */
export function contentUnits(course: Course, fileOf: (relative: string) => VFile | undefined): ContentUnit[] {
  const units: ContentUnit[] = []
  const add = (source: string, nodes: RootContent[] | undefined, baseDepth = 1) => {
    const file = fileOf(source)
    if (file && nodes) units.push({ file, nodes, baseDepth })
  }
  add('course.md', course.welcome.children)
  for (const module of course.modules) {
    add(module.source, module.intro.children)
    for (const lesson of module.lessons) add(lesson.source, lesson.body.children)
    if (module.quiz) {
      add(module.quiz.source, module.quiz.intro.children)
      // Question prompts and feedback sit under the question's legend.
      for (const question of module.quiz.questions) {
        add(module.quiz.source, question.prompt.children, 2)
        add(module.quiz.source, question.feedback?.children, 2)
      }
    }
  }
  return units
}

/** Run every rule over the course. */
export function runRules(course: Course, fileOf: (relative: string) => VFile | undefined): void {
  for (const unit of contentUnits(course, fileOf)) for (const rule of rules) rule(unit)
}

export type { Root }
