/**
 * A course as translation sees it: every source file with its units, and for a language, the
 * units of its existing translation files and their hash record. Read through the pipeline's own
 * load, parse and model stages (the model gives each quiz's question ids), so the units are those
 * of the course that `build` sees.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { loadCourse, translationPath } from '../load/index.js'
import { type ParsedFile, parseFile } from '../parse/index.js'
import type { CheckResult } from '../pipeline.js'
import { readRecord, type HashRecord } from './record.js'
import { extractUnits, idSegment, type Unit } from './units.js'

export interface SourceFile {
  /** Path relative to the course folder, with `/` (`01-basics/01-intro.md`). */
  relative: string
  /** Content id of the file (`lesson.basics.intro`). */
  id: string
  /** The source file as the pipeline checked it (messages go there). */
  file: VFile
  parsed: ParsedFile
  units: Unit[]
  /** `course.md`, whose translation carries only the text of its front matter. */
  isCourse: boolean
  /** Question ids of a quiz, in order. */
  questionIds: string[] | undefined
}

export interface TranslatableCourse {
  dir: string
  root: string
  sourceLanguage: string
  /** Languages the folder holds translations for. */
  languages: string[]
  files: SourceFile[]
  /** The pipeline's check of the source language. */
  check: CheckResult
}

export interface TranslatedFile {
  source: SourceFile
  /** Path of the translation relative to the course folder (`01-basics/01-intro.fr.md`). */
  relative: string
  /** Its units by id; undefined when the file does not exist. */
  units: Map<string, Unit> | undefined
  /** Unit id → source hash, when an import recorded them. */
  record: Record<string, string> | undefined
}

const slash = (p: string) => p.split(path.sep).join('/')

/** Every file's units, from the pipeline's check of a course's source language. */
export function translatableCourse(dir: string, check: CheckResult): TranslatableCourse {
  const { course } = check
  const byPath = new Map(check.files.map((f) => [slash(path.relative(course.root, f.path)), f]))
  const files: SourceFile[] = []
  const add = (relative: string, id: string, isCourse: boolean, questionIds?: string[]) => {
    const file = byPath.get(relative)
    if (!file || file.data.missing) return
    const parsed = parseFile(new VFile({ path: file.path, cwd: file.cwd, value: String(file.value) }))
    files.push({ relative, id, file, parsed, units: extractUnits(parsed, id, questionIds), isCourse, questionIds })
  }
  add('course.md', 'course', true)
  for (const module of course.modules) {
    const m = idSegment(module.id)
    add(module.source, `module.${m}`, false)
    for (const lesson of module.lessons) add(lesson.source, `lesson.${m}.${idSegment(lesson.id)}`, false)
    if (module.quiz) add(module.quiz.source, `quiz.${m}`, false, module.quiz.questions.map((q) => q.id))
  }
  return { dir, root: course.root, sourceLanguage: course.language, languages: check.languages, files, check }
}

/** The existing translation of every source file in one language, with its record. */
export async function readTranslation(course: TranslatableCourse, language: string, cwd: string): Promise<{ files: TranslatedFile[]; record: HashRecord }> {
  const loaded = await loadCourse(course.dir, cwd, language)
  const record = readRecord(course.root, language)
  const bySource = new Map<string, VFile>()
  for (const file of loaded.files) if (typeof file.data.source === 'string' && !file.data.missing) bySource.set(slash(path.relative(course.root, file.data.source)), file)
  const files = course.files.map((source): TranslatedFile => {
    const relative = slash(path.relative(course.root, translationPath(path.join(course.root, source.relative), language)))
    const file = bySource.get(source.relative)
    const units = file ? new Map(extractUnits(parseFile(new VFile({ path: file.path, cwd: file.cwd, value: String(file.value) })), source.id, source.questionIds).map((u) => [u.id, u])) : undefined
    return { source, relative, units, record: record.files[relative] }
  })
  return { files, record }
}
