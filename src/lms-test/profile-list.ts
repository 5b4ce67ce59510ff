/** The LMS profiles `--lms` may name; `generic` unless told otherwise. */
import { UsageError } from '../errors.js'
import { generic } from './generic.js'
import type { Profile } from './types.js'

const profiles: Profile[] = [generic]

export function selectProfiles(names: readonly string[] | undefined): Profile[] {
  if (!names || names.length === 0) return [generic]
  return [...new Set(names)].map((name) => {
    const profile = profiles.find((p) => p.name === name)
    if (!profile) throw new UsageError(`Unexpected LMS profile \`${name}\`, expected ${profiles.map((p) => `\`${p.name}\``).join(', ')}`)
    return profile
  })
}
