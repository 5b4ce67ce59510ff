/**
 * A small namespace-aware XML tree with line numbers, on top of fast-xml-parser, so that
 * descriptors written by other tools (other prefixes, nested xmlns declarations) are read
 * by namespace URI and local name rather than by the prefixes they happen to use.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { scanXml, type ScanLimit } from './xml-scan.js'

export const xmlNamespace = 'http://www.w3.org/XML/1998/namespace'

export interface XmlAttribute {
  /** Qualified name as written (`adlcp:scormType`). */
  name: string
  local: string
  /** Namespace URI; '' for unprefixed attributes. */
  ns: string
  value: string
}

export interface XmlElement {
  name: string
  local: string
  /** Namespace URI; '' when none is in scope. */
  ns: string
  attributes: XmlAttribute[]
  children: XmlElement[]
  /** Concatenated text content of this element (not of descendants), trimmed. */
  text: string
  /** 1-based line of the start tag. */
  line: number
}

type RawNode = Record<string, unknown>

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true
})
const meta = XMLParser.getMetaDataSymbol() as unknown as string

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

function lineAt(starts: number[], index: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] ?? 0) <= index) low = mid
    else high = mid - 1
  }
  return low + 1
}

type Split = readonly [name: string, prefix: string, local: string]

/**
 * A qualified name and its parts, one copy per distinct name: a manifest repeats a few names
 * hundreds of thousands of times, and the parser hands each occurrence over as its own string.
 */
function splitter(): (name: string) => Split {
  const seen = new Map<string, Split>()
  return (name) => {
    let found = seen.get(name)
    if (!found) {
      const colon = name.indexOf(':')
      found = colon === -1 ? [name, '', name] : [name, name.slice(0, colon), name.slice(colon + 1)]
      seen.set(name, found)
    }
    return found
  }
}

/** Shared by every element without children or attributes (nothing mutates a parsed tree). */
const none: never[] = []

/** Put in place of each parser node once converted, so that it can be collected. */
const converted: RawNode = Object.freeze({})

interface Context {
  starts: number[]
  split: (name: string) => Split
}

function convert(node: RawNode, scope: ReadonlyMap<string, string>, context: Context): XmlElement | undefined {
  const key = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'))
  if (key === undefined) return undefined
  const raw = (node[':@'] ?? {}) as Record<string, string>
  // A new scope only where an element declares namespaces: most share their parent's.
  let local = scope
  for (const [name, value] of Object.entries(raw)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
    if (local === scope) local = new Map(scope)
    ;(local as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value)
  }
  let attributes: XmlAttribute[] = none
  for (const [qualified, value] of Object.entries(raw)) {
    if (qualified === 'xmlns' || qualified.startsWith('xmlns:')) continue
    const [name, prefix, localName] = context.split(qualified)
    const ns = prefix === '' ? '' : prefix === 'xml' ? xmlNamespace : (local.get(prefix) ?? '')
    if (attributes === none) attributes = []
    attributes.push({ name, local: localName, ns, value: String(value) })
  }
  const [name, prefix, localName] = context.split(key)
  let children: XmlElement[] = none
  const texts: string[] = []
  const content = (node[key] ?? []) as RawNode[]
  // Let the parser's nodes go as they are converted: the two trees are never whole at once.
  node[key] = undefined
  for (let i = 0; i < content.length; i++) {
    const child = content[i] as RawNode
    content[i] = converted
    if ('#text' in child) texts.push(String(child['#text']))
    else {
      const element = convert(child, local, context)
      if (!element) continue
      if (children === none) children = []
      children.push(element)
    }
  }
  const start = (node[meta] as { startIndex?: number } | undefined)?.startIndex ?? 0
  return {
    name,
    local: localName,
    ns: prefix === 'xml' ? xmlNamespace : (local.get(prefix) ?? ''),
    attributes,
    children,
    text: texts.length === 0 ? '' : texts.join('').trim(),
    line: lineAt(context.starts, start)
  }
}

export type ParsedXml = { ok: true; root: XmlElement; text: string } | { ok: false; message: string; line: number | undefined } | ({ ok: false } & ScanLimit)

/**
 * Parse XML text; a document that is not well-formed gives the parser's message and line, one
 * over `limits.xmlDepth` or `limits.xmlElements`, or with entity declarations, the rule that
 * stopped the scan (xml-scan.ts) and no tree.
 */
export function parseXml(source: string): ParsedXml {
  const text = source.replace(/\r\n?/g, '\n')
  const limit = scanXml(text)
  if (limit) return { ok: false, ...limit }
  const validity = XMLValidator.validate(text)
  if (validity !== true) return { ok: false, message: validity.err.msg, line: validity.err.line }
  let nodes: RawNode[]
  try {
    nodes = parser.parse(text) as RawNode[]
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause), line: undefined }
  }
  const starts = lineStarts(text)
  const context: Context = { starts, split: splitter() }
  const roots = nodes.map((node) => convert(node, new Map(), context)).filter((e): e is XmlElement => e !== undefined)
  nodes.length = 0
  const root = roots[0]
  if (!root) return { ok: false, message: 'Cannot find a root element', line: 1 }
  return { ok: true, root, text }
}

/** The value of an attribute by local name and namespace ('' = unprefixed). */
export function attr(element: XmlElement, local: string, ns = ''): string | undefined {
  return element.attributes.find((a) => a.local === local && a.ns === ns)?.value
}

/** Child elements by local name (and namespace, when given). */
export function kids(element: XmlElement, local: string, ns?: string): XmlElement[] {
  return element.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns))
}

/** Descendant elements (document order) by local name (and namespace, when given). */
export function descendants(element: XmlElement, local: string, ns?: string): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.local === local && (ns === undefined || child.ns === ns)) found.push(child)
      walk(child)
    }
  }
  walk(element)
  return found
}

/** Every element of the tree in document order, root first (iterative: no deep spreads). */
export function allElements(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = []
  const stack: XmlElement[] = [root]
  for (let element = stack.pop(); element; element = stack.pop()) {
    found.push(element)
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i] as XmlElement)
  }
  return found
}
