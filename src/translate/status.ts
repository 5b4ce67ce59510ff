/**
 * Where each language stands, unit by unit: `translated` (recorded from the current source),
 * `stale` (recorded from an older source), `missing` (no translation, or none recorded in a
 * recorded file), and `unrecorded` (in a translated file that no import has recorded: counted as
 * translated, since nothing says it is stale).
 */
import type { Position } from 'unist'
import type { TranslatedFile } from './course.js'
import type { Unit } from './units.js'

export type UnitState = 'translated' | 'stale' | 'missing' | 'unrecorded'

export interface FileStatus {
  /** The source file, relative to the course folder. */
  source: string
  /** The translation's path, relative to the course folder. */
  translation: string
  exists: boolean
  recorded: boolean
  translated: number
  stale: number
  missing: number
  unrecorded: number
  /** The stale units: id and place in the source file. */
  staleUnits: Array<{ id: string; line: number; column: number }>
  missingUnits: string[]
}

export interface LanguageStatus {
  language: string
  translated: number
  stale: number
  missing: number
  unrecorded: number
  files: FileStatus[]
}

export function unitState(unit: Unit, file: TranslatedFile): UnitState {
  if (!file.units?.has(unit.id)) return 'missing'
  const recorded = file.record?.[unit.id]
  if (!file.record) return 'unrecorded'
  if (recorded === undefined) return 'missing'
  return recorded === unit.hash ? 'translated' : 'stale'
}

export function languageStatus(language: string, files: readonly TranslatedFile[]): LanguageStatus {
  const status: LanguageStatus = { language, translated: 0, stale: 0, missing: 0, unrecorded: 0, files: [] }
  for (const file of files) {
    const entry: FileStatus = { source: file.source.relative, translation: file.relative, exists: file.units !== undefined, recorded: file.record !== undefined, translated: 0, stale: 0, missing: 0, unrecorded: 0, staleUnits: [], missingUnits: [] }
    for (const unit of file.source.units) {
      const state = unitState(unit, file)
      entry[state]++
      status[state]++
      if (state === 'stale') entry.staleUnits.push({ id: unit.id, ...at(unit.position) })
      if (state === 'missing') entry.missingUnits.push(unit.id)
    }
    status.files.push(entry)
  }
  return status
}

const at = (position: Position) => ({ line: position.start.line, column: position.start.column })
