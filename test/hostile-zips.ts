/**
 * A corpus of hostile (and a few tricky but valid) package zips for `coursepack check`, built
 * in memory with the byte-level writer in raw-zip.ts. Each case says what `check` must answer:
 * the exit code, the rule ids of its errors and warnings, and where the first one points.
 * Nothing here is committed as a binary: the zips are made when the test runs.
 */
import { deflateRawSync } from 'node:zlib'
import { rawZip, zip64Extra, type RawEntry } from './raw-zip.js'

export interface Expected {
  exitCode: 0 | 1
  /** Rule ids of the error and warning findings, sorted and without repeats. */
  rules: string[]
  /** Where the first finding of `rules[0]` points. */
  file?: string
  line?: number
  kind?: 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'unknown'
  ours?: boolean
}

export interface HostileCase {
  name: string
  /** Builds the zip's bytes (lazily: some are megabytes). */
  bytes: () => Buffer
  expected: Expected
  /** Upper bound for one check of this zip, in milliseconds. */
  timeLimitMs?: number
}

const page = '<!doctype html><title>Lesson</title><p>Hello</p>'

interface ManifestOptions {
  declaration?: string
  doctype?: string
  title?: string
  /** Extra `<file>` elements in the resource (raw XML). */
  files?: string
  /** Raw XML placed inside `<metadata>` after `<schemaversion>`. */
  metadata?: string
  mastery?: string
  /** Raw XML after the root element, before `</manifest>` (a comment, padding). */
  tail?: string
}

/** A SCORM 1.2 manifest that validates against the official XSDs (one SCO, index.html). */
export function manifest(options: ManifestOptions = {}): string {
  const mastery = options.mastery !== undefined ? `<adlcp:masteryscore>${options.mastery}</adlcp:masteryscore>` : ''
  return `${options.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>'}
${options.doctype ?? ''}<manifest identifier="com.example.hostile" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>${options.metadata ?? ''}
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>${options.title ?? 'Course'}</title>
      <item identifier="ITEM" identifierref="RES">
        <title>Lesson</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>${options.files ?? ''}
    </resource>
  </resources>
</manifest>${options.tail ?? ''}
`
}

/** The entries of a clean package around a manifest. */
const scorm = (xml: string | Buffer, more: RawEntry[] = []): RawEntry[] => [{ name: 'imsmanifest.xml', data: xml }, { name: 'index.html', data: page }, ...more]

const zip = (entries: RawEntry[], options?: Parameters<typeof rawZip>[1]) => () => rawZip(entries, options)

/** UTF-16 bytes of a string, with or without a byte order mark. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le')
  return order === 'le' ? le : le.swap16()
}

const utf16Manifest = manifest({ declaration: '<?xml version="1.0" encoding="UTF-16"?>', title: 'Kurs für Ärztinnen — 課程' })
/** The XSD wants `<title>` first in an `<item>`. */
const invalidUtf16Manifest = utf16Manifest.replace('<title>Lesson</title>', '<adlcp:masteryscore>70</adlcp:masteryscore>\n        <title>Lesson</title>')

/** Our launch page: runtime data and the page text that states the passing score. */
function oursPage(options: { passingScore: string; rule: string; quiz: string; target?: string }): string {
  const data = `{"target":"${options.target ?? 'scorm12'}","passingScore":${options.passingScore},"modules":[{"id":"m1","quiz":{"questions":[]}}]}`
  return `<!doctype html>
<html lang="en">
<body>
<section id="welcome">
<p class="cp-pass-rule">You pass the course with ${options.rule}% over all quizzes.</p>
</section>
<section id="quiz">
<p class="cp-quiz-meta">10 questions. You need ${options.quiz}% to pass.</p>
</section>
<script type="application/json" id="cp-data">${data}</script>
</body>
</html>
`
}

/** The line of the first occurrence of `needle` in `text`. */
export const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length

/** A manifest listing `count` files that are not in the zip (`<file href="m0"/>`…). */
export function missingFilesManifest(count: number): string {
  const files: string[] = []
  for (let i = 0; i < count; i++) files.push(`<file href="m${i}"/>`)
  return manifest({ files: `\n${files.join('')}` })
}

/** A package of `files` empty files (all unlisted) whose manifest lists `missing` files that are not there. */
function manyFilesManyMissing(files: number, missing: number): Buffer {
  const entries: RawEntry[] = scorm(missingFilesManifest(missing))
  for (let i = 0; i < files; i++) entries.push({ name: `f/${i}`, method: 0 })
  return rawZip(entries)
}

/** Our runtime data, then `count` unclosed paragraphs that each state passing scores. */
function manyStatedScores(count: number): string {
  const data = '{"target":"scorm12","passingScore":70,"modules":[{"id":"m1","quiz":{"questions":[]}}]}'
  return `<!doctype html>\n<script type="application/json" id="cp-data">${data}</script>\n${'<p class="cp-quiz-meta">1% 2% 3% 4%\n'.repeat(count)}`
}

/** `count` empty stored entries `f/0`, `f/1`… after a clean package, in a zip64 archive. */
function manyEntries(count: number): Buffer {
  const entries: RawEntry[] = scorm(manifest())
  for (let i = 0; i < count; i++) entries.push({ name: `f/${i}`, method: 0 })
  return rawZip(entries, { zip64: true })
}

/** A deflated entry whose body inflates to `size` bytes of spaces. */
function bombEntry(name: string, size: number, declared: number): RawEntry {
  const body = deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 })
  return { name, raw: body, uncompressedSize: declared, crc: 0 }
}

const nested = (depth: number) => `\n${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`

const billionLaughs = `<!DOCTYPE manifest [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
`

/** The classic zip with one valid package, for cases that then damage its bytes. */
const clean = () => rawZip(scorm(manifest()))

/** Offset of the central directory in a zip written by rawZip (from the end record). */
const centralOffset = (data: Buffer) => data.readUInt32LE(data.length - 6)

export const hostileCases: HostileCase[] = [
  // Valid packages that look odd: they must pass.
  { name: 'a valid SCORM 1.2 package', bytes: zip(scorm(manifest())), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  { name: 'a UTF-16LE manifest with a byte order mark', bytes: zip(scorm(utf16(utf16Manifest, 'le', true))), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  { name: 'a UTF-16BE manifest with a byte order mark', bytes: zip(scorm(utf16(utf16Manifest, 'be', true))), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  { name: 'a UTF-16LE manifest without a byte order mark, declared UTF-16', bytes: zip(scorm(utf16(utf16Manifest, 'le', false))), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  { name: 'a UTF-16BE manifest without a byte order mark, declared UTF-16', bytes: zip(scorm(utf16(utf16Manifest, 'be', false))), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  { name: 'a UTF-8 manifest with a byte order mark', bytes: zip(scorm(Buffer.from(`\ufeff${manifest({ title: 'Über' })}`))), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  {
    name: 'an ISO-8859-1 manifest, declared',
    bytes: zip(scorm(Buffer.from(manifest({ declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>', title: 'Über' }), 'latin1'))),
    expected: { exitCode: 0, rules: [], kind: 'scorm12' }
  },
  { name: 'a valid package in a zip64 archive', bytes: zip(scorm(manifest()), { zip64: true }), expected: { exitCode: 0, rules: [], kind: 'scorm12' } },
  {
    name: 'a manifest with an external DTD (never fetched)',
    bytes: zip(scorm(manifest({ doctype: '<!DOCTYPE manifest SYSTEM "http://127.0.0.1:9/evil.dtd">\n' }))),
    expected: { exitCode: 0, rules: [], kind: 'scorm12' }
  },

  {
    name: 'a UTF-16LE manifest that the schema rejects, at its line',
    bytes: zip(scorm(utf16(invalidUtf16Manifest, 'le', true))),
    expected: { exitCode: 1, rules: ['xsd-invalid'], file: 'imsmanifest.xml', line: lineOf(invalidUtf16Manifest, '<title>Lesson</title>'), kind: 'scorm12' }
  },

  // Encodings that do not hold.
  {
    name: 'a manifest with bytes that are not UTF-8',
    bytes: zip(scorm(Buffer.from(manifest({ title: 'Über' }), 'latin1'))),
    expected: { exitCode: 1, rules: ['xml-encoding'], file: 'imsmanifest.xml', kind: 'scorm12' }
  },
  {
    name: 'a manifest declared UTF-16 but written in UTF-8',
    bytes: zip(scorm(utf16Manifest)),
    expected: { exitCode: 1, rules: ['xml-encoding'], file: 'imsmanifest.xml', kind: 'scorm12' }
  },
  {
    name: 'a manifest in an encoding nobody supports',
    bytes: zip(scorm(manifest({ declaration: '<?xml version="1.0" encoding="x-klingon"?>' }))),
    expected: { exitCode: 1, rules: ['xml-encoding'], file: 'imsmanifest.xml', kind: 'scorm12' }
  },

  // Entry names.
  { name: 'a zip-slip entry ../evil.txt', bytes: zip(scorm(manifest(), [{ name: '../evil.txt', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: '../evil.txt', kind: 'scorm12' } },
  { name: 'a deep zip-slip entry a/../../evil.txt', bytes: zip(scorm(manifest(), [{ name: 'a/../../evil.txt', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'a/../../evil.txt', kind: 'scorm12' } },
  { name: 'an absolute entry /etc/cron.d/x', bytes: zip(scorm(manifest(), [{ name: '/etc/cron.d/x', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: '/etc/cron.d/x', kind: 'scorm12' } },
  { name: 'a drive-letter entry C:/x.txt', bytes: zip(scorm(manifest(), [{ name: 'C:/x.txt', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'C:/x.txt', kind: 'scorm12' } },
  { name: 'a backslash entry ..\\evil.txt', bytes: zip(scorm(manifest(), [{ name: '..\\evil.txt', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: '..\\evil.txt', kind: 'scorm12' } },
  {
    name: 'a NUL byte in an entry name',
    bytes: zip(scorm(manifest(), [{ name: Buffer.from('page.html\0.exe', 'latin1'), data: 'x' }])),
    expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'page.html\\u0000.exe', kind: 'scorm12' }
  },
  {
    name: 'a control character in a UTF-8 entry name',
    bytes: zip(scorm(manifest(), [{ name: 'a\u0001b.txt', data: 'x' }])),
    expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'a\\u0001b.txt', kind: 'scorm12' }
  },
  {
    name: 'a control byte in a CP437 entry name',
    bytes: zip(scorm(manifest(), [{ name: Buffer.from([0x61, 0x01, 0x62]), data: 'x', flags: 0 }])),
    expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'a\\u0001b', kind: 'scorm12' }
  },
  { name: 'a newline in an entry name', bytes: zip(scorm(manifest(), [{ name: 'a\nb.txt', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'a\\u000ab.txt', kind: 'scorm12' } },
  { name: 'a DEL in an entry name', bytes: zip(scorm(manifest(), [{ name: 'a\u007fb.txt', data: 'x' }])), expected: { exitCode: 1, rules: ['zip-unsafe-path'], file: 'a\\u007fb.txt', kind: 'scorm12' } },
  {
    name: 'a symbolic link entry',
    bytes: zip(scorm(manifest(), [{ name: 'link.html', data: '/etc/passwd', method: 0, externalAttributes: (0o120777 << 16) >>> 0 }])),
    expected: { exitCode: 1, rules: ['zip-symlink'], file: 'link.html', kind: 'scorm12' }
  },
  {
    name: 'a manifest that is a symbolic link',
    bytes: zip([{ name: 'imsmanifest.xml', data: '/etc/passwd', method: 0, externalAttributes: (0o120777 << 16) >>> 0 }, { name: 'index.html', data: page }]),
    expected: { exitCode: 1, rules: ['descriptor-missing', 'zip-symlink'], kind: 'unknown' }
  },
  { name: 'a duplicate entry', bytes: zip(scorm(manifest(), [{ name: 'index.html', data: 'other' }])), expected: { exitCode: 1, rules: ['zip-duplicate-entry'], file: 'index.html', kind: 'scorm12' } },
  {
    name: 'a second, different manifest',
    bytes: zip(scorm(manifest(), [{ name: 'imsmanifest.xml', data: manifest({ title: 'Evil' }) }])),
    expected: { exitCode: 1, rules: ['zip-duplicate-entry'], file: 'imsmanifest.xml', kind: 'scorm12' }
  },

  {
    name: 'a local entry ../evil.sh that the central directory does not list',
    bytes: zip(scorm(manifest(), [{ name: '../evil.sh', data: '#!/bin/sh\n', localOnly: true }])),
    expected: { exitCode: 1, rules: ['zip-hidden-entry'], file: '../evil.sh', kind: 'scorm12' }
  },
  {
    name: 'an end record that declares one entry fewer than the zip holds',
    bytes: zip(scorm(manifest(), [{ name: 'notes.txt', data: 'x' }]), { declaredCount: 2 }),
    expected: { exitCode: 1, rules: ['zip-hidden-entry'], file: 'notes.txt', kind: 'scorm12' }
  },
  {
    name: 'two entries that share one local header (overlapping data)',
    bytes: zip(scorm(manifest({ files: '\n      <file href="copy.html"/>' }), [{ name: 'copy.html', data: page, sameDataAs: 1 }])),
    expected: { exitCode: 1, rules: ['zip-overlap'], file: 'copy.html', kind: 'scorm12' }
  },

  // Sizes and counts.
  {
    name: 'a manifest that declares 1 GB',
    bytes: zip(scorm(manifest()).map((e) => (e.name === 'imsmanifest.xml' ? { ...e, uncompressedSize: 1024 ** 3 } : e))),
    expected: { exitCode: 1, rules: ['limit-entry-size'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'a zip bomb: 20 MB inflating from a manifest that declares 20 MB',
    bytes: zip([bombEntry('imsmanifest.xml', 20 * 1024 * 1024, 20 * 1024 * 1024), { name: 'index.html', data: page }]),
    expected: { exitCode: 1, rules: ['limit-entry-size'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'a zip bomb that lies: 20 MB inflating from a manifest that declares 1 KB',
    bytes: zip([bombEntry('imsmanifest.xml', 20 * 1024 * 1024, 1024), { name: 'index.html', data: page }]),
    expected: { exitCode: 1, rules: ['zip-unreadable'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'a zip64 extra field that declares a 1 TB manifest',
    bytes: () => {
      const data = Buffer.from(manifest())
      const body = deflateRawSync(data)
      return rawZip([{ name: 'imsmanifest.xml', raw: body, uncompressedSize: 0xffffffff, compressedSize: 0xffffffff, extra: zip64Extra(1024 ** 4, body.length) }, { name: 'index.html', data: page }])
    },
    expected: { exitCode: 1, rules: ['limit-entry-size'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'more than the total bytes read (a 10 MB manifest and a 15 MB launch page)',
    bytes: zip(scorm(manifest({ tail: `\n<!--${' '.repeat(1017)}-->`.repeat(10 * 1024) }), []).map((e) => (e.name === 'index.html' ? { ...e, data: page + ' '.repeat(15 * 1024 * 1024) } : e))),
    expected: { exitCode: 1, rules: ['limit-total-size'], file: 'index.html', kind: 'scorm12' },
    timeLimitMs: 20_000
  },
  { name: '100,001 entries', bytes: () => manyEntries(100_001), expected: { exitCode: 1, rules: ['limit-entries'], kind: 'unknown' }, timeLimitMs: 20_000 },
  {
    name: '300 entries with 60 KB names (18 MB of names)',
    bytes: zip(scorm(manifest(), Array.from({ length: 300 }, (_, i) => ({ name: `${String(i).padStart(3, '0')}${'n'.repeat(60_000)}`, method: 0 as const })))),
    expected: { exitCode: 1, rules: ['limit-entries'], kind: 'unknown' }
  },
  {
    name: 'a zip64 end record that claims 200,000 entries',
    bytes: zip(scorm(manifest()), { zip64: true, declaredCount: 200_000 }),
    expected: { exitCode: 1, rules: ['limit-entries'], kind: 'unknown' }
  },
  {
    name: 'a manifest listing 700,000 missing files',
    bytes: zip(scorm(missingFilesManifest(700_000))),
    expected: { exitCode: 1, rules: ['file-missing', 'findings-capped'], file: 'imsmanifest.xml', kind: 'scorm12' },
    timeLimitMs: 60_000
  },
  {
    name: '60,000 files and a manifest listing 200,000 missing ones (no quadratic case hint)',
    bytes: () => manyFilesManyMissing(60_000, 200_000),
    expected: { exitCode: 1, rules: ['file-missing', 'file-unlisted', 'findings-capped'], file: 'imsmanifest.xml', kind: 'scorm12' },
    timeLimitMs: 30_000
  },
  {
    name: 'ours: a 12 MB launch page of unclosed paragraphs stating passing scores',
    bytes: zip(scorm(manifest({ mastery: '70' }), []).map((e) => (e.name === 'index.html' ? { ...e, data: manyStatedScores(400_000) } : e))),
    expected: { exitCode: 1, rules: ['mastery-mismatch', 'findings-capped'], file: 'index.html', line: 3, kind: 'scorm12', ours: true }
  },
  {
    name: 'elements nested 300 deep',
    bytes: zip(scorm(manifest({ metadata: nested(300) }))),
    expected: { exitCode: 1, rules: ['limit-xml-depth'], file: 'imsmanifest.xml', line: 8, kind: 'scorm12' }
  },
  {
    name: 'elements nested 100,000 deep',
    bytes: zip(scorm(manifest({ metadata: nested(100_000) }))),
    expected: { exitCode: 1, rules: ['limit-xml-depth'], file: 'imsmanifest.xml', line: 8, kind: 'scorm12' }
  },
  {
    name: 'more than 1,000,000 elements',
    bytes: zip(scorm(manifest({ metadata: `\n${'<x/>'.repeat(1_000_001)}` }))),
    expected: { exitCode: 1, rules: ['limit-xml-elements'], file: 'imsmanifest.xml', line: 8, kind: 'scorm12' },
    timeLimitMs: 20_000
  },

  // Entities.
  {
    name: 'an XXE manifest (an external entity naming /etc/passwd)',
    bytes: zip(scorm(manifest({ doctype: '<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', title: '&xxe;' }))),
    expected: { exitCode: 1, rules: ['xml-entity'], file: 'imsmanifest.xml', line: 2, kind: 'scorm12' }
  },
  {
    name: 'a billion-laughs manifest',
    bytes: zip(scorm(manifest({ doctype: billionLaughs, title: '&lol9;' }))),
    expected: { exitCode: 1, rules: ['xml-entity'], file: 'imsmanifest.xml', line: 3, kind: 'scorm12' }
  },
  {
    name: 'an entity declaration after a `]>` inside a quoted default in the DOCTYPE',
    bytes: zip(scorm(manifest({ doctype: '<!DOCTYPE manifest [<!ATTLIST title x CDATA "]>">\n<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', title: '&xxe;' }))),
    expected: { exitCode: 1, rules: ['xml-entity'], file: 'imsmanifest.xml', line: 3, kind: 'scorm12' }
  },
  {
    name: 'a parameter entity fetching an external DTD (XXE out of band)',
    bytes: zip(scorm(manifest({ doctype: '<!DOCTYPE manifest [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>\n' }))),
    expected: { exitCode: 1, rules: ['xml-entity'], file: 'imsmanifest.xml', line: 2, kind: 'scorm12' }
  },

  // Broken zips.
  { name: 'a zip cut in half', bytes: () => clean().subarray(0, 200), expected: { exitCode: 1, rules: ['zip-unreadable'], kind: 'unknown' } },
  {
    name: 'a manifest whose data runs past the end of the file',
    bytes: zip(scorm(manifest()).map((e) => (e.name === 'imsmanifest.xml' ? { ...e, compressedSize: 10_000_000 } : e))),
    // Its declared data cover the launch page's local header too.
    expected: { exitCode: 1, rules: ['zip-unreadable', 'zip-overlap'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'a central directory that points past the end of the file',
    bytes: () => {
      const data = clean()
      data.writeUInt32LE(centralOffset(data) + 1_000_000, data.length - 6)
      return data
    },
    expected: { exitCode: 1, rules: ['zip-unreadable'], kind: 'unknown' }
  },
  {
    name: 'an encrypted manifest',
    bytes: zip(scorm(manifest()).map((e) => (e.name === 'imsmanifest.xml' ? { ...e, flags: 0x0801 } : e))),
    expected: { exitCode: 1, rules: ['zip-encrypted'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'an encrypted launch page',
    bytes: zip(scorm(manifest()).map((e) => (e.name === 'index.html' ? { ...e, flags: 0x0801 } : e))),
    expected: { exitCode: 1, rules: ['zip-encrypted'], file: 'index.html', kind: 'scorm12' }
  },
  {
    name: 'a zip64 locator that points at garbage',
    bytes: zip(scorm(manifest()), { zip64: true, zip64RecordOffset: 3 }),
    expected: { exitCode: 1, rules: ['zip-unreadable'], kind: 'unknown' }
  },
  {
    name: 'zip64 sizes without a zip64 extra field (read as 4 GB)',
    bytes: zip(scorm(manifest()).map((e) => (e.name === 'imsmanifest.xml' ? { ...e, uncompressedSize: 0xffffffff, compressedSize: 0xffffffff } : e))),
    expected: { exitCode: 1, rules: ['limit-entry-size', 'zip-overlap'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  {
    name: 'a manifest compressed with an unsupported method (bzip2)',
    bytes: zip(scorm(manifest()).map((e) => (e.name === 'imsmanifest.xml' ? { ...e, method: 12, raw: Buffer.from('BZh9') } : e))),
    expected: { exitCode: 1, rules: ['zip-unreadable'], file: 'imsmanifest.xml', kind: 'unknown' }
  },
  { name: 'a PNG file named .zip', bytes: () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), expected: { exitCode: 1, rules: ['zip-unreadable'], kind: 'unknown' } },
  { name: 'a text file named .zip', bytes: () => Buffer.from('This is not a zip.\n'), expected: { exitCode: 1, rules: ['zip-unreadable'], kind: 'unknown' } },
  { name: 'an empty file', bytes: () => Buffer.alloc(0), expected: { exitCode: 1, rules: ['zip-unreadable'], kind: 'unknown' } },
  { name: 'an empty zip', bytes: zip([]), expected: { exitCode: 1, rules: ['descriptor-missing'], kind: 'unknown' } },
  {
    name: 'a manifest that is a folder',
    bytes: zip([{ name: 'imsmanifest.xml/', method: 0 }, { name: 'imsmanifest.xml/index.html', data: page }]),
    expected: { exitCode: 1, rules: ['descriptor-missing'], kind: 'unknown' }
  },

  // Our packages: the passing score in every place.
  {
    name: 'ours: descriptor, runtime data and page text agree (72.5)',
    bytes: zip(scorm(manifest({ mastery: '72.5' }), []).map((e) => (e.name === 'index.html' ? { ...e, data: oursPage({ passingScore: '72.5', rule: '72.5', quiz: '72.50' }) } : e))),
    expected: { exitCode: 0, rules: [], kind: 'scorm12', ours: true }
  },
  {
    name: 'ours: the quiz page states another passing score',
    bytes: zip(scorm(manifest({ mastery: '70' }), []).map((e) => (e.name === 'index.html' ? { ...e, data: oursPage({ passingScore: '70', rule: '70', quiz: '80' }) } : e))),
    expected: { exitCode: 1, rules: ['mastery-mismatch'], file: 'index.html', line: 8, kind: 'scorm12', ours: true }
  },
  {
    name: 'ours: the page text writes the score with a decimal comma and a narrow space',
    bytes: zip(scorm(manifest({ mastery: '72.5' }), []).map((e) => (e.name === 'index.html' ? { ...e, data: oursPage({ passingScore: '72.5', rule: '72,5\u202f', quiz: '72,5&nbsp;' }) } : e))),
    expected: { exitCode: 0, rules: [], kind: 'scorm12', ours: true }
  },
  {
    name: 'ours: the pass rule is off by a hundredth',
    bytes: zip(scorm(manifest({ mastery: '72.5' }), []).map((e) => (e.name === 'index.html' ? { ...e, data: oursPage({ passingScore: '72.5', rule: '72.51', quiz: '72.5' }) } : e))),
    expected: { exitCode: 1, rules: ['mastery-mismatch'], file: 'index.html', line: 5, kind: 'scorm12', ours: true }
  },
  {
    name: 'ours: the descriptor disagrees with the runtime data',
    bytes: zip(scorm(manifest({ mastery: '75' }), []).map((e) => (e.name === 'index.html' ? { ...e, data: oursPage({ passingScore: '70', rule: '70', quiz: '70' }) } : e))),
    expected: { exitCode: 1, rules: ['mastery-mismatch'], file: 'imsmanifest.xml', line: lineOf(manifest({ mastery: '75' }), '<adlcp:masteryscore>'), kind: 'scorm12', ours: true }
  }
]
