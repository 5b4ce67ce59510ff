/**
 * The walks of `coursepack test`, by name. A walk is generated from the package's own course
 * data (src/lms-test/types.ts `Walk`); adding one is a module here and a line in `walks`.
 */
import { UsageError } from '../../errors.js'
import type { Standard, Walk } from '../types.js'
import { allCorrect } from './all-correct.js'
import { browseThenNormal } from './browse-then-normal.js'
import { fail } from './fail.js'
import { passMark } from './pass-mark.js'
import { relaunchAfterAbandoned } from './relaunch-after-abandoned.js'
import { relaunchNewPage } from './relaunch-new-page.js'
import { relaunchSamePage } from './relaunch-same-page.js'
import { resume } from './resume.js'
import { reviewAfterPass } from './review-after-pass.js'

const registry: Walk[] = [allCorrect, passMark, fail, resume, browseThenNormal, reviewAfterPass, relaunchSamePage, relaunchNewPage, relaunchAfterAbandoned]

/** Add a walk (the xAPI/cmi5 relaunch walks register themselves here). */
export function registerWalk(walk: Walk): void {
  if (!registry.some((w) => w.name === walk.name)) registry.push(walk)
}

export function allWalks(): readonly Walk[] {
  return registry
}

/** The walks named (default: all), checked against the registry. */
export function selectWalks(names: readonly string[] | undefined): Walk[] {
  if (!names || names.length === 0 || names.includes('all')) return [...registry]
  return names.map((name) => {
    const walk = registry.find((w) => w.name === name)
    if (!walk) throw new UsageError(`Unexpected walk \`${name}\`, expected ${registry.map((w) => `\`${w.name}\``).join(', ')} or \`all\``)
    return walk
  })
}

/** The selected walks that apply to a standard. */
export function walksFor(walks: readonly Walk[], standard: Standard): Walk[] {
  return walks.filter((w) => w.standards.includes(standard))
}
