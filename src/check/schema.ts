/**
 * Descriptor validation against the official XSDs (src/check/xsd.ts). SCORM 1.2 and 2004 are
 * validated on every machine: with Debian's `xmllint` when it is on PATH, with libxml2 as
 * WebAssembly otherwise. cmi5's CourseStructure.xsd is not shipped: the cmi5 §13 rules (src/check/cmi5/)
 * always run, and the XSD is an extra check when the caller names one (`cmi5Schema` or the
 * `COURSEPACK_CMI5_XSD` environment variable). An engine or schema that cannot be used skips
 * the check with a warning; it never fails the run.
 */
import { existsSync } from 'node:fs'
import { code, type Findings } from './findings.js'
import { validateXsd, type SchemaSource, type XsdOutcome } from './xsd.js'

export type SchemaKind = 'scorm12' | 'scorm2004' | 'cmi5'

export interface SchemaOptions {
  /** Path of cmi5's official CourseStructure.xsd (default: `COURSEPACK_CMI5_XSD`; `''` turns the extra check off). */
  cmi5Schema?: string | undefined
}

/** The environment variable naming cmi5's CourseStructure.xsd. */
export const cmi5SchemaVariable = 'COURSEPACK_CMI5_XSD'

const labels: Record<SchemaKind, string> = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004 4th Edition', cmi5: 'cmi5' }

const located = /^[^\s:]*:(\d+): (?:(?:element|attribute) [^:]*: )?(?:Schemas validity error|parser error|validity error)\s*:\s*(.*)$/

/** The cmi5 schema the caller asked for, if any. */
export function cmi5SchemaPath(options: SchemaOptions = {}): string | undefined {
  const chosen = options.cmi5Schema ?? process.env[cmi5SchemaVariable]
  return chosen === undefined || chosen.trim() === '' ? undefined : chosen
}

function report(outcome: XsdOutcome, kind: SchemaKind, file: string, findings: Findings): void {
  if (outcome.partial) findings.info('xsd-partial', `Validated with the official ${labels[kind]} schemas except one: ${outcome.partial} (\`xmllint\` on PATH checks them)`, { file })
  if (outcome.unusable) {
    findings.warning('xsd-skipped', `Cannot compile the ${labels[kind]} schemas with ${outcome.engine}: skipped the schema check (${outcome.errors[0] ?? 'no message'})`, { file })
    return
  }
  if (outcome.valid) return
  const messages = outcome.errors.filter((line) => !/^\s/.test(line))
  if (messages.length === 0) messages.push('libxml2 rejected the document')
  for (const line of messages) {
    const match = located.exec(line)
    const detail = match ? (match[2] ?? line) : line
    findings.error('xsd-invalid', `Unexpected content for the official ${labels[kind]} schema: ${detail}`, { file, line: match ? Number(match[1]) : undefined })
  }
}

export async function checkSchema(xml: string, kind: SchemaKind, file: string, findings: Findings, options: SchemaOptions = {}): Promise<void> {
  let schema: SchemaSource
  if (kind !== 'cmi5') schema = kind
  else {
    const main = cmi5SchemaPath(options)
    if (main === undefined) {
      findings.info(
        'xsd-cmi5-absent',
        `Checked with the cmi5 §13 course structure rules only: no CourseStructure.xsd was given (${code(cmi5SchemaVariable)} or the \`cmi5Schema\` option)`,
        { file }
      )
      return
    }
    if (!existsSync(main)) {
      findings.warning('xsd-skipped', `Cannot find ${code(main)}, expected cmi5's official CourseStructure.xsd there: skipped the schema check`, { file })
      return
    }
    schema = { main }
  }
  let outcome: XsdOutcome
  try {
    outcome = await validateXsd(xml, schema, { fileName: file })
  } catch (cause) {
    findings.warning('xsd-skipped', `${cause instanceof Error ? cause.message : String(cause)}: skipped the schema check`, { file })
    return
  }
  report(outcome, kind, file, findings)
}
