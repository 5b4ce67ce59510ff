/**
 * Parse stage: a VFile becomes an mdast tree with positions, plus its front matter
 * as a YAML document. Syntax errors (Markdown, MDX, YAML) become positioned messages.
 */
import type { Root, Yaml } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { type Document, parseDocument } from 'yaml'
import { error } from '../diagnostics.js'
import { linkBareUrls, remarkGfmLean } from './gfm.js'

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
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++
    lineStart = index + 1
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
  let tree: Root
  try {
    tree = processor.parse(file)
  } catch (cause) {
    const message = cause instanceof VFileMessage ? cause : undefined
    const reason = message?.reason ?? String(cause)
    error(file, `Cannot parse MDX: ${reason.replace(/\s+/g, ' ')}`, {
      ruleId: 'mdx-syntax',
      place: message?.place ?? undefined,
      note: 'Components look like `<Callout type="note">…</Callout>`; a literal `<` or `{` in text must be escaped as `\\<` or `\\{`.'
    })
    return { file, tree: { type: 'root', children: [] }, frontmatter: undefined }
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

/** Read a front matter node into a YAML document; YAML errors become positioned messages. */
export function readFrontmatter(file: VFile, node: Yaml): Frontmatter {
  const text = String(file.value)
  const nodeStart = node.position?.start.offset ?? 0
  const offset = text.indexOf('\n', nodeStart) + 1
  const doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true })
  for (const problem of doc.errors) {
    error(file, `Cannot parse front matter: ${problem.message.split('\n')[0]}`, {
      ruleId: 'frontmatter-syntax',
      place: { start: pointAt(file, offset + problem.pos[0]), end: pointAt(file, offset + problem.pos[1]) }
    })
  }
  return { doc, data: doc.errors.length > 0 ? undefined : doc.toJS(), offset, node }
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
