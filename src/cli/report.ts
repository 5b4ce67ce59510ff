/**
 * Diagnostics for people and for machines, from the same data: one line per message
 * with `file:line:column` (clickable in editors and CI logs), and one JSON shape.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

export interface JsonDiagnostic {
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  endLine: number | undefined
  endColumn: number | undefined
  severity: 'error' | 'warning' | 'info'
  ruleId: string | undefined
  source: string | undefined
  message: string
  note: string | undefined
}

function severityOf(message: VFileMessage): JsonDiagnostic['severity'] {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

function displayPath(filePath: string | undefined, cwd: string): string {
  if (!filePath) return '<unknown>'
  const relative = path.relative(cwd, filePath)
  return (relative.startsWith('..') ? filePath : relative).split(path.sep).join('/')
}

/** Convert a message to the JSON diagnostic shape (the one conversion point). */
export function toJsonDiagnostic(message: VFileMessage, cwd: string): JsonDiagnostic {
  return {
    file: displayPath(message.file, cwd),
    line: message.line ?? 1,
    column: message.column ?? 1,
    endLine: message.place && 'start' in message.place ? message.place.end.line : undefined,
    endColumn: message.place && 'start' in message.place ? message.place.end.column : undefined,
    severity: severityOf(message),
    ruleId: message.ruleId,
    source: message.source,
    message: message.reason,
    note: message.note
  }
}

/** Every message of these files, sorted by file, then position. */
export function collectDiagnostics(files: readonly VFile[], cwd: string): JsonDiagnostic[] {
  // A file checked in several languages reports the same problem once.
  const seen = new Set<string>()
  return files
    .flatMap((file) => file.messages.map((m) => toJsonDiagnostic(m, cwd)))
    .filter((d) => {
      const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
}

/** Human-readable report: `file:line:column  severity  message  [rule]`, then a summary line. */
export function formatReport(files: readonly VFile[], cwd: string, color = false): string {
  const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text)
  const lines: string[] = []
  const diagnostics = collectDiagnostics(files, cwd)
  for (const d of diagnostics) {
    const label = d.severity === 'error' ? paint(31, 'error') : d.severity === 'warning' ? paint(33, 'warning') : 'info'
    lines.push(`${d.file}:${d.line}:${d.column}  ${label}  ${d.message}${d.ruleId ? `  [${d.ruleId}]` : ''}`)
    if (d.note) lines.push(`    ${d.note}`)
    const cause = files.flatMap((f) => f.messages).find((m) => m.reason === d.message && m.line === d.line)?.cause
    if (cause && typeof cause === 'object' && 'reason' in cause) {
      const c = cause as VFileMessage
      lines.push(`    ${displayPath(c.file, cwd)}:${c.line ?? 1}:${c.column ?? 1}: ${c.reason}`)
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length
  if (errors + warnings > 0) {
    const parts = []
    if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`)
    if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`)
    lines.push(`${errors ? paint(31, '✖') : paint(33, '⚠')} ${parts.join(', ')}`)
  }
  return lines.length ? lines.join('\n') + '\n' : ''
}
