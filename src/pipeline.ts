/**
 * The pipeline, in one place: load → parse → model → render → package → write.
 * Nothing is written unless every course of the run is free of errors (and of
 * warnings under `strict`); zips are written atomically.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { VFile } from 'vfile'
import { exitCodeFor } from './diagnostics.js'
import { loadCourse, translationPath } from './load/index.js'
import { error, warn } from './diagnostics.js'
import { buildCourse } from './model/index.js'
import { runRules } from './model/rules/index.js'
import type { Course } from './model/types.js'
import { packageCourse, type TargetName } from './package/index.js'
import { checkLimits, filesByRelativePath } from './package/limits.js'
import { writeAtomic, zip } from './package/zip.js'
import { type ParsedFile, parseFile } from './parse/index.js'
import { parseAll } from './parse/parallel.js'

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
  /** Called after each package is laid out and zipped (optional). */
  onProgress?: (event: { course: string; target: TargetName; done: number; total: number }) => void
}

export interface BuildResult {
  courses: CheckResult[]
  packages: BuiltPackage[]
  exitCode: 0 | 1
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
  const exitCode = exitCodeFor(allFiles, options.strict ?? false)
  if (exitCode !== 0) return { courses, packages: [], exitCode }

  // Every package is laid out, then all are compressed at once: zlib runs on libuv's
  // thread pool, so the zips of several targets and courses use every core.
  const total = courses.length * targets.length
  let done = 0
  const jobs: Array<Promise<{ course: string; owner: CheckResult; target: TargetName; target_path: string; data: Buffer }>> = []
  for (const result of courses) {
    for (const target of targets) {
      const start = now()
      const pkg = packageCourse(result.course, target)
      const zipStart = now()
      result.timings.package = (result.timings.package ?? 0) + zipStart - start
      jobs.push(
        zip(pkg.files).then((data) => {
          result.timings.package = (result.timings.package ?? 0) + now() - zipStart
          options.onProgress?.({ course: result.course.id, target, done: ++done, total })
          return { course: result.course.id, owner: result, target, target_path: path.join(out, pkg.fileName), data }
        })
      )
    }
  }
  const zips = await Promise.all(jobs)
  const seen = new Set<string>()
  for (const z of zips) {
    if (seen.has(z.target_path)) throw new Error(`Two courses would write \`${z.target_path}\`: give them distinct ids or versions`)
    seen.add(z.target_path)
  }
  const packages: BuiltPackage[] = []
  for (const z of zips) {
    const start = now()
    await writeAtomic(z.target_path, z.data)
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
  return { courses, packages, exitCode: 0 }
}

