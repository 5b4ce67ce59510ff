/** What every kind of check shares: its context and result, and the launch and file-reference rules. */
import type { Decimal } from './decimal.js'
import { code, type At, type Findings } from './findings.js'
import { resolveHref } from './hrefs.js'
import type { XmlElement } from './xml-tree.js'

export interface CheckContext {
  /** The descriptor's entry name. */
  file: string
  root: XmlElement
  /** Every regular, safe file entry of the zip. */
  files: ReadonlySet<string>
  findings: Findings
}

/** A passing score as a descriptor writes it. */
export interface MasteryValue {
  /** How the message names it, such as `<adlcp:masteryscore>`. */
  element: string
  text: string
  /** Undefined when the text is not a number in range (reported as `mastery-range`). */
  value: Decimal | undefined
  line: number
}

export interface KindResult {
  /** The launch URL as written (first launchable item / activity / AU). */
  launch?: string
  /** The launch file's entry name, when it is a file of the package. */
  launchFile?: string
  mastery: MasteryValue[]
}

/** The entry an href's candidates name, if any. */
export function findEntry(candidates: readonly string[], files: ReadonlySet<string>): string | undefined {
  return candidates.find((c) => files.has(c))
}

/** Each file set's entries by lower-case name (the first of each), built once per set. */
const caseless = new WeakMap<ReadonlySet<string>, Map<string, string>>()

function byLowerCase(files: ReadonlySet<string>): Map<string, string> {
  let map = caseless.get(files)
  if (!map) {
    map = new Map()
    for (const file of files) if (!map.has(file.toLowerCase())) map.set(file.toLowerCase(), file)
    caseless.set(files, map)
  }
  return map
}

/** `Cannot find x`, with a hint when only the letter case differs. */
export function missing(what: string, target: string, files: ReadonlySet<string>, expected: string): string {
  const near = byLowerCase(files).get(target.toLowerCase())
  return `Cannot find ${what} ${code(target)} in the package, ${near ? `found ${code(near)}: paths are case-sensitive` : expected}`
}

/**
 * Check a launch URL: not absolute, not remote, inside the package, an existing file.
 * Returns the launch file's entry name when it exists.
 */
export function checkLaunch(href: string, ctx: CheckContext, at: At, options: { base?: string; warnQuery?: boolean } = {}): string | undefined {
  const { findings, files } = ctx
  if (href.trim() === '') {
    findings.error('launch-missing', 'Cannot find a launch file: the launch URL is empty, expected a path such as `index.html`', at)
    return undefined
  }
  const ref = resolveHref(href, options.base)
  switch (ref.kind) {
    case 'absolute':
      findings.error('launch-absolute', `Unexpected absolute launch URL ${code(ref.href)}, expected a path relative to the package root`, at)
      return undefined
    case 'remote':
      findings.error('launch-remote', `Unexpected remote launch URL ${code(ref.href)}, expected a file inside the package`, at)
      return undefined
    case 'outside':
      findings.error('href-outside', `Unexpected launch URL ${code(href)}, expected a path inside the package root (it resolves to ${code(ref.path)})`, at)
      return undefined
    case 'local': {
      if (options.warnQuery && ref.query) {
        findings.warning('launch-query', `Unexpected query string in the launch URL ${code(href)}, expected a plain file path: some LMSs (ILIAS, OpenOlat) mishandle launch query strings`, at)
      }
      const entry = findEntry(ref.candidates, files)
      if (!entry) findings.error('launch-missing', missing('the launch file', ref.path, files, 'expected the page the LMS opens'), at)
      return entry
    }
  }
}
