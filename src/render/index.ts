/**
 * Render stage: the course model becomes the player's HTML (one section per page in
 * `index.html`) through Handlebars templates, plus the static assets every package ships.
 */
import { parserOf } from '../questions/index.js'
import { modulePageId, resultsPageId, welcomePageId } from '../model/pages.js'
import { outline, type PageRef } from '../model/outline.js'
import { attemptSize } from '../model/banks.js'
import type { Course } from '../model/types.js'
import type { MdxJsxFlowElement } from 'mdast-util-mdx'
import { watchedPercent } from '../shared/progress.js'
import { formatHundredths, percentToHundredths } from '../shared/scoring.js'
import { createMarkdownRenderer } from './markdown.js'
import { quizRules } from './quiz-rules.js'
import { loadTemplates, type Strings, type TemplateEnvironment } from './templates.js'

export interface OutputFile {
  /** Path inside the package, forward slashes. */
  path: string
  data: string | Buffer
}

export interface RenderOptions {
  /** Scripts the shell loads, in order (package paths). */
  scripts?: string[]
  /** Data for the runtime, embedded as JSON in the shell (optional). */
  data?: unknown
  /** Templates folder (default: the built-in one). */
  templates?: string
}

export interface RenderResult {
  /** `index.html` and the stylesheet(s). */
  files: OutputFile[]
  /** The pages in order. */
  pages: PageRef[]
  strings: Strings
}

/** Escape `<` so that embedded JSON cannot close its script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/**
 * Render a course.
 *
 * @param course
 *   A course model without errors.
 */
export function render(course: Course, options: RenderOptions = {}): RenderResult {
  const env = loadTemplates(options.templates)
  const strings = env.strings(course.language)
  // The pages are the same for every target: render them once per course and templates.
  let perCourse = cache.get(course)
  if (!perCourse) {
    perCourse = new Map()
    cache.set(course, perCourse)
  }
  let rendered = perCourse.get(env)
  if (!rendered) {
    rendered = renderPages(course, env, strings)
    perCourse.set(env, rendered)
  }
  const { pages, views, toc } = rendered

  const html = env.shell({
    strings,
    course,
    pages: views,
    toc,
    welcome: { id: welcomePageId, title: strings.welcome },
    results: { id: resultsPageId, title: strings.results },
    scripts: options.scripts ?? [],
    // A course's `templates/assets/theme.css` loads after the default theme.
    stylesheets: env.assets.has('theme.css') ? ['coursepack.css', 'theme.css'] : ['coursepack.css'],
    dataJson: options.data === undefined ? undefined : scriptJson(options.data)
  })

  const files: OutputFile[] = [{ path: 'index.html', data: html }]
  for (const [name, data] of env.assets) files.push({ path: name, data })
  return { files, pages, strings }
}

/** What the `media` partial shows of each `<Video>` and `<Audio>`, by its element. */
function mediaViews(course: Course): Map<MdxJsxFlowElement, Record<string, unknown>> {
  const names = new Intl.DisplayNames([course.language], { type: 'language', fallback: 'code' })
  const label = (language: string) => {
    try {
      return names.of(language) ?? language
    } catch {
      return language
    }
  }
  return new Map(
    course.media.map((media, index) => [
      media.node,
      {
        kind: media.kind,
        video: media.kind === 'video',
        id: media.id,
        domId: `cp-media-${index + 1}`,
        title: media.title,
        src: media.src,
        poster: media.poster,
        required: media.required,
        watchedPercent,
        // The package's own language first, shown by default.
        tracks: media.tracks.map((track, i) => ({ src: track.src, language: track.language, label: label(track.language), default: i === 0 }))
      }
    ])
  )
}

const cache = new WeakMap<Course, Map<TemplateEnvironment, { pages: PageRef[]; views: unknown[]; toc: unknown[] }>>()

/** The page views (Markdown already rendered to HTML) and the table of contents. */
function renderPages(course: Course, env: TemplateEnvironment, strings: Strings): { pages: PageRef[]; views: unknown[]; toc: unknown[] } {
  const md = createMarkdownRenderer((name, context) => env.partial(name, { ...context, strings }), { media: mediaViews(course) })
  const pages = outline(course, { welcome: strings.welcome ?? 'Welcome', results: strings.results ?? 'Results' })

  const views = pages.map((page, index) => {
    const prev = pages[index - 1]
    const next = pages[index + 1]
    const base = {
      id: page.id,
      kind: page.kind,
      partial: `page-${page.kind}`,
      title: page.title,
      prev: prev && { id: prev.id, title: prev.title },
      next: next && { id: next.id, title: next.title }
    }
    switch (page.kind) {
      case 'welcome':
        return {
          ...base,
          title: course.title,
          body: md.content(course.welcome),
          objectives: course.objectives,
          everyModule: course.passRule === 'every-module',
          passingScore: formatHundredths(percentToHundredths(course.passingScore)),
          // One card per module (templates/partials/module-cards.hbs); the runtime fills in its state and resume point.
          modules: course.modules.map((m) => ({ id: m.id, number: m.number, title: m.title, objectives: m.objectives, start: modulePageId(m.id) }))
        }
      case 'module':
        return {
          ...base,
          moduleNumber: page.module.number,
          moduleTitle: undefined,
          objectives: page.module.objectives,
          body: md.content(page.module.intro),
          modulePages: pages.filter((p) => 'module' in p && p.module === page.module && p.kind !== 'module').map((p) => ({ id: p.id, title: p.title }))
        }
      case 'lesson':
      case 'risks': {
        // A risk lesson reads: its introduction, the 4Cs overview, then one card per risk.
        const children = page.lesson.body.children
        const firstRisk = page.kind === 'risks' ? children.findIndex((n) => n.type === 'mdxJsxFlowElement' && n.name === 'Risk') : -1
        const split = firstRisk === -1 ? children.length : firstRisk
        return {
          ...base,
          moduleNumber: page.module.number,
          moduleTitle: page.module.title,
          intro: md.content({ children: children.slice(0, split) }),
          body: md.content({ children: children.slice(split) }),
          risks: page.lesson.risks
        }
      }
      case 'quiz': {
        const quiz = page.module.quiz
        return {
          ...base,
          moduleNumber: page.module.number,
          moduleTitle: page.module.title,
          moduleId: page.module.id,
          passingScore: formatHundredths(percentToHundredths(course.passingScore)),
          // One attempt's questions: the fixed ones and each bank's draw.
          questionCount: quiz ? attemptSize(quiz).questions : 0,
          rules: quiz ? quizRules(quiz.policy, quiz.banks.length > 0 ? attemptSize(quiz).questions : undefined, strings) : '',
          intro: md.content(quiz?.intro),
          questions: (quiz?.questions ?? []).map((question, n) => {
            const domId = `q-${page.module.number}-${n + 1}`
            const parser = parserOf(question.data)
            return {
              // The type's own fields first (src/questions/<type>/parse.ts `view`), then what every question has.
              ...parser.view({ question, domId, inline: (nodes) => md.inline(nodes) }),
              id: question.id,
              domId,
              number: n + 1,
              type: question.type,
              partial: `question-${parser.folder}`,
              heading: md.inline(question.heading),
              prompt: question.prompt.children.length > 0 ? md.content(question.prompt) : '',
              feedback: question.feedback ? md.content(question.feedback) : ''
            }
          })
        }
      }
      case 'results':
        return {
          ...base,
          // One row per module; its link opens the quiz, or the module when it has none.
          modules: course.modules.map((m) => ({ id: m.id, title: m.title, quiz: m.quiz !== undefined, pageId: modulePageId(m.id, m.quiz ? 'quiz' : undefined) })),
          // The certificate of completion (templates/partials/certificate.hbs): the runtime adds the learner, date, score and code.
          courseTitle: course.title,
          courseVersion: course.version
        }
    }
  })

  const toc = course.modules.map((module) => ({
    id: module.id,
    number: module.number,
    title: module.title,
    pages: pages.filter((p) => 'module' in p && p.module === module).map((p) => ({ id: p.id, title: p.kind === 'module' ? strings.moduleIntroduction : p.title, quiz: p.kind === 'quiz' }))
  }))

  return { pages, views, toc }
}
