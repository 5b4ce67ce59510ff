/**
 * `image-alt` (warning): every image has alternative text (WCAG 2.1 SC 1.1.1).
 *
 * @example
 *   ok:      ![A chart of online risks by age](chart.svg)
 *   not ok:  ![](chart.svg)
 *   → 3:1-3:16: Unexpected image without alternative text, expected `![description](…)`
 */
import { visit } from 'unist-util-visit'
import { warn } from '../../diagnostics.js'
import type { ContentUnit } from './index.js'

export function imageAlt(unit: ContentUnit): void {
  for (const node of unit.nodes) {
    visit(node, 'image', (image) => {
      if (!image.alt || image.alt.trim() === '') {
        warn(unit.file, 'Unexpected image without alternative text, expected `![description](…)` saying what the image shows', {
          ruleId: 'image-alt',
          place: image.position,
          note: 'Screen reader users hear the alternative text instead of seeing the image (WCAG 2.1 SC 1.1.1).'
        })
      }
    })
  }
}
