import { describe, expect, test } from 'vitest'
import { VFile } from 'vfile'
import type { Blockquote, PhrasingContent, Root, RootContent } from 'mdast'
import { linkBareUrls } from '../src/parse/gfm.js'
import { parseFile, pointAt } from '../src/parse/index.js'
import { checkDepth, scanLimits } from '../src/parse/limits.js'

const file = (value: string) => new VFile({ path: 'lesson.md', value })

describe('parseFile', () => {
  test('reads front matter and removes it from the tree', () => {
    const parsed = parseFile(file('---\ntitle: Hello\n---\n\n# Body\n'))
    expect(parsed.frontmatter?.data).toEqual({ title: 'Hello' })
    expect(parsed.tree.children.map((n) => n.type)).toEqual(['heading'])
    expect(parsed.file.messages).toEqual([])
  })

  test('keeps positions on nodes', () => {
    const parsed = parseFile(file('---\ntitle: a\n---\n\nText\n'))
    expect(parsed.tree.children[0]?.position?.start).toMatchObject({ line: 5, column: 1 })
  })

  test('parses GFM task lists and MDX components', () => {
    const parsed = parseFile(file('<Question id="a" points={2}>\n\n## Q\n\n- [x] yes\n- [ ] no\n\n</Question>\n'))
    const element = parsed.tree.children[0]
    expect(element?.type).toBe('mdxJsxFlowElement')
    const list = element && 'children' in element ? element.children[1] : undefined
    expect(list && list.type === 'list' ? list.children.map((i) => i.checked) : []).toEqual([true, false])
  })

  test('reports YAML errors at their line and column in the file', () => {
    const f = file('---\ntitle: a\nobjectives: [one, two\n---\n')
    parseFile(f)
    expect(f.messages[0]?.ruleId).toBe('frontmatter-syntax')
    expect(f.messages[0]?.fatal).toBe(true)
    expect(f.messages[0]?.line).toBeGreaterThanOrEqual(3)
    expect(String(f.messages[0])).toMatch(/^lesson\.md:\d+:\d+/)
  })

  test('reports MDX syntax errors with their position', () => {
    const f = file('Text\n\nAn unclosed <Callout type="note"\n')
    const parsed = parseFile(f)
    expect(parsed.tree.children).toEqual([])
    expect(f.messages).toHaveLength(1)
    expect(f.messages[0]).toMatchObject({ ruleId: 'mdx-syntax', fatal: true, line: 3 })
  })

  test('reports duplicate front matter keys', () => {
    const f = file('---\ntitle: a\ntitle: b\n---\n')
    parseFile(f)
    expect(f.messages[0]).toMatchObject({ ruleId: 'frontmatter-syntax', line: 3 })
  })
})

describe('GFM without autolink literals', () => {
  test('tables, task lists, strikethrough and footnotes parse', () => {
    const parsed = parseFile(file('| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: A note.\n'))
    expect(parsed.tree.children.map((n) => n.type)).toEqual(['table', 'list', 'paragraph', 'footnoteDefinition'])
  })

  test('bare URLs become links, with positions; URLs in code and links stay as they are', () => {
    const parsed = parseFile(file('See https://example.org/a-b. And `https://code.example` or [x](https://y.example).\n'))
    const paragraph = parsed.tree.children[0]
    const kinds = paragraph && 'children' in paragraph ? paragraph.children.map((c) => (c.type === 'link' ? `link:${c.url}` : c.type)) : []
    expect(kinds).toEqual(['text', 'link:https://example.org/a-b', 'text', 'inlineCode', 'text', 'link:https://y.example', 'text'])
    const link = paragraph && 'children' in paragraph ? paragraph.children[1] : undefined
    expect(link?.position?.start).toMatchObject({ line: 1, column: 5 })
  })
})

describe('pointAt', () => {
  test('maps offsets to 1-based lines and columns', () => {
    const f = file('ab\ncd\n')
    expect(pointAt(f, 0)).toMatchObject({ line: 1, column: 1 })
    expect(pointAt(f, 4)).toMatchObject({ line: 2, column: 2 })
  })
})

describe('bounded parsing', () => {
  /** A tree of `depth` nested blockquotes, built directly (no parser could make it). */
  const deepTree = (depth: number): Root => {
    const root: Root = { type: 'root', children: [] }
    let parent: Root | Blockquote = root
    for (let i = 0; i < depth; i++) {
      const quote: Blockquote = { type: 'blockquote', children: [] }
      parent.children.push(quote)
      parent = quote
    }
    parent.children.push({ type: 'paragraph', children: [{ type: 'text', value: 'see https://example.org/x.' }] })
    return root
  }

  test('linkBareUrls walks a tree of any depth without recursion', () => {
    const tree = deepTree(50_000)
    linkBareUrls(tree)
    let node: Root | RootContent | undefined = tree
    while (node && 'children' in node && node.type !== 'paragraph') node = node.children[0]
    expect(node && 'children' in node ? node.children.map((c) => c.type) : []).toEqual(['text', 'link', 'text'])
  })

  test('checkDepth stops at the first container past 100 levels, and at any node past 400', () => {
    expect(checkDepth(deepTree(100))).toBeUndefined()
    expect(checkDepth(deepTree(101))?.reason).toMatch(/more than 100 levels/)
    expect(checkDepth(deepTree(50_000))?.reason).toMatch(/more than 100 levels/)
    let inline: PhrasingContent = { type: 'text', value: 'x' }
    for (let i = 0; i < 500; i++) inline = { type: 'emphasis', children: [inline] }
    expect(checkDepth({ type: 'root', children: [{ type: 'paragraph', children: [inline] }] })?.reason).toMatch(/more than 400 levels/)
  })

  test('scanLimits finds deep nesting and long delimiter runs, and ignores fenced code and front matter', () => {
    expect(scanLimits(`${'> '.repeat(101)}x`)).toMatchObject({ ruleId: 'nesting-too-deep', place: { line: 1, column: 201 } })
    expect(scanLimits(`${'> '.repeat(100)}x`)).toBeUndefined()
    expect(scanLimits(`\`\`\`\n${'> '.repeat(500)}\n${'*'.repeat(5000)}\n\`\`\`\nafter`)).toBeUndefined()
    expect(scanLimits(`---\ntitle: ${'['.repeat(5000)}\n---\n\nText`)).toBeUndefined()
    expect(scanLimits(`a\n\n${'*'.repeat(1001)}`)).toMatchObject({ ruleId: 'markdown-too-complex', place: { line: 3, column: 1001 } })
    // A blank line starts a new paragraph: the counts start again.
    expect(scanLimits(`${'*a* '.repeat(400)}\n\n${'*a* '.repeat(400)}`)).toBeUndefined()
    // CR alone ends a line, as in micromark.
    expect(scanLimits(`a\r${'> '.repeat(101)}`)).toMatchObject({ place: { line: 2, column: 201 } })
  })

  test('a 100-level list parses; the 101st level is a positioned error', () => {
    const list = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')
    const ok = file(list(100))
    parseFile(ok)
    expect(ok.messages).toEqual([])
    const deep = file(list(101))
    parseFile(deep)
    expect(deep.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['nesting-too-deep', 101, 201]])
  })

  test('pointAt counts CR, LF and CRLF line endings', () => {
    expect(pointAt(file('a\r\nb\rc\nd'), 7)).toMatchObject({ line: 4, column: 1 })
  })

  test('front matter: no tags, alias and depth limits, as positioned errors', () => {
    const tagged = file('---\ntitle: !!js/function "x"\n---\n')
    expect(parseFile(tagged).frontmatter?.data).toBeUndefined()
    expect(tagged.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['frontmatter-tag', 2, 8]])
    const compact = file(`---\ntitle: x\nlist:\n  ${'- '.repeat(150)}x\n---\n`)
    parseFile(compact)
    expect(compact.messages.map((m) => m.ruleId)).toEqual(['frontmatter-limit'])
    const aliases = file('---\ntitle: &t x\nobjectives: [*t, *t]\n---\n')
    expect(parseFile(aliases).frontmatter?.data).toEqual({ title: 'x', objectives: ['x', 'x'] })
  })
})
