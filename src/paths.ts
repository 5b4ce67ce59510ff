/** Locations of the tool's own files (templates, runtime bundles), wherever it runs from. */
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
/** Browser runtime bundles, one per target. */
export const runtimeDir = path.join(toolRoot, 'build', 'runtime')
