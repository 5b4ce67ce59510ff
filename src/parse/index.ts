/**
 * Parse stage: a VFile becomes an mdast tree with positions, plus its front matter
 * as a YAML document. Syntax errors (Markdown, MDX, YAML) become positioned messages.
 */
import type { Root, Yaml } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { Document, parseDocument, visit } from 'yaml'
import { error } from '../diagnostics.js'
import { linkBareUrls, remarkGfmLean } from './gfm.js'
import { checkDepth, maxBrackets, maxContainers, maxDelimiters, maxFileBrackets, maxFileDelimiters, maxNesting, scanLimits } from './limits.js'

export interface ParsedFile {
  file: VFile
  /** The mdast tree (the front matter node removed); empty when the file could not be parsed. */
  tree: Root
  /** Front matter document, when the file has a `---` block. */
  frontmatter: Frontmatter | undefined
}

export interface Frontmatter {
  doc: Document
  /** Plain JavaScript value of the YAML (undefined when the YAML has errors). */
  data: unknown
  /** Offset in the file at which the YAML text starts. */
  offset: number
  /** The front matter node (positions included). */
  node: Yaml
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmLean).use(remarkMdx).freeze()

/** Turn a character offset of a file into a line/column point. */
export function pointAt(file: VFile, offset: number): Point {
  const text = String(file.value)
  let line = 1
  let lineStart = 0
  // Line endings as micromark counts them: CRLF, CR or LF.
  const ending = /\r\n|\r|\n/g
  for (let match = ending.exec(text); match && match.index + match[0].length <= offset; match = ending.exec(text)) {
    line++
    lineStart = match.index + match[0].length
  }
  return { line, column: offset - lineStart + 1, offset }
}

/**
 * Parse one source file.
 *
 * @param file
 *   Markdown with optional YAML front matter and MDX components.
 */
export function parseFile(file: VFile): ParsedFile {
  const empty: ParsedFile = { file, tree: { type: 'root', children: [] }, frontmatter: undefined }
  const limit = scanLimits(String(file.value))
  if (limit) {
    error(file, `Unexpected ${limit.reason}, expected simpler Markdown`, { ruleId: limit.ruleId, place: limit.place, note: limitNote })
    return empty
  }
  let tree: Root
  try {
    tree = processor.parse(file)
  } catch (cause) {
    if (cause instanceof RangeError) {
      error(file, 'Unexpected nesting too deep to parse, expected simpler Markdown', { ruleId: 'nesting-too-deep', note: limitNote })
      return empty
    }
    const message = cause instanceof VFileMessage ? cause : undefined
    const reason = message?.reason ?? String(cause)
    error(file, `Cannot parse MDX: ${reason.replace(/\s+/g, ' ')}`, {
      ruleId: 'mdx-syntax',
      place: (message ? placeOf(message) : undefined) ?? undefined,
      note: 'Components look like `<Callout type="note">…</Callout>`; a literal `<` or `{` in text must be escaped as `\\<` or `\\{`.'
    })
    return empty
  }

  const deep = checkDepth(tree)
  if (deep) {
    error(file, `Unexpected ${deep.reason}, expected simpler Markdown`, { ruleId: 'nesting-too-deep', place: deep.node.position?.start, note: limitNote })
    return empty
  }
  linkBareUrls(tree)
  let frontmatter: Frontmatter | undefined
  const first = tree.children[0]
  if (first && first.type === 'yaml') {
    frontmatter = readFrontmatter(file, first)
    tree.children.shift()
  }
  return { file, tree, frontmatter }
}

const limitNote = `Course files are parsed within fixed bounds: at most ${maxNesting} levels of lists, blockquotes or components, at most ${maxDelimiters} emphasis markers or ${maxBrackets} brackets in one paragraph (${maxFileDelimiters} and ${maxFileBrackets} in one file), and at most ${maxContainers} separate lists or blockquotes in one file.`

/** The rule ids of problems that leave a file without a tree (later stages say nothing more about it). */
export const parseFailures: ReadonlySet<string> = new Set(['mdx-syntax', 'nesting-too-deep', 'markdown-too-complex'])

/**
 * Where a parser message points. mdast-util-mdx-jsx reports an unclosed tag at the end
 * without a place, the opening tag's place only in its text (`… \`<Callout>\` (3:1-3:10)`):
 * the opening tag is where the author must look.
 */
function placeOf(message: VFileMessage): Position | Point | undefined {
  const opening = /\((\d+):(\d+)-(\d+):(\d+)\)/.exec(message.reason)
  if (opening && !message.place) {
    const [line, column, endLine, endColumn] = opening.slice(1).map(Number) as [number, number, number, number]
    return { start: { line, column }, end: { line: endLine, column: endColumn } }
  }
  return message.place ?? undefined
}

/** Read a front matter node into a YAML document; YAML errors become positioned messages. */
export function readFrontmatter(file: VFile, node: Yaml): Frontmatter {
  const text = String(file.value)
  const nodeStart = node.position?.start.offset ?? 0
  const offset = text.indexOf('\n', nodeStart) + 1
  const place = (range: readonly number[]) => ({ start: pointAt(file, offset + (range[0] ?? 0)), end: pointAt(file, offset + (range[1] ?? range[0] ?? 0)) })
  const failed = (doc: Document): Frontmatter => ({ doc, data: undefined, offset, node })
  const deep = yamlTooDeep(node.value)
  if (deep !== undefined) {
    error(file, `Unexpected front matter nested more than ${maxYamlDepth} levels deep, expected plain values`, { ruleId: 'frontmatter-limit', place: pointAt(file, offset + deep) })
    return failed(new Document())
  }
  let doc: Document
  try {
    // Front matter is plain data: the core schema, no custom tags, no YAML 1.1 extras (`!!binary`, `!!set`).
    doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true, schema: 'core', customTags: [], resolveKnownTags: false, logLevel: 'error' })
  } catch (cause) {
    const tooDeep = cause instanceof RangeError
    error(file, tooDeep ? 'Unexpected front matter nested too deep to read, expected plain values' : `Cannot parse front matter: ${cause instanceof Error ? cause.message : String(cause)}`, {
      ruleId: tooDeep ? 'frontmatter-limit' : 'frontmatter-syntax',
      place: node.position
    })
    return failed(new Document())
  }
  // The first few errors say it all; a broken document can have thousands.
  for (const problem of doc.errors.slice(0, 5)) {
    const tooDeep = /call stack/i.test(problem.message)
    error(file, tooDeep ? 'Unexpected front matter nested too deep to read, expected plain values' : `Cannot parse front matter: ${problem.message.split('\n')[0]}`, {
      ruleId: tooDeep ? 'frontmatter-limit' : 'frontmatter-syntax',
      place: place(problem.pos)
    })
  }
  let tagged = false
  for (const tag of unknownTags(doc)) {
    tagged = true
    error(file, `Unexpected YAML tag \`${tag.tag}\`, expected plain values (text, numbers, true/false, lists and mappings)`, {
      ruleId: 'frontmatter-tag',
      place: place(tag.range),
      note: 'Front matter is data, never code: YAML tags such as `!!js/function` or `!!binary` are not read.'
    })
  }
  if (doc.errors.length > 0 || tagged) return failed(doc)
  try {
    return { doc, data: doc.toJS({ maxAliasCount: maxAliases }), offset, node }
  } catch (cause) {
    // The yaml library refuses aliases that expand past `maxAliasCount` ("billion laughs").
    const reason = cause instanceof Error ? cause.message : String(cause)
    const alias = /alias/i.test(reason)
    error(file, alias ? `Unexpected YAML aliases that expand past ${maxAliases} nodes, expected plain values (${reason})` : `Unexpected front matter nested too deep to read, expected plain values (${reason})`, {
      ruleId: 'frontmatter-limit',
      place: (alias ? firstAlias(doc) : undefined) ?? node.position
    })
    return failed(doc)
  }

  function firstAlias(d: Document) {
    let range: readonly number[] | undefined
    try {
      visit(d, {
        Alias(_, found) {
          range = found.range ?? undefined
          return visit.BREAK
        }
      })
    } catch {
      return undefined
    }
    return range ? place(range) : undefined
  }
}

/** Deepest nesting front matter may have: flow brackets, or block indentation in columns / 2. */
const maxYamlDepth = 100

/** Offset of the first place where YAML text nests past `maxYamlDepth` (one linear pass), or undefined. */
function yamlTooDeep(yaml: string): number | undefined {
  let depth = 0
  let lineStart = true
  let indent = 0
  let quote: string | undefined
  for (let index = 0; index < yaml.length; index++) {
    const c = yaml[index]
    if (c === '\n') {
      lineStart = true
      indent = 0
      continue
    }
    // Indentation, and compact nesting (`- - - x`, `? - x`): each level takes two columns.
    if (lineStart && (c === ' ' || ((c === '-' || c === '?') && /[ \t]/.test(yaml[index + 1] ?? '')))) {
      if (++indent > maxYamlDepth * 2) return index
      continue
    }
    lineStart = false
    if (quote !== undefined) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"') index++
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === '#' && (index === 0 || /\s/.test(yaml[index - 1] ?? ''))) {
      const end = yaml.indexOf('\n', index)
      index = end === -1 ? yaml.length : end - 1
    } else if (c === '[' || c === '{') {
      if (++depth > maxYamlDepth) return index
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1)
    }
  }
  return undefined
}

/** How many nodes aliases may expand to in one front matter (the yaml library's `maxAliasCount`). */
const maxAliases = 100

/**
 * Explicit tags outside the core schema. Parsed with the core schema and no custom or
 * known extra tags, the yaml library leaves every such tag unresolved, with a warning.
 */
function unknownTags(doc: Document): Array<{ tag: string; range: readonly number[] }> {
  return doc.warnings
    .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
    .map((w) => ({ tag: w.message.replace(/^Unresolved tag: /, '').replace(/^tag:yaml.org,2002:/, '!!'), range: w.pos }))
}

/**
 * A parse stage that remembers its results: a file whose text did not change since the
 * last call is not parsed again (the preview rebuilds on every save). The model stage
 * changes trees in place (links, image paths), so each caller gets its own copy.
 */
export function createParseCache(): (file: VFile) => ParsedFile {
  const cache = new Map<string, { value: string; tree: Root; yaml: Yaml | undefined }>()
  return (file) => {
    const value = String(file.value)
    const hit = cache.get(file.path)
    if (hit && hit.value === value) {
      const tree = structuredClone(hit.tree)
      return { file, tree, frontmatter: hit.yaml ? readFrontmatter(file, hit.yaml) : undefined }
    }
    const parsed = parseFile(file)
    const clean = !file.messages.some((m) => m.fatal)
    if (clean) {
      cache.set(file.path, { value, tree: structuredClone(parsed.tree), yaml: parsed.frontmatter?.node })
    } else {
      cache.delete(file.path)
    }
    return parsed
  }
}
