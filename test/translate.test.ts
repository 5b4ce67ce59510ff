/**
 * `coursepack translate`: export → fill targets by a script → import → build, in French, Arabic,
 * Chinese and Russian; stale units; broken inline codes (captions: ./translate-captions.test.ts);
 * every exported file, captions included, read back by our
 * structural checks, by the `xliff` library and (when the OASIS XSDs are beside this clone) the
 * official schemas; inline Markdown and RTL/CJK/Cyrillic text round-trip byte-exactly.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { XMLParser } from 'fast-xml-parser'
import { VFile } from 'vfile'
import { afterAll, describe, expect, test } from 'vitest'
import { translateExport, translateImport, translateStatus } from '../src/api/translate.js'
import { validateXsd } from '../src/check/xsd.js'
import { packageCourse } from '../src/package/index.js'
import { parseFile } from '../src/parse/index.js'
import { checkCourse, validate } from '../src/pipeline.js'
import { formats } from '../src/translate/formats/index.js'
import { canonical, type Piece } from '../src/translate/inline.js'
import { translatedMarkdown } from '../src/translate/markdown.js'
import type { MarkdownSource } from '../src/translate/course.js'
import { extractUnits } from '../src/translate/units.js'
import { cleanup, fixtureCourse, tempDir } from './helpers.js'
import { fill, fillDocument, pieceText } from './translator.js'
import { debianFile } from './needs-shared.js'

afterAll(cleanup)

const words: Record<string, string> = { fr: 'Texte français', ar: 'نص عربي مترجم', zh: '中文译文', ru: 'Русский перевод' }


/** Our own structural checks of an exported file. */
function structure(text: string, version: '2.0' | '1.2'): string[] {
  const problems: string[] = []
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false, isArray: (name) => ['file', 'unit', 'trans-unit', 'pc', 'ph', 'g', 'x'].includes(name) }).parse(text) as Record<string, Record<string, unknown>>
  const root = parsed.xliff
  if (!root) return ['no <xliff> root']
  const ns = version === '2.0' ? 'urn:oasis:names:tc:xliff:document:2.0' : 'urn:oasis:names:tc:xliff:document:1.2'
  if (root['@xmlns'] !== ns) problems.push(`namespace ${String(root['@xmlns'])}`)
  if (root['@version'] !== version) problems.push('version')
  if (version === '2.0' && (!root['@srcLang'] || !root['@trgLang'])) problems.push('srcLang/trgLang')
  const ids = new Set<string>()
  for (const file of root.file as Array<Record<string, unknown>>) {
    if (!file['@original']) problems.push('file without original')
    if (version === '2.0' && !file['@id']) problems.push('file without id')
    if (version === '1.2' && (!file['@source-language'] || !file['@datatype'])) problems.push('file without source-language or datatype')
    const units = (version === '2.0' ? file.unit : (file.body as Record<string, unknown>)['trans-unit']) as Array<Record<string, unknown>>
    for (const unit of units) {
      const id = String(unit['@id'])
      if (ids.has(id)) problems.push(`duplicate unit id ${id}`)
      ids.add(id)
      if (version === '2.0' && !/^[\p{L}\p{N}._:-]+$/u.test(id)) problems.push(`unit id ${id} is not an NMTOKEN`)
    }
  }
  // Balanced inline codes: every opening <pc>/<g> is closed (the parser saw well-formed XML) and target codes are the source's.
  for (const match of text.matchAll(/<(source|target)>([\s\S]*?)<\/\1>/g)) {
    const body = match[2] ?? ''
    const opens = (body.match(/<(pc|g) /g) ?? []).length
    const closes = (body.match(/<\/(pc|g)>/g) ?? []).length
    if (opens !== closes) problems.push(`unbalanced codes in ${body.slice(0, 40)}`)
  }
  return problems
}

/**
 * The official OASIS schemas of XLIFF 2.0 and 1.2 (strict), as Debian's php-symfony-translation
 * ships them beside the W3C xml.xsd they import; no npm package carries them. Copied into a
 * temporary folder with their `xs:import` pointed at that xml.xsd (the 1.2 schema names the W3C
 * URL, the 2.0 one a folder of the OASIS distribution), since validation never goes online.
 */
const oasisDir = '/usr/share/php/Symfony/Component/Translation/Resources/schemas'
const oasisFiles: Record<string, string> = { xliff2: 'xliff-core-2.0.xsd', xliff12: 'xliff-core-1.2-strict.xsd' }
const xsds: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(oasisFiles).map(([format, name]) => [format, debianFile(path.join(oasisDir, name), 'php-symfony-translation', `validating ${format} exports against the official OASIS schema`)])
)
function schemaOf(format: string): { main: string } {
  const dir = tempDir('coursepack-xliff-xsd-')
  copyFileSync(path.join(oasisDir, 'xml.xsd'), path.join(dir, 'xml.xsd'))
  for (const name of Object.values(oasisFiles)) {
    const text = readFileSync(path.join(oasisDir, name), 'utf8').replace(/(<xs[d]?:import namespace="http:\/\/www\.w3\.org\/XML\/1998\/namespace"\s+schemaLocation=")[^"]+"/, '$1xml.xsd"')
    writeFileSync(path.join(dir, name), text)
  }
  return { main: path.join(dir, oasisFiles[format] ?? '') }
}

describe('export → translate → import → build, in four languages', async () => {
  const { workspace } = fixtureCourse()
  const cwd = workspace
  const languages = Object.keys(words)
  const exported = await translateExport('course', { cwd, languages })

  test('one XLIFF 2.0 file per language, with every unit and nothing pre-filled', () => {
    expect(exported.errors).toBe(0)
    expect(exported.files.map((f) => f.language)).toEqual(languages)
    for (const file of exported.files) expect(file.prefilled).toBe(0)
    const text = readFileSync(path.join(cwd, exported.files[0]!.path), 'utf8')
    // Link targets, ids, points and [x] marks are not units; the inline Markdown is codes.
    expect(text).not.toContain('example.org')
    expect(text).not.toContain('q-weighted" points')
    expect(text).toContain('<unit id="quiz.basics.q.q-weighted.heading"')
    expect(text).toContain('<ph id="1" type="other" canCopy="no" canDelete="no" disp="`&lt;Risk&gt;`"/>')
    expect(text).toContain('<unit id="lesson.basics.first.casestudy1.title"')
    expect(text).toMatch(/<source>Welcome to the <pc id="1" type="fmt" subType="xlf:b" canCopy="no" canDelete="no">minimal<\/pc> course\. Read <pc id="2" type="link"/)
  })

  test('a translator fills every target; import writes every file and the record', async () => {
    for (const file of exported.files) {
      const full = path.join(cwd, file.path)
      const document = formats.xliff2!.read(readFileSync(full, 'utf8'))
      if (!document.ok) throw new Error(JSON.stringify(document.problems))
      writeFileSync(full, formats.xliff2!.write(fillDocument(document.document, words[file.language]!)))
    }
    const imported = await translateImport(exported.files.map((f) => f.path), { cwd, course: 'course' })
    expect(imported.diagnostics).toEqual([])
    expect(imported.written).toContain('course/01-basics/quiz.ar.md')
    expect(imported.written).toContain('course/translations/zh.json')
  })

  test.each(languages)('%s: builds without errors, the pages show the translated text, and the quiz keeps its questions and marks', async (language) => {
    const result = await checkCourse('course', cwd, ['scorm12'], language)
    const errors = result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => `${f.path}: ${m.reason}`))
    expect(errors).toEqual([])
    const quiz = result.course.modules[0]!.quiz!
    expect(quiz.questions.map((q) => q.id)).toEqual(['basics.which-colour-is-the-sky-on-a-clear-day', 'basics.which-of-these-are-primes', 'q-weighted'])
    const pages = packageCourse(result.course, 'scorm12').files.filter((f) => f.path.endsWith('.html')).map((f) => String(f.data)).join('\n')
    const word = words[language]!
    for (const expected of [`${word} A `, `${word} Welcome to the `, `${word} Some text with an image: `, `${word} The app did something.`, `${word} Rayleigh scattering gives the sky its colour.`, `${word} Blue`]) {
      expect(pages).toContain(expected)
    }
    expect(String(readFileSync(path.join(cwd, 'course', '01-basics', `01-first.${language}.md`)))).toContain('[a site](https://example.org)')
  })

  test.each(languages)('%s: exported again, every target is the one imported, byte for byte, and translated', async (language) => {
    const again = await translateExport('course', { cwd, languages: [language], out: 'again' })
    const document = formats.xliff2!.read(readFileSync(path.join(cwd, again.files[0]!.path), 'utf8'))
    if (!document.ok) throw new Error('unreadable')
    for (const unit of document.document.files.flatMap((f) => f.units)) {
      expect(unit.state).toBe('translated')
      expect(pieceText(unit.target ?? [])).toBe(pieceText(fill(unit.source, words[language]!)))
    }
    const status = await translateStatus('course', { cwd })
    const entry = status.languages.find((l) => l.language === language)!
    expect({ stale: entry.stale, missing: entry.missing, unrecorded: entry.unrecorded }).toEqual({ stale: 0, missing: 0, unrecorded: 0 })
  })

  test('a changed source sentence makes exactly that unit stale, in every language, and validate warns at it', async () => {
    const lesson = path.join(cwd, 'course', '01-basics', '01-first.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('The app did something.', 'The app did something else.'))
    const status = await translateStatus('course', { cwd })
    for (const language of status.languages) {
      expect(language.stale).toBe(1)
      expect(language.files.flatMap((f) => f.staleUnits)).toEqual([{ id: 'lesson.basics.first.casestudy1.b1', line: 17, column: 1 }])
    }
    const result = await validate(['course'], { cwd })
    const stale = result.diagnostics.filter((d) => d.ruleId === 'translation-stale')
    expect(stale.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(Array(4).fill('course/01-basics/01-first.md:17:1'))
    // Exported again, the stale unit is pre-filled as `initial` with a note.
    const again = await translateExport('course', { cwd, languages: ['fr'], out: 'stale' })
    const text = readFileSync(path.join(cwd, again.files[0]!.path), 'utf8')
    expect(text).toMatch(/<unit id="lesson\.basics\.first\.casestudy1\.b1"[^>]*>\s*<notes><note category="coursepack">Stale: the source changed/)
    expect(text).toMatch(/casestudy1\.b1"[\s\S]*?<segment state="initial">/)
  })

  test("a translator's broken inline code is rejected with its unit id, and nothing is written", async () => {
    const file = path.join(cwd, exported.files[0]!.path)
    const broken = readFileSync(file, 'utf8').replace(/(<unit id="course\.b1"[\s\S]*?<target>[^<]*)<pc id="1"[^>]*>([^<]*)<\/pc>/, '$1$2')
    writeFileSync(file, broken)
    const before = readFileSync(path.join(cwd, 'course', 'course.fr.md'), 'utf8')
    const imported = await translateImport([exported.files[0]!.path], { cwd, course: 'course' })
    expect(imported.exitCode).toBe(1)
    expect(imported.written).toEqual([])
    expect(imported.diagnostics.map((d) => d.ruleId)).toContain('xliff-inline-code')
    expect(imported.diagnostics.find((d) => d.ruleId === 'xliff-inline-code')?.message).toContain('`course.b1`: missing inline code `1`')
    expect(readFileSync(path.join(cwd, 'course', 'course.fr.md'), 'utf8')).toBe(before)
  })

  test('a file whose units are not those of the current source is refused, with the unit ids', async () => {
    const file = path.join(cwd, 'again-units.xlf')
    const text = readFileSync(path.join(cwd, exported.files[1]!.path), 'utf8').replace('<unit id="course.title"', '<unit id="course.old-title"')
    writeFileSync(file, text)
    const imported = await translateImport(['again-units.xlf'], { cwd, course: 'course' })
    expect(imported.exitCode).toBe(1)
    expect(imported.diagnostics[0]).toMatchObject({ ruleId: 'xliff-unit-mismatch', file: 'again-units.xlf' })
    expect(imported.diagnostics[0]?.message).toContain('units not in the source: `course.old-title`; source units not in the file: `course.title`')
  })
})

describe('every exported file, in both formats', async () => {
  // With a video: its captions' cues are units too, their tags codes (`<v Amina>`, a line break, timestamps).
  const { workspace } = fixtureCourse('captions')
  const results = await Promise.all(
    Object.keys(formats).map(async (format) => ({ format, result: await translateExport('course', { cwd: workspace, languages: ['ar', 'zh'], out: format, format }) }))
  )
  let xliffLib: { xliff2js: (s: string) => Promise<unknown>; xliff12ToJs: (s: string) => Promise<unknown> } | undefined
  try {
    const name = process.env.COURSEPACK_XLIFF_LIB ?? 'xliff'
    xliffLib = (await import(/* @vite-ignore */ name)) as unknown as typeof xliffLib
  } catch {
    console.log('skipped: reading the exported files with the `xliff` library (a devDependency not installed here: run npm install)')
  }
  for (const { format, result } of results) {
    for (const file of result.files) {
      const text = readFileSync(path.join(workspace, file.path), 'utf8')
      test(`${format} ${file.language}: passes our structural checks and is read back by our reader`, () => {
        expect(structure(text, format === 'xliff2' ? '2.0' : '1.2')).toEqual([])
        const read = formats[format]!.read(text)
        expect(read.ok).toBe(true)
        if (read.ok) expect(read.document.files.flatMap((f) => f.units)).toHaveLength(file.units)
        if (read.ok) expect(read.document.files.find((f) => f.original === 'media/talk.vtt')?.units).toHaveLength(4)
        if (format === 'xliff12') expect(text).toContain('<file original="media/talk.vtt" source-language="en" target-language="' + file.language + '" datatype="x-webvtt"')
      })
      test.skipIf(!xliffLib)(`${format} ${file.language}: the \`xliff\` library reads it without error`, async () => {
        const js = (await (format === 'xliff2' ? xliffLib!.xliff2js(text) : xliffLib!.xliff12ToJs(text))) as { resources: Record<string, Record<string, unknown>> }
        expect(Object.values(js.resources).reduce((n, r) => n + Object.keys(r).length, 0)).toBe(file.units)
      })
      test.skipIf(!xsds[format])(`${format} ${file.language}: valid against the official schema, which catches a broken file`, async () => {
        const schema = schemaOf(format)
        const outcome = await validateXsd(text, schema, { fileName: file.path })
        expect(outcome.errors).toEqual([])
        expect(outcome.valid).toBe(true)
        // The check can fail: a unit without its required id.
        const broken = await validateXsd(text.replace(/(<(?:unit|trans-unit)) id="[^"]*"/, '$1'), schema, { fileName: file.path })
        expect(broken.valid).toBe(false)
      })
    }
  }
})

describe('inline Markdown and RTL, CJK and Cyrillic text round-trip byte-exactly', () => {
  const scripts = ['word', 'Wörter', 'مرحبا بالعالم', 'שלום', '你好世界', '日本語のテキスト', 'Привет мир', 'Ёжик', '*', '_', '[', ']', '<', '>', '{', '}', '&', '~', '#', '-', '+', '1.', '|', '\\', '`', '!', ':', '"', "'"]
  const text = fc.array(fc.constantFrom(...scripts), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '))
  const plain = fc.array(fc.constantFrom(...scripts.slice(0, 8)), { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '))
  const inline = fc.oneof(
    plain,
    plain.map((t) => `*${t}*`),
    plain.map((t) => `**${t}**`),
    plain.map((t) => `[${t}](https://example.org/a)`),
    fc.constant('`code`'),
    fc.constant('~~gone~~')
  )
  const paragraph = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '))

  const sourceOf = (markdown: string): MarkdownSource => {
    const parsed = parseFile(new VFile({ path: 'x.md', value: markdown }))
    return { kind: 'markdown', relative: 'x.md', id: 'lesson.m.x', file: parsed.file, parsed, units: extractUnits(parsed, 'lesson.m.x'), isCourse: false, questionIds: undefined }
  }

  test('a file written back with its own text is the same file', () => {
    fc.assert(
      fc.property(paragraph, paragraph, (a, b) => {
        const markdown = `---\ntitle: ${JSON.stringify(a)}\n---\n\n${a}\n\n- [x] ${b}\n\n> ${b}\n`
        const source = sourceOf(markdown)
        const same = new Map(source.units.map((u) => [u.id, u.text.pieces]))
        // The front matter is rewritten by YAML; the body, unit by unit, is the source's text.
        const out = translatedMarkdown(source, same)
        expect(out.slice(out.indexOf('---\n\n'))).toBe(markdown.slice(markdown.indexOf('---\n\n')))
      }),
      { numRuns: 150 }
    )
  })

  test('a component title takes any text: quotes, apostrophes and ampersands read back as typed, and the other quote is not escaped', () => {
    const titles = fc.array(fc.constantFrom('R&D', "l'enfant", '"quoted"', '&amp;', '&#39;', '«»', 'مرحبا', '&', "'", '"', ' '), { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' ').trim()).filter((t) => t !== '')
    fc.assert(
      fc.property(titles, fc.constantFrom('"', "'"), (title, quote) => {
        const source = sourceOf(`<CaseStudy title=${quote}Source${quote}>\n\nBody.\n\n</CaseStudy>\n`)
        const unit = source.units.find((u) => u.place === 'attribute')
        if (!unit) throw new Error('no title unit')
        const out = translatedMarkdown(source, new Map([[unit.id, [title]]]))
        const again = sourceOf(out).units.find((u) => u.place === 'attribute')
        expect(again?.text.pieces).toEqual([title])
        // Only the attribute's own quote is written as a reference.
        if (title.includes(quote === '"' ? "'" : '"')) expect(out).toContain(quote === '"' ? "'" : '"')
      }),
      { numRuns: 200 }
    )
    const source = sourceOf('<CaseStudy title="Source">\n\nBody.\n\n</CaseStudy>\n')
    const unit = source.units.find((u) => u.place === 'attribute')
    expect(translatedMarkdown(source, new Map([[unit?.id ?? '', ["L'application R&D"]]]))).toContain('title="L\'application R&D"')
  })

  test('any translated text, with the codes in any order, reads back as written', () => {
    fc.assert(
      fc.property(paragraph, text, text, (a, t1, t2) => {
        const source = sourceOf(`${a}\n\n## ${a}\n\n| h |\n| --- |\n| ${a} |\n`)
        const targets = new Map<string, Piece[]>()
        for (const unit of source.units) {
          const codes: Piece[] = unit.text.pieces.filter((p) => typeof p !== 'string').map((p) => (typeof p !== 'string' && p.code === 'pc' ? { ...p, children: [t2] } : p)).reverse()
          targets.set(unit.id, [t1, ' ', ...codes.flatMap((c) => [c, ' '] as Piece[]), t2])
        }
        const again = sourceOf(translatedMarkdown(source, targets))
        expect(again.units.map((u) => u.id)).toEqual(source.units.map((u) => u.id))
        for (const unit of again.units) {
          const expected = parseFile(new VFile({ value: '' })) && targets.get(unit.id)!
          expect(canonical({ pieces: unit.text.pieces.map(trim), codes: new Map() }).replace(/\s+/g, ' ').trim()).toBe(canonical({ pieces: expected.map(trim), codes: new Map() }).replace(/\s+/g, ' ').trim())
        }
      }),
      { numRuns: 150 }
    )
  })
})

/** Codes compared by id and shape (the kind is the source's, a target's is `other` after reading). */
function trim(piece: Piece): Piece {
  if (typeof piece === 'string') return piece
  return piece.code === 'pc' ? { code: 'pc', id: '', kind: 'other', children: piece.children.map(trim) } : { code: 'ph', id: '', kind: 'other' }
}
