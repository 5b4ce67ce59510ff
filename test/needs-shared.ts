/**
 * Files of the shared folder beside this clone (`<repo>/../shared`), for the tests that
 * compare against them (cmi5's official CourseStructure.xsd). A clone without that folder
 * skips those tests with one line saying so; CI sets `COURSEPACK_REQUIRE_SHARED=1`, and then a
 * missing file fails the run instead of skipping silently. The same holds for files of the
 * Debian packages `.ci/run` installs (`debianFile`): the OASIS XLIFF schemas, for one.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from './helpers.js'

const announced = new Set<string>()

/**
 * The absolute path of `../shared/<relative>`, or undefined when it is not there (after
 * printing `skipped: <what> (needs ../shared/<relative>, not present beside this clone)`).
 * Use the result with `test.skipIf(!file)` or `describe.skipIf(!file)`.
 */
export function sharedFile(relative: string, what = `tests that need ${relative}`): string | undefined {
  const file = path.join(repoRoot, '..', 'shared', relative)
  if (existsSync(file)) return file
  const line = `skipped: ${what} (needs ../shared/${relative}, not present beside this clone)`
  if (process.env.COURSEPACK_REQUIRE_SHARED === '1') throw new Error(`${line.replace(/^skipped/, 'Cannot run')}; COURSEPACK_REQUIRE_SHARED=1 requires it`)
  if (!announced.has(line)) {
    announced.add(line)
    console.log(line)
  }
  return undefined
}

/**
 * The absolute path of a file a Debian package installs, or undefined when it is not there
 * (after printing `skipped: <what> (needs <file>, from Debian's <pkg>: apt-get install <pkg>)`).
 * `.ci/run` installs the package; under `COURSEPACK_REQUIRE_SHARED=1` a missing file fails.
 */
export function debianFile(file: string, pkg: string, what = `tests that need ${file}`): string | undefined {
  if (existsSync(file)) return file
  const line = `skipped: ${what} (needs ${file}, from Debian's ${pkg}: apt-get install ${pkg})`
  if (process.env.COURSEPACK_REQUIRE_SHARED === '1') throw new Error(`${line.replace(/^skipped/, 'Cannot run')}; COURSEPACK_REQUIRE_SHARED=1 requires it`)
  if (!announced.has(line)) {
    announced.add(line)
    console.log(line)
  }
  return undefined
}
