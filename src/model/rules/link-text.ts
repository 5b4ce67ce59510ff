/**
 * `link-text` (warning): link text says where the link goes, not "click here"
 * (WCAG 2.1 SC 2.4.4). Also flags links whose text is the bare URL.
 *
 * @example
 *   ok:      Read [the UNICEF guidance on child rights](https://…)
 *   not ok:  Read the guidance [here](https://…)
 *   → Unexpected link text `here`, expected text that says where the link goes
 */
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { warn } from '../../diagnostics.js'
import type { ContentUnit } from './index.js'

/** Vague link texts, in the course languages coursepack ships player strings for. */
const vague = new Set([
  'click here', 'here', 'click', 'this', 'this link', 'link', 'more', 'read more', 'learn more', 'go', 'see here',
  'ici', 'cliquez ici', 'en savoir plus', 'aquí', 'haga clic aquí', 'más', 'здесь', 'нажмите здесь', 'подробнее', '点击这里', '这里', 'اضغط هنا', 'هنا'
])

export function linkText(unit: ContentUnit): void {
  for (const node of unit.nodes) {
    visit(node, 'link', (link) => {
      const text = toString(link).trim()
      const normalized = text.toLowerCase().replace(/[.!:…]+$/, '')
      if (vague.has(normalized)) {
        warn(unit.file, `Unexpected link text \`${text}\`, expected text that says where the link goes`, {
          ruleId: 'link-text',
          place: link.position,
          note: 'Screen reader users often list the links of a page; "click here" tells them nothing (WCAG 2.1 SC 2.4.4).'
        })
      }
    })
  }
}
