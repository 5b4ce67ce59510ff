/**
 * Load stage: find a course's source files and read them into VFiles.
 * This is the only stage that reads course sources from disk.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { error, related, warn } from '../diagnostics.js'

export interface LessonSource {
  /** Numeric prefix of the file name (`01-intro.md` → 1). */
  order: number
  /** File name without prefix and extension (`01-intro.md` → `intro`). */
  slug: string
  file: VFile
}

export interface ModuleSource {
  /** Absolute path of the module folder. */
  dir: string
  /** Folder name, such as `01-child-rights`. */
  name: string
  order: number
  slug: string
  /** `module.md`; a placeholder VFile carrying an error when missing. */
  module: VFile
  lessons: LessonSource[]
  quiz: VFile | undefined
}

export interface CourseSource {
  /** Absolute path of the course folder. */
  root: string
  /** Language of the translation this source was read in; undefined for the source language. */
  language: string | undefined
  /** Languages for which the folder holds translations (`<name>.<lang>.md` files), sorted. */
  languages: string[]
  /** The source-language `course.md` when `course` is its translation (its settings apply). */
  courseOriginal: VFile | undefined
  /** `course.md`; a placeholder VFile carrying an error when missing. */
  course: VFile
  modules: ModuleSource[]
  /** Every file that may carry messages, in a stable order. */
  files: VFile[]
}

const prefixed = /^(\d+)-([a-z0-9][a-z0-9-]*)$/
const prefixedMarkdown = /^(\d+)-([a-z0-9][a-z0-9-]*)\.md$/

/** `01-intro.md` → `01-intro.fr.md`. */
export function translationPath(filePath: string, language: string): string {
  return filePath.replace(/\.md$/, `.${language}.md`)
}

const translationName = /^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/

/**
 * Read a Markdown file (its translation when `language` is given and one exists), or
 * return a placeholder carrying an error when it is missing. A translation keeps the
 * source's path in `data.source`; a file read in the source language for want of a
 * translation is marked `data.untranslated`.
 */
async function readSource(filePath: string, cwd: string, missing: string, language?: string): Promise<VFile> {
  if (language) {
    const translated = translationPath(filePath, language)
    try {
      const file = new VFile({ path: translated, cwd, value: await readFile(translated, 'utf8') })
      file.data.source = filePath
      file.data.sourceValue = await readFile(filePath, 'utf8').catch(() => '')
      return file
    } catch {
      // no translation of this file: the source-language text is used
    }
  }
  try {
    const file = new VFile({ path: filePath, cwd, value: await readFile(filePath, 'utf8') })
    if (language) file.data.untranslated = language
    return file
  } catch {
    const file = new VFile({ path: filePath, cwd, value: '' })
    file.data.missing = true
    error(file, missing, { ruleId: 'missing-file' })
    return file
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory()
  } catch {
    return false
  }
}

/**
 * Read a course folder: `course.md`, then each `NN-slug/` module folder with its
 * `module.md`, `NN-slug.md` lessons and `quiz.md`.
 *
 * @param dir
 *   Course folder (absolute or relative to `cwd`).
 * @param cwd
 *   Folder that reported paths are relative to (default: `process.cwd()`).
 */
export async function loadCourse(dir: string, cwd = process.cwd(), language?: string): Promise<CourseSource> {
  const root = path.resolve(cwd, dir)
  const missingCourse = `Cannot find \`course.md\` in \`${path.relative(cwd, root) || '.'}\`, expected a course folder`
  const course = await readSource(path.join(root, 'course.md'), cwd, missingCourse, language)
  const courseOriginal = course.data.source ? await readSource(path.join(root, 'course.md'), cwd, missingCourse) : undefined
  const files: VFile[] = [course]
  const modules: ModuleSource[] = []
  const languages = new Set<string>()
  const result: CourseSource = { root, language, languages: [], courseOriginal, course, modules, files }
  if (course.data.missing) return result
  for (const name of await readdir(root)) {
    const match = translationName.exec(name)
    if (match?.[2]) languages.add(match[2])
  }

  const entries = (await readdir(root, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  )
  const seenOrder = new Map<number, ModuleSource>()
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const match = prefixed.exec(entry.name)
    if (!match) continue
    const moduleDir = path.join(root, entry.name)
    const order = Number(match[1])
    const moduleFile = await readSource(
      path.join(moduleDir, 'module.md'),
      cwd,
      `Cannot find \`module.md\` in module folder \`${entry.name}\`, expected one with the module's title`,
      language
    )
    files.push(moduleFile)
    const source: ModuleSource = {
      dir: moduleDir,
      name: entry.name,
      order,
      slug: match[2] ?? entry.name,
      module: moduleFile,
      lessons: [],
      quiz: undefined
    }
    const earlier = seenOrder.get(order)
    if (earlier) {
      const first = related(earlier.module, `First module with prefix \`${match[1]}\``)
      error(
        moduleFile,
        `Unexpected module folder \`${entry.name}\` with the same prefix as \`${earlier.name}\`, expected a unique numeric prefix per module`,
        { ruleId: 'duplicate-module-prefix', cause: first }
      )
    } else {
      seenOrder.set(order, source)
    }
    await loadModuleFiles(source, cwd, files, language, languages)
    modules.push(source)
  }
  modules.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1))
  result.languages = [...languages].sort()
  return result
}

async function loadModuleFiles(source: ModuleSource, cwd: string, files: VFile[], language: string | undefined, languages: Set<string>): Promise<void> {
  const names = (await readdir(source.dir)).sort()
  const seenOrder = new Map<number, LessonSource>()
  for (const name of names) {
    const full = path.join(source.dir, name)
    if (name === 'module.md') continue
    if (name === 'quiz.md') {
      source.quiz = await readSource(full, cwd, '', language)
      files.push(source.quiz)
      continue
    }
    if (!name.endsWith('.md') || (await isDirectory(full))) continue
    const match = prefixedMarkdown.exec(name)
    if (!match) {
      // Translations (`01-intro.fr.md`) are read in place of their source; anything else is a likely typo.
      const translation = translationName.exec(name)
      if (translation?.[2]) {
        languages.add(translation[2])
        continue
      }
      warn(
        source.module,
        `Unexpected Markdown file \`${name}\` in module \`${source.name}\`, expected \`module.md\`, \`quiz.md\` or a lesson named like \`01-slug.md\``,
        { ruleId: 'unexpected-file' }
      )
      continue
    }
    const file = await readSource(full, cwd, '', language)
    files.push(file)
    const lesson: LessonSource = { order: Number(match[1]), slug: match[2] ?? name, file }
    const earlier = seenOrder.get(lesson.order)
    if (earlier) {
      error(
        file,
        `Unexpected lesson \`${name}\` with the same prefix as \`${path.basename(earlier.file.path)}\`, expected a unique numeric prefix per lesson`,
        { ruleId: 'duplicate-lesson-prefix' }
      )
    } else {
      seenOrder.set(lesson.order, lesson)
    }
    source.lessons.push(lesson)
  }
  source.lessons.sort((a, b) => a.order - b.order)
}
