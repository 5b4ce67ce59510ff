/**
 * Inline Markdown as translators see it: text with inline codes. Emphasis, strong, strikethrough,
 * links and inline images become paired codes (`<pc>` in XLIFF 2.0, `<g>` in 1.2) around their
 * text; inline code, hard line breaks and anything else that is not text become standalone codes
 * (`<ph>`, `<x/>`). The Markdown of each code (`*`, `](https://…)`, `` `npm i` ``) stays with us,
 * taken from the source file, so a translator can move a code but not change a link target.
 */
import type { PhrasingContent } from 'mdast'
import type { Position } from 'unist'

/**
 * What a code stands for, as XLIFF's `type`/`subType` say it (and our own `cp:` subtypes):
 * `underline` and `cue-tag` (any other tag, or a timestamp) are of captions (./captions.ts).
 */
export type CodeKind = 'emphasis' | 'strong' | 'underline' | 'delete' | 'link' | 'image' | 'code' | 'break' | 'cue-tag' | 'other'

export type Piece = string | PairedCode | StandaloneCode

export interface PairedCode {
  code: 'pc'
  id: string
  kind: CodeKind
  children: Piece[]
}

export interface StandaloneCode {
  code: 'ph'
  id: string
  kind: CodeKind
}

/** The source Markdown of a unit's codes, by code id: before and after a paired code's text, or a standalone code's whole text. */
export interface CodeMarkup {
  kind: CodeKind
  paired: boolean
  start: string
  end: string
}

export interface InlineText {
  pieces: Piece[]
  codes: Map<string, CodeMarkup>
}

const pairedKinds: Partial<Record<PhrasingContent['type'], CodeKind>> = {
  emphasis: 'emphasis',
  strong: 'strong',
  delete: 'delete',
  link: 'link',
  linkReference: 'link'
}

/**
 * Phrasing content of a source file as text and codes.
 *
 * @param nodes
 *   The children of a paragraph, heading or table cell, with positions.
 * @param text
 *   The whole source file the positions point into.
 */
export function fromPhrasing(nodes: readonly PhrasingContent[], text: string): InlineText {
  const codes = new Map<string, CodeMarkup>()
  let next = 1
  const slice = (node: { position?: Position | undefined }) => text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0)
  const walk = (list: readonly PhrasingContent[]): Piece[] => {
    const pieces: Piece[] = []
    for (const node of list) {
      if (node.type === 'text') {
        pushText(pieces, node.value)
        continue
      }
      const id = String(next++)
      const paired = pairedKinds[node.type]
      const first = 'children' in node ? node.children[0] : undefined
      const last = 'children' in node ? node.children[node.children.length - 1] : undefined
      if (paired && first?.position && last?.position && node.position) {
        const start = text.slice(node.position.start.offset, first.position.start.offset)
        const end = text.slice(last.position.end.offset, node.position.end.offset)
        codes.set(id, { kind: paired, paired: true, start, end })
        pieces.push({ code: 'pc', id, kind: paired, children: walk((node as { children: PhrasingContent[] }).children) })
      } else if (node.type === 'image' && node.alt && node.position) {
        // `![alt](url)`: the alt text is translated in place, between `![` and `](url)`.
        const raw = slice(node)
        const close = raw.lastIndexOf('](')
        codes.set(id, { kind: 'image', paired: true, start: '![', end: close === -1 ? raw.slice(2) : raw.slice(close) })
        pieces.push({ code: 'pc', id, kind: 'image', children: [node.alt] })
      } else {
        const kind: CodeKind = node.type === 'inlineCode' ? 'code' : node.type === 'break' ? 'break' : 'other'
        // A hard break's markup ends at its line end; the next line's indentation is the container's.
        const markup = kind === 'break' ? slice(node).replace(/\n[ \t>]*$/, '\n') : slice(node)
        codes.set(id, { kind, paired: false, start: markup, end: '' })
        pieces.push({ code: 'ph', id, kind })
      }
    }
    return pieces
  }
  return { pieces: walk(nodes), codes }
}

function pushText(pieces: Piece[], value: string): void {
  const last = pieces[pieces.length - 1]
  if (typeof last === 'string') pieces[pieces.length - 1] = last + value
  else if (value !== '') pieces.push(value)
}

/** Normalise a piece list: adjacent texts joined, empty texts dropped. */
export function normalise(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = []
  for (const piece of pieces) {
    if (typeof piece === 'string') pushText(out, piece)
    else if (piece.code === 'pc') out.push({ ...piece, children: normalise(piece.children) })
    else out.push(piece)
  }
  return out
}

/**
 * The unit's text as it is hashed and compared: text verbatim, codes as `{1}…{/1}` and `{2/}`,
 * with a standalone code's own text (inline code is shown to learners), not a link's target.
 */
export function canonical(inline: InlineText): string {
  const write = (pieces: readonly Piece[]): string =>
    pieces
      .map((piece) => {
        if (typeof piece === 'string') return piece.replace(/[{}\\]/g, (c) => `\\${c}`)
        if (piece.code === 'pc') return `{${piece.id}:${piece.kind}}${write(piece.children)}{/${piece.id}}`
        return `{${piece.id}:${piece.kind}:${inline.codes.get(piece.id)?.start ?? ''}/}`
      })
      .join('')
  return write(inline.pieces)
}

/** Plain text of pieces (codes dropped, their text kept): for messages and notes. */
export function plainText(pieces: readonly Piece[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : p.code === 'pc' ? plainText(p.children) : '')).join('')
}

/** Why a translated unit's codes cannot be put back: every source code exactly once, each of its own kind. */
export function checkCodes(target: readonly Piece[], codes: ReadonlyMap<string, CodeMarkup>): string | undefined {
  const seen = new Set<string>()
  const visit = (pieces: readonly Piece[]): string | undefined => {
    for (const piece of pieces) {
      if (typeof piece === 'string') continue
      const markup = codes.get(piece.id)
      if (!markup) return `unknown inline code \`${piece.id}\` (the source has ${codes.size === 0 ? 'none' : [...codes.keys()].map((k) => `\`${k}\``).join(', ')})`
      if (seen.has(piece.id)) return `inline code \`${piece.id}\` used twice`
      seen.add(piece.id)
      if ((piece.code === 'pc') !== markup.paired) return `inline code \`${piece.id}\` ${markup.paired ? 'must wrap text (`<pc>`)' : 'must stand alone (`<ph/>`)'}`
      if (piece.code === 'pc') {
        const inner = visit(piece.children)
        if (inner) return inner
      }
    }
    return undefined
  }
  const problem = visit(target)
  if (problem) return problem
  const lost = [...codes.keys()].filter((id) => !seen.has(id))
  return lost.length > 0 ? `missing inline code${lost.length === 1 ? '' : 's'} ${lost.map((k) => `\`${k}\``).join(', ')}` : undefined
}

/**
 * Escape text for Markdown, so that it parses back to the same text: the characters that could
 * start inline syntax anywhere, and those that start a block at the start of a line.
 */
export function escapeMarkdown(value: string, options: { table?: boolean; heading?: boolean } = {}): string {
  let out = value.replace(/[\\`*_[\]<>{}&~]/g, (c) => `\\${c}`).replace(/[ \t]+(?=\r?\n)/g, '')
  if (options.table) out = out.replace(/\|/g, '\\|')
  // At a line start: ATX headings, lists, block quotes, thematic breaks, setext underlines.
  out = out.replace(/(^|\n)([ \t]*)([#+\-=])/g, (_m, start: string, indent: string, lead: string) => `${start}${indent}\\${lead}`)
  out = out.replace(/(^|\n)([ \t]*\d+)([.)])/g, (_m, start: string, digits: string, mark: string) => `${start}${digits}\\${mark}`)
  // A heading's closing sequence: `Title #` would lose its `#`.
  if (options.heading) out = out.replace(/(^|\s)(#+)(\s*)$/, (_m, space: string, marks: string, end: string) => `${space}\\${marks}${end}`)
  return out
}

/**
 * Pieces back to Markdown, with the source's markup for each code.
 *
 * @param prefix
 *   What a continuation line starts with in the unit's container (`> ` in a block quote, spaces in a list item).
 */
export function toMarkdown(pieces: readonly Piece[], codes: ReadonlyMap<string, CodeMarkup>, options: { prefix?: string; table?: boolean; singleLine?: boolean } = {}): string {
  const write = (list: readonly Piece[]): string =>
    list
      .map((piece) => {
        if (typeof piece === 'string') {
          const text = options.singleLine ? piece.replace(/\s*[\r\n]+\s*/g, ' ') : piece
          return escapeMarkdown(text, { table: options.table === true, heading: options.singleLine === true })
        }
        const markup = codes.get(piece.id)
        if (!markup) return ''
        if (piece.code === 'ph') return markup.start
        const inner = write(piece.children)
        return markup.kind === 'image' ? `${markup.start}${inner.replace(/[[\]]/g, (c) => `\\${c}`)}${markup.end}` : `${markup.start}${inner}${markup.end}`
      })
      .join('')
  const out = write(pieces)
  return options.prefix ? out.replace(/\n/g, `\n${options.prefix}`) : out
}
