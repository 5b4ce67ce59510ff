/**
 * Captions as translation units (src/translate/captions.ts): one unit per cue of every WebVTT
 * file the source references, its tags and line breaks inline codes; export → fill → import in
 * Arabic, Chinese, Russian and French keeps timings, ids, header, notes and styles byte for byte
 * and writes files the build's WebVTT check passes; a changed cue makes exactly that unit stale;
 * a broken tag is refused with its unit id; the sample course's own translated captions are
 * pre-filled.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { afterAll, describe, expect, test } from 'vitest'
import { translateExport, translateImport, translateStatus } from '../src/api/translate.js'
import { checkWebVtt } from '../src/model/webvtt.js'
import { checkCourse, validate } from '../src/pipeline.js'
import { captionUnits, cueText, readCues, toCueText, translatedCaptions } from '../src/translate/captions.js'
import { formats } from '../src/translate/formats/index.js'
import { cleanup, fixtureCourse, repoRoot, tempDir } from './helpers.js'
import { fill, fillDocument, pieceText } from './translator.js'

afterAll(cleanup)

const words: Record<string, string> = { ar: 'نص عربي مترجم', zh: '中文译文', ru: 'Русский перевод', fr: 'Texte français' }
const talk = 'captions.media:talk.vtt'


/** A captions file with its cue texts taken out: what must stay the source's, byte for byte. */
const structure = (text: string) => {
  let out = ''
  let at = 0
  for (const cue of readCues(text)) {
    out += `${text.slice(at, cue.range[0])}«text»`
    at = cue.range[1]
  }
  return out + text.slice(at)
}

describe('captions: export → translate → import → build, in four languages', async () => {
  const { workspace: cwd, course } = fixtureCourse('captions')
  const languages = Object.keys(words)
  const sourceVtt = readFileSync(path.join(course, 'media', 'talk.vtt'), 'utf8')
  const exported = await translateExport('course', { cwd, languages })
  const read = (file: string) => {
    const result = formats.xliff2!.read(readFileSync(path.join(cwd, file), 'utf8'))
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    return result.document
  }

  test('the captions file is exported once, one unit per cue with text, its tags and line breaks as codes', () => {
    expect(exported.errors).toBe(0)
    const document = read(exported.files[0]!.path)
    const captions = document.files.filter((f) => f.original.endsWith('.vtt'))
    // Two videos share `talk.vtt`: one file; the cue without text is no unit.
    expect(captions.map((f) => [f.id, f.original])).toEqual([[talk, 'media/talk.vtt']])
    expect(captions[0]!.units.map((u) => u.id)).toEqual([`${talk}.intro-1`, `${talk}.00:00:04.000`, `${talk}.00:00:04.000_2`, `${talk}.00:00:09.000`])
    for (const unit of captions[0]!.units) expect(unit.target).toBeUndefined()
    const text = readFileSync(path.join(cwd, exported.files[0]!.path), 'utf8')
    expect(text).toContain(`<source><ph id="1" type="fmt" canCopy="no" canDelete="no" disp="&lt;v Amina&gt;"/>Children are <pc id="2" type="fmt" subType="xlf:i" canCopy="no" canDelete="no">one in three</pc> internet users.</source>`)
    expect(text).toContain('<source>Rules &amp; <pc id="1" type="fmt" subType="xlf:b" canCopy="no" canDelete="no">rights</pc><ph id="2" type="fmt" subType="xlf:lb" canCopy="no" canDelete="no"/><pc id="3" type="fmt" canCopy="no" canDelete="no">online</pc> too.</source>')
    // Timings, settings, the header and NOTE/STYLE blocks are never units.
    for (const absent of ['-->', 'line:-2', 'Kind: captions', 'written by hand', '::cue', 'between cues']) expect(text).not.toContain(absent)
  })

  test('a translator fills every target; import writes each language\'s captions beside the source and records their hashes', async () => {
    for (const file of exported.files) writeFileSync(path.join(cwd, file.path), formats.xliff2!.write(fillDocument(read(file.path), words[file.language]!)))
    const imported = await translateImport(exported.files.map((f) => f.path), { cwd, course: 'course' })
    expect(imported.diagnostics).toEqual([])
    for (const language of languages) {
      expect(imported.written).toContain(`course/media/talk.${language}.vtt`)
      const record = JSON.parse(readFileSync(path.join(course, 'translations', `${language}.json`), 'utf8')) as { files: Record<string, Record<string, string>> }
      expect(Object.keys(record.files[`media/talk.${language}.vtt`] ?? {})).toHaveLength(4)
    }
  })

  test.each(languages)('%s: timings, ids, header, notes and styles are the source\'s byte for byte, the cue texts translated with their tags', (language) => {
    const written = readFileSync(path.join(course, 'media', `talk.${language}.vtt`), 'utf8')
    expect(structure(written)).toBe(structure(sourceVtt))
    const word = words[language]!
    const texts = readCues(written).map((cue) => written.slice(...cue.range))
    expect(texts).toEqual([
      `<v Amina>${word} Children are <i>one in three</i> internet users.`,
      `${word} Rules &amp; <b>rights</b>\n<c.loud>online</c> too.`,
      `${word} Karaoke <00:05.000>one <00:06.500>two`,
      `<ruby>${word} 漢<rt>kan</rt></ruby> and <u>under</u>.`,
      ''
    ])
    // Our own WebVTT check (the build's `media-captions-invalid`) passes it.
    const file = new VFile({ path: `talk.${language}.vtt`, value: written })
    expect(checkWebVtt(file)).toHaveLength(5)
    expect(file.messages).toEqual([])
  })

  test.each(languages)('%s: the translation builds without errors, its video showing the translated captions first', async (language) => {
    const result = await checkCourse('course', cwd, ['scorm12'], language)
    const errors = result.files.flatMap((f) => f.messages.filter((m) => m.fatal || m.ruleId === 'untranslated').map((m) => `${f.path}: ${m.ruleId} ${m.reason}`))
    expect(errors.filter((e) => e.includes('vtt') || e.includes('captions'))).toEqual([])
    expect(result.files.flatMap((f) => f.messages.filter((m) => m.fatal))).toEqual([])
    expect(result.course.media.map((m) => m.tracks.map((t) => t.src))).toEqual(Array(2).fill([`assets/media/talk.${language}.vtt`, 'assets/media/talk.vtt']))
  })

  test.each(languages)('%s: exported again, every captions target is the one imported, translated; status counts them', async (language) => {
    const again = await translateExport('course', { cwd, languages: [language], out: 'again' })
    const units = read(again.files[0]!.path).files.filter((f) => f.id === talk).flatMap((f) => f.units)
    expect(units).toHaveLength(4)
    for (const unit of units) {
      expect(unit.state).toBe('translated')
      expect(pieceText(unit.target ?? [])).toBe(pieceText(fill(unit.source, words[language]!)))
    }
    const status = await translateStatus('course', { cwd })
    const entry = status.languages.find((l) => l.language === language)!.files.find((f) => f.source === 'media/talk.vtt')
    expect(entry).toMatchObject({ translation: `media/talk.${language}.vtt`, exists: true, recorded: true, translated: 4, stale: 0, missing: 0, unrecorded: 0 })
  })

  test('a changed cue makes exactly that unit stale, in every language, and validate warns at its line and column in the .vtt', async () => {
    const file = path.join(course, 'media', 'talk.vtt')
    writeFileSync(file, sourceVtt.replace('<c.loud>online</c> too.', '<c.loud>online</c> as well.'))
    const status = await translateStatus('course', { cwd })
    for (const language of status.languages) {
      expect(language.stale).toBe(1)
      expect(language.files.flatMap((f) => f.staleUnits)).toEqual([{ id: `${talk}.00:00:04.000`, line: 15, column: 1 }])
    }
    const result = await validate(['course'], { cwd })
    const stale = result.diagnostics.filter((d) => d.ruleId === 'translation-stale')
    expect(stale.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(Array(4).fill('course/media/talk.vtt:15:1'))
    expect(stale[0]?.message).toContain(`\`${talk}.00:00:04.000\``)
    writeFileSync(file, sourceVtt)
  })

  test('a broken tag in a target is refused with its unit id, and nothing is written', async () => {
    const file = path.join(cwd, exported.files[0]!.path)
    const text = readFileSync(file, 'utf8')
    const unitOf = (id: string) => new RegExp(`(<unit id="${id.replace(/[.:]/g, (c) => `\\${c}`)}"[\\s\\S]*?<target>)([\\s\\S]*?)(</target>)`)
    // The `<i>` code dropped (its text kept), and the timestamps swapped.
    const broken = text
      .replace(unitOf(`${talk}.intro-1`), (_m, a: string, target: string, b: string) => a + target.replace(/<pc id="2"[^>]*>([^<]*)<\/pc>/, '$1') + b)
      .replace(unitOf(`${talk}.00:00:04.000_2`), (_m, a: string, target: string, b: string) => a + target.replace('<ph id="1"', '<ph id="X"').replace('<ph id="2"', '<ph id="1"').replace('<ph id="X"', '<ph id="2"') + b)
    writeFileSync(file, broken)
    const before = readFileSync(path.join(course, 'media', 'talk.ar.vtt'), 'utf8')
    const imported = await translateImport([exported.files[0]!.path], { cwd, course: 'course' })
    expect(imported.exitCode).toBe(1)
    expect(imported.written).toEqual([])
    const messages = imported.diagnostics.filter((d) => d.ruleId === 'xliff-inline-code').map((d) => d.message)
    expect(messages).toHaveLength(2)
    expect(messages[0]).toContain(`\`${talk}.intro-1\`: missing inline code \`2\``)
    expect(messages[1]).toContain(`\`${talk}.00:00:04.000_2\`: the cue would not pass the WebVTT check (Unexpected timestamp tag`)
    expect(readFileSync(path.join(course, 'media', 'talk.ar.vtt'), 'utf8')).toBe(before)
  })

  test('a line break moved to the end of a cue is refused: it would end the cue', async () => {
    const file = path.join(cwd, exported.files[1]!.path)
    const text = readFileSync(file, 'utf8').replace(/(<unit id="captions\.media:talk\.vtt\.00:00:04\.000"[\s\S]*?<target>)([\s\S]*?)(<\/target>)/, (_m, a: string, target: string, b: string) => {
      const lb = /<ph id="2"[^>]*\/>/.exec(target)?.[0] ?? ''
      return a + target.replace(lb, '') + lb + b
    })
    writeFileSync(file, text)
    const imported = await translateImport([exported.files[1]!.path], { cwd, course: 'course' })
    expect(imported.exitCode).toBe(1)
    expect(imported.diagnostics.map((d) => `${d.ruleId} ${d.message}`)).toEqual([expect.stringMatching(/^xliff-inline-code Unexpected target of unit `captions\.media:talk\.vtt\.00:00:04\.000`: a line break at the start or end of the cue/)])
  })

  test('a unit of captions whose file is not the source\'s is refused as a mismatch', async () => {
    const file = path.join(cwd, 'mismatch.xlf')
    writeFileSync(file, readFileSync(path.join(cwd, exported.files[2]!.path), 'utf8').replace(`<unit id="${talk}.intro-1"`, `<unit id="${talk}.intro-2"`))
    const imported = await translateImport(['mismatch.xlf'], { cwd, course: 'course' })
    expect(imported.exitCode).toBe(1)
    expect(imported.diagnostics[0]).toMatchObject({ ruleId: 'xliff-unit-mismatch' })
    expect(imported.diagnostics[0]?.message).toContain(`units not in the source: \`${talk}.intro-2\`; source units not in the file: \`${talk}.intro-1\``)
  })

  test('a translation whose cues do not line up with the source\'s is not pre-filled, and says why', async () => {
    const file = path.join(course, 'media', 'talk.fr.vtt')
    writeFileSync(file, readFileSync(file, 'utf8').replace('00:09.000 --> 01:00:00.000', '00:09.500 --> 01:00:00.000'))
    const again = await translateExport('course', { cwd, languages: ['fr'], out: 'misaligned' })
    const units = read(again.files[0]!.path).files.filter((f) => f.id === talk).flatMap((f) => f.units)
    for (const unit of units) {
      expect(unit.target).toBeUndefined()
      expect(unit.notes[0]).toMatch(/^Not pre-filled: `talk\.fr\.vtt` does not line up with the source's cues: its cue 4 runs from 00:00:09\.500/)
    }
    const status = await translateStatus('course', { cwd })
    expect(status.languages.find((l) => l.language === 'fr')!.files.find((f) => f.source === 'media/talk.vtt')).toMatchObject({ exists: true, missing: 4, translated: 0 })
  })
})

describe('the sample course: its translated captions are pre-filled', async () => {
  const dir = tempDir()
  cpSync(path.join(repoRoot, 'courses', 'child-online-protection-industry'), path.join(dir, 'course'), { recursive: true })
  // The captions as they were written by hand, before their first import recorded them.
  rmSync(path.join(dir, 'course', 'translations'), { recursive: true })
  const languages = ['ar', 'es', 'fr', 'ru', 'zh']
  const exported = await translateExport('course', { cwd: dir, languages })

  test.each(languages)('%s: every cue of media/intro.vtt is pre-filled as translated, with the text of its intro.<lang>.vtt', (language) => {
    expect(exported.errors).toBe(0)
    const file = exported.files.find((f) => f.language === language)!
    const document = formats.xliff2!.read(readFileSync(path.join(dir, file.path), 'utf8'))
    if (!document.ok) throw new Error('unreadable')
    const captions = document.document.files.find((f) => f.original === 'media/intro.vtt')!
    const translated = readFileSync(path.join(dir, 'course', 'media', `intro.${language}.vtt`), 'utf8')
    const texts = readCues(translated).map((cue) => translated.slice(...cue.range))
    expect(captions.units.map((u) => u.id)).toEqual(['1', '2', '3', '4', '5', '6'].map((n) => `captions.media:intro.vtt.${n}`))
    expect(captions.units.map((u) => u.state)).toEqual(Array(6).fill('translated'))
    expect(captions.units.map((u) => pieceText(u.target ?? []))).toEqual(texts.map((t) => pieceText([t])))
  })

  test('status counts them as translated (unrecorded), none missing', async () => {
    expect(existsSync(path.join(dir, 'course', 'translations'))).toBe(false)
    const status = await translateStatus('course', { cwd: dir })
    for (const language of status.languages) expect(language.files.find((f) => f.source === 'media/intro.vtt')).toMatchObject({ exists: true, unrecorded: 6, missing: 0, stale: 0 })
  })
})

describe('cue text round-trips through text and codes', () => {
  const word = fc.constantFrom('Hello', 'مرحبا', '你好', 'Привет', ' ', '&amp;', '&lt;', '&gt;', 'a.b', '—')
  const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(''))
  const span: fc.Arbitrary<string> = fc.letrec((tie) => ({
    span: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.tuple(fc.constantFrom('i', 'b', 'u', 'c.loud', 'lang ar'), tie('span')).map(([tag, inner]) => `<${tag}>${inner as string}</${tag.split(/[ .]/)[0] ?? ''}>`),
      fc.tuple(tie('span'), tie('span')).map(([a, b]) => `${a as string}${b as string}`),
      fc.constant('\n'),
      fc.constant('<v Amina>')
    )
  })).span

  test('CRLF line ends and a byte order mark: the line break code is the source\'s CRLF, and the file written back with its own texts is the same file', () => {
    const text = '\ufeffWEBVTT\r\n\r\nNOTE a note\r\n\r\n00:01.000 --> 00:02.000\r\nOne\r\n<i>two</i>\r\n\r\n00:02.000 --> 00:03.000\r\nThree\r\n'
    const { units } = captionUnits(new VFile({ path: 'a.vtt', value: text }), 'a.vtt')
    expect(units.map((u) => [u.id, u.position.start.line, [...u.text.codes.values()].map((c) => c.start)])).toEqual([
      ['captions.a.vtt.00:00:01.000', 6, ['\r\n', '<i>']],
      ['captions.a.vtt.00:00:02.000', 10, []]
    ])
    expect(translatedCaptions(text, units, new Map(units.map((u) => [u.id, u.text.pieces])))).toBe(text)
    const fr = translatedCaptions(text, units, new Map(units.map((u) => [u.id, fill(u.text.pieces, 'Texte français')])))
    expect(fr).toBe('\ufeffWEBVTT\r\n\r\nNOTE a note\r\n\r\n00:01.000 --> 00:02.000\r\nTexte français One\r\n<i>two</i>\r\n\r\n00:02.000 --> 00:03.000\r\nTexte français Three\r\n')
  })

  test('any cue text written back from its own pieces is the same text', () => {
    fc.assert(
      fc.property(span, (payload) => {
        const inline = cueText(payload)
        expect(toCueText(inline.pieces, inline.codes)).toBe(payload)
      }),
      { numRuns: 300 }
    )
  })
})
