/**
 * Bounded parsing. micromark is linear on ordinary text, but deep nesting overflows the
 * stack of the tree builders, and some inline inputs are quadratic (its attention and
 * label resolvers walk back over every earlier unmatched `*`, `_`, `~` or `[` of a
 * paragraph: `'a*' × 50,000` took minutes). A linear pre-scan of the text refuses such
 * input, with a position, before micromark sees it; a depth check of the tree after
 * parsing catches what the scan cannot see.
 */
import type { Nodes, Root } from 'mdast'
import type { Point } from 'unist'

/** Most levels of lists, blockquotes or components. */
export const maxNesting = 100
/** Most nodes on one path from the root, inline nesting (`*_*_…`) included. */
export const maxTreeDepth = 400
/** Most emphasis delimiters (`*`, `_`, `~`) in one paragraph, table row or line. */
export const maxDelimiters = 1000
/** Most brackets (`[`, `]`) in one paragraph, table row or line. */
export const maxBrackets = 2000
/**
 * Most emphasis markers, and most brackets, in one file. The cost is quadratic per
 * paragraph, so many paragraphs each just under the paragraph limits still add up
 * (measured on a loaded machine: 100 paragraphs of 999 `a*` took 3.5 s).
 */
export const maxFileDelimiters = 10_000
export const maxFileBrackets = 10_000
/**
 * Most separate lists and blockquotes in one file. micromark's container handling is
 * quadratic in their number (measured, remark-parse alone: 1,000 blockquotes 0.3 s,
 * 2,000 1.0 s; 10,000 would take half a minute), not in the file's size.
 */
export const maxContainers = 500

export interface LimitProblem {
  ruleId: 'nesting-too-deep' | 'markdown-too-complex'
  reason: string
  place: Point
}

const listMarker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/

/** Column width of leading whitespace (tabs to the next multiple of 4, as CommonMark does). */
function indentOf(line: string): { width: number; length: number } {
  let width = 0
  let length = 0
  for (; length < line.length; length++) {
    const c = line[length]
    if (c === ' ') width++
    else if (c === '\t') width += 4 - (width % 4)
    else break
  }
  return { width, length }
}

/**
 * Scan Markdown text in one pass for nesting deeper than `maxNesting` (container
 * markers at line starts, list indentation, component tags) and for paragraphs with more
 * inline delimiters than micromark resolves in bounded time.
 *
 * @param text
 *   The whole file (front matter included; it holds none of these markers in practice).
 * @returns
 *   The first problem, or undefined.
 */
export function scanLimits(text: string): LimitProblem | undefined {
  /** Content columns of the open list items (the list nesting of the current line). */
  const lists: number[] = []
  let fence: string | undefined
  let tags = 0
  let delimiters = 0
  let brackets = 0
  let containers = 0
  let fileDelimiters = 0
  let fileBrackets = 0
  let inContainer = false
  let lineNumber = 0
  let start = 0
  // Front matter is YAML, read by its own parser: the scan starts after it.
  const frontmatter = /^---[ \t]*\r?\n(?:[^]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text)
  if (frontmatter) {
    start = frontmatter[0].length
    lineNumber = (frontmatter[0].match(/\n/g) ?? []).length
    if (!frontmatter[0].endsWith('\n')) return undefined
  }
  // Line endings as micromark counts them: CRLF, CR or LF.
  const ending = /\r\n|\r|\n/g
  while (start <= text.length) {
    ending.lastIndex = start
    const newline = ending.exec(text)
    const end = newline ? newline.index : text.length
    const line = text.slice(start, end)
    const lineStart = start
    lineNumber++
    start = newline ? end + newline[0].length : text.length + 1
    const at = (column: number): Point => ({ line: lineNumber, column: column + 1, offset: lineStart + column })

    if (line.trim() === '') {
      delimiters = 0
      brackets = 0
      inContainer = false
      if (!newline) break
      continue
    }
    if (fence !== undefined) {
      // Inside fenced code nothing counts; only the closing fence (after any container prefix) matters.
      const closing = /^[\s>]*(`{3,}|~{3,})\s*$/.exec(line)?.[1]
      if (closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length) fence = undefined
      if (!newline) break
      continue
    }
    // Container prefix: `>` markers and list markers, the list stack following indentation.
    const { width, length } = indentOf(line)
    while (lists.length > 0 && width < (lists[lists.length - 1] ?? 0)) lists.pop()
    let depth = lists.length
    let column = length
    let quotes = 0
    let newBlock = false
    for (;;) {
      const rest = line.slice(column)
      const markerAt = column
      if (rest.startsWith('>')) {
        quotes++
        depth++
        column++
        newBlock = true
      } else {
        const marker = width < (lists[lists.length - 1] ?? 0) + 4 ? listMarker.exec(rest) : null
        if (!marker) break
        depth++
        const after = column + marker[0].length
        const spaces = indentOf(line.slice(after)).length
        // Inside a blockquote, list columns are relative to its content: not tracked (counted on this line only).
        if (quotes === 0) lists.push(after + Math.min(Math.max(spaces, 1), 4))
        column = after + spaces
        newBlock = true
      }
      while (line[column] === ' ' || line[column] === '\t') column++
      if (depth > maxNesting) {
        return { ruleId: 'nesting-too-deep', reason: `more than ${maxNesting} levels of lists or blockquotes`, place: at(markerAt) }
      }
    }
    if (newBlock && !inContainer && ++containers > maxContainers) {
      return { ruleId: 'markdown-too-complex', reason: `more than ${maxContainers} separate lists or blockquotes in one file`, place: at(length) }
    }
    inContainer = newBlock || (inContainer && lists.length > 0)
    const content = line.slice(column)
    const opening = /^(`{3,}|~{3,})/.exec(content)?.[1]
    if (opening !== undefined) {
      fence = opening
      if (!newline) break
      continue
    }
    if (newBlock || /^(?:#|<)/.test(content)) {
      delimiters = 0
      brackets = 0
    }
    // Inline: component tags (outside code spans) and delimiter counts.
    for (let index = column; index < line.length; index++) {
      const c = line[index]
      if (c === '\\') {
        index++
      } else if (c === '`') {
        let run = 1
        while (line[index + run] === '`') run++
        const close = line.indexOf('`'.repeat(run), index + run)
        index = close === -1 ? index + run - 1 : close + run - 1
      } else if (c === '*' || c === '_' || c === '~') {
        if (++fileDelimiters > maxFileDelimiters) {
          return { ruleId: 'markdown-too-complex', reason: `more than ${maxFileDelimiters} emphasis markers (\`*\`, \`_\`, \`~\`) in one file`, place: at(index) }
        }
        if (++delimiters > maxDelimiters) {
          return { ruleId: 'markdown-too-complex', reason: `more than ${maxDelimiters} emphasis markers (\`*\`, \`_\`, \`~\`) in one paragraph`, place: at(index) }
        }
      } else if (c === '[' || c === ']') {
        if (++fileBrackets > maxFileBrackets) {
          return { ruleId: 'markdown-too-complex', reason: `more than ${maxFileBrackets} brackets (\`[\`, \`]\`) in one file`, place: at(index) }
        }
        if (++brackets > maxBrackets) {
          return { ruleId: 'markdown-too-complex', reason: `more than ${maxBrackets} brackets (\`[\`, \`]\`) in one paragraph`, place: at(index) }
        }
      } else if (c === '<') {
        const next = line[index + 1] ?? ''
        if (next === '/') tags = Math.max(0, tags - 1)
        else if (/[A-Za-z]/.test(next)) {
          const close = line.indexOf('>', index)
          if (close === -1 || line[close - 1] !== '/') tags++
          if (tags > maxNesting) return { ruleId: 'nesting-too-deep', reason: `more than ${maxNesting} levels of components`, place: at(index) }
        }
      }
    }
    if (!newline) break
  }
  return undefined
}

/**
 * Check a parsed tree's depth without recursion: containers (lists, blockquotes,
 * components) at most `maxNesting` deep, any node at most `maxTreeDepth` deep.
 *
 * @returns
 *   The first node past a limit, with the reason, or undefined.
 */
export function checkDepth(tree: Root): { node: Nodes; reason: string } | undefined {
  const stack: Array<{ node: Nodes; depth: number; containers: number }> = [{ node: tree, depth: 0, containers: 0 }]
  while (stack.length > 0) {
    const { node, depth, containers } = stack.pop() as (typeof stack)[number]
    const container = node.type === 'list' || node.type === 'blockquote' || node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement'
    const inside = containers + (container ? 1 : 0)
    if (inside > maxNesting) return { node, reason: `more than ${maxNesting} levels of lists, blockquotes or components` }
    if (depth > maxTreeDepth) return { node, reason: `more than ${maxTreeDepth} levels of nested Markdown (such as emphasis inside emphasis)` }
    if ('children' in node) for (const child of node.children) stack.push({ node: child as Nodes, depth: depth + 1, containers: inside })
  }
  return undefined
}
