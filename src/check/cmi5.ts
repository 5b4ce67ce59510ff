/** cmi5.xml checks beyond CourseStructure.xsd (STANDARDS.md §5.1): AU launch URLs and mastery scores. */
import { parseDecimal, within } from './decimal.js'
import { code } from './findings.js'
import { checkLaunch, type CheckContext, type KindResult, type MasteryValue } from './references.js'
import { attr, descendants, kids } from './xml-tree.js'

export function checkCmi5(ctx: CheckContext): KindResult {
  const result: KindResult = { mastery: [] }
  const aus = descendants(ctx.root, 'au')
  if (aus.length === 0) {
    ctx.findings.error('launch-none', 'Cannot find an `<au>`, expected at least one assignable unit with a `<url>`', { file: ctx.file, line: ctx.root.line })
  }
  for (const au of aus) {
    const url = kids(au, 'url')[0]
    if (!url) {
      ctx.findings.error('launch-none', `Cannot find \`<url>\` in AU ${code(attr(au, 'id') ?? '?')}, expected the AU's launch URL`, { file: ctx.file, line: au.line })
    } else {
      result.launch ??= url.text
      const entry = checkLaunch(url.text, ctx, { file: ctx.file, line: url.line })
      if (entry) result.launchFile ??= entry
    }
    const mastery = attr(au, 'masteryScore')
    if (mastery === undefined) continue
    const parsed = parseDecimal(mastery)
    const value = parsed !== undefined && within(parsed, 0, 1) ? parsed : undefined
    if (!value) {
      ctx.findings.error('mastery-range', `Unexpected \`masteryScore="${mastery}"\` on AU ${code(attr(au, 'id') ?? '?')}, expected a scaled score from 0 to 1 (0.7 for 70 %)`, { file: ctx.file, line: au.line })
    }
    const found: MasteryValue = { element: 'masteryScore', text: mastery, value, line: au.line }
    result.mastery.push(found)
  }
  return result
}
