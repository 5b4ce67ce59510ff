/**
 * `coursepack check`: is a zip a valid SCORM 1.2, SCORM 2004, xAPI (TinCan) or cmi5 package,
 * ours or not? Reads the zip, finds the descriptor at its root, validates it against the
 * official schema, then checks references, the launch URL and the passing score
 * (STANDARDS.md §1, §3, §4.4, §5.1, §6, §7.18), and that our own packages hold no answer key in
 * plain text (./answer-keys.ts). Problems are findings, never exceptions.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { checkAnswerKeys } from './answer-keys.js'
import { checkCmi5 } from './cmi5.js'
import { findDescriptor, guessKind, scormVersion, type DescriptorName } from './detect.js'
import { asUtf8Document, decodeXml } from './encoding.js'
import { checkEntries, checkLayout } from './entries.js'
import { code, Findings, type PackageReport } from './findings.js'
import { LimitError } from './limits.js'
import { checkMastery, checkStatedScores, percentOf } from './mastery.js'
import { readRuntimeData, statedPassingScores } from './runtime-data.js'
import { checkSchema } from './schema.js'
import { checkScorm } from './scorm.js'
import { checkTincan } from './tincan.js'
import type { CheckContext, KindResult } from './references.js'
import { parseXml } from './xml-tree.js'
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
    if (cause instanceof LimitError) findings.error(cause.ruleId, cause.message)
    else findings.error('zip-unreadable', `Cannot read ${code(zipPath)} as a zip, expected a valid zip archive: ${message(cause)}`)
    return undefined
  }
}

/** Read an entry; a failure (a limit, a corrupt entry) becomes a finding and `undefined`. */
async function readEntry(zip: PackageZip, name: string, findings: Findings): Promise<Buffer | undefined> {
  // An encrypted entry is reported as `zip-encrypted`; it cannot be read.
  if (zip.entries.some((entry) => entry.name === name && entry.encrypted)) return undefined
  try {
    return await zip.read(name)
  } catch (cause) {
    if (cause instanceof LimitError) findings.error(cause.ruleId, cause.message, { file: name })
    else findings.error('zip-unreadable', `Cannot read ${code(name)} from the zip: ${message(cause)}`, { file: name })
    return undefined
  }
}

async function checkOurs(zip: PackageZip, files: ReadonlySet<string>, report: PackageReport, result: KindResult, descriptor: string, findings: Findings): Promise<void> {
  const page = result.launchFile && /\.html?$/i.test(result.launchFile) ? result.launchFile : files.has('index.html') ? 'index.html' : undefined
  if (!page) return
  const data = await readEntry(zip, page, findings)
  if (!data) return
  const html = data.toString('utf8')
  const runtime = readRuntimeData(html)
  if (!runtime.found) return
  report.ours = true
  if ('error' in runtime) {
    findings.error('runtime-data-invalid', runtime.error, { file: page, line: runtime.line })
    return
  }
  await checkAnswerKeys(
    { page, html, data: runtime.value, line: runtime.line, files: [...files].sort(), read: async (name) => (await readEntry(zip, name, findings))?.toString('utf8') },
    findings
  )
  const { target, passingScore, hasQuiz } = runtime.data
  if (report.kind !== 'unknown' && target !== report.kind) {
    findings.error('runtime-target-mismatch', `Unexpected runtime target ${code(target)} in a ${report.kind} package, expected ${code(report.kind)}: the runtime would look for the wrong LMS API`, { file: page, line: runtime.line })
  }
  const percent = percentOf(passingScore)
  if (!percent) return
  checkMastery(report.kind, result, percent, hasQuiz, descriptor, findings)
  checkStatedScores(statedPassingScores(html), percent, page, findings)
}

async function checkContents(zip: PackageZip, report: PackageReport, findings: Findings, options: CheckOptions): Promise<void> {
  const files = checkEntries(zip.entries, findings)
  await checkLayout(zip, findings)
  const descriptor: DescriptorName | undefined = findDescriptor([...files], findings)
  if (!descriptor) return
  const data = await readEntry(zip, descriptor, findings)
  if (!data) return
  const decoded = decodeXml(data)
  if (!decoded.ok) {
    report.kind = guessKind(descriptor, data.toString('latin1'))
    findings.error('xml-encoding', `Cannot decode ${code(descriptor)}: ${decoded.message}, expected UTF-8, UTF-16 with a byte order mark, or the encoding its declaration names`, { file: descriptor })
    return
  }
  // The schema validator reads the text again as UTF-8 bytes.
  const text = decoded.encoding === 'utf-8' ? decoded.text : asUtf8Document(decoded.text)
  report.kind = guessKind(descriptor, text)
  const parsed = parseXml(text)
  if (!parsed.ok) {
    if ('ruleId' in parsed) {
      findings.error(parsed.ruleId, parsed.message, { file: descriptor, line: parsed.line })
      return
    }
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
    await checkSchema(text, 'cmi5', descriptor, findings, { cmi5Schema: options.cmi5Schema })
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
  /** cmi5's official CourseStructure.xsd, for an extra schema check (default: `COURSEPACK_CMI5_XSD`). */
  cmi5Schema?: string
}

/** Check one package zip. Never throws: every problem, even an unreadable file, is a finding. */
export async function checkPackage(zipPath: string, options: CheckOptions = {}): Promise<PackageReport> {
  const report: PackageReport = { path: zipPath, kind: 'unknown', ours: false, findings: [] }
  const findings = new Findings()
  const zip = await openPackage(zipPath, path.resolve(options.cwd ?? process.cwd(), zipPath), findings)
  if (zip) {
    try {
      await checkContents(zip, report, findings, options)
    } catch (cause) {
      findings.error('check-failed', `Cannot finish checking the package: ${message(cause)}`)
    } finally {
      zip.close()
    }
  }
  const { kind, ours, launch } = report
  return { path: zipPath, kind, ours, ...(launch !== undefined ? { launch } : {}), findings: findings.sorted() }
}
