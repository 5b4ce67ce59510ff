/**
 * The HTML compatibility sheet (`--report <file.html>`): one section per package, one row per
 * profile and walk with what the LMS recorded, and the package's findings. A self-contained page
 * (no script, inline styles) that an LMS admin can attach to an upload request or print.
 * Every value is escaped: course titles and recorded values come from the package.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { version } from '../../version.js'
import { recordedPercent } from '../compare.js'
import { notInitialized } from '../scorm/cmi.js'
import type { PackageResult, WalkResult } from '../types.js'
import { expectedText, totals, verdictText } from './summary.js'
import { escapeXml as h } from './xml.js'

const standards: Record<string, string> = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004 4th edition', xapi: 'xAPI (TinCan)', cmi5: 'cmi5', unknown: 'unknown' }

const style = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; }
.meta { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 13px; }
th, td { border: 1px solid #c8c8c8; padding: .3rem .45rem; text-align: start; vertical-align: top; }
th { background: #f1f1f1; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
.pass { color: #0b6b2b; font-weight: 600; } .fail { color: #b00020; font-weight: 600; } .notrun { color: #8a5a00; font-weight: 600; }
ul.reasons, ul.notes { margin: .2rem 0 0; padding-inline-start: 1.1rem; color: #b00020; }
ul.notes { color: #555; }
.summary { font-weight: 600; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`

function statusOf(r: WalkResult): string {
  const rec = r.recorded
  if (rec.lessonStatus !== undefined) return rec.lessonStatus
  return [rec.completion, rec.success].filter((s) => s !== undefined).join(' / ') || '—'
}

function row(r: WalkResult): string {
  const rec = r.recorded
  const percent = recordedPercent(rec)
  const objectives = rec.objectives.length > 0 ? `${rec.objectives.filter((o) => o.status === 'passed').length} of ${rec.objectives.length} passed` : '—'
  const suspend = rec.suspendData ? `${rec.suspendData.length} / ${rec.suspendData.limit}` : '—'
  const errors = rec.calls.filter((c) => c.error !== '0' && c.error !== '' && !notInitialized(c)).length
  const verdict = verdictText(r)
  const reasons = [...(r.notRun !== undefined ? [r.notRun] : []), ...r.reasons]
  return `<tr>
<td>${h(r.profile)}</td><td>${h(r.walk)}</td><td>${h(expectedText(r.expected))}</td>
<td>${h(statusOf(r))}</td><td class="num">${percent !== undefined ? `${h(String(percent))}%` : '—'}</td>
<td class="num">${rec.interactions.length}</td><td>${h(objectives)}</td><td class="num">${h(suspend)}</td>
<td>${h(rec.location ?? '—')}</td><td>${h(rec.exit ?? '—')}</td><td>${h(rec.sessionTime ?? '—')}</td>
<td class="num">${rec.calls.length}${errors > 0 ? ` (${errors} failed)` : ''}</td>
<td><span class="${verdict === 'pass' ? 'pass' : verdict === 'FAIL' ? 'fail' : 'notrun'}">${h(verdict)}</span>${reasons.length > 0 ? `<ul class="reasons">${reasons.slice(0, 8).map((reason) => `<li>${h(reason)}</li>`).join('')}</ul>` : ''}${(rec.notes ?? []).length > 0 ? `<ul class="notes">${(rec.notes ?? []).slice(0, 8).map((note) => `<li>${h(note)}</li>`).join('')}</ul>` : ''}</td>
</tr>`
}

function section(p: PackageResult): string {
  const course = p.course ? `${h(p.course.title)} ${h(p.course.version)} · passing score ${h(String(p.course.passingScore))}% (${h(p.course.passRule === 'every-module' ? 'in every module' : 'overall')})` : 'not made by coursepack: package checks only, no walks'
  const findings = p.findings.filter((f) => f.severity !== 'info' || p.results.length === 0)
  return `<section>
<h2>${h(path.basename(p.path))} <small>(${h(standards[p.standard] ?? p.standard)})</small></h2>
<p class="meta">${course}</p>
${
  p.results.length > 0
    ? `<table><thead><tr><th scope="col">LMS profile</th><th scope="col">Walk</th><th scope="col">Expected</th><th scope="col">Status</th><th scope="col">Score</th><th scope="col">Interactions</th><th scope="col">Objectives</th><th scope="col">Suspend data (chars / limit)</th><th scope="col">Location</th><th scope="col">Exit</th><th scope="col">Session time</th><th scope="col">API calls</th><th scope="col">Verdict</th></tr></thead>
<tbody>${p.results.map(row).join('\n')}</tbody></table>`
    : ''
}
<p>${findings.length === 0 ? 'Package check: no issues found.' : `Package check: ${findings.length} finding${findings.length === 1 ? '' : 's'}.`}</p>
${findings.length > 0 ? `<ul>${findings.map((f) => `<li>${h(f.severity)} <code>${h(f.ruleId)}</code>${f.file !== undefined ? ` <code>${h(f.file)}</code>` : ''}: ${h(f.message)}</li>`).join('')}</ul>` : ''}
</section>`
}

export function htmlReport(packages: readonly PackageResult[], date: Date = new Date()): string {
  const all = totals(packages.flatMap((p) => p.results))
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>LMS compatibility sheet</title><style>${style}</style></head>
<body><main>
<h1>LMS compatibility sheet</h1>
<p class="meta">Played by coursepack ${h(version)} (<code>coursepack test</code>) in headless Chromium against a real LMS runtime (scorm-again) for SCORM and an LRS for xAPI and cmi5, on ${h(date.toISOString().slice(0, 10))}.</p>
<p class="summary">${all.passed} walk${all.passed === 1 ? '' : 's'} passed, ${all.failed} failed${all.notRun > 0 ? `, ${all.notRun} not run` : ''}.</p>
${packages.map(section).join('\n')}
</main></body></html>
`
}

export async function writeHtmlReport(file: string, packages: readonly PackageResult[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, htmlReport(packages))
}
