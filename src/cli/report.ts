/**
 * The one reporter of every command (build, validate, check, and diff's course folders): the same diagnostics as
 * text grouped by file (vfile-reporter), as one JSON object (schemas/report.schema.json)
 * or as GitHub Actions annotations.
 */
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import type { Diagnostic } from '../diagnostics.js'
import { version } from '../version.js'
import type { Io } from './io.js'

// The preview's build reports through these too.
export { collectDiagnostics, type JsonDiagnostic } from '../diagnostics.js'

export const formats = ['text', 'json', 'github'] as const
export type Format = (typeof formats)[number]

/** What every command's run ends with. */
export interface Outcome {
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  /** 3 only for `diff`, whose 0, 1 and 2 are verdicts. */
  exitCode: 0 | 1 | 2 | 3
}

export interface ReportOptions {
  format: Format
  /** Errors only (and warnings when they count as errors, with `strict`). */
  quiet?: boolean | undefined
  strict?: boolean | undefined
  maxWarnings?: number | undefined
  /** Where the text report goes (JSON and annotations always go to stdout). */
  stream: 'stdout' | 'stderr'
  /** Files listed as `no issues found` when they have no diagnostic (check lists its zips). */
  listed?: string[]
  /** Printed when there is nothing to report (text only). */
  clean?: string
  /** The command's own fields of the JSON report, after `command`. */
  fields: Record<string, unknown>
  command: 'build' | 'validate' | 'check' | 'diff' | 'translate'
}

const paint = (color: boolean, code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text)

/** The diagnostics shown: all, or with `quiet` the errors only. */
export function shown(diagnostics: readonly Diagnostic[], options: Pick<ReportOptions, 'quiet' | 'strict'>): Diagnostic[] {
  if (!options.quiet) return [...diagnostics]
  return diagnostics.filter((d) => d.severity === 'error' || (options.strict === true && d.severity === 'warning'))
}

/** Text grouped by file, in the style of vfile-reporter. */
export function textReport(diagnostics: readonly Diagnostic[], color: boolean, listed: readonly string[] = []): string {
  const files = new Map<string, VFile>()
  for (const name of listed) files.set(name, new VFile({ path: name }))
  for (const d of diagnostics) {
    const file = files.get(d.file) ?? new VFile({ path: d.file })
    files.set(d.file, file)
    const start = { line: d.line, column: d.column }
    const place = d.endLine !== undefined && d.endColumn !== undefined ? { start, end: { line: d.endLine, column: d.endColumn } } : start
    const message = file.message(d.message, { place, ...(d.ruleId ? { ruleId: d.ruleId } : {}), ...(d.source ? { source: d.source } : {}) })
    message.fatal = d.severity === 'error' ? true : d.severity === 'warning' ? false : undefined
    const notes = [d.note, d.cause ? `see ${d.cause.file}:${d.cause.line}:${d.cause.column}: ${d.cause.message}` : undefined].filter(Boolean)
    if (notes.length > 0) message.note = notes.join('\n')
  }
  const text = reporter([...files.values()], { color, verbose: true })
  return text ? `${text}\n` : ''
}

/** Escape a GitHub workflow command's data (`%`, CR, LF) or property value (also `:` and `,`). */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** `::error file=…,line=…,col=…,title=<rule>::message`, one line per diagnostic. */
export function githubReport(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const level = d.severity === 'info' ? 'notice' : d.severity
      const properties = [`file=${d.file}`, `line=${d.line}`, `col=${d.column}`]
      if (d.endLine !== undefined) properties.push(`endLine=${d.endLine}`)
      if (d.endColumn !== undefined && d.endLine === d.line) properties.push(`endColumn=${d.endColumn}`)
      if (d.ruleId) properties.push(`title=${d.ruleId}`)
      const note = d.note ? `\n${d.note}` : ''
      return `::${level} ${properties.map((p) => p.replace(/=(.*)$/s, (_, value: string) => `=${escapeProperty(value)}`)).join(',')}::${escapeData(d.message + note)}\n`
    })
    .join('')
}

/** A diagnostic as JSON: every key present, `null` where there is no value. */
function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine ?? null,
    endColumn: d.endColumn ?? null,
    severity: d.severity,
    ruleId: d.ruleId ?? null,
    source: d.source ?? null,
    message: d.message,
    note: d.note ?? null,
    cause: d.cause ?? null
  }
}

/** `{ version: 1, tool, command, …fields, diagnostics, errors, warnings, exitCode }`. */
export function jsonReport(command: ReportOptions['command'], fields: Record<string, unknown>, outcome: Outcome, diagnostics: readonly Diagnostic[]): string {
  const report = {
    version: 1,
    tool: { name: 'coursepack', version },
    command,
    ...fields,
    diagnostics: diagnostics.map(jsonDiagnostic),
    errors: outcome.errors,
    warnings: outcome.warnings,
    exitCode: outcome.exitCode
  }
  return `${JSON.stringify(report, null, 2)}\n`
}

/** Why warnings failed the run, when they did through `--max-warnings`. */
export function warningLimit(outcome: Outcome, options: Pick<ReportOptions, 'maxWarnings' | 'strict'>): string | undefined {
  if (outcome.errors > 0 || options.strict || options.maxWarnings === undefined || outcome.warnings <= options.maxWarnings) return undefined
  return `${outcome.warnings} ${outcome.warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${options.maxWarnings} allows`
}

/** Print a command's report in the chosen format. */
export function writeReport(io: Io, outcome: Outcome, options: ReportOptions): void {
  const diagnostics = shown(outcome.diagnostics, options)
  if (options.format === 'json') return io.stdout(jsonReport(options.command, options.fields, outcome, diagnostics))
  if (options.format === 'github') return io.stdout(githubReport(diagnostics))
  const color = io.color[options.stream]
  const write = options.stream === 'stdout' ? io.stdout : io.stderr
  const text = textReport(diagnostics, color, options.listed)
  if (text) write(text)
  const limit = warningLimit(outcome, options)
  if (limit) write(`${paint(color, 31, '✖')} ${limit}\n`)
  if (options.clean && !diagnostics.some((d) => d.severity !== 'info')) write(`${paint(color, 32, '✔')} ${options.clean}\n`)
}
