/**
 * The pipeline, in one place: load → parse → model → render → package → write.
 * Nothing is written unless every course of the run is free of errors (and of
 * warnings under `strict`); zips are written atomically.
 */
import { createHash } from 'node:crypto'
import { realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import type { VFile } from 'vfile'
import { applyRules, collectDiagnostics, countMessages, type Diagnostic, error, exitCodeOf, type RuleSettings, warn } from './diagnostics.js'
import { UsageError } from './errors.js'
import { assertRuleSettings } from './rules.js'
import { loadCourse, translationPath } from './load/index.js'
import { buildCourse } from './model/index.js'
import { runRules } from './model/rules/index.js'
import type { Course } from './model/types.js'
import { packageCourse, targetNames, type TargetName } from './package/index.js'
import { checkLimits, filesByRelativePath } from './package/limits.js'
import { writeAtomic, zip } from './package/zip.js'
import { type ParsedFile, parseFile } from './parse/index.js'
import { parseAll } from './parse/parallel.js'
import { translatableCourse } from './translate/course.js'
import { warnStale } from './translate/stale.js'

export type Stage = 'load' | 'parse' | 'model' | 'package' | 'write'

export interface CheckResult {
  /** Course folder as given. */
  dir: string
  /** Every source file, with its messages. */
  files: VFile[]
  course: Course
  /** Milliseconds spent per stage. */
  timings: Partial<Record<Stage, number>>
  /** Languages the course folder holds translations for. */
  languages: string[]
}

export interface BuiltPackage {
  course: string
  target: TargetName
  /** Path of the zip written (relative to `cwd` when inside it). */
  path: string
  bytes: number
  sha256: string
}

export interface BuildOptions {
  /** Folder paths are resolved and reported against (default: `process.cwd()`). */
  cwd?: string
  /** Output folder (default: `dist`). */
  out?: string
  /** Targets to write (default: `['scorm12']`). */
  targets?: TargetName[]
  /** Languages to build: translation languages, `source` for the source language, or `all` (default: the source language). */
  languages?: string[] | 'all'
  /** Fail on warnings too (default: false). */
  strict?: boolean
  /** Fail when there are more warnings than this (default: no limit). */
  maxWarnings?: number
  /** Severity per rule id (`off` drops its messages), applied before the exit code is decided. */
  rules?: RuleSettings
  /** Called after each package is laid out and zipped (optional). */
  onProgress?: (event: { course: string; target: TargetName; done: number; total: number }) => void
}

export interface BuildResult {
  courses: CheckResult[]
  packages: BuiltPackage[]
  /** Every message of every course, sorted by file and position. */
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  exitCode: 0 | 1
}

const display = (cwd: string, file: string) => {
  const relative = path.relative(cwd, file)
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}

/**
 * Check that each course path is an existing folder, given once. A folder without
 * `course.md` is left to the load stage, which reports it as a content error.
 */
export function checkCourseDirs(dirs: readonly string[], cwd: string): void {
  const seen = new Map<string, string>()
  for (const dir of dirs) {
    const absolute = path.resolve(cwd, dir)
    let info
    try {
      info = statSync(absolute)
    } catch {
      throw new UsageError(`Cannot find the course folder \`${dir}\`, expected a folder holding \`course.md\``)
    }
    if (!info.isDirectory()) {
      const hint = path.basename(absolute) === 'course.md' ? `: give its folder, \`${display(cwd, path.dirname(absolute))}\`` : ' (the folder holding `course.md`)'
      throw new UsageError(`Unexpected file \`${dir}\`, expected a course folder${hint}`)
    }
    const real = realpathSync(absolute)
    const first = seen.get(real)
    if (first !== undefined) throw new UsageError(`Unexpected course \`${dir}\` given twice (also as \`${first}\`), expected each course folder once`)
    seen.set(real, dir)
  }
}

/** Check that the output folder is a folder, or a path that can be made into one. */
export function checkOutDir(out: string, cwd: string): void {
  for (let dir = out; ; dir = path.dirname(dir)) {
    let info
    try {
      info = statSync(dir)
    } catch {
      if (path.dirname(dir) === dir) return
      continue
    }
    if (info.isDirectory()) return
    throw new UsageError(
      dir === out
        ? `Unexpected file \`${display(cwd, out)}\` for the output folder, expected a folder: give another --out`
        : `Cannot make the output folder \`${display(cwd, out)}\`, \`${display(cwd, dir)}\` is a file: give another --out`
    )
  }
}

const now = () => performance.now()

/** Load, parse and model one course folder; every problem is a message on its files. */
export async function checkCourse(
  dir: string,
  cwd = process.cwd(),
  targets: readonly TargetName[] = ['scorm12'],
  language?: string,
  /** Parse stage to use (default: parse every file; the preview passes a caching one). */
  parser?: (file: VFile) => ParsedFile
): Promise<CheckResult> {
  const timings: CheckResult['timings'] = {}
  let start = now()
  const source = await loadCourse(dir, cwd, language)
  for (const file of source.files) {
    if (file.data.untranslated) {
      warn(file, `Cannot find the \`${file.data.untranslated}\` translation \`${path.basename(translationPath(file.path, file.data.untranslated))}\`, expected every file of the course translated; the ${file.data.untranslated} package uses this text`, {
        ruleId: 'untranslated'
      })
    }
  }
  timings.load = now() - start
  let parseTime = 0
  // Every file up front, on every core for a large course; the model asks for them in order.
  const t0 = now()
  const ready = parser ? new Map<VFile, ParsedFile>() : await parseAll(source.files)
  const upFront = now() - t0
  const parse = (file: VFile) => {
    const hit = ready.get(file)
    if (hit) return hit
    const t = now()
    const parsed = (parser ?? parseFile)(file)
    parseTime += now() - t
    return parsed
  }
  start = now()
  const course = buildCourse(source, parse)
  timings.parse = upFront + parseTime
  const fileOf = filesByRelativePath(source.root, source.files)
  runRules(course, fileOf)
  if (!source.files.some((file) => file.messages.some((m) => m.fatal))) checkLimits(course, targets, fileOf)
  timings.model = now() - start - parseTime
  return { dir, files: source.files, course, timings, languages: source.languages }
}

/** Check every course, then, if all are clean, package and write every target of each. */
export async function build(dirs: string[], options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd()
  const out = path.resolve(cwd, options.out ?? 'dist')
  const targets = options.targets ?? ['scorm12']
  checkCourseDirs(dirs, cwd)
  checkOutDir(out, cwd)
  assertRuleSettings(options.rules)
  const courses: CheckResult[] = []
  for (const dir of dirs) {
    const first = await checkCourse(dir, cwd, targets)
    const wanted = options.languages === 'all' ? ['source', ...first.languages] : (options.languages ?? ['source'])
    for (const language of wanted) {
      if (language === 'source' || language === first.course.language) {
        if (!courses.includes(first)) courses.push(first)
        continue
      }
      const translated = await checkCourse(dir, cwd, targets, language)
      if (!first.languages.includes(language)) {
        error(translated.files[0] ?? first.files[0]!, `Cannot find any \`${language}\` translation in this course, expected files named like \`course.${language}.md\``, { ruleId: 'missing-translation' })
      }
      courses.push(translated)
    }
  }
  const allFiles = courses.flatMap((c) => c.files)
  applyRules(allFiles, options.rules)
  const counts = countMessages(allFiles)
  const exitCode = exitCodeOf(counts, options)
  const reported = { diagnostics: collectDiagnostics(allFiles, cwd), ...counts }
  if (exitCode !== 0) return { courses, packages: [], ...reported, exitCode }

  // Every package is laid out, then all are compressed at once: zlib runs on libuv's
  // thread pool, so the zips of several targets and courses use every core.
  const layouts: Array<{ owner: CheckResult; target: TargetName; pkg: ReturnType<typeof packageCourse>; targetPath: string }> = []
  const writers = new Map<string, CheckResult>()
  for (const result of courses) {
    for (const target of targets) {
      const start = now()
      const pkg = packageCourse(result.course, target)
      result.timings.package = (result.timings.package ?? 0) + now() - start
      const targetPath = path.join(out, pkg.fileName)
      const other = writers.get(targetPath)
      if (other) {
        throw new UsageError(`Cannot write \`${display(cwd, targetPath)}\` for both \`${other.dir}\` and \`${result.dir}\`, expected distinct course ids or versions`)
      }
      writers.set(targetPath, result)
      layouts.push({ owner: result, target, pkg, targetPath })
    }
  }
  const total = layouts.length
  let done = 0
  const zips = await Promise.all(
    layouts.map(({ owner, target, pkg, targetPath }) => {
      const zipStart = now()
      return zip(pkg.files).then((data) => {
        owner.timings.package = (owner.timings.package ?? 0) + now() - zipStart
        options.onProgress?.({ course: owner.course.id, target, done: ++done, total })
        return { course: owner.course.id, owner, target, target_path: targetPath, data }
      })
    })
  )
  const packages: BuiltPackage[] = []
  for (const z of zips) {
    const start = now()
    await write(z.target_path, z.data, cwd)
    z.owner.timings.write = (z.owner.timings.write ?? 0) + now() - start
    const relative = path.relative(cwd, z.target_path)
    packages.push({
      course: z.course,
      target: z.target,
      path: relative.startsWith('..') ? z.target_path : relative,
      bytes: z.data.length,
      sha256: createHash('sha256').update(z.data).digest('hex')
    })
  }
  return { courses, packages, ...reported, exitCode: 0 }
}

/** Write a zip; a folder that cannot be written to is the caller's mistake, not a bug. */
async function write(file: string, data: Buffer, cwd: string): Promise<void> {
  try {
    await writeAtomic(file, data)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new UsageError(`Cannot write \`${display(cwd, file)}\` (${code}), expected a writable output folder: give another --out`)
    }
    throw cause
  }
}

export interface ValidateOptions {
  /** Folder paths are resolved and reported against (default: `process.cwd()`). */
  cwd?: string
  /** Targets whose limits apply (default: every target). */
  targets?: TargetName[]
  /** Fail on warnings too (default: false). */
  strict?: boolean
  /** Fail when there are more warnings than this (default: no limit). */
  maxWarnings?: number
  /** Severity per rule id (`off` drops its messages). */
  rules?: RuleSettings
}

export interface ValidateResult {
  /** The course folders, as given. */
  courses: string[]
  /** The source language and every translation of each course. */
  results: CheckResult[]
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  exitCode: 0 | 1
}

/** Every check of `build`, for the source language and every translation; nothing is written. */
export async function validate(dirs: string[], options: ValidateOptions = {}): Promise<ValidateResult> {
  const cwd = options.cwd ?? process.cwd()
  const targets = options.targets ?? [...targetNames]
  checkCourseDirs(dirs, cwd)
  assertRuleSettings(options.rules)
  const results: CheckResult[] = []
  for (const dir of dirs) {
    const source = await checkCourse(dir, cwd, targets)
    results.push(source)
    // Every translation too: untranslated files, and questions that differ between languages.
    for (const language of source.languages) results.push(await checkCourse(dir, cwd, targets, language))
    // Recorded translations whose source changed since: a warning at the source unit.
    if (source.languages.length > 0 && !source.files.some((f) => f.messages.some((m) => m.fatal))) {
      const units = translatableCourse(dir, source)
      for (const language of source.languages) await warnStale(units, language, cwd)
    }
  }
  const files = results.flatMap((r) => r.files)
  applyRules(files, options.rules)
  const counts = countMessages(files)
  return { courses: [...dirs], results, diagnostics: collectDiagnostics(files, cwd), ...counts, exitCode: exitCodeOf(counts, options) }
}

