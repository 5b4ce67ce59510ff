/**
 * `translate export`: one XLIFF document per language, one unit per source unit (Markdown files,
 * then captions files), pre-filled from the existing translation: `translated` when its record says it was translated from the current
 * source (or when nothing was recorded), `initial` with a note when the source changed since.
 */
import { plainText } from './inline.js'
import type { TranslatableCourse, TranslatedFile } from './course.js'
import type { XliffDocument, XliffUnit } from './formats/index.js'
import { asTarget } from './prefill.js'

export function exportDocument(course: TranslatableCourse, language: string, translated: TranslatedFile[]): XliffDocument {
  return {
    sourceLanguage: course.sourceLanguage,
    targetLanguage: language,
    files: translated.map(({ source, units, record, problem }) => ({
      id: source.id,
      original: source.relative,
      kind: source.kind,
      units: source.units.map((unit): XliffUnit => {
        // Translators see an inline code's text, and a captions tag (`<v Amina>`, a timestamp).
        const display = Object.fromEntries([...unit.text.codes].filter(([, m]) => !m.paired && (m.kind === 'code' || m.kind === 'cue-tag')).map(([id, m]) => [id, m.start]))
        const base: XliffUnit = { id: unit.id, hash: unit.hash, source: unit.text.pieces, target: undefined, state: undefined, notes: problem ? [`Not pre-filled: ${problem}.`] : [], offset: 0, display }
        const existing = units?.get(unit.id)
        if (!existing) return base
        const target = asTarget(unit, existing)
        if (!target) return { ...base, notes: [`The existing translation's inline codes do not match the source's; it reads: ${plainText(existing.text.pieces)}`] }
        const recorded = record?.[unit.id]
        // A recorded file's unrecorded unit kept the source's text at import: it is not translated.
        if (recorded === undefined) return record ? base : { ...base, target, state: 'translated', notes: ['Translated before coursepack recorded source hashes: check it against the source.'] }
        if (recorded !== unit.hash) return { ...base, target, state: 'initial', notes: [`Stale: the source changed after this was translated (from source hash ${recorded}).`] }
        return { ...base, target, state: 'translated' }
      })
    }))
  }
}
