import { describe, expect, test } from 'vitest'
import { VFile } from 'vfile'
import { parseFile, pointAt } from '../src/parse/index.js'

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
