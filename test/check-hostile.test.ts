/**
 * `coursepack check` against a corpus of hostile zips (test/hostile-zips.ts): each one gives
 * its expected exit code, rule ids and location, within a time bound, through `checkPackage`;
 * a handful also through the real bin with `--format json`.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkPackage, type Finding, type PackageReport } from '../src/check/package.js'
import { cleanup, runCli, tempDir } from './helpers.js'
import { hostileCases, type HostileCase } from './hostile-zips.js'

afterAll(cleanup)

let work: string
beforeAll(() => {
  work = tempDir('coursepack-hostile-')
})

const defaultLimitMs = 10_000

const fileName = (item: HostileCase) => `${item.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.zip`

function write(item: HostileCase): string {
  const file = path.join(work, fileName(item))
  writeFileSync(file, item.bytes())
  return file
}

interface BinDiagnostic {
  file: string
  line: number | null
  severity: Finding['severity']
  ruleId: string
  message: string
}

/**
 * The findings of the one package in `check --format json` output: `packages[0].findings`, or
 * the report's `diagnostics`, whose `file` is `<zip>/<entry>` (or the zip for package-wide ones).
 */
function binReport(stdout: string, zip: string): PackageReport {
  const parsed = JSON.parse(stdout) as { packages: PackageReport[]; diagnostics?: BinDiagnostic[] }
  expect(parsed.packages).toHaveLength(1)
  const report = parsed.packages[0] as PackageReport
  expect(report.path).toBe(zip)
  if (Array.isArray(report.findings)) return report
  const findings = (parsed.diagnostics ?? [])
    .filter((d) => d.file === zip || d.file.startsWith(`${zip}/`))
    .map((d): Finding => ({
      severity: d.severity,
      ruleId: d.ruleId,
      message: d.message,
      ...(d.file !== zip ? { file: d.file.slice(zip.length + 1) } : {}),
      ...(d.line !== null ? { line: d.line } : {})
    }))
  return { ...report, findings }
}

const problems = (findings: readonly Finding[]) => findings.filter((f) => f.severity !== 'info')
const rulesOf = (findings: readonly Finding[]) => [...new Set(problems(findings).map((f) => f.ruleId))].sort()
const exitOf = (report: PackageReport) => (report.findings.some((f) => f.severity === 'error') ? 1 : 0)

function expectReport(report: PackageReport, item: HostileCase): void {
  const { expected } = item
  expect(rulesOf(report.findings)).toEqual([...expected.rules].sort())
  expect(exitOf(report)).toBe(expected.exitCode)
  if (expected.kind) expect(report.kind).toBe(expected.kind)
  if (expected.ours !== undefined) expect(report.ours).toBe(expected.ours)
  const first = report.findings.find((f) => f.ruleId === expected.rules[0])
  if (expected.file !== undefined) expect(first?.file).toBe(expected.file)
  if (expected.line !== undefined) expect(first?.line).toBe(expected.line)
}

test('the corpus holds at least 40 zips, each with a distinct name', () => {
  expect(hostileCases.length).toBeGreaterThanOrEqual(40)
  expect(new Set(hostileCases.map((c) => c.name)).size).toBe(hostileCases.length)
})

/** Reports of the corpus run, so that the detail tests need not check a zip twice. */
const reports = new Map<string, PackageReport>()

describe('checkPackage on hostile zips', () => {
  test.each(hostileCases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, item) => {
      const file = write(item)
      const started = performance.now()
      const report = await checkPackage(file)
      const elapsed = performance.now() - started
      reports.set(item.name, report)
      expectReport(report, item)
      expect(elapsed).toBeLessThan(item.timeLimitMs ?? defaultLimitMs)
    },
    120_000
  )
})

const named = (name: string): HostileCase => {
  const found = hostileCases.find((c) => c.name === name)
  if (!found) throw new Error(`No hostile case ${name}`)
  return found
}

const reportOf = async (name: string): Promise<PackageReport> => reports.get(name) ?? checkPackage(write(named(name)))

describe('details', () => {
  test('700,000 missing files: 100 findings and one summary counting the rest', async () => {
    const report = await reportOf('a manifest listing 700,000 missing files')
    const missing = report.findings.filter((f) => f.ruleId === 'file-missing')
    expect(missing).toHaveLength(100)
    expect(missing[0]?.message).toContain('`m0`')
    const capped = report.findings.filter((f) => f.ruleId === 'findings-capped')
    expect(capped).toEqual([
      {
        severity: 'error',
        ruleId: 'findings-capped',
        file: 'imsmanifest.xml',
        message: expect.stringContaining('699,900 more `file-missing` findings'),
        capped: { ruleId: 'file-missing', count: 699_900 }
      }
    ])
    expect(report.findings.at(-1)).toBe(capped[0])
  }, 120_000)

  test('a NUL in a name is shown escaped in full, not cut short', async () => {
    const report = await reportOf('a NUL byte in an entry name')
    const finding = report.findings.find((f) => f.ruleId === 'zip-unsafe-path')
    expect(finding?.message).toContain('`page.html\\u0000.exe`')
    expect(finding?.message).not.toContain('\0')
  })

  test('a UTF-16 manifest is read as text: its title survives decoding', async () => {
    const report = await reportOf('a UTF-16BE manifest with a byte order mark')
    expect(report).toMatchObject({ kind: 'scorm12', launch: 'index.html', findings: [] })
  })

  test('an XXE manifest never shows the file it names', async () => {
    const report = await reportOf('an XXE manifest (an external entity naming /etc/passwd)')
    expect(JSON.stringify(report)).not.toMatch(/root:.*:0:0:/)
  })

  test('a page-text mismatch names both values', async () => {
    const report = await reportOf('ours: the quiz page states another passing score')
    expect(report.findings[0]?.message).toMatch(/`80%`.*`<p class="cp-quiz-meta">`.*expected `70%`/)
  })
})

describe('the real bin on hostile zips', () => {
  const viaBin = [
    'a manifest listing 700,000 missing files',
    'a NUL byte in an entry name',
    'a UTF-16LE manifest with a byte order mark',
    'a text file named .zip',
    '100,001 entries',
    'elements nested 100,000 deep',
    'a zip bomb that lies: 20 MB inflating from a manifest that declares 1 KB'
  ]
  test.each(viaBin)(
    '%s',
    async (name) => {
      const item = named(name)
      write(item)
      const started = performance.now()
      const result = await runCli(['check', '--format', 'json', fileName(item)], work)
      const elapsed = performance.now() - started
      expect(result.code, result.stderr).toBe(item.expected.exitCode)
      // Bounded output: the 700,000-file manifest used to print 180 MB of JSON.
      expect(result.stdout.length).toBeLessThan(200_000)
      expectReport(binReport(result.stdout, fileName(item)), item)
      expect(elapsed).toBeLessThan((item.timeLimitMs ?? defaultLimitMs) + 5_000)
    },
    120_000
  )
})
