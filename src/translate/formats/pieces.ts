/**
 * A source or target element read back as text and codes, the same way in both formats: only
 * their names differ (2.0 `<pc>` and `<ph/>`, 1.2 `<g>` and `<x/>`); `<mrk>` is transparent.
 */
import type { Piece } from '../inline.js'
import type { XliffProblem } from './types.js'
import { local, type XmlNode } from './xml.js'

/** The reader of one format's inline codes: a paired code's element name and a standalone one's. */
export function codeReader(paired: string, standalone: string): (node: XmlNode, unit: string, problems: XliffProblem[]) => Piece[] {
  const expected = `expected text with the source's \`<${paired}>\` and \`<${standalone}/>\` codes`
  const pieces = (node: XmlNode, unit: string, problems: XliffProblem[]): Piece[] => {
    const out: Piece[] = []
    for (const child of node.children) {
      if (typeof child === 'string') {
        out.push(child)
        continue
      }
      const name = local(child.name)
      const id = child.attributes.id ?? ''
      if (name === paired) out.push({ code: 'pc', id, kind: 'other', children: pieces(child, unit, problems) })
      else if (name === standalone) out.push({ code: 'ph', id, kind: 'other' })
      else if (name === 'mrk') out.push(...pieces(child, unit, problems))
      else problems.push({ message: `Unexpected \`<${child.name}>\` in unit \`${unit}\`, ${expected}`, offset: child.offset, unit })
    }
    return out
  }
  return pieces
}
