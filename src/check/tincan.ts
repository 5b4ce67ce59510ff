/**
 * tincan.xml checks. Its schema (`http://projecttincan.com/tincan.xsd`) is not published
 * anywhere offline, so the fixed shape of STANDARDS.md §4.4 is checked instead: root
 * `tincan`, `activities/activity` with an `id`, and exactly one `launch`.
 */
import { ns } from './detect.js'
import { code } from './findings.js'
import { checkLaunch, type CheckContext, type KindResult } from './references.js'
import { attr, kids } from './xml-tree.js'

export function checkTincan(ctx: CheckContext): KindResult {
  const { root, file, findings } = ctx
  const result: KindResult = { mastery: [] }
  findings.info('tincan-no-schema', 'Cannot find an offline schema for `tincan.xml`, checked its fixed shape instead: root `tincan`, `activities/activity` with an `id`, exactly one `launch`', { file })
  if (root.local !== 'tincan') {
    findings.error('tincan-shape', `Unexpected root element ${code(`<${root.name}>`)}, expected \`<tincan>\``, { file, line: root.line })
    return result
  }
  if (root.ns !== ns.tincan) {
    findings.warning('tincan-namespace', `Unexpected namespace ${code(root.ns || '(none)')} on \`<tincan>\`, expected ${code(ns.tincan)}`, { file, line: root.line })
  }
  const activities = kids(root, 'activities').flatMap((a) => kids(a, 'activity'))
  if (activities.length === 0) {
    findings.error('tincan-shape', 'Cannot find `<activities><activity>`, expected at least the course activity', { file, line: root.line })
    return result
  }
  for (const activity of activities) {
    if ((attr(activity, 'id') ?? '').trim() === '') {
      findings.error('tincan-shape', 'Cannot find the `id` of an `<activity>`, expected its activity IRI', { file, line: activity.line })
    }
  }
  const launches = activities.flatMap((activity) => kids(activity, 'launch'))
  if (launches.length !== 1) {
    const where = launches.length === 0 ? { file, line: root.line } : { file, line: launches[1]?.line }
    findings.error('tincan-launch-count', `Unexpected ${launches.length} \`<launch>\` elements, expected exactly one: only the launch activity has \`<launch>\``, where)
  }
  const launch = launches[0]
  if (launch) {
    result.launch = launch.text
    const entry = checkLaunch(launch.text, ctx, { file, line: launch.line })
    if (entry) result.launchFile = entry
  }
  return result
}
