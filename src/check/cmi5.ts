/**
 * cmi5.xml checks: the course structure rules of cmi5 §13 (src/check/cmi5/, on every
 * machine), then each AU's launch URL and mastery score (STANDARDS.md §5.1).
 */
import { checkStructure, cmi5Namespace } from './cmi5/structure.js'
import { parseDecimal, within } from './decimal.js'
import { code } from './findings.js'
import { checkLaunch, type CheckContext, type KindResult, type MasteryValue } from './references.js'
import { attr, descendants, kids, type XmlElement } from './xml-tree.js'

export { cmi5Namespace }

function checkMasteryScore(au: XmlElement, ctx: CheckContext): MasteryValue | undefined {
  const mastery = attr(au, 'masteryScore')
  if (mastery === undefined) return undefined
  // §13.1.4: "a scaled, decimal value between 0 and 1 (inclusive)".
  const parsed = parseDecimal(mastery)
  const value = parsed !== undefined && within(parsed, 0, 1) ? parsed : undefined
  if (!value) {
    ctx.findings.error('mastery-range', `Unexpected \`masteryScore="${mastery}"\` on AU ${code(attr(au, 'id') ?? '?')}, expected a scaled score from 0 to 1 (0.7 for 70 %)`, { file: ctx.file, line: au.line })
  }
  return { element: 'masteryScore', text: mastery, value, line: au.line }
}

export function checkCmi5(ctx: CheckContext): KindResult {
  const result: KindResult = { mastery: [] }
  const placed = checkStructure(ctx.root, ctx.file, ctx.findings)
  // AUs outside their place were reported by the structure rules; their URLs are still checked.
  const aus = ctx.root.local === 'courseStructure' ? [...new Set([...placed, ...descendants(ctx.root, 'au', ctx.root.ns)])] : []
  if (aus.length === 0 && ctx.root.local === 'courseStructure') {
    ctx.findings.error('launch-none', 'Cannot find an `<au>`, expected at least one assignable unit with a `<url>`', { file: ctx.file, line: ctx.root.line })
  }
  for (const au of aus) {
    const url = kids(au, 'url', ctx.root.ns)[0]
    if (!url) {
      ctx.findings.error('launch-none', `Cannot find \`<url>\` in AU ${code(attr(au, 'id') ?? '?')}, expected the AU's launch URL`, { file: ctx.file, line: au.line })
    } else {
      result.launch ??= url.text
      const entry = checkLaunch(url.text, ctx, { file: ctx.file, line: url.line })
      if (entry) result.launchFile ??= entry
    }
    const mastery = checkMasteryScore(au, ctx)
    if (mastery) result.mastery.push(mastery)
  }
  return result
}
