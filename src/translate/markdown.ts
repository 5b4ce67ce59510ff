/**
 * A translated file written from its source: the source's text with each unit's range replaced
 * by its translation, so everything that is not a unit (ids, link targets, `[x]` marks, points,
 * components, code) is the source's, byte for byte. The front matter is the source's with its text
 * keys translated; a translated `course.md` carries only `title`, `description` and `objectives`.
 */
import { Document, parseDocument } from 'yaml'
import type { Piece } from './inline.js'
import { escapeMarkdown, plainText, toMarkdown } from './inline.js'
import { toCueText } from './captions.js'
import type { MarkdownSource } from './course.js'
import { textKeys, type Unit } from './units.js'

/** A unit's text in its place: Markdown, a table cell, an image's alt, a component's attribute. */
function render(unit: Unit, pieces: readonly Piece[]): string {
  switch (unit.place) {
    case 'block':
      return toMarkdown(pieces, unit.text.codes, { prefix: unit.prefix })
    case 'heading':
      return toMarkdown(pieces, unit.text.codes, { singleLine: true })
    case 'cell':
      return toMarkdown(pieces, unit.text.codes, { singleLine: true, table: true })
    case 'alt':
      return escapeMarkdown(plainText(pieces).replace(/\s*[\r\n]+\s*/g, ' '))
    case 'attribute':
      // MDX decodes character references in attribute values, and a string has no other escape:
      // only an `&` that would start one, and the attribute's own quote, are written as references,
      // so a translator's apostrophe in a double-quoted title stays as they typed it.
      return plainText(pieces)
        .replace(/&(?=#?[\p{L}\p{N}]+;)/gu, '&amp;')
        .replace(unit.prefix === "'" ? /'/g : /"/g, unit.prefix === "'" ? '&#39;' : '&quot;')
    case 'frontmatter':
      return plainText(pieces)
    case 'cue':
      return toCueText(pieces, unit.text.codes)
  }
}

/**
 * The translated Markdown of one source file.
 *
 * @param targets
 *   Translation of each unit, by id; a unit without one keeps the source's text.
 */
export function translatedMarkdown(source: MarkdownSource, targets: ReadonlyMap<string, readonly Piece[]>): string {
  const text = String(source.parsed.file.value)
  const body = source.units.filter((u) => u.place !== 'frontmatter').sort((a, b) => a.range[0] - b.range[0])
  let out = ''
  let at = 0
  const fm = source.parsed.frontmatter
  if (fm?.node.position) {
    const start = fm.node.position.start.offset ?? 0
    const end = fm.node.position.end.offset ?? 0
    out += text.slice(0, start) + frontmatter(source, targets)
    at = end
  }
  for (const unit of body) {
    if (unit.range[0] < at) continue
    const target = targets.get(unit.id)
    out += text.slice(at, unit.range[0]) + (target ? render(unit, target) : text.slice(unit.range[0], unit.range[1]))
    at = unit.range[1]
  }
  return out + text.slice(at)
}

/** The front matter block (`---` … `---`), its text keys translated. */
function frontmatter(source: MarkdownSource, targets: ReadonlyMap<string, readonly Piece[]>): string {
  const fm = source.parsed.frontmatter
  const doc = fm ? parseDocument(fm.node.value) : new Document({})
  for (const unit of source.units) {
    const target = targets.get(unit.id)
    if (unit.place !== 'frontmatter' || !unit.key || !target) continue
    doc.setIn(unit.key, plainText(target))
  }
  if (source.isCourse) {
    const data = (doc.toJS() ?? {}) as Record<string, unknown>
    const kept = new Document(Object.fromEntries(textKeys.filter((k) => data[k] !== undefined && data[k] !== '').map((k) => [k, data[k]])))
    return `---\n${kept.toString({ lineWidth: 0 })}---`
  }
  return `---\n${doc.toString({ lineWidth: 0 })}---`
}
