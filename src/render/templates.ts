/**
 * The Handlebars environment: built-in layouts and partials from `templates/`, locale
 * strings, and the helpers the templates use. Compiled once per template folder.
 */
import { parsers } from '../questions/index.js'
import { readPartial } from '../questions/partials.js'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'
import { templatesDir } from '../paths.js'
import { stripCssComments } from './css.js'

export type Strings = Record<string, string>

export interface TemplateEnvironment {
  shell: Handlebars.TemplateDelegate
  partial: (name: string, context: Record<string, unknown>) => string
  strings: (language: string) => Strings
  /** Static files (stylesheets, images) copied into every package, by package path. */
  assets: Map<string, Buffer>
}

const cache = new Map<string, TemplateEnvironment>()

/** Fill `{name}` placeholders. */
export function format(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))
}

/** Files of a folder by name without extension; later folders override earlier ones. */
function readDirs(dirs: readonly string[], extension: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(extension)) files.set(name.slice(0, -extension.length), readFileSync(path.join(dir, name), 'utf8'))
    }
  }
  return files
}

/**
 * Load (once) the template environment: the built-in templates, overridden file by file
 * by a course's own `templates/` folder (layouts, partials, locales, assets).
 *
 * @param override
 *   A course's `templates/` folder (optional).
 */
export function loadTemplates(override?: string): TemplateEnvironment {
  const key = override ?? ''
  const cached = cache.get(key)
  if (cached) return cached
  const dirs = override && existsSync(override) ? [templatesDir, override] : [templatesDir]
  const sub = (name: string) => dirs.map((d) => path.join(d, name))
  const hbs = Handlebars.create()
  const locales = new Map<string, Strings>()
  // A course locale file overrides single strings of the built-in one.
  for (const dir of sub('locales')) {
    for (const [language, text] of readDirs([dir], '.json')) locales.set(language, { ...(locales.get(language) ?? {}), ...(JSON.parse(text) as Strings) })
  }
  const strings = (language: string): Strings => {
    const base = locales.get('en') ?? {}
    const primary = language.toLowerCase().split('-')[0] ?? 'en'
    return { ...base, ...(locales.get(primary) ?? {}), ...(locales.get(language) ?? {}) }
  }

  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const root = options.data?.root as { strings?: Strings } | undefined
    const text = root?.strings?.[key] ?? key
    return format(text, options.hash as Record<string, unknown>)
  })
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''))
  hbs.registerHelper('default', (value: unknown, fallback: unknown) => (value === undefined || value === null || value === '' ? fallback : value))

  // Each question type's partial (`question-<folder>`), which a course's own partial of that name overrides.
  for (const parser of parsers) hbs.registerPartial(`question-${parser.folder}`, hbs.compile(readPartial(parser.folder), { preventIndent: true }))
  for (const [name, text] of readDirs(sub('partials'), '.hbs')) hbs.registerPartial(name, hbs.compile(text, { preventIndent: true }))
  // preventIndent: partial indentation would change whitespace inside <pre> blocks.
  const shell = hbs.compile(readDirs(sub('layouts'), '.hbs').get('shell') ?? '', { preventIndent: true })
  const compiledPartials = new Map<string, Handlebars.TemplateDelegate>()
  const partial = (name: string, context: Record<string, unknown>): string => {
    let template = compiledPartials.get(name)
    if (!template) {
      template = hbs.compile(`{{> ${name}}}`, { preventIndent: true })
      compiledPartials.set(name, template)
    }
    return template(context, { data: { root: context } })
  }

  const assets = new Map<string, Buffer>()
  for (const dir of sub('assets')) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      const data = readFileSync(path.join(dir, name))
      assets.set(name, name.endsWith('.css') ? Buffer.from(stripCssComments(data.toString('utf8'))) : data)
    }
  }

  const environment = { shell, partial, strings, assets }
  cache.set(key, environment)
  return environment
}
