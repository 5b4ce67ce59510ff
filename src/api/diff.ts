/**
 * `diff`: two packages of one course, as zips or course folders built in memory, compared for
 * replacing one with the other on an LMS (src/diff/). Nothing is written.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { collectDiagnostics, countMessages, type Diagnostic } from '../diagnostics.js'
import { diffPackages, sameCourse, verdictCodes, type PackageDiff, type PackageSide } from '../diff/index.js'
import { memoryFiles, zipFiles } from '../diff/files.js'
import { readSide } from '../diff/side.js'
import { UsageError } from '../errors.js'
import { packageCourse } from '../package/index.js'
import { checkCourse, type CheckResult } from '../pipeline.js'
import type { TargetName } from '../shared/course-data.js'

export interface DiffOptions {
  /** Folder the paths are resolved and reported against (default: `process.cwd()`). */
  cwd?: string
  /**
   * The target a course folder is built for (default: the target of the other side when it is
   * a zip, else `scorm12`). Only with a course folder: a zip's target is its own.
   */
  target?: TargetName
}

/** Two packages compared: the verdict's exit code beside the comparison. */
export type DiffComparison = PackageDiff & { exitCode: 0 | 1 | 2 }

/** A course folder has errors: nothing is compared. */
export interface DiffCourseErrors {
  verdict: undefined
  /** The course folders given. */
  courses: string[]
  /** Every message of those folders, sorted by file and position. */
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  exitCode: 3
}

export type DiffResult = DiffComparison | DiffCourseErrors

type Input = { path: string; absolute: string; kind: 'zip' | 'folder' }

function inputOf(given: string, cwd: string): Input {
  const absolute = path.resolve(cwd, given)
  let info
  try {
    info = statSync(absolute)
  } catch {
    throw new UsageError(`Cannot find \`${given}\`, expected a package zip or a course folder`)
  }
  if (info.isDirectory()) return { path: given, absolute, kind: 'folder' }
  if (path.basename(absolute) === 'course.md') throw new UsageError(`Unexpected file \`${given}\`, expected a package zip or a course folder: give its folder`)
  if (!info.isFile()) throw new UsageError(`Unexpected special file \`${given}\`, expected a package zip or a course folder`)
  return { path: given, absolute, kind: 'zip' }
}

async function zipSide(input: Input): Promise<PackageSide> {
  const files = await zipFiles(input.absolute, input.path)
  try {
    return await readSide(files, input.path, 'zip')
  } finally {
    files.close()
  }
}

/**
 * Compare an old and a new package of one course. A missing or unreadable path, a package
 * coursepack did not build, packages of two courses, or `target` with two zips is a
 * `UsageError`; a course folder with errors gives its diagnostics and exit code 3.
 */
export async function diff(oldPath: string, newPath: string, options: DiffOptions = {}): Promise<DiffResult> {
  const cwd = options.cwd ?? process.cwd()
  const inputs = [inputOf(oldPath, cwd), inputOf(newPath, cwd)] as const
  if (options.target !== undefined && inputs.every((input) => input.kind === 'zip')) {
    throw new UsageError(`Unexpected target \`${options.target}\` with two package zips, expected a course folder on one side: a zip's target is its own`)
  }
  const zips = new Map<Input, PackageSide>()
  for (const input of inputs) if (input.kind === 'zip') zips.set(input, await zipSide(input))
  const target = options.target ?? [...zips.values()][0]?.descriptor.kind ?? 'scorm12'
  const built = new Map<Input, CheckResult>()
  for (const input of inputs) if (input.kind === 'folder') built.set(input, await checkCourse(input.path, cwd, [target]))
  const files = [...built.values()].flatMap((result) => result.files)
  const counts = countMessages(files)
  if (counts.errors > 0) {
    return { verdict: undefined, courses: [...built.keys()].map((input) => input.path), diagnostics: collectDiagnostics(files, cwd), ...counts, exitCode: 3 }
  }
  const side = async (input: Input): Promise<PackageSide> => {
    const zip = zips.get(input)
    if (zip) return zip
    const result = built.get(input)
    if (!result) throw new Error(`no side for \`${input.path}\``)
    return readSide(memoryFiles(packageCourse(result.course, target).files), input.path, 'folder')
  }
  const before = await side(inputs[0])
  const after = await side(inputs[1])
  if (!sameCourse(before.data, after.data)) {
    throw new UsageError(`Unexpected packages of two courses, \`${before.data.id}\` (\`${oldPath}\`) and \`${after.data.id}\` (\`${newPath}\`), expected two versions of one course`)
  }
  const result = diffPackages(before, after)
  return { ...result, exitCode: verdictCodes[result.verdict] }
}
