/**
 * The two libxml2 engines: `xmllint-wasm` (libxml2 2.13 as WebAssembly, in a worker, files in
 * memory only, memory capped) and Debian's `xmllint` (temporary files, `--nonet`). Each run has
 * a time limit.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type * as XmllintWasm from 'xmllint-wasm'
import { xmllintWasmDir } from '../../paths.js'
import type { Bundle } from './bundles.js'

export interface XsdResult {
  valid: boolean
  /** libxml2's messages about the document (schema-loading noise removed). */
  errors: string[]
}

export type Engine = 'wasm' | 'xmllint'

export interface XsdOutcome extends XsdResult {
  engine: Engine
  /** Set when part of the official schemas could not be used: which, and why. */
  partial?: string
  /** True when the schemas could not be compiled at all (errors then hold the reasons). */
  unusable?: boolean
}

const timeoutMs = 20_000
/** 256 MiB of WebAssembly memory (64 KiB pages): far above any descriptor, still a cap. */
const maxMemoryPages = 4096

let wasmModule: typeof XmllintWasm | undefined

/**
 * xmllint-wasm, loaded on first use from the copy `npm run build` puts in
 * `build/vendor/xmllint-wasm/` (its loader, worker and .wasm file stay outside the CLI
 * bundle, and the installed tool needs no dependency for them): commands that validate
 * nothing do not pay for it, and a missing copy fails only this check (`xsd-skipped`).
 */
function xmllintWasm(): typeof XmllintWasm {
  wasmModule ??= createRequire(import.meta.url)(path.join(xmllintWasmDir, 'index-node.js')) as typeof XmllintWasm
  return wasmModule
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

export async function runWasm(xml: string, bundle: Bundle, fileName: string): Promise<XsdOutcome> {
  const main = bundle.files.find((f) => f.fileName === bundle.main)
  if (!main) throw new Error(`Cannot find the schema ${bundle.main}`)
  try {
    const result = await withTimeout(
      xmllintWasm().validateXML({
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

export async function runXmllint(xml: string, bundle: Bundle, fileName: string): Promise<XsdOutcome> {
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
