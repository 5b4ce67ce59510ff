/**
 * Load stage: find a course's source files and read them into VFiles.
 * This is the only stage that reads course sources from disk.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { error, related } from '../diagnostics.js'
import { maxMarkdownBytes } from './limits.js'
import { problemMessage, problemNote, readCourseFile, type RealFolders, realRoot } from './safe-file.js'
import { listFolder, scanCourseFolder, scanModuleFolder } from './scan.js'
import { checkTemplates } from './templates.js'

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

/** `01-intro.md` → `01-intro.fr.md`. */
export function translationPath(filePath: string, language: string): string {
  return filePath.replace(/\.md$/, `.${language}.md`)
}

/** Where files are read: the course folder as given and as a real path. */
interface Place {
  cwd: string
  root: string
  /** `realpath` of `root`: every file read must stay inside it. */
  real: string
  /** Real paths of the folders met so far. */
  folders: RealFolders
}

/**
 * Read one Markdown file; undefined when it does not exist, a placeholder carrying an
 * error (marked `data.missing`) when it cannot be read: outside the course, not a regular
 * file, unreadable, or over the size limit.
 */
function readMarkdown(filePath: string, at: Place): VFile | undefined {
  const data = readCourseFile(filePath, at.real, maxMarkdownBytes, at.folders)
  if (Buffer.isBuffer(data)) return new VFile({ path: filePath, cwd: at.cwd, value: data.toString('utf8') })
  if (data.kind === 'missing') return undefined
  const file = new VFile({ path: filePath, cwd: at.cwd, value: '' })
  file.data.missing = true
  const subject = `\`${path.relative(at.root, filePath).split(path.sep).join('/')}\``
  const note = problemNote(data)
  error(file, problemMessage(data, subject, path.basename(at.root), 'of Markdown per file'), { ruleId: data.ruleId, ...(note ? { note } : {}) })
  return file
}

/**
 * Read a Markdown file (its translation when `language` is given and one exists), or
 * return a placeholder carrying an error when it is missing or cannot be read. A
 * translation keeps the source's path in `data.source`; a file read in the source
 * language for want of a translation is marked `data.untranslated`.
 */
function readSource(filePath: string, at: Place, missing: string, language?: string): VFile {
  if (language) {
    const translated = readMarkdown(translationPath(filePath, language), at)
    if (translated) {
      if (translated.data.missing) return translated
      translated.data.source = filePath
      const original = readCourseFile(filePath, at.real, maxMarkdownBytes, at.folders)
      translated.data.sourceValue = Buffer.isBuffer(original) ? original.toString('utf8') : ''
      return translated
    }
  }
  const file = readMarkdown(filePath, at)
  if (file) {
    if (language && !file.data.missing) file.data.untranslated = language
    return file
  }
  const placeholder = new VFile({ path: filePath, cwd: at.cwd, value: '' })
  placeholder.data.missing = true
  error(placeholder, missing, { ruleId: 'missing-file' })
  return placeholder
}

/**
 * Read a course folder: `course.md`, then each `NN-slug/` module folder with its
 * `module.md`, `NN-slug.md` lessons and `quiz.md`. Only regular files inside the course
 * folder's real path are read (see `safe-file.ts`); what looks like a course file but is
 * not one gets a warning.
 *
 * @param dir
 *   Course folder (absolute or relative to `cwd`).
 * @param cwd
 *   Folder that reported paths are relative to (default: `process.cwd()`).
 * @param language
 *   Translation to read (default: the source language).
 */
export async function loadCourse(dir: string, cwd = process.cwd(), language?: string): Promise<CourseSource> {
  const root = path.resolve(cwd, dir)
  const at: Place = { cwd, root, real: realRoot(root), folders: new Map() }
  const missingCourse = `Cannot find \`course.md\` in \`${path.relative(cwd, root) || '.'}\`, expected a course folder`
  const course = readSource(path.join(root, 'course.md'), at, missingCourse, language)
  const courseOriginal = course.data.source ? readSource(path.join(root, 'course.md'), at, missingCourse) : undefined
  const files: VFile[] = [course]
  const modules: ModuleSource[] = []
  const result: CourseSource = { root, language, languages: [], courseOriginal, course, modules, files }
  if (course.data.missing) return result
  const names = listFolder(root)
  if (!Array.isArray(names)) {
    error(course, `Cannot read the course folder \`${path.basename(root)}\`: ${names.reason}, expected a readable folder`, { ruleId: 'unreadable-file' })
    return result
  }
  // Problems of the folder's layout are reported once, by the source language's load.
  const scan = scanCourseFolder(root, at.real, names, course, !language)
  // Reported in every language's load: these errors are what keeps the render stage from reading the files.
  checkTemplates(root, at.real, course)
  const languages = new Set(scan.languages)
  const seenOrder = new Map<number, ModuleSource>()
  for (const entry of scan.modules) {
    const moduleFile = readSource(
      path.join(entry.dir, 'module.md'),
      at,
      `Cannot find \`module.md\` in module folder \`${entry.name}\`, expected one with the module's title`,
      language
    )
    files.push(moduleFile)
    const source: ModuleSource = { ...entry, module: moduleFile, lessons: [], quiz: undefined }
    const earlier = seenOrder.get(entry.order)
    if (earlier) {
      const first = related(earlier.module, `First module with prefix \`${entry.name.split('-', 1)[0]}\``)
      error(
        moduleFile,
        `Unexpected module folder \`${entry.name}\` with the same prefix as \`${earlier.name}\`, expected a unique numeric prefix per module`,
        { ruleId: 'duplicate-module-prefix', cause: first }
      )
    } else {
      seenOrder.set(entry.order, source)
    }
    loadModuleFiles(source, at, files, language, languages)
    modules.push(source)
  }
  modules.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1))
  result.languages = [...languages].sort()
  return result
}

function loadModuleFiles(source: ModuleSource, at: Place, files: VFile[], language: string | undefined, languages: Set<string>): void {
  const names = listFolder(source.dir)
  if (!Array.isArray(names)) {
    error(source.module, `Cannot read module folder \`${source.name}\`: ${names.reason}, expected a readable folder`, { ruleId: 'unreadable-file' })
    return
  }
  const scan = scanModuleFolder(source.dir, source.name, names, source.module, !language)
  for (const found of scan.languages) languages.add(found)
  const seenOrder = new Map<number, LessonSource>()
  for (const entry of scan.lessons) {
    const gone = `Cannot find \`${entry.name}\` in module \`${source.name}\`, expected the lesson to stay while the course is read`
    const file = readSource(path.join(source.dir, entry.name), at, gone, language)
    files.push(file)
    // A lesson that cannot be read carries its error and is left out of the course.
    if (file.data.missing) continue
    const lesson: LessonSource = { order: entry.order, slug: entry.slug, file }
    const earlier = seenOrder.get(lesson.order)
    if (earlier) {
      error(
        file,
        `Unexpected lesson \`${entry.name}\` with the same prefix as \`${path.basename(earlier.file.path)}\`, expected a unique numeric prefix per lesson`,
        { ruleId: 'duplicate-lesson-prefix' }
      )
    } else {
      seenOrder.set(lesson.order, lesson)
    }
    source.lessons.push(lesson)
  }
  if (scan.quiz) {
    const gone = `Cannot find \`quiz.md\` in module \`${source.name}\`, expected it to stay while the course is read`
    const quiz = readSource(path.join(source.dir, 'quiz.md'), at, gone, language)
    files.push(quiz)
    if (!quiz.data.missing) source.quiz = quiz
  }
  source.lessons.sort((a, b) => a.order - b.order)
}
