/**
 * Each question type's HTML partial is the `partial.hbs` of its folder. From a checkout they
 * are read in src/questions/; the installed package has them in build/questions/
 * (scripts/build.mjs copies them), as it has no src/.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildDir, toolRoot } from '../paths.js'

const sourceDir = path.join(toolRoot, 'src', 'questions')

/** The partial of a type's folder. */
export function readPartial(folder: string): string {
  const dir = existsSync(sourceDir) ? sourceDir : path.join(buildDir, 'questions')
  return readFileSync(path.join(dir, folder, 'partial.hbs'), 'utf8')
}
