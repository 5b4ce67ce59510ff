/** `coursepack check`: check SCORM 1.2, SCORM 2004, xAPI and cmi5 package zips, ours or not. */
import { Command, Option } from 'commander'
import { checkPackage, type PackageReport } from '../../check/package.js'
import { ExitError } from '../errors.js'
import type { Io } from '../index.js'

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** `path (kind)`, one line per finding, then a summary line. */
export function formatPackageReport(report: PackageReport, color = false): string {
  const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text)
  const lines = [`${report.path} (${report.kind})`]
  for (const f of report.findings) {
    const label = f.severity === 'error' ? paint(31, 'error') : f.severity === 'warning' ? paint(33, 'warning') : 'info'
    const where = f.file === undefined ? '' : `${f.file}${f.line === undefined ? '' : `:${f.line}`}  `
    lines.push(`  ${label}  ${where}${f.message}  [${f.ruleId}]`)
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length
  const warnings = report.findings.filter((f) => f.severity === 'warning').length
  if (errors + warnings === 0) lines.push(`${paint(32, '✔')} no problems`)
  else {
    const parts = [...(errors ? [plural(errors, 'error')] : []), ...(warnings ? [plural(warnings, 'warning')] : [])]
    lines.push(`${errors ? paint(31, '✖') : paint(33, '⚠')} ${parts.join(', ')}`)
  }
  return lines.join('\n') + '\n'
}

export function checkCommand(io: Io): Command {
  return new Command('check')
    .description('check SCORM 1.2, SCORM 2004, xAPI (TinCan) and cmi5 package zips')
    .argument('<package.zip...>', 'package zips to check')
    .addOption(new Option('-f, --format <format>', '[string] output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'fail on warnings too', false)
    .action(async (zips: string[], options: { format: 'text' | 'json'; strict: boolean }) => {
      const packages: PackageReport[] = []
      for (const zip of zips) packages.push(await checkPackage(zip, { cwd: io.cwd }))
      if (options.format === 'json') io.stdout(JSON.stringify({ packages }, null, 2) + '\n')
      else io.stdout(packages.map((p) => formatPackageReport(p, io.color)).join('\n'))
      const failing = packages.some((p) => p.findings.some((f) => f.severity === 'error' || (options.strict && f.severity === 'warning')))
      if (failing) throw new ExitError(1)
    })
}
