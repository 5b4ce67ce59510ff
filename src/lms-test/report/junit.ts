/**
 * JUnit XML for CI: a testsuite per package, a testcase per profile × walk, a `<failure>` with
 * the reasons of a failed walk, `<skipped>` for one not run, and the package's error findings
 * as failures of a `check` testcase (the schema Jenkins and GitLab read: testsuites/testsuite/testcase).
 */
import type { PackageResult } from '../types.js'
import { expectedText, recordedText } from './summary.js'
import { escapeXml as x } from './xml.js'

export function junitReport(packages: readonly PackageResult[]): string {
  const suites = packages.map((p) => {
    const errors = p.findings.filter((f) => f.severity === 'error')
    const cases = [
      `    <testcase classname="${x(p.path)}" name="check">${errors.length > 0 ? `<failure message="${x(`${errors.length} error finding${errors.length === 1 ? '' : 's'}`)}">${x(errors.map((f) => `${f.file ?? p.path}: ${f.message} (${f.ruleId})`).join('\n'))}</failure>` : ''}</testcase>`,
      ...p.results.map((r) => {
        const name = `${r.profile} · ${r.walk}`
        const body =
          r.notRun !== undefined
            ? `<skipped message="${x(r.notRun)}"/>`
            : r.pass
              ? ''
              : `<failure message="${x(r.reasons[0] ?? 'failed')}">${x([`expected ${expectedText(r.expected)}, recorded ${recordedText(r.recorded)}`, ...r.reasons].join('\n'))}</failure>`
        return `    <testcase classname="${x(`${p.path}.${r.profile}`)}" name="${x(name)}">${body}</testcase>`
      })
    ]
    const failures = (errors.length > 0 ? 1 : 0) + p.results.filter((r) => !r.pass && r.notRun === undefined).length
    const skipped = p.results.filter((r) => r.notRun !== undefined).length
    return `  <testsuite name="${x(p.path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="coursepack test">\n${suites.join('\n')}\n</testsuites>\n`
}
