/**
 * `coursepack check`: is a zip a valid SCORM 1.2, SCORM 2004, xAPI (TinCan) or cmi5 package,
 * ours or not? Reads the zip, finds the descriptor at its root, validates it against the
 * official schema, then checks references, the launch URL and the passing score
 * (STANDARDS.md §1, §3, §4.4, §5.1, §6, §7.18). Problems are findings, never exceptions.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { checkCmi5 } from './cmi5.js'
import { compareDecimal, decimalOf, formatDecimal, shift } from './decimal.js'
import { findDescriptor, guessKind, scormVersion, type DescriptorName } from './detect.js'
import { checkEntries } from './entries.js'
import { code, Findings, type PackageKind, type PackageReport } from './findings.js'
import { readRuntimeData } from './runtime-data.js'
import { checkSchema } from './schema.js'
import { checkScorm } from './scorm.js'
import { checkTincan } from './tincan.js'
import type { CheckContext, KindResult } from './references.js'
import { decodeXml, parseXml } from './xml-tree.js'
import { openZip, type PackageZip } from './zip-reader.js'

export type { Finding, PackageKind, PackageReport, Severity } from './findings.js'

const message = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause))

async function openPackage(zipPath: string, file: string, findings: Findings): Promise<PackageZip | undefined> {
  try {
    const info = await stat(file)
    if (!info.isFile()) {
      findings.error('zip-unreadable', `Unexpected ${info.isDirectory() ? 'folder' : 'special file'} ${code(zipPath)}, expected a zip file`)
      return undefined
    }
  } catch {
    findings.error('zip-unreadable', `Cannot find ${code(zipPath)}, expected a zip file`)
    return undefined
  }
  try {
    return await openZip(file)
  } catch (cause) {
    findings.error('zip-unreadable', `Cannot read ${code(zipPath)} as a zip, expected a valid zip archive: ${message(cause)}`)
    return undefined
  }
}

/** Compare the descriptor's passing score with the runtime data's `passingScore` (percent). */
function checkMastery(kind: PackageKind, result: KindResult, passingScore: number, hasQuiz: boolean, file: string, findings: Findings): void {
  if (kind !== 'scorm12' && kind !== 'scorm2004' && kind !== 'cmi5') return
  const percent = decimalOf(passingScore)
  if (!percent) return
  const expected = kind === 'scorm12' ? percent : shift(percent, 2)
  const source = `the runtime data's \`passingScore\` ${formatDecimal(percent)}`
  if (result.mastery.length === 0) {
    if (hasQuiz) {
      const what = kind === 'scorm12' ? '`<adlcp:masteryscore>`' : kind === 'scorm2004' ? '`<imsss:minNormalizedMeasure>`' : '`masteryScore`'
      findings.error('mastery-mismatch', `Cannot find ${what}, expected ${code(formatDecimal(expected))} to match ${source}`, { file })
    }
    return
  }
  for (const mastery of result.mastery) {
    if (!mastery.value || compareDecimal(mastery.value, expected) === 0) continue
    findings.error('mastery-mismatch', `Unexpected ${code(mastery.element)} ${code(mastery.text)}, expected ${code(formatDecimal(expected))} to match ${source}`, { file, line: mastery.line })
  }
}

async function checkOurs(zip: PackageZip, files: ReadonlySet<string>, report: PackageReport, result: KindResult, descriptor: string, findings: Findings): Promise<void> {
  const page = result.launchFile && /\.html?$/i.test(result.launchFile) ? result.launchFile : files.has('index.html') ? 'index.html' : undefined
  if (!page) return
  let html: string
  try {
    html = (await zip.read(page)).toString('utf8')
  } catch (cause) {
    findings.error('zip-unreadable', `Cannot read ${code(page)} from the zip: ${message(cause)}`, { file: page })
    return
  }
  const runtime = readRuntimeData(html)
  if (!runtime.found) return
  report.ours = true
  if ('error' in runtime) {
    findings.error('runtime-data-invalid', runtime.error, { file: page, line: runtime.line })
    return
  }
  const { data } = runtime
  if (report.kind !== 'unknown' && data.target !== report.kind) {
    findings.error('runtime-target-mismatch', `Unexpected runtime target ${code(data.target)} in a ${report.kind} package, expected ${code(report.kind)}: the runtime would look for the wrong LMS API`, { file: page, line: runtime.line })
  }
  checkMastery(report.kind, result, data.passingScore, data.hasQuiz, descriptor, findings)
}

async function checkContents(zip: PackageZip, report: PackageReport, findings: Findings): Promise<void> {
  const files = checkEntries(zip.entries, findings)
  const descriptor: DescriptorName | undefined = findDescriptor([...files], findings)
  if (!descriptor) return
  let text: string
  try {
    text = decodeXml(await zip.read(descriptor))
  } catch (cause) {
    findings.error('zip-unreadable', `Cannot read ${code(descriptor)} from the zip: ${message(cause)}`, { file: descriptor })
    return
  }
  report.kind = guessKind(descriptor, text)
  const parsed = parseXml(text)
  if (!parsed.ok) {
    findings.error('xml-malformed', `Unexpected XML in ${code(descriptor)}, expected a well-formed document: ${parsed.message}`, { file: descriptor, line: parsed.line })
    return
  }
  const ctx: CheckContext = { file: descriptor, root: parsed.root, files, findings }
  let result: KindResult
  if (descriptor === 'imsmanifest.xml') {
    const version = scormVersion(parsed.root, parsed.text)
    if (!version) {
      report.kind = 'unknown'
      findings.error('manifest-version-unknown', 'Cannot tell the SCORM version of `imsmanifest.xml`, expected `<schemaversion>1.2</schemaversion>` or `2004 4th Edition` and the matching namespaces', { file: descriptor, line: parsed.root.line })
      return
    }
    report.kind = version
    await checkSchema(text, version, descriptor, findings)
    result = checkScorm(version, ctx)
  } else if (descriptor === 'cmi5.xml') {
    await checkSchema(text, 'cmi5', descriptor, findings)
    result = checkCmi5(ctx)
  } else {
    result = checkTincan(ctx)
  }
  if (result.launch !== undefined) report.launch = result.launch
  await checkOurs(zip, files, report, result, descriptor, findings)
}

export interface CheckOptions {
  /** Folder a relative `zipPath` is resolved against (default: `process.cwd()`); the report keeps the path as given. */
  cwd?: string
}

/** Check one package zip. Never throws: every problem, even an unreadable file, is a finding. */
export async function checkPackage(zipPath: string, options: CheckOptions = {}): Promise<PackageReport> {
  const report: PackageReport = { path: zipPath, kind: 'unknown', ours: false, findings: [] }
  const findings = new Findings()
  const zip = await openPackage(zipPath, path.resolve(options.cwd ?? process.cwd(), zipPath), findings)
  if (zip) {
    try {
      await checkContents(zip, report, findings)
    } catch (cause) {
      findings.error('check-failed', `Cannot finish checking the package: ${message(cause)}`)
    } finally {
      zip.close()
    }
  }
  const { kind, ours, launch } = report
  return { path: zipPath, kind, ours, ...(launch !== undefined ? { launch } : {}), findings: findings.sorted() }
}
