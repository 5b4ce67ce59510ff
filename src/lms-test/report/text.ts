/** The text report: per package, a table of profile, walk, expected, recorded and verdict, then the reasons of failed walks. */
import type { PackageResult } from '../types.js'
import { expectedText, recordedText, totals, verdictText } from './summary.js'

const pad = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
}

export function textReport(packages: readonly PackageResult[], color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text)
  const out: string[] = []
  for (const p of packages) {
    const course = p.course ? `: ${p.course.title} ${p.course.version}, passing score ${p.course.passingScore}% (${p.course.passRule})` : ''
    out.push(`${p.path} (${p.standard}${course})`)
    if (!p.ours) out.push('  not made by coursepack: only the checks that need no knowledge of the course were run, no walks')
    if (p.results.length > 0) {
      const rows = [['profile', 'walk', 'expected', 'recorded', 'verdict'], ...p.results.map((r) => [r.profile, r.walk, expectedText(r.expected), recordedText(r.recorded), verdictText(r)])]
      for (const [i, line] of pad(rows).entries()) {
        const verdict = p.results[i - 1]
        out.push(`  ${i === 0 || !verdict ? line : verdict.notRun !== undefined ? paint(33, line) : verdict.pass ? line : paint(31, line)}`)
      }
      for (const r of p.results) {
        if (r.notRun !== undefined) out.push(`  ${r.profile} · ${r.walk}: not run: ${r.notRun}`)
        for (const reason of r.reasons.slice(0, 10)) out.push(`  ${r.profile} · ${r.walk}: ${reason}`)
        for (const note of r.recorded.notes ?? []) out.push(`  ${r.profile} · ${r.walk}: note: ${note}`)
        if (r.reasons.length > 10) out.push(`  ${r.profile} · ${r.walk}: … and ${r.reasons.length - 10} more`)
      }
    }
    out.push('')
  }
  const all = totals(packages.flatMap((p) => p.results))
  const summary = `${all.passed} passed, ${all.failed} failed${all.notRun > 0 ? `, ${all.notRun} not run` : ''}`
  out.push(all.failed > 0 ? paint(31, `✖ ${summary}`) : paint(32, `✔ ${summary}`))
  return `${out.join('\n')}\n`
}
