import { writeFileSync } from 'node:fs'
import path from 'node:path'
import archiver from 'archiver'
import { Command, CommanderError } from 'commander'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkPackage, type PackageReport } from '../src/check/package.js'
import { checkCommand } from '../src/cli/commands/check.js'
import { ExitError } from '../src/cli/errors.js'
import { nodeIo, type Io } from '../src/cli/index.js'
import { build } from '../src/pipeline.js'
import { cleanup, readZip, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

type Entries = Record<string, string | Buffer>

/** Zip these entries with archiver; `symlinks` become symbolic-link entries. */
function zipBuffer(entries: Entries, symlinks: Record<string, string> = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const archive = archiver('zip')
    const chunks: Buffer[] = []
    archive.on('data', (chunk: Buffer) => chunks.push(chunk))
    archive.on('error', reject)
    archive.on('end', () => resolve(Buffer.concat(chunks)))
    for (const [name, data] of Object.entries(entries)) archive.append(data, { name })
    for (const [name, target] of Object.entries(symlinks)) archive.symlink(name, target)
    void archive.finalize()
  })
}

/** Replace a name in the zip's bytes (local header and central directory): archiver refuses `../` names. */
function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to))
  const out = Buffer.from(zip)
  const needle = Buffer.from(from)
  let count = 0
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + 1)) {
    Buffer.from(to).copy(out, at)
    count++
  }
  expect(count).toBeGreaterThanOrEqual(2)
  return out
}

let work: string
let counter = 0

async function writeZip(entries: Entries, options: { symlinks?: Record<string, string>; rename?: [string, string] } = {}): Promise<string> {
  let data = await zipBuffer(entries, options.symlinks)
  if (options.rename) data = renameEntry(data, ...options.rename)
  const file = path.join(work, `package-${++counter}.zip`)
  writeFileSync(file, data)
  return file
}

const page = '<!doctype html><title>Lesson</title><script src="runtime.js"></script>'

function scorm12Manifest(options: { href?: string; files?: string[]; item?: string } = {}): string {
  const files = (options.files ?? ['index.html', 'runtime.js']).map((f) => `      <file href="${f}"/>`).join('\n')
  const item = options.item ?? '<title>Lesson</title>\n        <adlcp:masteryscore>70</adlcp:masteryscore>'
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.course1" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>Course</title>
      <item identifier="ITEM-1" identifierref="RES-1" isvisible="true">
        ${item}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="${options.href ?? 'index.html'}">
${files}
    </resource>
  </resources>
</manifest>
`
}

function scorm2004Manifest(scormType = 'adlcp:scormType'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.course1" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1" adlseq:objectivesGlobalToSystem="false">
      <title>Course</title>
      <item identifier="ITEM-1" identifierref="RES-1">
        <title>Course</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" ${scormType}="sco" href="index.html">
      <file href="index.html"/>
      <file href="runtime.js"/>
    </resource>
  </resources>
</manifest>
`
}

function cmi5Xml(masteryScore = '0.7'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/courses/intro">
    <title><langstring lang="en-US">Intro</langstring></title>
    <description><langstring lang="en-US">Desc</langstring></description>
  </course>
  <au id="https://example.com/courses/intro/au/1" moveOn="CompletedAndPassed" masteryScore="${masteryScore}" launchMethod="AnyWindow">
    <title><langstring lang="en-US">Intro</langstring></title>
    <description><langstring lang="en-US">Desc</langstring></description>
    <url>index.html</url>
  </au>
</courseStructure>
`
}

function tincanXml(launches = 1): string {
  const activity = (i: number) => `    <activity id="https://example.com/courses/c${i ? `/m${i}` : ''}" type="http://adlnet.gov/expapi/activities/course">
      <name>Course</name>
      ${i < launches ? '<launch lang="en-us">index.html</launch>' : ''}
    </activity>`
  return `<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
${[0, 1].map(activity).join('\n')}
  </activities>
</tincan>
`
}

const scorm12 = (manifest = scorm12Manifest()): Entries => ({ 'imsmanifest.xml': manifest, 'index.html': page, 'runtime.js': '// runtime' })

/** Findings other than info, as `severity ruleId`. */
const problems = (report: PackageReport) => report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.ruleId}`)

describe('coursepack check: our packages', () => {
  const zips = new Map<string, string>()

  beforeAll(async () => {
    work = tempDir('coursepack-check-')
    const out = path.join(work, 'dist')
    const result = await build([sampleCourse], { out, targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'] })
    expect(result.exitCode).toBe(0)
    for (const pkg of result.packages) zips.set(pkg.target, path.resolve(pkg.path))
  }, 120_000)

  test.each([
    ['scorm12', 'scorm12'],
    ['scorm2004', 'scorm2004'],
    ['xapi', 'xapi'],
    ['cmi5', 'cmi5']
  ] as const)('the sample course as %s checks clean', async (target, kind) => {
    const report = await checkPackage(zips.get(target) ?? '')
    expect(report.kind).toBe(kind)
    expect(report.ours).toBe(true)
    expect(report.launch).toBe('index.html')
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(problems(report)).toEqual([])
  })

  test('the xAPI package says its tincan.xml has no offline schema', async () => {
    const report = await checkPackage(zips.get('xapi') ?? '')
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'info', ruleId: 'tincan-no-schema', file: 'tincan.xml' })])
  })

  test('a mastery score that disagrees with our runtime data is an error', async () => {
    const entries = await readZip(zips.get('scorm12') ?? '')
    const manifest = String(entries.get('imsmanifest.xml'))
    expect(manifest).toContain('<adlcp:masteryscore>70<')
    entries.set('imsmanifest.xml', Buffer.from(manifest.replace('<adlcp:masteryscore>70<', '<adlcp:masteryscore>80<')))
    const report = await checkPackage(await writeZip(Object.fromEntries(entries)))
    expect(report.ours).toBe(true)
    expect(problems(report)).toEqual(['error mastery-mismatch'])
    expect(report.findings[0]).toMatchObject({ file: 'imsmanifest.xml', line: expect.any(Number) })
    expect(report.findings[0]?.message).toMatch(/Unexpected `<adlcp:masteryscore>` `80`, expected `70`/)
  })

  test('a passing score in the page text that disagrees with the runtime data is an error', async () => {
    const entries = await readZip(zips.get('scorm2004') ?? '')
    const html = String(entries.get('index.html'))
    expect(html).toMatch(/<p class="cp-pass-rule">[^<]*\b70%/)
    expect(html).toMatch(/<p class="cp-quiz-meta">[^<]*\b70%/)
    const changed = html.replace(/(<p class="cp-quiz-meta">[^<]*?)70%/, '$165%')
    entries.set('index.html', Buffer.from(changed))
    const report = await checkPackage(await writeZip(Object.fromEntries(entries)))
    expect(problems(report)).toEqual(['error mastery-mismatch'])
    const line = changed.slice(0, changed.indexOf('65%')).split('\n').length
    expect(report.findings[0]).toMatchObject({ file: 'index.html', line })
    expect(report.findings[0]?.message).toMatch(/Unexpected passing score `65%` in the page text \(`<p class="cp-quiz-meta">`\), expected `70%`/)
  })

  test('compares scaled passing scores exactly (SCORM 2004 and cmi5)', async () => {
    const e2004 = await readZip(zips.get('scorm2004') ?? '')
    const m2004 = String(e2004.get('imsmanifest.xml'))
    e2004.set('imsmanifest.xml', Buffer.from(m2004.replace('>0.7<', '>0.70<')))
    expect(problems(await checkPackage(await writeZip(Object.fromEntries(e2004))))).toEqual([])
    e2004.set('imsmanifest.xml', Buffer.from(m2004.replace('>0.7<', '>0.7000001<')))
    expect(problems(await checkPackage(await writeZip(Object.fromEntries(e2004))))).toEqual(['error mastery-mismatch'])

    const cmi5 = await readZip(zips.get('cmi5') ?? '')
    cmi5.set('cmi5.xml', Buffer.from(String(cmi5.get('cmi5.xml')).replace('masteryScore="0.7"', 'masteryScore="0.75"')))
    expect(problems(await checkPackage(await writeZip(Object.fromEntries(cmi5))))).toEqual(['error mastery-mismatch'])
  })
})

describe('coursepack check: hand-made packages', () => {
  beforeAll(() => {
    work ??= tempDir('coursepack-check-')
  })

  test('a valid hand-made SCORM 1.2 package is not ours and has no findings', async () => {
    const report = await checkPackage(await writeZip(scorm12()))
    expect(report).toMatchObject({ kind: 'scorm12', ours: false, launch: 'index.html', findings: [] })
  })

  test('valid hand-made SCORM 2004, cmi5 and xAPI packages have no problems', async () => {
    const files = { 'index.html': page, 'runtime.js': '' }
    expect(problems(await checkPackage(await writeZip({ ...files, 'imsmanifest.xml': scorm2004Manifest() })))).toEqual([])
    expect(problems(await checkPackage(await writeZip({ ...files, 'cmi5.xml': cmi5Xml() })))).toEqual([])
    expect(problems(await checkPackage(await writeZip({ ...files, 'tincan.xml': tincanXml() })))).toEqual([])
  })

  test.each<[string, () => Promise<string>, string, PackageReport['kind']]>([
    ['manifest missing', () => writeZip({ 'index.html': page }), 'descriptor-missing', 'unknown'],
    [
      'manifest only in a subfolder',
      () => writeZip(Object.fromEntries(Object.entries(scorm12()).map(([name, data]) => [`course/${name}`, data]))),
      'descriptor-nested',
      'unknown'
    ],
    [
      '1.2 manifest invalid against the XSD (masteryscore before title)',
      () => writeZip(scorm12(scorm12Manifest({ item: '<adlcp:masteryscore>70</adlcp:masteryscore>\n        <title>Lesson</title>' }))),
      'xsd-invalid',
      'scorm12'
    ],
    ['a listed file missing', () => writeZip(scorm12(scorm12Manifest({ files: ['index.html', 'runtime.js', 'styles.css'] }))), 'file-missing', 'scorm12'],
    ['launch file missing', () => writeZip(scorm12(scorm12Manifest({ href: 'start.html' }))), 'launch-missing', 'scorm12'],
    ['remote launch URL', () => writeZip(scorm12(scorm12Manifest({ href: 'https://example.com/index.html' }))), 'launch-remote', 'scorm12'],
    ['absolute launch URL', () => writeZip(scorm12(scorm12Manifest({ href: '/index.html' }))), 'launch-absolute', 'scorm12'],
    ['a zip-slip entry (../evil.txt)', () => writeZip({ ...scorm12(), '__/evil.txt': 'x' }, { rename: ['__/evil.txt', '../evil.txt'] }), 'zip-unsafe-path', 'scorm12'],
    ['a backslash in an entry name', () => writeZip({ ...scorm12(), 'a_b.txt': 'x' }, { rename: ['a_b.txt', 'a\\b.txt'] }), 'zip-unsafe-path', 'scorm12'],
    ['a symbolic link entry', () => writeZip(scorm12(), { symlinks: { 'link.html': '/etc/passwd' } }), 'zip-symlink', 'scorm12'],
    [
      '2004 lower-case scormtype',
      () => writeZip({ 'imsmanifest.xml': scorm2004Manifest('adlcp:scormtype'), 'index.html': page, 'runtime.js': '' }),
      'scormtype-case',
      'scorm2004'
    ],
    ['tincan.xml with two launch activities', () => writeZip({ 'tincan.xml': tincanXml(2), 'index.html': page }), 'tincan-launch-count', 'xapi'],
    ['a duplicate identifier', () => writeZip(scorm12(scorm12Manifest().replace('identifier="ORG-1"', 'identifier="RES-1"').replace('default="ORG-1"', 'default="RES-1"'))), 'identifier-duplicate', 'scorm12'],
    ['a manifest that is not well-formed', () => writeZip(scorm12(scorm12Manifest().replace('</organizations>', ''))), 'xml-malformed', 'scorm12'],
    ['two descriptors', () => writeZip({ ...scorm12(), 'tincan.xml': tincanXml() }), 'descriptor-multiple', 'scorm12'],
    ['a corrupt zip', async () => writeZip({}).then((file) => (writeFileSync(file, 'PK\u0003\u0004 not really a zip'), file)), 'zip-unreadable', 'unknown']
  ])('%s', async (_name, make, ruleId, kind) => {
    const report = await checkPackage(await make())
    expect(report.kind).toBe(kind)
    const errors = report.findings.filter((f) => f.severity === 'error')
    // Schema errors may accompany a lint that the XSD catches too (duplicate IDs).
    expect(errors.filter((f) => f.ruleId !== 'xsd-invalid' || ruleId === 'xsd-invalid').map((f) => f.ruleId)).toEqual([ruleId])
    expect(problems(report).filter((p) => p.startsWith('warning'))).toEqual([])
  })

  test('cmi5.xml with masteryScore="70" is out of range', async () => {
    const report = await checkPackage(await writeZip({ 'cmi5.xml': cmi5Xml('70'), 'index.html': page }), { cmi5Schema: '' })
    expect(report.kind).toBe('cmi5')
    expect(report.findings).toContainEqual(expect.objectContaining({ severity: 'error', ruleId: 'mastery-range', file: 'cmi5.xml', line: 7 }))
    expect(problems(report)).toEqual(['error mastery-range'])
  })

  test('a query string in a SCORM launch href is a warning', async () => {
    const report = await checkPackage(await writeZip(scorm12(scorm12Manifest({ href: 'index.html?lesson=1' }))))
    expect(problems(report)).toEqual(['warning launch-query'])
  })

  test('files that no resource lists are warnings; schema files are exempt', async () => {
    const report = await checkPackage(await writeZip({ ...scorm12(), 'notes.txt': 'x', 'adlcp_rootv1p2.xsd': '<xs:schema/>' }))
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'file-unlisted', file: 'notes.txt' })])
  })

  test('without xmllint the schema check still runs (WebAssembly libxml2)', async () => {
    const saved = process.env.PATH
    process.env.PATH = path.join(work, 'no-such-bin')
    try {
      const report = await checkPackage(await writeZip(scorm12()))
      expect(problems(report)).toEqual([])
      expect(report.findings).toEqual([expect.objectContaining({ severity: 'info', ruleId: 'xsd-partial' })])
      const broken = await checkPackage(await writeZip(scorm12(scorm12Manifest().replace('adlcp:scormtype', 'adlcp:scormType'))))
      expect(problems(broken)).toEqual(['error xsd-invalid'])
    } finally {
      process.env.PATH = saved
    }
  })

  test('without a cmi5 CourseStructure.xsd the cmi5 rules run and the schema check is an info, not a warning', async () => {
    const report = await checkPackage(await writeZip({ 'cmi5.xml': cmi5Xml(), 'index.html': page }), { cmi5Schema: '' })
    expect(problems(report)).toEqual([])
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'info', ruleId: 'xsd-cmi5-absent' })])
  })

  test('a path that does not exist is an error finding, not a crash', async () => {
    const report = await checkPackage(path.join(work, 'nope.zip'))
    expect(report).toMatchObject({ kind: 'unknown', ours: false, findings: [expect.objectContaining({ severity: 'error', ruleId: 'zip-unreadable' })] })
  })
})

describe('coursepack check: the command', () => {
  let ours: string
  let broken: string

  beforeAll(async () => {
    work ??= tempDir('coursepack-check-')
    const out = path.join(work, 'cli')
    const result = await build([sampleCourse], { out, targets: ['scorm12'] })
    ours = path.resolve(result.packages[0]?.path ?? '')
    broken = await writeZip(scorm12(scorm12Manifest({ files: ['index.html', 'runtime.js', 'styles.css'] })))
  }, 120_000)

  /** Run `coursepack check …` in process, like `run()` will once the command is registered. */
  async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const io: Io = { ...nodeIo(), stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), color: { stdout: false, stderr: false } }
    const program = new Command('coursepack').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    program.addCommand(checkCommand(io))
    for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    let code = 0
    try {
      await program.parseAsync(['check', ...args], { from: 'user' })
    } catch (cause) {
      if (cause instanceof ExitError) code = cause.code
      else if (cause instanceof CommanderError) code = 2
      else throw cause
    }
    return { code, stdout, stderr }
  }

  test('exits 0 on our package and prints its kind and no problems', async () => {
    const result = await check([ours])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`${ours}: no issues found\n✔ no problems\n`)
  })

  test('exits 1 on a broken package and prints each finding with its rule id', async () => {
    const result = await check([ours, broken])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`${broken}/imsmanifest.xml\n`)
    expect(result.stdout).toMatch(/^\d+:1 +error +Cannot find the file `styles\.css`.* +file-missing +coursepack$/m)
    expect(result.stdout).toMatch(/^✖ 1 error$/m)
  })

  test('exits 1 on a path that does not exist', async () => {
    const result = await check([path.join(work, 'missing.zip')])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/error +Cannot find `.*missing\.zip`, expected a zip file +zip-unreadable/)
  })

  test('--strict fails on warnings', async () => {
    const warned = await writeZip({ ...scorm12(), 'notes.txt': 'x' })
    expect((await check([warned])).code).toBe(0)
    const strict = await check([warned, '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/^⚠ 1 warning$/m)
  })

  test('--format json prints one JSON object', async () => {
    const result = await check(['--format', 'json', ours, broken])
    expect(result.code).toBe(1)
    const parsed = JSON.parse(result.stdout) as { packages: PackageReport[]; diagnostics: unknown[] }
    expect(parsed.packages.map((p) => [p.path, p.kind, p.ours])).toEqual([
      [ours, 'scorm12', true],
      [broken, 'scorm12', false]
    ])
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'file-missing', file: `${broken}/imsmanifest.xml` })])
  })

  test('rejects an unknown --format as a usage error', async () => {
    const result = await check(['--format', 'xml', ours])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/xml/)
  })
})
