/**
 * Scanning a course folder and its module folders: what is a module, a lesson, a
 * translation, and what looks like one but is not (a warning, never silence). Nothing
 * here opens a file: entries are looked at with `lstat`, `realpath` and `stat` only.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, type Stats, statSync } from 'node:fs'
import path from 'node:path'
import type { VFile } from 'vfile'
import { error, warn } from '../diagnostics.js'
import { isLanguageTag } from './language.js'
import { describeKind, isWithin, systemReason } from './safe-file.js'

/** A module folder: `01-slug`. */
export const modulePattern = /^(\d+)-([a-z0-9][a-z0-9-]*)$/
/** A lesson: `01-slug.md`. */
export const lessonPattern = /^(\d+)-([a-z0-9][a-z0-9-]*)\.md$/
/** A possible translation: `<name>.<lang>.md`; `<lang>` is checked with `isLanguageTag`. */
export const translationPattern = /^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/

const moduleForm = 'a module folder named like `01-slug` (a numeric prefix, a hyphen, then lowercase letters, digits and hyphens)'
const lessonForm = 'a lesson named like `01-slug.md` (a numeric prefix, a hyphen, then lowercase letters, digits and hyphens)'
const markdownLike = /\.(md|mdx|markdown)$/i

function notLanguage(tag: string): string {
  return `\`${tag}\` is not a known language tag, so the file is not read as a translation.`
}

/** A folder's entry names, sorted, without hidden ones (unless `hidden`); or the system's reason it cannot be listed. */
export function listFolder(dir: string, options: { hidden?: boolean } = {}): string[] | { reason: string } {
  try {
    return readdirSync(dir)
      .filter((name) => options.hidden === true || !name.startsWith('.'))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  } catch (cause) {
    return { reason: systemReason(cause) }
  }
}

type Entry =
  | { type: 'folder' | 'file' | 'other'; stats: Stats; real: string; link: boolean }
  | { type: 'broken'; reason: string }

/** What an entry is, every symbolic link followed, without opening it. */
function entryOf(full: string): Entry {
  try {
    const link = lstatSync(full).isSymbolicLink()
    let real: string
    try {
      real = realpathSync.native(full)
    } catch (cause) {
      if (link && (cause as NodeJS.ErrnoException).code === 'ENOENT') {
        return { type: 'broken', reason: `it is a symbolic link to \`${readlinkSync(full)}\`, which does not exist` }
      }
      throw cause
    }
    const stats = statSync(real)
    return { type: stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other', stats, real, link }
  } catch (cause) {
    return { type: 'broken', reason: systemReason(cause) }
  }
}

export interface ModuleEntry {
  name: string
  dir: string
  order: number
  slug: string
}

/**
 * The module folders beside `course.md`, and the languages of `course.<lang>.md`
 * translations. Problems are reported on `course` when `report` is set (the source
 * language's load; a translation's load skips the same entries without repeating them).
 */
export function scanCourseFolder(root: string, real: string, names: string[], course: VFile, report: boolean): { modules: ModuleEntry[]; languages: string[] } {
  const rootName = path.basename(root)
  const modules: ModuleEntry[] = []
  const languages = new Set<string>()
  const say = (kind: 'error' | 'warning', reason: string, ruleId: string, note?: string) => {
    if (report) (kind === 'error' ? error : warn)(course, reason, { ruleId, ...(note ? { note } : {}) })
  }
  for (const name of names) {
    if (name === 'course.md') continue
    const full = path.join(root, name)
    const entry = entryOf(full)
    const module = modulePattern.exec(name)
    if (module && entry.type !== 'folder' && entry.type !== 'file') {
      const why = entry.type === 'broken' ? entry.reason : `it is ${describeKind(entry.stats)}`
      say('error', `Cannot read module folder \`${name}\`: ${why}, expected a readable folder`, 'unreadable-file')
      continue
    }
    if (entry.type === 'folder') {
      const outside = !isWithin(real, entry.real)
      if (module && outside) {
        say('error', `Unexpected module folder \`${name}\` leading outside the course folder (to \`${entry.real}\`), expected a path inside \`${rootName}\``, 'reference-outside-course', 'Symbolic links may point only inside the course folder: only its files are read and packaged.')
      } else if (module) {
        modules.push({ name, dir: full, order: Number(module[1]), slug: module[2] ?? name })
      } else if (/^\d/.test(name) || entryOf(path.join(full, 'module.md')).type !== 'broken') {
        say('warning', `Unexpected folder \`${name}\` beside \`course.md\`, expected ${moduleForm}`, 'unexpected-folder', 'The folder is not read as a module.')
      } else if (outside) {
        say('warning', `Unexpected folder \`${name}\` leading outside the course folder (to \`${entry.real}\`), expected folders inside \`${rootName}\``, 'unexpected-folder', 'Nothing in it can be referenced: only files inside the course folder are read and packaged.')
      }
      continue
    }
    const variant = /^course\.(.+)\.md$/.exec(name)?.[1]
    if (variant !== undefined) {
      if (translationPattern.test(name) && isLanguageTag(variant)) languages.add(variant)
      else say('warning', `Unexpected Markdown file \`${name}\` beside \`course.md\`, expected a translation named like \`course.fr.md\``, 'unexpected-file', notLanguage(variant))
    } else if (/^\d+-/.test(name) && markdownLike.test(name)) {
      say('warning', `Unexpected Markdown file \`${name}\` beside \`course.md\`, expected lessons inside a module folder, such as \`01-basics/${name}\``, 'unexpected-file', 'The file is not read.')
    }
  }
  return { modules, languages: [...languages] }
}

export interface ModuleScan {
  /** Lesson file names with their prefix and slug. */
  lessons: Array<{ name: string; order: number; slug: string }>
  quiz: boolean
  languages: string[]
}

/** The lessons, quiz and translation languages of a module folder; problems are reported on `moduleFile`. */
export function scanModuleFolder(dir: string, moduleName: string, names: string[], moduleFile: VFile, report: boolean): ModuleScan {
  const scan: ModuleScan = { lessons: [], quiz: false, languages: [] }
  const present = new Set(names)
  const languages = new Set<string>()
  const say = (reason: string, ruleId: string, note: string) => {
    if (report) warn(moduleFile, reason, { ruleId, note })
  }
  for (const name of names) {
    if (name === 'module.md') continue
    if (name === 'quiz.md') {
      scan.quiz = true
      continue
    }
    const lesson = lessonPattern.exec(name)
    if (lesson) {
      // A folder named like a lesson is read as one, and reported (`unreadable-file`), not skipped in silence.
      scan.lessons.push({ name, order: Number(lesson[1]), slug: lesson[2] ?? name })
      continue
    }
    const translation = translationPattern.exec(name)
    const base = translation?.[1] ?? ''
    const language = translation?.[2] ?? ''
    if (translation && isLanguageTag(language)) {
      if (!present.has(`${base}.md`)) {
        say(`Unexpected translation \`${name}\` in module \`${moduleName}\` without its source \`${base}.md\`, expected a translation beside the file it translates`, 'orphan-translation', 'The file is not read.')
      } else if (base === 'module' || base === 'quiz' || lessonPattern.test(`${base}.md`)) {
        languages.add(language)
      }
      continue
    }
    if (!markdownLike.test(name) || entryOf(path.join(dir, name)).type === 'folder') continue
    const variant = /^.+\.([^.]+)\.md$/.exec(name)?.[1]
    const note = variant !== undefined
      ? notLanguage(variant)
      : /^\d+-/.test(name)
        ? name.endsWith('.md')
          ? 'After the prefix, a lesson name holds only lowercase letters, digits and hyphens.'
          : 'A lesson file ends in `.md`.'
        : 'The file is not read.'
    say(`Unexpected Markdown file \`${name}\` in module \`${moduleName}\`, expected \`module.md\`, \`quiz.md\` or ${lessonForm}`, 'unexpected-file', note)
  }
  scan.languages = [...languages]
  return scan
}
