/**
 * An existing translation's unit as a target for the source's unit: its codes renumbered to the
 * source's (a link to the same target first, else the next code of the same kind), or undefined
 * when they cannot all be matched.
 */
import { type CodeMarkup, type Piece } from './inline.js'
import type { Unit } from './units.js'

export function asTarget(source: Unit, translated: Unit): Piece[] | undefined {
  const used = new Set<string>()
  const sourceCodes = [...source.text.codes.entries()]
  const match = (markup: CodeMarkup | undefined): string | undefined => {
    if (!markup) return undefined
    const same = sourceCodes.find(([id, m]) => !used.has(id) && m.kind === markup.kind && m.start === markup.start && m.end === markup.end)
    const kind = same ?? sourceCodes.find(([id, m]) => !used.has(id) && m.kind === markup.kind && m.paired === markup.paired && (m.kind !== 'code' || m.start === markup.start))
    if (!kind) return undefined
    used.add(kind[0])
    return kind[0]
  }
  let ok = true
  const map = (pieces: readonly Piece[]): Piece[] =>
    pieces.map((piece) => {
      if (typeof piece === 'string') return piece
      const id = match(translated.text.codes.get(piece.id))
      if (id === undefined) ok = false
      return piece.code === 'pc' ? { ...piece, id: id ?? piece.id, children: map(piece.children) } : { ...piece, id: id ?? piece.id }
    })
  const target = map(translated.text.pieces)
  return ok && used.size === source.text.codes.size ? target : undefined
}
