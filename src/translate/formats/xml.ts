/**
 * The XML under both XLIFF formats: escaping for writing, and a small ordered tree for reading
 * mixed content exactly (text is never trimmed; the five predefined entities and character
 * references are decoded here, and a DOCTYPE is refused, so no entity is ever expanded).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { scanXml } from '../../check/xml-scan.js'

export interface XmlNode {
  name: string
  attributes: Record<string, string>
  children: Array<string | XmlNode>
  /** Offset of the start tag in the text. */
  offset: number
}

export type XmlRead = { ok: true; root: XmlNode } | { ok: false; message: string; offset: number }

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment'
})
const meta = XMLParser.getMetaDataSymbol() as unknown as string

/** Escape text for an element's content or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (match, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16))
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10))
    return named[body] ?? match
  })
}

type Raw = Record<string, unknown>

function convert(raw: Raw): XmlNode | undefined {
  const name = Object.keys(raw).find((key) => key !== ':@' && key !== '#comment' && key !== '#text')
  if (name === undefined) return undefined
  const attributes: Record<string, string> = {}
  for (const [key, value] of Object.entries((raw[':@'] as Record<string, unknown> | undefined) ?? {})) attributes[key] = decode(String(value))
  const children: XmlNode['children'] = []
  for (const child of (raw[name] as Raw[] | undefined) ?? []) {
    if ('#text' in child) children.push(decode(String(child['#text'])))
    else if ('#comment' in child) continue
    else {
      const element = convert(child)
      if (element) children.push(element)
    }
  }
  const info = (raw as Record<string, { startIndex?: number } | undefined>)[meta]
  return { name, attributes, children, offset: info?.startIndex ?? 0 }
}

/** Parse an XLIFF file's text; a document that is not well-formed gives the parser's message. */
export function readXml(text: string): XmlRead {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, message: 'Unexpected DOCTYPE, expected XLIFF without a document type (entities are never expanded)', offset: Math.max(0, text.search(/<!DOCTYPE|<!ENTITY/i)) }
  const limit = scanXml(text)
  if (limit) return { ok: false, message: `Unexpected XML over the limits (${limit.ruleId})`, offset: 0 }
  const validity = XMLValidator.validate(text)
  if (validity !== true) {
    const line = validity.err.line
    let offset = 0
    for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1
    return { ok: false, message: `Unexpected XML: ${validity.err.msg}`, offset: offset + Math.max(0, validity.err.col - 1) }
  }
  const nodes = parser.parse(text) as Raw[]
  const root = nodes.map(convert).find((node): node is XmlNode => node !== undefined)
  if (!root) return { ok: false, message: 'Cannot find a root element, expected `<xliff>`', offset: 0 }
  return { ok: true, root }
}

/** The local part of a qualified name (`xlf:unit` → `unit`). */
export const local = (name: string) => name.slice(name.indexOf(':') + 1)

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c): c is XmlNode => typeof c !== 'string' && local(c.name) === name)
}
