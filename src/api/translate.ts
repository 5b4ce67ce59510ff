/**
 * `translate`: XLIFF export and import of a course's text, and where each translation stands
 * (src/translate/). Export and status write nothing in the course; import writes translated
 * Markdown files, translated captions (`<name>.<lang>.vtt`) and the hash record, and only when
 * every XLIFF file given is free of errors.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { collectDiagnostics, countMessages, type Diagnostic, error } from '../diagnostics.js'
import { UsageError } from '../errors.js'
import { isLanguageTag } from '../load/language.js'
import { targetNames } from '../package/index.js'
import { writeAtomic } from '../package/zip.js'
import { pointAt } from '../parse/index.js'
import { checkCourse, checkCourseDirs } from '../pipeline.js'
import { readTranslation, type TranslatableCourse, translatableCourse } from '../translate/course.js'
import { exportDocument } from '../translate/export.js'
import { formatNames, formatOf, formats } from '../translate/formats/index.js'
import { planImport } from '../translate/import.js'
import { recordPath, serialiseRecord } from '../translate/record.js'
import { type LanguageStatus, languageStatus } from '../translate/status.js'

export type { FileStatus, LanguageStatus } from '../translate/status.js'

interface Reported {
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  exitCode: 0 | 1
}

export interface TranslateExportOptions {
  cwd?: string
  /** Languages to export (BCP 47 tags other than the source's). */
  languages: string[]
  /** Folder the XLIFF files are written to (default: `dist/xliff`). */
  out?: string
  /** `xliff2` (default) or `xliff12`. */
  format?: string
}

export interface TranslateExportResult extends Reported {
  /** One XLIFF file per language: its path, and how many of its units were pre-filled. */
  files: Array<{ language: string; path: string; units: number; prefilled: number }>
}

export interface TranslateImportOptions {
  cwd?: string
  /** The course folder the XLIFF files translate (default: the folder of `./courses` or `.` whose files they name). */
  course?: string
}

export interface TranslateImportResult extends Reported {
  /** The files written, relative to `cwd`. */
  written: string[]
}

export interface TranslateStatusResult extends Reported {
  course: string
  sourceLanguage: string
  languages: LanguageStatus[]
}

const slash = (p: string) => p.split(path.sep).join('/')
const shown = (cwd: string, file: string) => {
  const relative = path.relative(cwd, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : slash(relative)
}

async function readCourse(dir: string, cwd: string): Promise<{ course: TranslatableCourse; reported: Reported }> {
  checkCourseDirs([dir], cwd)
  const check = await checkCourse(dir, cwd, [...targetNames])
  const counts = countMessages(check.files)
  const reported: Reported = { diagnostics: collectDiagnostics(check.files, cwd), ...counts, exitCode: counts.errors > 0 ? 1 : 0 }
  return { course: translatableCourse(dir, check), reported }
}

function checkLanguages(languages: readonly string[], source: string): void {
  if (languages.length === 0) throw new UsageError('Cannot export without a language, expected `--language fr,ar,…`')
  for (const language of languages) {
    if (!isLanguageTag(language)) throw new UsageError(`Unexpected language \`${language}\`, expected a BCP 47 tag such as \`fr\` or \`pt-BR\``)
    if (language === source) throw new UsageError(`Unexpected language \`${language}\`, the course's own: expected a language to translate into`)
  }
}

/** One XLIFF file per language, pre-filled from the existing translations (`coursepack translate export`). */
export async function translateExport(dir: string, options: TranslateExportOptions): Promise<TranslateExportResult> {
  const cwd = options.cwd ?? process.cwd()
  const format = formats[options.format ?? 'xliff2']
  if (!format) throw new UsageError(`Unexpected format \`${options.format ?? ''}\`, expected one of ${formatNames.map((n) => `\`${n}\``).join(', ')}`)
  const { course, reported } = await readCourse(dir, cwd)
  checkLanguages(options.languages, course.sourceLanguage)
  if (reported.exitCode !== 0) return { ...reported, files: [] }
  const out = path.resolve(cwd, options.out ?? path.join('dist', 'xliff'))
  mkdirSync(out, { recursive: true })
  const files: TranslateExportResult['files'] = []
  for (const language of options.languages) {
    const { files: translated } = await readTranslation(course, language, cwd)
    const document = exportDocument(course, language, translated)
    const target = path.join(out, `${course.check.course.id}.${language}.xlf`)
    await writeAtomic(target, Buffer.from(format.write(document), 'utf8'))
    const units = document.files.flatMap((f) => f.units)
    files.push({ language, path: shown(cwd, target), units: units.length, prefilled: units.filter((u) => u.target).length })
  }
  return { ...reported, files }
}

/** The course an XLIFF file translates: the one given, else the folder of `./courses` (or `.`) holding every file it names. */
async function courseFor(originals: readonly string[], options: TranslateImportOptions, cwd: string, candidates: readonly string[]): Promise<string> {
  if (options.course) return options.course
  const fits = candidates.filter((dir) => originals.every((o) => {
    try {
      return statSync(path.resolve(cwd, dir, o)).isFile()
    } catch {
      return false
    }
  }))
  if (fits.length === 1 && fits[0] !== undefined) return fits[0]
  throw new UsageError(fits.length === 0 ? 'Cannot find the course these XLIFF files translate, expected `--course <dir>`' : `Cannot tell which course these XLIFF files translate (${fits.join(', ')}), expected \`--course <dir>\``)
}

/** Translated Markdown files from XLIFF targets, and their hash record (`coursepack translate import`). */
export async function translateImport(xliffFiles: string[], options: TranslateImportOptions & { candidates?: string[] } = {}): Promise<TranslateImportResult> {
  const cwd = options.cwd ?? process.cwd()
  if (xliffFiles.length === 0) throw new UsageError('Cannot import without a file, expected one or more `.xlf` files')
  const read = xliffFiles.map((given) => {
    const absolute = path.resolve(cwd, given)
    let text: string
    try {
      if (statSync(absolute).size > 64 * 1024 * 1024) throw new UsageError(`Unexpected file \`${given}\` over 64 MB, expected an XLIFF file`)
      text = readFileSync(absolute, 'utf8')
    } catch (cause) {
      if (cause instanceof UsageError) throw cause
      throw new UsageError(`Cannot read \`${given}\`, expected an XLIFF file`)
    }
    const file = new VFile({ path: absolute, cwd, value: text })
    const result = formatOf(text).read(text)
    if (!result.ok) for (const problem of result.problems) error(file, problem.message, { ruleId: 'xliff-syntax', place: pointAt(file, problem.offset) })
    return { file, document: result.ok ? result.document : undefined }
  })
  const xlfFiles = read.map((r) => r.file)
  const originals = read.flatMap((r) => r.document?.files.map((f) => f.original) ?? [])
  const dir = await courseFor(originals, options, cwd, [...(options.candidates ?? []), '.'])
  const { course, reported } = await readCourse(dir, cwd)
  if (reported.exitCode !== 0) return { ...reported, written: [] }
  const writes = new Map<string, string>()
  for (const { file, document } of read) {
    if (!document) continue
    const language = document.targetLanguage
    if (!isLanguageTag(language) || language === course.sourceLanguage) {
      error(file, `Unexpected target language \`${language}\`, expected a language other than the course's \`${course.sourceLanguage}\``, { ruleId: 'xliff-unit-mismatch', place: pointAt(file, 0) })
      continue
    }
    const { files: translated, record } = await readTranslation(course, language, cwd)
    const plan = planImport(document, translated, record, file)
    if (!plan) continue
    for (const [relative, text] of plan.writes) writes.set(path.join(course.root, relative), text)
    writes.set(recordPath(course.root, language), serialiseRecord(plan.record))
  }
  const counts = countMessages(xlfFiles)
  const diagnostics = collectDiagnostics(xlfFiles, cwd)
  if (counts.errors > 0) return { diagnostics, ...counts, exitCode: 1, written: [] }
  for (const [target, text] of writes) {
    mkdirSync(path.dirname(target), { recursive: true })
    await writeAtomic(target, Buffer.from(text, 'utf8'))
  }
  return { diagnostics, ...counts, exitCode: 0, written: [...writes.keys()].map((w) => shown(cwd, w)) }
}

/** Per language: units translated, stale, missing and unrecorded (`coursepack translate status`). */
export async function translateStatus(dir: string, options: { cwd?: string } = {}): Promise<TranslateStatusResult> {
  const cwd = options.cwd ?? process.cwd()
  const { course, reported } = await readCourse(dir, cwd)
  const languages: LanguageStatus[] = []
  if (reported.exitCode === 0) {
    for (const language of course.languages) languages.push(languageStatus(language, (await readTranslation(course, language, cwd)).files))
  }
  return { ...reported, course: dir, sourceLanguage: course.sourceLanguage, languages }
}
