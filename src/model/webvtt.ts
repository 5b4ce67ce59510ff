/**
 * `media-captions-invalid` (error): a `<Video>`'s captions file is WebVTT that a browser reads
 * as the author meant. Checked as the W3C WebVTT format defines the file (§4.1 file structure,
 * §4.2.1 cue timings, §4.2.2 cue settings, §4.2.3 cue text spans) and as its parser reads it
 * (§6.1 file parsing, §6.5 collecting a timestamp): the `WEBVTT` signature, blocks separated by
 * blank lines, cue timings that parse and run forward, settings a browser applies, and cue
 * text whose markup a browser keeps. Each problem is reported at its line and column in the
 * `.vtt` file. The scan is linear in the file's length, and stops after 20 problems.
 *
 * A browser drops the whole file without its signature, and drops a cue whose timing line
 * does not parse, silently: the learner sees no captions, and nobody is told.
 *
 * @example
 *   ok:      WEBVTT↵↵00:00.000 --> 00:04.000↵Children make up one in three internet users.
 *   not ok:  WEBVTT↵↵00:00.000 -> 00:04.000↵…
 *   → 3:11: Unexpected `-> 00:04.000` in the cue timings `00:00.000 -> 00:04.000`, expected `-->` between the start and the end
 */
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'

/** A cue as checked: its start and end in seconds and the line of its timings. */
export interface Cue {
  start: number
  end: number
  line: number
}

/** Problems reported per file before the scan stops. */
export const maxCaptionProblems = 20

const space = /[ \t\f]/
const knownTags = new Set(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang'])
const timingsExample = '`00:00.000 --> 00:04.000`'

class Stop extends Error {}

/**
 * Check a WebVTT file, reporting every problem on it.
 *
 * @param file
 *   The `.vtt` file (its text as read).
 * @returns
 *   The cues that parsed, in file order.
 */
export function checkWebVtt(file: VFile): Cue[] {
  const name = (file.path.split(/[/\\]/).pop() ?? 'captions.vtt').replace(/`/g, "'")
  const text = String(file.value)
  const lines: string[] = text.split(/\r\n|\r|\n/)
  // A byte order mark is not part of the signature; columns of line 1 still count it.
  const bom = lines[0]?.startsWith('\ufeff') ? 1 : 0
  if (bom) lines[0] = (lines[0] ?? '').slice(1)
  let problems = 0
  const report = (reason: string, line: number, column = 1, endColumn?: number) => {
    if (problems === maxCaptionProblems) {
      error(file, `Cannot check the rest of \`${name}\` after ${maxCaptionProblems} problems, expected a WebVTT file: fix these first`, { ruleId: 'media-captions-invalid', place: { line, column } })
      throw new Stop()
    }
    problems++
    const offset = line === 1 ? bom : 0
    const start = { line, column: column + offset }
    error(file, reason, {
      ruleId: 'media-captions-invalid',
      place: endColumn !== undefined && endColumn > column ? { start, end: { line, column: endColumn + offset } } : start,
      note: 'A browser drops a captions file without its `WEBVTT` line, and a cue it cannot read, without telling anyone: the learner sees no captions.'
    })
  }
  const cues: Cue[] = []
  try {
    scan(lines, report, cues, name)
  } catch (cause) {
    if (!(cause instanceof Stop)) throw cause
  }
  if (cues.length === 0 && problems === 0) {
    error(file, `Cannot find any cue in \`${name}\`, expected captions: a timing line such as ${timingsExample} followed by the text said`, { ruleId: 'media-captions-invalid', place: { line: 1, column: 1 } })
  }
  return cues
}

type Report = (reason: string, line: number, column?: number, endColumn?: number) => void

/** Show a line (or part of one) in a message: at most 60 characters, backticks replaced. */
function shown(text: string): string {
  const plain = text.replace(/`/g, "'")
  return plain.length > 60 ? `${plain.slice(0, 57)}…` : plain
}

function scan(lines: string[], report: Report, cues: Cue[], name: string): void {
  const first = lines[0] ?? ''
  if (!/^WEBVTT(?:[ \t].*)?$/.test(first)) {
    report(`Unexpected first line \`${shown(first)}\` in \`${name}\`, expected \`WEBVTT\`: a WebVTT file starts with that word on a line of its own`, 1, 1, first.length + 1)
    return
  }
  let i = 1
  // Header lines after the signature (such as `Kind: captions`) are ignored by browsers, up to a blank line.
  while (i < lines.length && lines[i] !== '') {
    if (lines[i]?.includes('-->')) {
      report('Unexpected cue timings right below the `WEBVTT` line, expected a blank line between the `WEBVTT` line and the first cue', i + 1)
      break
    }
    i++
  }
  let sawCue = false
  while (i < lines.length) {
    while (i < lines.length && lines[i] === '') i++
    if (i >= lines.length) break
    const head = lines[i] ?? ''
    const block = /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.exec(head)?.[1]
    if (block) {
      if (block !== 'NOTE' && sawCue) report(`Unexpected \`${block}\` block after the first cue, expected style and region blocks before every cue (browsers ignore them later)`, i + 1, 1, block.length + 1)
      for (; i < lines.length && lines[i] !== ''; i++) {
        const arrow = lines[i]?.indexOf('-->') ?? -1
        if (arrow >= 0) report(`Unexpected \`-->\` in a \`${block}\` block, expected a blank line before the next cue`, i + 1, arrow + 1, arrow + 4)
      }
      continue
    }
    // A line that starts like a time but has no `-->` (`00:00.000 -> 00:04.000`) is a timing line gone wrong, not an identifier.
    if (!head.includes('-->') && !/^[ \t\f]*\d+:\d/.test(head)) {
      // A cue identifier: the timing line must follow it.
      const id = i
      i++
      const next = lines[i]
      if (next === undefined || next === '') {
        report(`Unexpected \`${shown(head)}\` on its own, expected a cue: an optional identifier line, then a timing line such as ${timingsExample}, then the text`, id + 1, 1, head.length + 1)
        continue
      }
      if (!next.includes('-->')) {
        report(`Unexpected \`${shown(next)}\` below the cue identifier \`${shown(head)}\`, expected a timing line such as ${timingsExample}`, i + 1, 1, next.length + 1)
        while (i < lines.length && lines[i] !== '') i++
        continue
      }
    }
    const timingLine = i
    const timings = readTimings(lines[i] ?? '', i + 1, report, cues.at(-1))
    i++
    // The cue's text: up to a blank line. A timing line inside it starts a new cue in a browser.
    const payload: Array<{ text: string; line: number }> = []
    while (i < lines.length && lines[i] !== '') {
      const line = lines[i] ?? ''
      if (line.includes('-->')) {
        report(`Unexpected cue timings in the text of the cue of line ${timingLine + 1}, expected a blank line before each cue`, i + 1, line.indexOf('-->') + 1, line.indexOf('-->') + 4)
        break
      }
      payload.push({ text: line, line: i + 1 })
      i++
    }
    if (!timings) continue
    checkCueText(payload, timings, report)
    cues.push({ ...timings, line: timingLine + 1 })
    sawCue = true
  }
}

/** Seconds as a WebVTT timestamp, for messages: `01:02.500`, `1:00:00.000`. */
function formatTime(seconds: number): string {
  const ms = Math.round(seconds * 1000)
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const s = Math.floor(ms / 1000) % 60
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${h > 0 ? `${h}:` : ''}${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`
}

/**
 * Collect a timestamp at `at.pos` as §6.5 does (`mm:ss.ttt` or `h:mm:ss.ttt`, minutes and
 * seconds at most 59). Returns seconds, or the column where it fails.
 */
function timestamp(line: string, at: { pos: number }): number | { failAt: number } {
  const digits = () => {
    const start = at.pos
    while (at.pos < line.length && /[0-9]/.test(line[at.pos] ?? '')) at.pos++
    return line.slice(start, at.pos)
  }
  const begin = at.pos
  const fail = () => ({ failAt: at.pos + 1 })
  const first = digits()
  if (first === '') return fail()
  const hours = first.length !== 2 || Number(first) > 59
  if (line[at.pos] !== ':') return fail()
  at.pos++
  const second = digits()
  if (second.length !== 2) return fail()
  let h = 0
  let m: number
  let s: number
  if (hours || line[at.pos] === ':') {
    if (line[at.pos] !== ':') return fail()
    at.pos++
    const third = digits()
    if (third.length !== 2) return fail()
    h = Number(first)
    m = Number(second)
    s = Number(third)
  } else {
    m = Number(first)
    s = Number(second)
  }
  if (line[at.pos] !== '.') return fail()
  at.pos++
  const fraction = digits()
  if (fraction.length !== 3) return fail()
  if (m > 59 || s > 59) return { failAt: begin + 1 }
  return h * 3600 + m * 60 + s + Number(fraction) / 1000
}

const timeExpected = 'a time such as `00:01.500` or `01:02:03.250` (minutes and seconds in two digits up to 59, milliseconds in three)'

/** Read a timing line (§4.2.1): `start --> end [settings]`; undefined when a browser would drop the cue. */
function readTimings(line: string, lineNumber: number, report: Report, previous: Cue | undefined): { start: number; end: number } | undefined {
  const at = { pos: 0 }
  while (space.test(line[at.pos] ?? '')) at.pos++
  const startColumn = at.pos + 1
  const start = timestamp(line, at)
  if (typeof start !== 'number') {
    report(`Unexpected \`${shown(line.slice(start.failAt - 1))}\` in the cue timings \`${shown(line)}\`, expected ${timeExpected}`, lineNumber, start.failAt)
    return undefined
  }
  while (space.test(line[at.pos] ?? '')) at.pos++
  if (line.slice(at.pos, at.pos + 3) !== '-->') {
    report(`Unexpected \`${shown(line.slice(at.pos))}\` in the cue timings \`${shown(line)}\`, expected \`-->\` between the start and the end`, lineNumber, at.pos + 1)
    return undefined
  }
  at.pos += 3
  while (space.test(line[at.pos] ?? '')) at.pos++
  const endColumn = at.pos + 1
  const end = timestamp(line, at)
  if (typeof end !== 'number') {
    report(`Unexpected \`${shown(line.slice(end.failAt - 1))}\` in the cue timings \`${shown(line)}\`, expected ${timeExpected}`, lineNumber, end.failAt)
    return undefined
  }
  const endsAt = at.pos + 1
  if (at.pos < line.length && !space.test(line[at.pos] ?? '')) {
    report(`Unexpected \`${shown(line.slice(at.pos))}\` right after the end time, expected a space before any cue setting`, lineNumber, at.pos + 1)
    return undefined
  }
  if (end <= start) {
    report(`Unexpected end \`${formatTime(end)}\` at or before the start \`${formatTime(start)}\`, expected a cue to end after it starts`, lineNumber, endColumn, endsAt)
  }
  if (previous && start < previous.start) {
    report(`Unexpected start \`${formatTime(start)}\` before the start of the cue of line ${previous.line} (\`${formatTime(previous.start)}\`), expected cues in the order they start`, lineNumber, startColumn)
  }
  checkSettings(line, at.pos, lineNumber, report)
  return { start, end }
}

const percent = /^(?:\d+(?:\.\d+)?|\.\d+)%$/
const settingChecks: Record<string, { check: (value: string) => boolean; expected: string }> = {
  vertical: { check: (v) => v === 'rl' || v === 'lr', expected: '`rl` or `lr`' },
  line: {
    check: (v) => {
      const [position = '', align, extra] = v.split(',')
      const number = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(position) || (percent.test(position) && Number.parseFloat(position) <= 100)
      return number && extra === undefined && (align === undefined || ['start', 'center', 'end'].includes(align))
    },
    expected: 'a line number or a percentage up to 100%, optionally followed by `,start`, `,center` or `,end`'
  },
  position: {
    check: (v) => {
      const [position = '', align, extra] = v.split(',')
      return percent.test(position) && Number.parseFloat(position) <= 100 && extra === undefined && (align === undefined || ['line-left', 'center', 'line-right'].includes(align))
    },
    expected: 'a percentage up to 100%, optionally followed by `,line-left`, `,center` or `,line-right`'
  },
  size: { check: (v) => percent.test(v) && Number.parseFloat(v) <= 100, expected: 'a percentage up to 100%' },
  align: { check: (v) => ['start', 'center', 'end', 'left', 'right'].includes(v), expected: '`start`, `center`, `end`, `left` or `right`' },
  region: { check: (v) => v !== '' && !v.includes('-->'), expected: 'the id of a region' }
}

/** Cue settings (§4.2.2), each `name:value`, separated by spaces or tabs. */
function checkSettings(line: string, from: number, lineNumber: number, report: Report): void {
  const seen = new Set<string>()
  const pattern = /[^ \t\f]+/g
  pattern.lastIndex = from
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    const token = match[0]
    const column = match.index + 1
    const colon = token.indexOf(':')
    const name = colon > 0 ? token.slice(0, colon) : token
    const spec = settingChecks[name]
    if (colon <= 0 || !spec) {
      report(`Unexpected cue setting \`${shown(token)}\`, expected \`name:value\` with the name \`vertical\`, \`line\`, \`position\`, \`size\`, \`align\` or \`region\``, lineNumber, column, column + token.length)
      continue
    }
    const value = token.slice(colon + 1)
    if (seen.has(name)) report(`Unexpected second \`${name}\` setting, expected each setting once`, lineNumber, column, column + token.length)
    seen.add(name)
    if (!spec.check(value)) report(`Unexpected \`${shown(value)}\` for the cue setting \`${name}\`, expected ${spec.expected}`, lineNumber, column + colon + 1, column + token.length)
  }
}

/**
 * The cue text (§4.2.3): tags a browser renders (`<c>`, `<i>`, `<b>`, `<u>`, `<ruby>`, `<rt>`,
 * `<v voice>`, `<lang tag>`, and timestamps inside the cue's time), each `<` closed by a `>`.
 */
function checkCueText(payload: Array<{ text: string; line: number }>, cue: { start: number; end: number }, report: Report): void {
  const open: string[] = []
  /** Start tags reported as wrong: their end tags are not reported again. */
  const ignored = new Set<string>()
  let lastTime = cue.start
  for (const [index, { text, line }] of payload.entries()) {
    let pos = text.indexOf('<')
    while (pos >= 0) {
      const close = text.indexOf('>', pos + 1)
      if (close < 0) {
        // A browser reads the rest of the cue (the lines below too) as the tag: the text is lost.
        const later = payload.slice(index + 1).some((p) => p.text.includes('>'))
        if (!later) report('Unexpected `<` without a closing `>` in the cue text, expected a tag such as `<i>…</i>`, or `&lt;` for a literal `<`', line, pos + 1)
        return
      }
      const tag = text.slice(pos + 1, close)
      const column = pos + 1
      const endColumn = close + 2
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim()
        if (name === open.at(-1) || (name === 'ruby' && open.at(-1) === 'rt' && open.at(-2) === 'ruby')) {
          open.splice(name === 'ruby' && open.at(-1) === 'rt' ? -2 : -1)
        } else if (!ignored.has(name)) {
          report(`Unexpected end tag \`</${shown(name)}>\`, expected ${open.length > 0 ? `\`</${open.at(-1) ?? ''}>\` first` : 'a start tag before it'}`, line, column, endColumn)
        }
      } else if (/^[0-9]/.test(tag)) {
        const at = { pos: 0 }
        const time = timestamp(tag, at)
        if (typeof time !== 'number' || at.pos !== tag.length) {
          report(`Unexpected timestamp tag \`<${shown(tag)}>\`, expected ${timeExpected}`, line, column, endColumn)
        } else if (time <= cue.start || time >= cue.end || time <= lastTime) {
          report(`Unexpected timestamp tag \`<${shown(tag)}>\`, expected a time after \`${formatTime(lastTime)}\` and before the cue's end \`${formatTime(cue.end)}\``, line, column, endColumn)
        } else {
          lastTime = time
        }
      } else {
        const name = /^[^ \t\f.]*/.exec(tag)?.[0] ?? ''
        const annotation = tag.slice(name.length).replace(/^(?:\.[^ \t\f.]*)*/, '').trim()
        const reported = () => ignored.add(name)
        if (!knownTags.has(name)) {
          reported()
          report(`Unexpected tag \`<${shown(tag)}>\` in the cue text, expected \`<i>\`, \`<b>\`, \`<u>\`, \`<c>\`, \`<v name>\`, \`<lang tag>\`, \`<ruby>\` or \`<rt>\`, or \`&lt;\` for a literal \`<\``, line, column, endColumn)
        } else if (name === 'rt' && open.at(-1) !== 'ruby') {
          reported()
          report('Unexpected `<rt>` outside a `<ruby>`, expected it right inside `<ruby>…</ruby>`', line, column, endColumn)
        } else if ((name === 'v' || name === 'lang') && annotation === '') {
          reported()
          report(`Unexpected \`<${name}>\` without ${name === 'v' ? 'the name of who speaks' : 'a language'}, expected \`<${name === 'v' ? 'v Amina' : 'lang ar'}>\``, line, column, endColumn)
        } else if (name !== 'v' && name !== 'lang' && annotation !== '') {
          reported()
          report(`Unexpected \`${shown(annotation)}\` in the tag \`<${shown(tag)}>\`, expected text after the name only in \`<v>\` and \`<lang>\``, line, column, endColumn)
        } else {
          open.push(name)
        }
      }
      pos = text.indexOf('<', close + 1)
    }
  }
}
