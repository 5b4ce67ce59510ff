/** Locations of the tool's own files (templates, built bundles and data), wherever it runs from. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('Cannot find the coursepack installation folder')
    dir = parent
  }
  return dir
}

/** The folder holding coursepack's `package.json`. */
export const toolRoot = findRoot()
/** Built-in Handlebars templates, partials, locales and assets. */
export const templatesDir = path.join(toolRoot, 'templates')
/** What `npm run build` makes: bundles, runtime, schema copies, vendored preview files. */
export const buildDir = path.join(toolRoot, 'build')
/** Browser runtime bundles, one per target. */
export const runtimeDir = path.join(buildDir, 'runtime')
/** The scorm-again LMS runtimes the preview serves (`<target>.js`), copied at build time. */
export const scormAgainDir = path.join(buildDir, 'vendor', 'scorm-again')
/** libxml2 as WebAssembly (xmllint-wasm's loader, worker and .wasm), copied at build time. */
export const xmllintWasmDir = path.join(buildDir, 'vendor', 'xmllint-wasm')
