/**
 * Positioned diagnostics, the one layer every command reports through. Every problem in
 * course content becomes a VFileMessage on the file it is about, stamped with a rule id;
 * package-check findings and configuration problems become the same `Diagnostic` shape,
 * so that the reporter, the JSON output and the exit code all derive from the same data
 * (the unified-engine pattern).
 */
import path from 'node:path'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import type { PackageReport } from './check/findings.js'
import type { RuleSetting, Severity } from './rules.js'

export type { Severity } from './rules.js'

/** Where a message points: a node position, a point, or nothing (the file's start). */
export type Place = Position | Point | undefined

export interface MessageOptions {
  /** Stable rule id, listed in the README. */
  ruleId: string
  /** Node position or point the message is about (optional). */
  place?: Place
  /** An earlier related place, such as the first of two duplicates (optional). */
  cause?: VFileMessage
  /** Extra help shown under the message (optional). */
  note?: string
}

const source = 'coursepack'

function attach(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = file.message(reason, {
    ruleId: options.ruleId,
    source,
    ...(options.place ? { place: options.place } : { place: { line: 1, column: 1 } }),
    ...(options.cause ? { cause: options.cause } : {})
  })
  if (options.note) message.note = options.note
  return message
}

/** Report an error: the build fails, later stages do not run for this course. */
export function error(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = attach(file, reason, options)
  message.fatal = true
  return message
}

/** Report a warning: the build goes on, unless `--strict`. */
export function warn(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = attach(file, reason, options)
  message.fatal = false
  return message
}

/** Count errors and warnings over a set of files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return { errors, warnings }
}

/** When warnings fail a run: `strict` (any warning), `maxWarnings` (more than that many). */
export interface Verdict {
  strict?: boolean | undefined
  maxWarnings?: number | undefined
}

/** 1 on errors, on warnings when strict, or on more warnings than `maxWarnings`; else 0. */
export function exitCodeOf(counts: { errors: number; warnings: number }, verdict: Verdict = {}): 0 | 1 {
  const { errors, warnings } = counts
  if (errors > 0 || (verdict.strict === true && warnings > 0)) return 1
  return verdict.maxWarnings !== undefined && warnings > verdict.maxWarnings ? 1 : 0
}

/** The exit code of a run over these files: 1 on errors (or on warnings when strict), else 0. */
export function exitCodeFor(files: readonly VFile[], strict: boolean, maxWarnings?: number): 0 | 1 {
  return exitCodeOf(countMessages(files), { strict, maxWarnings })
}

/** A related place, such as the first of two duplicates, to pass as `cause`; not reported on its own. */
export function related(file: VFile, reason: string, place?: Place): VFileMessage {
  const message = new VFileMessage(reason, { place: place ?? { line: 1, column: 1 }, source })
  message.file = file.path
  return message
}

/** A problem as every command reports it (text, JSON, GitHub annotations). */
export interface Diagnostic {
  /** Relative to the working folder; `<zip>/<entry>` for a package finding. */
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  endLine: number | undefined
  endColumn: number | undefined
  severity: Severity
  ruleId: string | undefined
  source: string | undefined
  message: string
  note: string | undefined
  /** An earlier related place, such as the first of two duplicates. */
  cause: { file: string; line: number; column: number; message: string } | undefined
}

/** The former name of `Diagnostic`. */
export type JsonDiagnostic = Diagnostic

function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

/** A path as reported: relative to `cwd` with `/` when inside it, else as it is. */
export function displayPath(filePath: string | undefined, cwd: string): string {
  if (!filePath) return '<unknown>'
  const relative = path.relative(cwd, path.resolve(cwd, filePath))
  return (relative.startsWith('..') || path.isAbsolute(relative) ? filePath : relative).split(path.sep).join('/')
}

/** Convert a message to the diagnostic shape (the one conversion point for course files). */
export function toDiagnostic(message: VFileMessage, cwd: string): Diagnostic {
  const span = message.place && 'start' in message.place ? message.place : undefined
  const cause = message.cause instanceof VFileMessage ? message.cause : undefined
  return {
    file: displayPath(message.file, cwd),
    line: message.line ?? 1,
    column: message.column ?? 1,
    endLine: span?.end.line,
    endColumn: span?.end.column,
    severity: severityOf(message),
    ruleId: message.ruleId,
    source: message.source,
    message: message.reason,
    note: message.note,
    cause: cause ? { file: displayPath(cause.file, cwd), line: cause.line ?? 1, column: cause.column ?? 1, message: cause.reason } : undefined
  }
}

const byPlace = (a: Diagnostic, b: Diagnostic) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column)

/** Every message of these files, sorted by file, then position. */
export function collectDiagnostics(files: readonly VFile[], cwd: string): Diagnostic[] {
  // A file checked in several languages reports the same problem once.
  const seen = new Set<string>()
  return files
    .flatMap((file) => file.messages.map((m) => toDiagnostic(m, cwd)))
    .filter((d) => {
      const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort(byPlace)
}

/** A package's findings as diagnostics: `file` is `<zip>/<entry>` (or the zip), column 1. */
export function packageDiagnostics(report: Pick<PackageReport, 'path' | 'findings'>): Diagnostic[] {
  const zip = report.path.split(path.sep).join('/')
  return report.findings.map((f) => ({
    file: f.file === undefined ? zip : `${zip}/${f.file}`,
    line: f.line ?? 1,
    column: 1,
    endLine: undefined,
    endColumn: undefined,
    severity: f.severity,
    ruleId: f.ruleId,
    source: 'coursepack',
    message: f.message,
    note: undefined,
    cause: undefined
  }))
}

/** Severities per rule id, as the configuration file's `rules` gives them. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>

/** Drop the messages of rules set to `off` and re-severity the others, in place. */
export function applyRules(files: readonly VFile[], settings: RuleSettings | undefined): void {
  if (!settings || Object.keys(settings).length === 0) return
  for (const file of files) {
    file.messages = file.messages.filter((m) => m.ruleId === undefined || settings[m.ruleId] !== 'off')
    for (const m of file.messages) {
      const setting = m.ruleId === undefined ? undefined : settings[m.ruleId]
      if (setting && setting !== 'off') m.fatal = setting === 'error' ? true : setting === 'warning' ? false : undefined
    }
  }
}

/** The same, for diagnostics that are not messages on a file (package findings). */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], settings: RuleSettings | undefined): Diagnostic[] {
  if (!settings) return [...diagnostics]
  const out: Diagnostic[] = []
  for (const d of diagnostics) {
    const setting = d.ruleId === undefined ? undefined : settings[d.ruleId]
    if (setting === 'off') continue
    out.push(setting ? { ...d, severity: setting } : d)
  }
  return out
}

/** Count errors and warnings of diagnostics. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++
    else if (d.severity === 'warning') warnings++
  }
  return { errors, warnings }
}

