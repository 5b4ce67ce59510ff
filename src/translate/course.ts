/**
 * A course as translation sees it: every source file with its units, and for a language, the
 * units of its existing translation files and their hash record. Read through the pipeline's own
 * load, parse and model stages (the model gives each quiz's question ids, and the captions files
 * the videos reference), so the units are those of the course that `build` sees: its Markdown
 * files, then each captions file once (./captions.ts), whose translation is `<name>.<lang>.vtt`
 * beside it.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { loadCourse, translationPath } from '../load/index.js'
import { maxAssetBytes } from '../load/limits.js'
import { readCourseFile, realRoot } from '../load/safe-file.js'
import { type ParsedFile, parseFile } from '../parse/index.js'
import type { CheckResult } from '../pipeline.js'
import { alignedUnits, captionsFileId, captionUnits, type CaptionUnits } from './captions.js'
import { readRecord, type HashRecord } from './record.js'
import { extractUnits, idSegment, type Unit } from './units.js'

interface Source {
  /** Path relative to the course folder, with `/` (`01-basics/01-intro.md`, `media/intro.vtt`). */
  relative: string
  /** Content id of the file (`lesson.basics.intro`, `captions.media:intro.vtt`). */
  id: string
  /** The source file as the pipeline checked it (messages go there). */
  file: VFile
  units: Unit[]
}

export interface MarkdownSource extends Source {
  kind: 'markdown'
  parsed: ParsedFile
  /** `course.md`, whose translation carries only the text of its front matter. */
  isCourse: boolean
  /** Question ids of a quiz, in order. */
  questionIds: string[] | undefined
}

/** A WebVTT captions file a video of the source references. */
export interface CaptionsSource extends Source {
  kind: 'captions'
  captions: CaptionUnits
}

export type SourceFile = MarkdownSource | CaptionsSource

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
  /** Why the existing file's units could not be read (captions whose cues do not line up with the source's). */
  problem?: string
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
    files.push({ kind: 'markdown', relative, id, file, parsed, units: extractUnits(parsed, id, questionIds), isCourse, questionIds })
  }
  add('course.md', 'course', true)
  for (const module of course.modules) {
    const m = idSegment(module.id)
    add(module.source, `module.${m}`, false)
    for (const lesson of module.lessons) add(lesson.source, `lesson.${m}.${idSegment(lesson.id)}`, false)
    if (module.quiz) add(module.quiz.source, `quiz.${m}`, false, module.quiz.questions.map((q) => q.id))
  }
  // The model adds each captions file it read to the check's files once, after the Markdown.
  for (const file of check.files) {
    if (!/\.vtt$/i.test(file.path) || file.data.missing) continue
    const relative = slash(path.relative(course.root, file.path))
    const captions = captionUnits(file, relative)
    files.push({ kind: 'captions', relative, id: captionsFileId(relative), file, units: captions.units, captions })
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
    if (source.kind === 'captions') return translatedCaptionsFile(course, source, record)
    const relative = slash(path.relative(course.root, translationPath(path.join(course.root, source.relative), language)))
    const file = bySource.get(source.relative)
    const units = file ? new Map(extractUnits(parseFile(new VFile({ path: file.path, cwd: file.cwd, value: String(file.value) })), source.id, source.questionIds).map((u) => [u.id, u])) : undefined
    return { source, relative, units, record: record.files[relative] }
  })
  return { files, record }
}

/** `intro.vtt` → `intro.<lang>.vtt`, beside it: where the build looks for a translation's captions. */
export const captionsTranslationPath = (relative: string, language: string) => relative.replace(/\.vtt$/i, `.${language}.vtt`)

/** A captions file's translation: its cues as units when they line up with the source's (same count, same timings). */
function translatedCaptionsFile(course: TranslatableCourse, source: CaptionsSource, record: HashRecord): TranslatedFile {
  const relative = captionsTranslationPath(source.relative, record.language)
  const data = readCourseFile(path.join(course.root, relative), realRoot(course.root), maxAssetBytes)
  const base = { source, relative, record: record.files[relative] }
  if (!Buffer.isBuffer(data)) return { ...base, units: undefined }
  const aligned = alignedUnits(source.captions, data.toString('utf8'))
  return 'units' in aligned ? { ...base, units: aligned.units } : { ...base, units: new Map(), problem: `\`${path.basename(relative)}\` does not line up with the source's cues: ${aligned.problem}` }
}
