/**
 * `translate import`: an XLIFF document's targets become translated Markdown files, and
 * translated captions (`intro.<lang>.vtt` beside `intro.vtt`, the source's text with only the cue
 * texts replaced). The document must match the current source exactly (the same units in each
 * file it covers) and every target must keep its unit's inline codes (and a cue must stay a cue
 * the build's WebVTT check passes); otherwise nothing of it is written, and each problem is a
 * positioned message on the XLIFF file with its unit id.
 */
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import { pointAt } from '../parse/index.js'
import { cueProblem, toCueText, translatedCaptions } from './captions.js'
import { checkCodes, normalise, type Piece } from './inline.js'
import type { TranslatedFile } from './course.js'
import type { XliffDocument, XliffUnit } from './formats/index.js'
import { translatedMarkdown } from './markdown.js'
import type { HashRecord } from './record.js'

export interface ImportPlan {
  /** Translated Markdown by path relative to the course folder. */
  writes: Map<string, string>
  record: HashRecord
}

const list = (ids: readonly string[]) => ids.slice(0, 10).map((id) => `\`${id}\``).join(', ') + (ids.length > 10 ? ` and ${ids.length - 10} more` : '')

/**
 * @param xlf
 *   The XLIFF file read (its messages are the import's problems).
 * @returns
 *   What to write, or undefined when the document has an error.
 */
export function planImport(document: XliffDocument, translated: readonly TranslatedFile[], record: HashRecord, xlf: VFile): ImportPlan | undefined {
  const place = (offset: number) => pointAt(xlf, offset)
  const byOriginal = new Map(translated.map((t) => [t.source.relative, t]))
  const plan: ImportPlan = { writes: new Map(), record: { language: record.language, files: { ...record.files } } }
  let failed = false
  for (const file of document.files) {
    const target = byOriginal.get(file.original)
    const fileOffset = String(xlf.value).indexOf(`original="${file.original}"`)
    if (!target) {
      error(xlf, `Unexpected file \`${file.original}\`, expected a source file of this course`, { ruleId: 'xliff-unit-mismatch', place: place(Math.max(0, fileOffset)) })
      failed = true
      continue
    }
    const sourceIds = target.source.units.map((u) => u.id)
    const given = new Map<string, XliffUnit>()
    for (const unit of file.units) given.set(unit.id, unit)
    const extra = file.units.map((u) => u.id).filter((id) => !sourceIds.includes(id))
    const lost = sourceIds.filter((id) => !given.has(id))
    if (extra.length > 0 || lost.length > 0) {
      const parts = [extra.length > 0 ? `units not in the source: ${list(extra)}` : '', lost.length > 0 ? `source units not in the file: ${list(lost)}` : ''].filter(Boolean)
      error(xlf, `Unexpected units for \`${file.original}\` (${parts.join('; ')}), expected the units of the current source: export again`, {
        ruleId: 'xliff-unit-mismatch',
        place: place(Math.max(0, fileOffset))
      })
      failed = true
      continue
    }
    const targets = new Map<string, Piece[]>()
    const hashes: Record<string, string> = {}
    for (const unit of target.source.units) {
      const x = given.get(unit.id)
      if (!x?.target) continue
      const pieces = normalise(x.target)
      const source = target.source
      const cue = source.kind === 'captions' ? source.captions.cueOf.get(unit.id) : undefined
      const problem = checkCodes(pieces, unit.text.codes) ?? (cue && cueProblem(cue, toCueText(pieces, unit.text.codes)))
      if (problem) {
        error(xlf, `Unexpected target of unit \`${unit.id}\`: ${problem}, expected the source's inline codes, each once`, { ruleId: 'xliff-inline-code', place: place(x.offset) })
        failed = true
        continue
      }
      if (pieces.length === 0) continue
      targets.set(unit.id, pieces)
      // A target left `initial` (a stale one the translator did not revise) keeps the hash it was translated from.
      const previous = target.record?.[unit.id]
      if (x.state === 'initial') {
        if (previous !== undefined) hashes[unit.id] = previous
      } else {
        hashes[unit.id] = x.hash || unit.hash
      }
    }
    // A file with nothing translated is not written: the build keeps warning that it is `untranslated`.
    // Nor are captions whose existing translation does not line up with the source's cues.
    if (targets.size === 0 && !target.units?.size) continue
    const source = target.source
    plan.writes.set(target.relative, source.kind === 'captions' ? translatedCaptions(String(source.file.value), source.units, targets) : translatedMarkdown(source, targets))
    plan.record.files[target.relative] = hashes
  }
  return failed ? undefined : plan
}
