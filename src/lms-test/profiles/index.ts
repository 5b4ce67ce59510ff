/**
 * The LMS profiles of `coursepack test --lms`, by name: each a module of this folder implementing
 * `Profile` (src/lms-test/types.ts) and citing its source. Adding one is a module and a line here.
 */
import { UsageError } from '../../errors.js'
import type { Profile } from '../types.js'
import { cornerstone } from './cornerstone.js'
import { docebo } from './docebo.js'
import { generic } from './generic.js'
import { moodle } from './moodle.js'
import { strictMinimal } from './strict-minimal.js'
import { successfactors } from './successfactors.js'

export { generic } from './generic.js'

export const profiles: readonly Profile[] = [generic, moodle, successfactors, cornerstone, strictMinimal, docebo]

export const profileNames: readonly string[] = profiles.map((p) => p.name)

/** The profile of that name; an unknown name is a usage error listing the known ones. */
export function getProfile(name: string): Profile {
  const profile = profiles.find((p) => p.name === name)
  if (!profile) throw new UsageError(`Unexpected LMS profile \`${name}\`, expected one of ${profileNames.map((n) => `\`${n}\``).join(', ')}`)
  return profile
}

/** The profiles `--lms` names, each once, in order; `generic` when none is named. */
export function selectProfiles(names: readonly string[] | undefined): Profile[] {
  if (!names || names.length === 0) return [generic]
  return [...new Set(names)].map(getProfile)
}
