/**
 * The 4Cs risk lesson: `<Risk category title>` blocks, of which content, contact,
 * conduct and contract must each appear at least once (cross-cutting is optional).
 */
import { slug } from 'github-slugger'
import type { RootContent } from 'mdast'
import { error } from '../diagnostics.js'
import type { ParsedFile } from '../parse/index.js'
import { readAttributes } from './content.js'
import { keyPosition } from './frontmatter.js'
import type { Risk, RiskCategory } from './types.js'

export const requiredCategories: RiskCategory[] = ['content', 'contact', 'conduct', 'contract']

/** Collect the risks of a `kind: risks` lesson whose body `checkContent` has already checked. */
export function collectRisks(parsed: ParsedFile, nodes: RootContent[], pageId: string): Risk[] {
  const risks: Risk[] = []
  const anchors = new Set<string>()
  for (const node of nodes) {
    if (node.type !== 'mdxJsxFlowElement' || node.name !== 'Risk') continue
    const attributes = readAttributes(parsed.file, node, false)
    const category = attributes.category as RiskCategory | undefined
    const title = attributes.title
    if (!category || typeof title !== 'string') continue
    // Anchors are scoped by page (all pages share one document); links `lesson.md#risk-<slug>` map to them.
    const base = `${pageId}--risk-${slug(title) || category}`
    let anchor = base
    for (let n = 2; anchors.has(anchor); n++) anchor = `${base}-${n}`
    anchors.add(anchor)
    node.data = { ...node.data, anchor }
    risks.push({ category, title, anchor, body: { children: node.children as RootContent[] } })
  }
  const missing = requiredCategories.filter((category) => !risks.some((risk) => risk.category === category))
  if (missing.length > 0) {
    error(
      parsed.file,
      `Cannot find ${missing.map((c) => `\`${c}\``).join(', ')} in this 4Cs risk lesson, expected a \`<Risk category="…" title="…">\` block for each of content, contact, conduct and contract`,
      { ruleId: 'risks-missing-category', place: keyPosition(parsed, 'kind', 'value') }
    )
  }
  return risks
}
