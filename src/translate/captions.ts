/**
 * Captions as translation units: each cue of a WebVTT file the source course references is a
 * unit, its text with the cue's tags (`<i>`, `<b>`, `<u>`, `<c.x>`, `<v Amina>`, `<lang ar>`,
 * `<ruby>`, `<rt>`, timestamps) and line breaks as inline codes, like Markdown's, so a translator
 * can move them but not break them. Timings, settings, the header and `NOTE`, `STYLE` and
 * `REGION` blocks are never units; a translation is written from the source's own text with only
 * the cue texts replaced, so they stay the source's, byte for byte.
 *
 * Ids: `captions.<file>.<cue>`, with `<file>` the captions' path in the course with `/` as `:`
 * (`media:intro.vtt`: `/` is not allowed in an XML NMTOKEN, XLIFF 2.0's type for ids), and
 * `<cue>` the cue's identifier when it has one (`captions.media:intro.vtt.1`), else its start
 * time as `hh:mm:ss.ttt` (`captions.media:intro.vtt.00:00:04.000`); any other character that an
 * NMTOKEN cannot hold becomes `_`, and a second cue with the same id gets `_2`, `_3`, …. The id
 * does not depend on the text, so a changed cue keeps its id and its translation goes stale; a
 * cue without an identifier changes id when its start time changes.
 */
import type { Position } from 'unist'
import { VFile } from 'vfile'
import { checkWebVtt } from '../model/webvtt.js'
import { pointAt } from '../parse/index.js'
import type { CodeKind, CodeMarkup, InlineText, Piece } from './inline.js'
import { hashOf, type Unit } from './units.js'

/** One cue of a captions file, as read for translation (the file is one the build's check passed). */
export interface CaptionCue {
  /** The identifier line, when there is one. */
  identifier: string | undefined
  /** The timing line as written (`00:00.500 --> 00:04.679 line:-2`). */
  timings: string
  /** Start and end, in milliseconds. */
  start: number
  end: number
  /** Offsets of the cue's text in the file (equal for a cue without text). */
  range: [number, number]
}

const lineEnd = /\r\n|\r|\n/g
const timingPattern = /^[ \t\f]*((?:\d+:)?\d{2}:\d{2}\.\d{3})[ \t\f]*-->[ \t\f]*((?:\d+:)?\d{2}:\d{2}\.\d{3})/

function milliseconds(time: string): number {
  const parts = time.split(':')
  const [seconds = '0', millis = '0'] = (parts.pop() ?? '0').split('.')
  const minutes = Number(parts.pop() ?? 0)
  const hours = Number(parts.pop() ?? 0)
  return ((hours * 60 + minutes) * 60 + Number(seconds)) * 1000 + Number(millis)
}

/** Milliseconds as `hh:mm:ss.ttt` (hours in two digits at least). */
export function timeLabel(ms: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`
}

/**
 * The cues of a WebVTT file, read as the checker (src/model/webvtt.ts) and browsers read its
 * blocks: the signature and header up to a blank line, then blocks separated by blank lines.
 */
export function readCues(text: string): CaptionCue[] {
  const lines: Array<{ text: string; start: number; end: number }> = []
  let at = 0
  lineEnd.lastIndex = 0
  for (let match = lineEnd.exec(text); match; match = lineEnd.exec(text)) {
    lines.push({ text: text.slice(at, match.index), start: at, end: match.index })
    at = match.index + match[0].length
  }
  lines.push({ text: text.slice(at), start: at, end: text.length })
  const blank = (i: number) => lines[i]?.text === ''
  const cues: CaptionCue[] = []
  let i = 1
  while (i < lines.length && !blank(i)) i++
  while (i < lines.length) {
    while (i < lines.length && blank(i)) i++
    if (i >= lines.length) break
    const head = lines[i]?.text ?? ''
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(head)) {
      while (i < lines.length && !blank(i)) i++
      continue
    }
    let identifier: string | undefined
    if (!head.includes('-->') && !/^[ \t\f]*\d+:\d/.test(head)) {
      identifier = head
      i++
      if (!lines[i]?.text.includes('-->')) {
        while (i < lines.length && !blank(i)) i++
        continue
      }
    }
    const timings = lines[i]?.text ?? ''
    const times = timingPattern.exec(timings)
    i++
    const first = i
    while (i < lines.length && !blank(i) && !(lines[i]?.text.includes('-->') ?? false)) i++
    if (!times) continue
    const textStart = lines[first]?.start ?? text.length
    const range: [number, number] = i > first ? [textStart, lines[i - 1]?.end ?? textStart] : [textStart, textStart]
    cues.push({ identifier, timings, start: milliseconds(times[1] ?? ''), end: milliseconds(times[2] ?? ''), range })
  }
  return cues
}

const kinds: Record<string, CodeKind> = { i: 'emphasis', b: 'strong', u: 'underline' }
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' }

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (match, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16))
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10))
    return entities[body] ?? match
  })
}

/**
 * A cue's text as text and codes: a start tag closed by its end tag is a paired code around
 * what it holds; a start tag never closed (`<v Amina>` often is not), a timestamp and a line
 * break are standalone codes. Character references are decoded (`&amp;` is `&`).
 */
export function cueText(payload: string): InlineText {
  const codes = new Map<string, CodeMarkup>()
  let next = 1
  interface Frame {
    name: string
    id: string
    tag: string
    pieces: Piece[]
  }
  const root: Frame = { name: '', id: '', tag: '', pieces: [] }
  const stack: Frame[] = [root]
  const top = () => stack[stack.length - 1] ?? root
  const push = (piece: Piece) => {
    const pieces = top().pieces
    const last = pieces[pieces.length - 1]
    if (typeof piece === 'string' && typeof last === 'string') pieces[pieces.length - 1] = last + piece
    else if (piece !== '') pieces.push(piece)
  }
  /** A start tag left open: a standalone code, what it held after it. */
  const unclosed = (frame: Frame) => {
    codes.set(frame.id, { kind: kinds[frame.name] ?? 'cue-tag', paired: false, start: frame.tag, end: '' })
    push({ code: 'ph', id: frame.id, kind: kinds[frame.name] ?? 'cue-tag' })
    for (const piece of frame.pieces) push(piece)
  }
  const token = /<[^>]*>|\r\n|\r|\n/g
  let at = 0
  for (let match = token.exec(payload); match; match = token.exec(payload)) {
    push(decode(payload.slice(at, match.index)))
    at = match.index + match[0].length
    const raw = match[0]
    if (!raw.startsWith('<')) {
      const id = String(next++)
      codes.set(id, { kind: 'break', paired: false, start: raw, end: '' })
      push({ code: 'ph', id, kind: 'break' })
      continue
    }
    const inner = raw.slice(1, -1)
    if (/^[0-9]/.test(inner)) {
      const id = String(next++)
      codes.set(id, { kind: 'cue-tag', paired: false, start: raw, end: '' })
      push({ code: 'ph', id, kind: 'cue-tag' })
    } else if (inner.startsWith('/')) {
      const name = inner.slice(1).trim()
      const index = stack.findLastIndex((f, k) => k > 0 && f.name === name)
      if (index === -1) {
        const id = String(next++)
        codes.set(id, { kind: 'cue-tag', paired: false, start: raw, end: '' })
        push({ code: 'ph', id, kind: 'cue-tag' })
        continue
      }
      // `</ruby>` also ends an `<rt>` left open inside it.
      while (stack.length - 1 > index) unclosed(stack.pop() as Frame)
      const frame = stack.pop() as Frame
      const kind = kinds[frame.name] ?? 'cue-tag'
      codes.set(frame.id, { kind, paired: true, start: frame.tag, end: raw })
      push({ code: 'pc', id: frame.id, kind, children: frame.pieces })
    } else {
      stack.push({ name: /^[^ \t\f.]*/.exec(inner)?.[0] ?? '', id: String(next++), tag: raw, pieces: [] })
    }
  }
  push(decode(payload.slice(at)))
  while (stack.length > 1) unclosed(stack.pop() as Frame)
  // Codes in the order their tags appear (a paired code is registered at its end tag).
  const ordered = new Map([...codes].sort(([a], [b]) => Number(a) - Number(b)))
  return { pieces: root.pieces, codes: ordered }
}

/** Text and codes back to cue text, with the source's tags: text escaped, any line break in it made a space. */
export function toCueText(pieces: readonly Piece[], codes: ReadonlyMap<string, CodeMarkup>): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return piece.replace(/[ \t]*(?:\r\n|\r|\n)+[ \t]*/g, ' ').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
      const markup = codes.get(piece.id)
      if (!markup) return ''
      return piece.code === 'ph' ? markup.start : `${markup.start}${toCueText(piece.children, codes)}${markup.end}`
    })
    .join('')
}

const segment = (value: string) => value.replace(/[^\p{L}\p{N}._:-]/gu, '_')

/** The id prefix of a captions file: `captions.media:intro.vtt`. */
export const captionsFileId = (relative: string) => `captions.${segment(relative.replace(/\//g, ':'))}`

export interface CaptionUnits {
  cues: CaptionCue[]
  /** The units, and the cue each is of. */
  units: Unit[]
  cueOf: Map<string, CaptionCue>
}

/**
 * Every unit of a captions file: one per cue with text.
 *
 * @param file
 *   The `.vtt` file (positions point into it).
 * @param relative
 *   Its path in the course, with `/` (`media/intro.vtt`).
 */
export function captionUnits(file: VFile, relative: string): CaptionUnits {
  const text = String(file.value)
  const cues = readCues(text)
  const prefix = captionsFileId(relative)
  const used = new Set<string>()
  const units: Unit[] = []
  const cueOf = new Map<string, CaptionCue>()
  for (const cue of cues) {
    if (cue.range[0] === cue.range[1]) continue
    const base = `${prefix}.${segment(cue.identifier ?? timeLabel(cue.start))}`
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`
    used.add(id)
    const inline = cueText(text.slice(cue.range[0], cue.range[1]))
    const position: Position = { start: pointAt(file, cue.range[0]), end: pointAt(file, cue.range[1]) }
    units.push({ id, text: inline, hash: hashOf(inline), position, place: 'cue', range: cue.range, prefix: '', key: undefined })
    cueOf.set(id, cue)
  }
  return { cues, units, cueOf }
}

/**
 * A translation's cues as units under the source's ids, when they line up with the source's
 * (as many cues, each with the same start and end); otherwise why not.
 */
export function alignedUnits(source: CaptionUnits, translated: string): { units: Map<string, Unit> } | { problem: string } {
  const cues = readCues(translated)
  if (cues.length !== source.cues.length) return { problem: `it has ${cues.length} cues, the source ${source.cues.length}` }
  const mismatch = source.cues.findIndex((cue, k) => cues[k]?.start !== cue.start || cues[k]?.end !== cue.end)
  if (mismatch !== -1) return { problem: `its cue ${mismatch + 1} runs from ${timeLabel(cues[mismatch]?.start ?? 0)} to ${timeLabel(cues[mismatch]?.end ?? 0)}, the source's from ${timeLabel(source.cues[mismatch]?.start ?? 0)} to ${timeLabel(source.cues[mismatch]?.end ?? 0)}` }
  const units = new Map<string, Unit>()
  for (const unit of source.units) {
    const cue = cues[source.cues.indexOf(source.cueOf.get(unit.id) as CaptionCue)]
    if (!cue || cue.range[0] === cue.range[1]) continue
    const inline = cueText(translated.slice(cue.range[0], cue.range[1]))
    units.set(unit.id, { ...unit, text: inline, hash: hashOf(inline), range: cue.range })
  }
  return { units }
}

/**
 * Why a translated cue cannot be written: a line break at its start or end, or two in a row,
 * would end the cue (an empty line); and the cue must pass the build's WebVTT check (a
 * timestamp moved out of order, an `<rt>` moved out of its `<ruby>`).
 */
export function cueProblem(cue: CaptionCue, written: string): string | undefined {
  if (/^(?:\r\n|\r|\n)|(?:\r\n|\r|\n)$|(?:\r\n|\r|\n)(?:\r\n|\r|\n)/.test(written)) return 'a line break at the start or end of the cue, or two in a row, would end the cue'
  const file = new VFile({ path: 'cue.vtt', value: `WEBVTT\n\n${cue.timings}\n${written}\n` })
  checkWebVtt(file)
  const first = file.messages[0]
  return first ? `the cue would not pass the WebVTT check (${first.reason})` : undefined
}

/**
 * The translated captions file: the source's text with each cue's text replaced by its
 * translation (a cue without one keeps the source's).
 */
export function translatedCaptions(text: string, units: readonly Unit[], targets: ReadonlyMap<string, readonly Piece[]>): string {
  let out = ''
  let at = 0
  for (const unit of [...units].sort((a, b) => a.range[0] - b.range[0])) {
    const target = targets.get(unit.id)
    out += text.slice(at, unit.range[0]) + (target ? toCueText(target, unit.text.codes) : text.slice(unit.range[0], unit.range[1]))
    at = unit.range[1]
  }
  return out + text.slice(at)
}
