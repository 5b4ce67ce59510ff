/**
 * XLIFF 2.0 (OASIS, core): one `<file>` per course file, one `<unit>` per translation unit with
 * a single `<segment>`. Paired codes are `<pc>`, standalone ones `<ph/>`, neither deletable; the
 * source hash is our `cp:hash` attribute (the core allows attributes of other namespaces on a unit).
 */
import type { CodeKind, Piece } from '../inline.js'
import { coursepackNamespace, type XliffDocument, type XliffFormat, type XliffProblem, type XliffRead, type XliffUnit } from './types.js'
import { codeReader } from './pieces.js'
import { childrenNamed, escapeXml, local, readXml } from './xml.js'

const namespace = 'urn:oasis:names:tc:xliff:document:2.0'

const codeAttributes: Record<CodeKind, string> = {
  emphasis: 'type="fmt" subType="xlf:i"',
  strong: 'type="fmt" subType="xlf:b"',
  underline: 'type="fmt" subType="xlf:u"',
  delete: 'type="fmt" subType="xlf:s"',
  link: 'type="link"',
  image: 'type="image"',
  code: 'type="other"',
  break: 'type="fmt" subType="xlf:lb"',
  'cue-tag': 'type="fmt"',
  other: 'type="other"'
}

function inline(pieces: readonly Piece[], disp: (id: string) => string | undefined): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return escapeXml(piece)
      const attributes = `id="${escapeXml(piece.id)}" ${codeAttributes[piece.kind]} canCopy="no" canDelete="no"`
      if (piece.code === 'pc') return `<pc ${attributes}>${inline(piece.children, disp)}</pc>`
      const shown = disp(piece.id)
      return `<ph ${attributes}${shown === undefined ? '' : ` disp="${escapeXml(shown)}"`}/>`
    })
    .join('')
}

function write(document: XliffDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${namespace}" xmlns:cp="${coursepackNamespace}" version="2.0" srcLang="${escapeXml(document.sourceLanguage)}" trgLang="${escapeXml(document.targetLanguage)}">`
  ]
  for (const file of document.files) {
    lines.push(`  <file id="${escapeXml(file.id)}" original="${escapeXml(file.original)}">`)
    for (const unit of file.units) {
      const disp = (code: string) => unit.display?.[code]
      lines.push(`    <unit id="${escapeXml(unit.id)}" cp:hash="${unit.hash}" canResegment="no" xml:space="preserve">`)
      if (unit.notes.length > 0) lines.push(`      <notes>${unit.notes.map((n) => `<note category="coursepack">${escapeXml(n)}</note>`).join('')}</notes>`)
      const state = unit.target && unit.state ? ` state="${unit.state}"` : ''
      lines.push(`      <segment${state}>`)
      lines.push(`        <source>${inline(unit.source, disp)}</source>`)
      if (unit.target) lines.push(`        <target>${inline(unit.target, disp)}</target>`)
      lines.push('      </segment>', '    </unit>')
    }
    lines.push('  </file>')
  }
  lines.push('</xliff>', '')
  return lines.join('\n')
}

const pieces = codeReader('pc', 'ph')

function read(text: string): XliffRead {
  const xml = readXml(text)
  if (!xml.ok) return { ok: false, problems: [{ message: xml.message, offset: xml.offset }] }
  const root = xml.root
  const problems: XliffProblem[] = []
  if (local(root.name) !== 'xliff' || root.attributes.version !== '2.0') {
    return { ok: false, problems: [{ message: `Unexpected root \`<${root.name}>\` (version ${root.attributes.version ?? 'none'}), expected \`<xliff version="2.0">\``, offset: root.offset }] }
  }
  const document: XliffDocument = { sourceLanguage: root.attributes.srcLang ?? '', targetLanguage: root.attributes.trgLang ?? '', files: [] }
  for (const file of childrenNamed(root, 'file')) {
    const units: XliffUnit[] = []
    for (const unit of childrenNamed(file, 'unit')) {
      const id = unit.attributes.id ?? ''
      const hashKey = Object.keys(unit.attributes).find((k) => local(k) === 'hash' && k.includes(':'))
      const segments = childrenNamed(unit, 'segment')
      const source: Piece[] = []
      let target: Piece[] | undefined
      let state: XliffUnit['state']
      for (const segment of segments) {
        const [s] = childrenNamed(segment, 'source')
        const [t] = childrenNamed(segment, 'target')
        if (s) source.push(...pieces(s, id, problems))
        if (t) target = [...(target ?? []), ...pieces(t, id, problems)]
        const given = segment.attributes.state
        if (given) state = given === 'initial' ? 'initial' : 'translated'
      }
      const notes = childrenNamed(unit, 'notes').flatMap((n) => childrenNamed(n, 'note')).map((n) => n.children.filter((c) => typeof c === 'string').join(''))
      units.push({ id, hash: hashKey ? (unit.attributes[hashKey] ?? '') : '', source, target, state, notes, offset: unit.offset })
    }
    document.files.push({ id: file.attributes.id ?? '', original: file.attributes.original ?? '', units })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document }
}

export const xliff2: XliffFormat = { name: 'xliff2', title: 'XLIFF 2.0', version: '2.0', namespace, write, read }
