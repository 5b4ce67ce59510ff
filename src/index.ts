/**
 * coursepack's programmatic API: the functions the CLI commands call, with result types
 * of plain data (no parser trees or virtual files), so that the published declarations
 * stand alone. The compiler's stages are internal.
 */
import { type BuildOptions, type BuiltPackage, type Stage, type ValidateOptions, build as buildCourses, validate as validateCourses } from './pipeline.js'
import type { Diagnostic } from './diagnostics.js'

export type { BuildOptions, BuiltPackage, Stage, ValidateOptions } from './pipeline.js'
export { check } from './api/check.js'
export type { CheckOptions, CheckedPackage, PackageCheckResult } from './api/check.js'
export { diff } from './api/diff.js'
export type { DiffComparison, DiffCourseErrors, DiffOptions, DiffResult } from './api/diff.js'
export type { Change, ChangeGroup, ChangeKind, DiffSide, LearnerMapping, PackageDiff, Reason, ReasonKind, Verdict } from './diff/index.js'
export { translateExport, translateImport, translateStatus } from './api/translate.js'
export type { FileStatus, LanguageStatus, TranslateExportOptions, TranslateExportResult, TranslateImportOptions, TranslateImportResult, TranslateStatusResult } from './api/translate.js'
export { preview } from './api/preview.js'
export type { PreviewOptions, PreviewServer } from './api/preview.js'
export { testPackages } from './lms-test/index.js'
export type { ApiCall, Expected, PackageResult, Recorded, Standard, TestOptions, TestRun, WalkResult } from './lms-test/types.js'
export type { Config } from './config/index.js'
export type { Diagnostic, RuleSettings, Severity } from './diagnostics.js'
export { UsageError } from './errors.js'
export { rules } from './rules.js'
export type { Rule, RuleSetting } from './rules.js'
export { targetNames } from './package/index.js'
export type { TargetName } from './package/index.js'

/** One course checked, in one language. */
export interface CourseReport {
  /** The course folder, as given. */
  dir: string
  course: { id: string; version: string; title: string; language: string }
  /** Languages the course folder holds translations for. */
  languages: string[]
  /** Milliseconds spent per stage. */
  timings: Partial<Record<Stage, number>>
}

export interface BuildResult {
  courses: CourseReport[]
  packages: BuiltPackage[]
  /** Every message of every course, sorted by file and position. */
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  /** 0 when the packages were written; 1 when a course has errors (or warnings under `strict`), and nothing was written. */
  exitCode: 0 | 1
}

export interface ValidateResult {
  /** The course folders, as given. */
  courses: string[]
  /** The source language and every translation of each course. */
  results: CourseReport[]
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  exitCode: 0 | 1
}

/** Check course folders and, when they are clean, write their packages (`coursepack build`). */
export const build: (dirs: string[], options?: BuildOptions) => Promise<BuildResult> = buildCourses

/** Every check of `build`, for the source language and every translation; nothing is written (`coursepack validate`). */
export const validate: (dirs: string[], options?: ValidateOptions) => Promise<ValidateResult> = validateCourses
