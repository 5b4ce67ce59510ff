/**
 * Identifiers and LMS records: what an LMS files a learner's records under (the target, the
 * course id and language, the descriptor's identifiers), what it decides a verdict by (the
 * passing score, the pass rule), and what it opens (the launch file).
 */
import { change, code, quote } from './change.js'
import type { Change, Identifier, PackageSide } from './types.js'

const percent = (value: number) => `${value}%`

const identifierKinds = {
  manifest: 'manifest-identifier',
  organization: 'organization-identifier',
  item: 'item-identifier',
  resource: 'resource-identifier',
  activity: 'activity-id',
  course: 'cmi5-course-id',
  au: 'au-id'
} as const

const identifierNames: Record<Identifier['element'], string> = {
  manifest: 'manifest identifier',
  organization: 'organization identifier',
  item: 'item identifier',
  resource: 'resource identifier',
  activity: 'activity id of the launched activity',
  course: 'course id',
  au: 'AU id'
}

/** Each kind of identifier compared as a list: one changed value, or those added and removed. */
function identifierChanges(before: PackageSide, after: PackageSide): Change[] {
  const changes: Change[] = []
  const file = after.descriptor.file
  const meaning = 'the LMS keeps learners’ records under it, so the new package is another activity to it'
  for (const element of Object.keys(identifierKinds) as Identifier['element'][]) {
    const old = before.descriptor.identifiers.filter((i) => i.element === element).map((i) => i.value)
    const now = after.descriptor.identifiers.filter((i) => i.element === element).map((i) => i.value)
    const removed = old.filter((value) => !now.includes(value))
    const added = now.filter((value) => !old.includes(value))
    const kind = identifierKinds[element]
    const name = identifierNames[element]
    if (removed.length === 1 && added.length === 1) {
      changes.push(change('lms', kind, 'new-activity', `${code(file)} ${name} ${code(removed[0] ?? '')} → ${code(added[0] ?? '')}: ${meaning}`, { file, before: removed[0] ?? null, after: added[0] ?? null }))
      continue
    }
    for (const value of removed) changes.push(change('lms', kind, 'new-activity', `${code(file)} ${name} ${code(value)} is gone: the LMS’s records under it are orphaned`, { file, before: value }))
    for (const value of added) changes.push(change('lms', kind, 'new-activity', `${code(file)} ${name} ${code(value)} is new: the LMS has no records under it`, { file, after: value }))
  }
  return changes
}

/** The changes of identifiers and LMS records, gravest first. */
export function lmsChanges(before: PackageSide, after: PackageSide): Change[] {
  const a = before.data
  const b = after.data
  const changes: Change[] = []
  if (before.descriptor.kind !== after.descriptor.kind) {
    changes.push(change('lms', 'target', 'new-activity', `target ${code(before.descriptor.kind)} → ${code(after.descriptor.kind)}: an LMS tracks each standard apart, and the learner state does not move between them`, { before: before.descriptor.kind, after: after.descriptor.kind }))
  }
  if (a.id !== b.id) {
    changes.push(change('lms', 'course-id', 'new-activity', `course id ${code(a.id)} → ${code(b.id)}: the manifest identifier and activity ids derive from it; LMS records of ${code(a.id)} do not carry over`, { before: a.id, after: b.id }))
  }
  if (a.language !== b.language) {
    changes.push(change('lms', 'language', 'new-activity', `language ${code(a.language)} → ${code(b.language)}: each language is its own activity (its own manifest identifier and activity id)`, { before: a.language, after: b.language }))
  }
  if (a.passingScore !== b.passingScore) {
    changes.push(change('lms', 'passing-score', 'new-activity', `passing score ${percent(a.passingScore)} → ${percent(b.passingScore)}: passed and failed verdicts the LMS holds were decided by ${percent(a.passingScore)}, and would disagree with the same answers scored now`, { before: a.passingScore, after: b.passingScore }))
  }
  if (a.passRule !== b.passRule) {
    changes.push(change('lms', 'pass-rule', 'new-activity', `pass rule ${code(a.passRule)} → ${code(b.passRule)}: verdicts the LMS holds were decided by the old rule`, { before: a.passRule, after: b.passRule }))
  }
  if (before.descriptor.kind === after.descriptor.kind) changes.push(...identifierChanges(before, after))
  if (before.descriptor.launch !== after.descriptor.launch) {
    const old = before.descriptor.launch ?? '(none)'
    const now = after.descriptor.launch ?? '(none)'
    changes.push(change('lms', 'launch', 'care', `launch file ${code(old)} → ${code(now)}: an LMS that replaces files in place may keep launching the old one (re-import the package), and learners with the old page open lose what they do until they relaunch`, { file: after.descriptor.file, before: old, after: now }))
  }
  if (a.title !== b.title) {
    changes.push(change('lms', 'course-title', 'safe', `course title ${quote(a.title)} → ${quote(b.title)}: LMSs that read it on import show the old one until it is imported again`, { before: a.title, after: b.title }))
  }
  if (a.version !== b.version) {
    changes.push(change('lms', 'course-version', 'safe', `version ${code(a.version)} → ${code(b.version)}`, { before: a.version, after: b.version }))
  }
  return changes
}
