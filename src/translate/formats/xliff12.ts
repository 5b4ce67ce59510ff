/**
 * XLIFF 1.2 (OASIS): one `<file>` per course file (`original` is its path), one `<trans-unit>`
 * per translation unit. Paired codes are `<g>`, standalone ones `<x/>`; the source hash is the
 * unit's `extradata` (1.2's attribute for a tool's own data). A stale translation's target is
 * `state="needs-review-translation"`, 1.2's counterpart of 2.0's `initial`.
 */
import type { CodeKind, Piece } from '../inline.js'
import type { XliffDocument, XliffFormat, XliffProblem, XliffRead, XliffUnit } from './types.js'
import { codeReader } from './pieces.js'
import { childrenNamed, escapeXml, local, readXml } from './xml.js'

const namespace = 'urn:oasis:names:tc:xliff:document:1.2'

const ctypes: Record<CodeKind, string> = {
  emphasis: 'italic',
  strong: 'bold',
  underline: 'underlined',
  delete: 'x-strikethrough',
  link: 'link',
  image: 'x-image',
  code: 'x-code',
  break: 'lb',
  'cue-tag': 'x-cue-tag',
  other: 'x-other'
}

function inline(pieces: readonly Piece[]): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return escapeXml(piece)
      const attributes = `id="${escapeXml(piece.id)}" ctype="${ctypes[piece.kind]}"`
      return piece.code === 'pc' ? `<g ${attributes}>${inline(piece.children)}</g>` : `<x ${attributes}/>`
    })
    .join('')
}

function write(document: XliffDocument): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<xliff xmlns="${namespace}" version="1.2">`]
  for (const file of document.files) {
    lines.push(`  <file original="${escapeXml(file.original)}" source-language="${escapeXml(document.sourceLanguage)}" target-language="${escapeXml(document.targetLanguage)}" datatype="${file.kind === 'captions' ? 'x-webvtt' : 'x-markdown'}" product-name="coursepack">`, '    <body>')
    for (const unit of file.units) {
      lines.push(`      <trans-unit id="${escapeXml(unit.id)}" extradata="${unit.hash}" resname="${escapeXml(unit.id)}" xml:space="preserve">`)
      lines.push(`        <source>${inline(unit.source)}</source>`)
      if (unit.target) lines.push(`        <target state="${unit.state === 'initial' ? 'needs-review-translation' : 'translated'}">${inline(unit.target)}</target>`)
      for (const note of unit.notes) lines.push(`        <note from="coursepack">${escapeXml(note)}</note>`)
      lines.push('      </trans-unit>')
    }
    lines.push('    </body>', '  </file>')
  }
  lines.push('</xliff>', '')
  return lines.join('\n')
}

const pieces = codeReader('g', 'x')

function read(text: string): XliffRead {
  const xml = readXml(text)
  if (!xml.ok) return { ok: false, problems: [{ message: xml.message, offset: xml.offset }] }
  const root = xml.root
  if (local(root.name) !== 'xliff' || root.attributes.version !== '1.2') {
    return { ok: false, problems: [{ message: `Unexpected root \`<${root.name}>\` (version ${root.attributes.version ?? 'none'}), expected \`<xliff version="1.2">\``, offset: root.offset }] }
  }
  const problems: XliffProblem[] = []
  const files = childrenNamed(root, 'file')
  const document: XliffDocument = { sourceLanguage: files[0]?.attributes['source-language'] ?? '', targetLanguage: files[0]?.attributes['target-language'] ?? '', files: [] }
  for (const file of files) {
    const units: XliffUnit[] = []
    for (const unit of childrenNamed(file, 'body').flatMap((b) => childrenNamed(b, 'trans-unit'))) {
      const id = unit.attributes.id ?? ''
      const [s] = childrenNamed(unit, 'source')
      const [t] = childrenNamed(unit, 'target')
      const state = t?.attributes.state
      units.push({
        id,
        hash: unit.attributes.extradata ?? '',
        source: s ? pieces(s, id, problems) : [],
        target: t ? pieces(t, id, problems) : undefined,
        state: t ? (state === 'new' || state === 'needs-translation' || state === 'needs-review-translation' ? 'initial' : 'translated') : undefined,
        notes: childrenNamed(unit, 'note').map((n) => n.children.filter((c) => typeof c === 'string').join('')),
        offset: unit.offset
      })
    }
    document.files.push({ id: '', original: file.attributes.original ?? '', units })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document }
}

export const xliff12: XliffFormat = { name: 'xliff12', title: 'XLIFF 1.2', version: '1.2', namespace, write, read }
