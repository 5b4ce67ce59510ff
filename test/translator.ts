/** The translator's script the translate tests share: targets made from sources, codes kept. */
import type { XliffDocument } from '../src/translate/formats/index.js'
import { canonical, type Piece } from '../src/translate/inline.js'

/** The first text piece of a unit gets the language's words in front; every code stays. */
export function fill(pieces: readonly Piece[], word: string): Piece[] {
  let first = true
  const map = (list: readonly Piece[]): Piece[] =>
    list.map((p) => {
      if (typeof p === 'string') {
        const out = first ? `${word} ${p}` : p
        first = false
        return out
      }
      return p.code === 'pc' ? { ...p, children: map(p.children) } : p
    })
  return map(pieces)
}

/** Every unit of a document filled and marked translated. */
export function fillDocument(document: XliffDocument, word: string): XliffDocument {
  return { ...document, files: document.files.map((f) => ({ ...f, units: f.units.map((u) => ({ ...u, target: fill(u.source, word), state: 'translated' as const })) })) }
}

/** A unit's text and codes as one comparable string. */
export const pieceText = (pieces: readonly Piece[]) => canonical({ pieces: [...pieces], codes: new Map() })
