/**
 * One pass over descriptor text before it is parsed into a tree: counts elements and nesting
 * depth, and stops at the first limit reached, so that a hostile manifest costs a scan in
 * constant memory rather than a tree (XML 1.0 §2.5 comments, §2.6 processing instructions,
 * §2.7 CDATA sections and §2.8 the DOCTYPE hold no elements and are skipped). An entity
 * declaration (§4.2) in the DOCTYPE stops the check too: it is how billion-laughs and XXE
 * documents start, and no SCORM, cmi5 or xAPI descriptor needs one.
 */
import { count, limits, type LimitRule } from './limits.js'

export interface ScanLimit {
  ruleId: LimitRule | 'xml-entity'
  message: string
  line: number
}

const lineOf = (text: string, index: number): number => {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}

/** Index just past `close` from `from`, or the end of the text. */
function skipPast(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from)
  return at === -1 ? text.length : at + close.length
}

/** Next index of a character at or after `from`, remembered so that each is searched for once per stretch. */
class Next {
  private at = -2
  constructor(
    private readonly text: string,
    private readonly char: string
  ) {}

  from(index: number): number {
    if (this.at !== -1 && this.at < index) this.at = this.text.indexOf(this.char, index)
    return this.at === -1 ? Infinity : this.at
  }
}

interface Cursors {
  gt: Next
  double: Next
  single: Next
}

/** Index just past a start tag's `>` (quoted values may hold `>`), and whether it ends in `/>`. */
function tagEnd(text: string, from: number, next: Cursors): { end: number; empty: boolean } {
  let i = from
  for (;;) {
    const gt = next.gt.from(i)
    if (gt === Infinity) return { end: text.length, empty: true }
    const quote = Math.min(next.double.from(i), next.single.from(i))
    if (quote > gt) return { end: gt + 1, empty: text[gt - 1] === '/' }
    const close = text.indexOf(text[quote] as string, quote + 1)
    if (close === -1) return { end: text.length, empty: true }
    i = close + 1
  }
}

/** The DOCTYPE's end: past its internal subset `[…]`, if any. */
function doctypeEnd(text: string, from: number): number {
  const bracket = text.indexOf('[', from)
  const close = text.indexOf('>', from)
  if (bracket === -1 || (close !== -1 && close < bracket)) return close === -1 ? text.length : close + 1
  return skipPast(text, skipPast(text, bracket, ']'), '>')
}

/** The first limit the document goes over (`limits.xmlDepth`, `limits.xmlElements`) or an entity declaration, if any. */
export function scanXml(text: string): ScanLimit | undefined {
  // Anywhere, not only inside what looks like the DOCTYPE: quotes and brackets in an internal
  // subset must not be able to hide a declaration from the scan. Escaped text (`&lt;!ENTITY`) passes.
  const entity = text.search(/<!ENTITY\b/)
  if (entity !== -1) {
    return {
      ruleId: 'xml-entity',
      message: 'Unexpected entity declaration in the DOCTYPE, expected none: a descriptor needs no entities, and an LMS parser may expand them (billion laughs) or read the files and URLs they name (XXE): not checked further',
      line: lineOf(text, entity)
    }
  }
  let depth = 0
  let elements = 0
  const cursors: Cursors = { gt: new Next(text, '>'), double: new Next(text, '"'), single: new Next(text, "'") }
  let i = text.indexOf('<')
  while (i !== -1 && i < text.length) {
    let next: number
    if (text.startsWith('<!--', i)) next = skipPast(text, i + 4, '-->')
    else if (text.startsWith('<![CDATA[', i)) next = skipPast(text, i + 9, ']]>')
    else if (text.startsWith('<?', i)) next = skipPast(text, i + 2, '?>')
    else if (text.startsWith('<!', i)) next = doctypeEnd(text, i + 2)
    else if (text.startsWith('</', i)) {
      depth = Math.max(0, depth - 1)
      next = skipPast(text, i + 2, '>')
    } else {
      const { end, empty } = tagEnd(text, i + 1, cursors)
      elements++
      if (!empty) depth++
      if (depth > limits.xmlDepth) {
        return { ruleId: 'limit-xml-depth', message: `Unexpected elements nested more than ${limits.xmlDepth} deep, expected a shallower document: not checked further`, line: lineOf(text, i) }
      }
      if (elements > limits.xmlElements) {
        return { ruleId: 'limit-xml-elements', message: `Unexpected document with more than ${count(limits.xmlElements)} elements, expected fewer: not checked further`, line: lineOf(text, i) }
      }
      next = end
    }
    i = text.indexOf('<', next)
  }
  return undefined
}
