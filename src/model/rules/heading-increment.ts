/**
 * `heading-increment` (warning): headings go down one level at a time, starting at
 * level 2 (the page title is the level-1 heading) (WCAG 2.1 SC 1.3.1).
 *
 * @example
 *   ok:      ## Part one  then  ### Detail
 *   not ok:  ## Part one  then  #### Detail
 *   → Unexpected heading level 4 after level 2, expected level 3 at most
 */
import { warn } from '../../diagnostics.js'
import type { ContentUnit } from './index.js'

export function headingIncrement(unit: ContentUnit): void {
  let previous = unit.baseDepth
  for (const node of unit.nodes) {
    if (node.type !== 'heading') continue
    if (node.depth === 1) {
      warn(unit.file, 'Unexpected level-1 heading, expected level 2 or deeper: the page title is the level-1 heading', {
        ruleId: 'heading-increment',
        place: node.position
      })
    } else if (node.depth > previous + 1) {
      warn(unit.file, `Unexpected heading level ${node.depth} after level ${previous}, expected level ${previous + 1} at most`, {
        ruleId: 'heading-increment',
        place: node.position,
        note: 'Screen reader users navigate by heading levels; a skipped level reads as missing content.'
      })
    }
    previous = node.depth
  }
}
