/**
 * The schema sets libxml2 validates with: the official SCORM files packages ship
 * (`schemaDir()`), a wrapper importing every namespace of a standard (libxml2 takes one main
 * schema), or a user-supplied main XSD with its sibling files.
 *
 * Known gap: libxml2 2.13 (the wasm engine) refuses to compile the official SCORM 1.2 metadata
 * schema `imsmd_rootv1p2p1.xsd` ("The content model is not determinist": it breaks XSD 1.0's
 * Unique Particle Attribution rule, which older libxml2 did not enforce). For that engine, SCORM
 * 1.2 manifests are validated against the official imscp and adlcp schemas with a lax stand-in
 * for the metadata namespace: its global elements are declared with any content, so
 * `<imsmd:lom>` is accepted but not checked inside.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { XMLFileInfo } from 'xmllint-wasm'
import { schemaDir } from '../../package/schemas.js'
import { parseXml } from '../xml-tree.js'
import type { Engine } from './engines.js'

export type SchemaSet = 'scorm12' | 'scorm2004'

/** A schema set, or one user-supplied main XSD (its sibling `.xsd` files are made available for imports). */
export type SchemaSource = SchemaSet | { main: string }

export interface Bundle {
  /** Name of the main schema among `files`. */
  main: string
  files: XMLFileInfo[]
  /** Set when part of the official schemas is left out: which, and why. */
  partial?: string
}

const imsmdNamespace = 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1'
const imsmdFile = 'imsmd_rootv1p2p1.xsd'
const laxImsmd = 'coursepack-imsmd-lax.xsd'
const driverFile = 'coursepack-driver.xsd'

/** Why the wasm engine checks SCORM 1.2 metadata only laxly (for findings and the README). */
export const scorm12Gap = `libxml2 2.13 (xmllint-wasm) cannot compile the official SCORM 1.2 metadata schema \`${imsmdFile}\` ("content model is not determinist"), so elements of its namespace were not checked`

const imports = (entries: Array<[string, string]>) => entries.map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n')

/** Wrapper schemas importing every namespace of a standard (libxml2 takes one main schema). */
function scorm12Driver(metadata: string): string {
  return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-coursepack-scorm12">
${imports([
  ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  [imsmdNamespace, metadata]
])}
</xs:schema>`
}

const scorm2004Driver = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-coursepack-scorm2004" elementFormDefault="qualified">
${imports([
  ['http://www.w3.org/XML/1998/namespace', 'xml.xsd'],
  ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
  ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
  ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
  ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd']
])}
</xs:schema>`

/** A lax schema for the IMS metadata namespace: its global element names, any content (xs:anyType). */
export function laxMetadataSchema(official: string): string {
  const parsed = parseXml(official)
  const names = parsed.ok ? parsed.root.children.filter((c) => c.local === 'element').map((c) => c.attributes.find((a) => a.local === 'name')?.value) : []
  const elements = names.filter((name): name is string => name !== undefined).map((name) => `  <xs:element name="${name}"/>`)
  return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${imsmdNamespace}" elementFormDefault="qualified">
${elements.join('\n')}
</xs:schema>`
}

const folderCache = new Map<string, XMLFileInfo[]>()

/** The `.xsd` (and `.dtd`) files of a folder, read once per process. */
function folderFiles(dir: string): XMLFileInfo[] {
  let files = folderCache.get(dir)
  if (!files) {
    files = readdirSync(dir)
      .filter((name) => /\.(xsd|dtd)$/i.test(name))
      .sort()
      .map((name) => ({ fileName: name, contents: readFileSync(path.join(dir, name), 'utf8') }))
    folderCache.set(dir, files)
  }
  return files
}

/** The schemas an engine validates with: the full official set, or what the wasm build can compile. */
export function bundleFor(schema: SchemaSource, engine: Engine): Bundle {
  if (typeof schema !== 'string') {
    const main = path.basename(schema.main)
    const siblings = folderFiles(path.dirname(schema.main))
    const own = siblings.some((f) => f.fileName === main) ? [] : [{ fileName: main, contents: readFileSync(schema.main, 'utf8') }]
    return { main, files: [...siblings, ...own] }
  }
  if (schema === 'scorm2004') return { main: driverFile, files: [...folderFiles(schemaDir('scorm20044thedition')), { fileName: driverFile, contents: scorm2004Driver }] }
  const files = folderFiles(schemaDir('scorm12edition'))
  if (engine === 'xmllint') return { main: driverFile, files: [...files, { fileName: driverFile, contents: scorm12Driver(imsmdFile) }] }
  const official = files.find((f) => f.fileName === imsmdFile)
  const lax = { fileName: laxImsmd, contents: laxMetadataSchema(String(official?.contents ?? '')) }
  return { main: driverFile, files: [...files.filter((f) => f !== official), lax, { fileName: driverFile, contents: scorm12Driver(laxImsmd) }], partial: scorm12Gap }
}
