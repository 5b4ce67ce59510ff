/**
 * Translation units: the translatable pieces of one parsed course file, each with a stable id
 * built from our content ids, its text and inline codes, a hash of that text, and where it is in
 * the file (for `translation-stale`, and for writing a translation back in its place).
 *
 * Ids, with `<f>` the file's id (`course`, `module.<m>`, `lesson.<m>.<l>`, `quiz.<m>`):
 * `<f>.title`, `<f>.description`, `<f>.objective<n>` (front matter); `<f>.b<n>` (the n-th
 * block of the body), `<f>.b<n>.<k>` (the k-th item or block inside it, a lone child taking its
 * container's id), `<f>.b<n>.r<r>c<c>` (a table cell), `<f>.b<n>.alt` (an image on its own);
 * `<f>.<component><k>` for the k-th `<Risk>`, `<Callout>`, `<CaseStudy>`, `<Video>` or `<Audio>`
 * of the file, with `.title` and its body's blocks under it (a video's transcript); and in a quiz
 * `<f>.q.<question id>` with `.heading`, `.b<n>` (the prompt), `.option<k>` and `.feedback`.
 * Link targets, ids, points, `[x]` marks, numbers and other front matter are not units.
 * The cues of captions files are units too, `captions.<file>.<cue>` (./captions.ts).
 */
import { createHash } from 'node:crypto'
import type { BlockContent, DefinitionContent, PhrasingContent, RootContent } from 'mdast'
import type { MdxJsxFlowElement } from 'mdast-util-mdx'
import type { Position } from 'unist'
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml'
import { type ParsedFile, pointAt } from '../parse/index.js'
import { canonical, fromPhrasing, type InlineText } from './inline.js'

/** How a unit's translation is written back into the file. */
export type UnitPlace = 'block' | 'heading' | 'cell' | 'attribute' | 'alt' | 'frontmatter' | 'cue'

export interface Unit {
  /** Stable id, unique in the course (an XML NMTOKEN). */
  id: string
  text: InlineText
  /** Hash of the text and codes (16 hex digits of SHA-256). */
  hash: string
  /** Where the unit is in its file. */
  position: Position
  place: UnitPlace
  /** Offsets of the text a translation replaces (body units). */
  range: [number, number]
  /** What a continuation line starts with inside the unit's container (block units); an attribute's quote (attribute units). */
  prefix: string
  /** The front matter key (`title`) or key and index (`objectives`, 0) of a front matter unit. */
  key: [string] | [string, number] | undefined
}

/** Front matter keys that are text; every other key is a setting, copied from the source. */
export const textKeys = ['title', 'description', 'objectives'] as const

const components = new Set(['Risk', 'Callout', 'CaseStudy', 'Video', 'Audio'])
const transparent = new Set(['Question', 'Bank'])

/** An id segment made an NMTOKEN: letters, digits, `.`, `-`, `_`. */
export function idSegment(value: string): string {
  return value.replace(/[^\p{L}\p{N}._-]/gu, '_')
}

export function hashOf(text: InlineText): string {
  return createHash('sha256').update(canonical(text)).digest('hex').slice(0, 16)
}

interface Context {
  parsed: ParsedFile
  text: string
  fileId: string
  units: Unit[]
  /** Question ids of the source quiz, in order (a quiz file only). */
  questionIds: readonly string[] | undefined
  questions: number
  componentCounts: Map<string, number>
}

/**
 * Every unit of a parsed file.
 *
 * @param parsed
 *   The file (a source or its translation: both give the same ids when their structure agrees).
 * @param fileId
 *   The file's content id (`lesson.rights.intro`).
 * @param questionIds
 *   For a quiz: the source's question ids in order (a translation's questions take them, as the build does).
 */
export function extractUnits(parsed: ParsedFile, fileId: string, questionIds?: readonly string[]): Unit[] {
  const context: Context = { parsed, text: String(parsed.file.value), fileId, units: [], questionIds, questions: 0, componentCounts: new Map() }
  frontmatterUnits(context)
  siblings(context, parsed.tree.children, { prefix: `${fileId}.b`, numbered: true })
  return context.units
}

function add(context: Context, unit: Omit<Unit, 'hash'>): void {
  context.units.push({ ...unit, hash: hashOf(unit.text) })
}

function positionOf(context: Context, start: number, end: number): Position {
  return { start: pointAt(context.parsed.file, start), end: pointAt(context.parsed.file, end) }
}

function frontmatterUnits(context: Context): void {
  const fm = context.parsed.frontmatter
  const contents = fm?.doc.contents
  if (!fm || !isMap(contents)) return
  for (const pair of contents.items) {
    if (!isScalar(pair.key)) continue
    const key = String(pair.key.value)
    if (!(textKeys as readonly string[]).includes(key)) continue
    const scalarUnit = (node: YamlNode | null | undefined, id: string, unitKey: Unit['key']) => {
      if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '' || !node.range) return
      const start = fm.offset + node.range[0]
      const end = fm.offset + node.range[1]
      add(context, { id, text: { pieces: [node.value], codes: new Map() }, position: positionOf(context, start, end), place: 'frontmatter', range: [start, end], prefix: '', key: unitKey })
    }
    if (key === 'objectives') {
      if (!isSeq(pair.value)) continue
      pair.value.items.forEach((item, index) => scalarUnit(item as YamlNode, `${context.fileId}.objective${index + 1}`, ['objectives', index]))
    } else {
      scalarUnit(pair.value as YamlNode | null, `${context.fileId}.${key}`, [key])
    }
  }
}

type Block = RootContent | BlockContent | DefinitionContent

interface Naming {
  /** Id of the container; its children are `<prefix><n>` when `numbered`, else `<prefix>.<n>` (a lone child: `<prefix>`). */
  prefix: string
  numbered: boolean
}

/** The blocks of one parent: in a quiz, each level-2 heading starts a question, up to the next one. */
function siblings(context: Context, nodes: readonly Block[], naming: Naming): void {
  let question: { prefix: string; count: number; options: Block | undefined; feedback: Block | undefined } | undefined
  const groups = questionGroups(context, nodes)
  nodes.forEach((node, index) => {
    const group = groups.get(index)
    if (group) {
      question = { prefix: group.prefix, count: 0, options: group.options, feedback: group.feedback }
      if (node.type === 'heading') phrasingUnit(context, node.children, `${group.prefix}.heading`, 'heading', node)
      return
    }
    if (question) {
      question.count++
      if (node === question.options && node.type === 'list') {
        node.children.forEach((item, k) => blocks(context, item.children, { prefix: `${question!.prefix}.option${k + 1}`, numbered: false }))
      } else if (node === question.feedback && node.type === 'blockquote') {
        blocks(context, node.children, { prefix: `${question.prefix}.feedback`, numbered: false })
      } else {
        block(context, node, `${question.prefix}.b${question.count}`)
      }
      return
    }
    const id = naming.numbered ? `${naming.prefix}${index + 1}` : nodes.length === 1 ? naming.prefix : `${naming.prefix}.${index + 1}`
    block(context, node, id)
  })
}

/** The level-2 headings of a quiz among these siblings, with each question's options list and feedback. */
function questionGroups(context: Context, nodes: readonly Block[]) {
  const groups = new Map<number, { prefix: string; options: Block | undefined; feedback: Block | undefined }>()
  if (!context.questionIds) return groups
  let current: { prefix: string; options: Block | undefined; feedback: Block | undefined } | undefined
  nodes.forEach((node, index) => {
    if (node.type === 'heading' && node.depth === 2) {
      const id = context.questionIds?.[context.questions] ?? `question${context.questions + 1}`
      context.questions++
      current = { prefix: `${context.fileId}.q.${idSegment(id)}`, options: undefined, feedback: undefined }
      groups.set(index, current)
    } else if (current && node.type === 'list') {
      current.options = node
    } else if (current && node.type === 'blockquote') {
      current.feedback = node
    }
  })
  return groups
}

function blocks(context: Context, nodes: readonly Block[], naming: Naming): void {
  siblings(context, nodes, naming)
}

function block(context: Context, node: Block, id: string): void {
  switch (node.type) {
    case 'paragraph': {
      const only = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
      if (only.length === 1 && only[0]?.type === 'image') altUnit(context, only[0], `${id}.alt`)
      else phrasingUnit(context, node.children, id, 'block', node)
      return
    }
    case 'heading':
      phrasingUnit(context, node.children, id, 'heading', node)
      return
    case 'list':
      node.children.forEach((item, k) => blocks(context, item.children, { prefix: `${id}.${k + 1}`, numbered: false }))
      return
    case 'blockquote':
      blocks(context, node.children, { prefix: id, numbered: false })
      return
    case 'table':
      node.children.forEach((row, r) =>
        row.children.forEach((cell, c) => phrasingUnit(context, cell.children, `${id}.r${r + 1}c${c + 1}`, 'cell', cell))
      )
      return
    case 'mdxJsxFlowElement':
      element(context, node, id)
      return
    default:
      // Code, thematic breaks, definitions, comments: nothing to translate.
      return
  }
}

function element(context: Context, node: MdxJsxFlowElement, id: string): void {
  const name = node.name ?? ''
  if (transparent.has(name)) {
    // `<Question>` and `<Bank>` hold questions: their blocks are named by the question, not the wrapper.
    siblings(context, node.children as Block[], { prefix: id, numbered: false })
    return
  }
  if (!components.has(name)) return
  const count = (context.componentCounts.get(name) ?? 0) + 1
  context.componentCounts.set(name, count)
  const own = `${context.fileId}.${name.toLowerCase()}${count}`
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name !== 'title' || typeof attribute.value !== 'string' || !attribute.position) continue
    const raw = context.text.slice(attribute.position.start.offset, attribute.position.end.offset)
    const open = raw.search(/=\s*["']/)
    if (open === -1) continue
    const quote = raw.indexOf(raw.slice(open).match(/["']/)?.[0] ?? '"', open)
    const start = (attribute.position.start.offset ?? 0) + quote + 1
    const end = (attribute.position.end.offset ?? 0) - 1
    add(context, { id: `${own}.title`, text: { pieces: [attribute.value], codes: new Map() }, position: positionOf(context, start, end), place: 'attribute', range: [start, end], prefix: raw[quote] ?? '"', key: undefined })
  }
  siblings(context, node.children as Block[], { prefix: `${own}.b`, numbered: true })
}

function phrasingUnit(context: Context, children: readonly PhrasingContent[], id: string, place: UnitPlace, container: { position?: Position | undefined }): void {
  const first = children[0]
  const last = children[children.length - 1]
  const start = first?.position?.start.offset
  const end = last?.position?.end.offset
  if (start === undefined || end === undefined || !container.position) return
  const text = fromPhrasing(children, context.text)
  if (text.pieces.length === 0) return
  add(context, { id, text, position: positionOf(context, start, end), place, range: [start, end], prefix: place === 'block' ? continuation(context.text, start) : '', key: undefined })
}

function altUnit(context: Context, image: PhrasingContent, id: string): void {
  if (image.type !== 'image' || !image.alt || !image.position) return
  const startOffset = image.position.start.offset ?? 0
  const raw = context.text.slice(startOffset, image.position.end.offset)
  const close = raw.lastIndexOf('](')
  if (!raw.startsWith('![') || close === -1) return
  const start = startOffset + 2
  const end = startOffset + close
  add(context, { id, text: { pieces: [image.alt], codes: new Map() }, position: positionOf(context, start, end), place: 'alt', range: [start, end], prefix: '', key: undefined })
}

/** What the lines after the first of a block at `start` begin with: its container's `>` marks, and spaces for list markers. */
function continuation(text: string, start: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  return text.slice(lineStart, start).replace(/\[[ xX]\]|[-*+]|\d+[.)]/g, (m) => ' '.repeat(m.length))
}
