/**
 * Portable manifest checks: the cmi5 §13 course structure rules (one hand-broken cmi5.xml per
 * rule), SCORM 1.2 and 2004 validation through WebAssembly libxml2, and `check --strict` on our
 * own packages with no `xmllint` on PATH and no shared folder beside the tool.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import archiver from 'archiver'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { checkCmi5 } from '../src/check/cmi5.js'
import { iriProblem } from '../src/check/cmi5/values.js'
import { Findings, type Finding } from '../src/check/findings.js'
import { checkPackage } from '../src/check/package.js'
import { checkSchema } from '../src/check/schema.js'
import { parseXml } from '../src/check/xml-tree.js'
import { prepareDocument, validateXsd, type Engine } from '../src/check/xsd.js'
import { packageCourse } from '../src/package/index.js'
import { schemaDir } from '../src/package/schemas.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, repoRoot, runCli, sampleCourse, tempDir } from './helpers.js'
import { sharedFile } from './needs-shared.js'

afterAll(cleanup)

const cmi5Xsd = sharedFile('schemas/cmi5/CourseStructure.xsd', "the cmi5 rule cases cross-checked against cmi5's official CourseStructure.xsd")

/** A valid course structure using every element of cmi5 §13: objectives, a block, two AUs, extensions. */
const base = `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd" xmlns:ext="https://example.com/ext">
  <course id="https://example.com/courses/geo">
    <title><langstring lang="en-US">Geology</langstring></title>
    <description><langstring lang="en-US">Rocks</langstring></description>
  </course>
  <objectives>
    <objective id="https://example.com/objectives/rocks">
      <title><langstring lang="en-US">Rocks</langstring></title>
      <description><langstring lang="en-US">Know rocks</langstring></description>
    </objective>
  </objectives>
  <block id="https://example.com/courses/geo/block/1">
    <title><langstring lang="en-US">Block</langstring></title>
    <description><langstring lang="en-US">First block</langstring></description>
    <objectives><objective idref="https://example.com/objectives/rocks"/></objectives>
    <au id="https://example.com/courses/geo/au/1" moveOn="CompletedAndPassed" masteryScore="0.7" launchMethod="AnyWindow">
      <title><langstring lang="en-US">Intro</langstring></title>
      <description><langstring lang="es-MX">Introducción</langstring></description>
      <objectives><objective idref="https://example.com/objectives/rocks"/></objectives>
      <url>index.html</url>
      <launchParameters>Start=1</launchParameters>
    </au>
  </block>
  <au id="https://example.com/courses/geo/au/2" moveOn="Completed">
    <title><langstring lang="en-US">Outro</langstring></title>
    <description><langstring lang="en-US">The end</langstring></description>
    <url>index.html?part=2</url>
    <ext:note>vendor data</ext:note>
  </au>
  <ext:info>more</ext:info>
</courseStructure>
`

/** Replace line `line` (1-based) of the base document, so every other line keeps its number. */
function withLine(line: number, text: string, source = base): string {
  const lines = source.split('\n')
  expect(lines[line - 1]).toBeDefined()
  lines[line - 1] = text
  return lines.join('\n')
}

const edit = (line: number, from: string, to: string, source = base): string => {
  const original = source.split('\n')[line - 1] ?? ''
  expect(original).toContain(from)
  return withLine(line, original.replace(from, to), source)
}

function rules(xml: string): Finding[] {
  const parsed = parseXml(xml)
  if (!parsed.ok) throw new Error(parsed.message)
  const findings = new Findings()
  checkCmi5({ file: 'cmi5.xml', root: parsed.root, files: new Set(['index.html']), findings })
  return findings.sorted()
}

describe('cmi5 course structure rules (cmi5 §13)', () => {
  test('the base document has no finding', () => {
    expect(rules(base)).toEqual([])
  })

  test.skipIf(!cmi5Xsd)('the base document is valid for the official CourseStructure.xsd', async () => {
    expect(await validateXsd(base, { main: cmi5Xsd ?? '' }, { fileName: 'cmi5.xml', engine: 'wasm' })).toMatchObject({ valid: true, errors: [] })
  })

  // [what, broken document, rule id, severity, line, does the official XSD reject it too?]
  const cases: Array<[string, () => string, string, 'error' | 'warning', number, boolean]> = [
    ['another root element', () => base.replace(/courseStructure/g, 'courseStructur'), 'cmi5-root', 'error', 2, true],
    ['the root in the wrong namespace', () => edit(2, 'CourseStructure.xsd"', 'CourseStructure"'), 'cmi5-namespace', 'error', 2, true],
    ['`<url>` after `<launchParameters>`', () => withLine(22, '      <url>index.html</url>', withLine(21, '      <launchParameters>Start=1</launchParameters>')), 'cmi5-element-order', 'error', 22, true],
    ['an extension element before `<url>`', () => withLine(29, '    <url>index.html?part=2</url>', withLine(28, '    <ext:note>vendor data</ext:note>')), 'cmi5-element-order', 'error', 29, true],
    ['an unknown cmi5 element', () => edit(22, 'launchParameters>Start=1</launchParameters', 'launchParams>Start=1</launchParams'), 'cmi5-element-unexpected', 'error', 22, true],
    ['a second `<title>`', () => edit(4, '</title>', '</title><title><langstring lang="en-US">Again</langstring></title>'), 'cmi5-element-unexpected', 'error', 4, true],
    ['the course without `<description>`', () => withLine(5, ''), 'cmi5-element-missing', 'error', 3, true],
    ['a `<description>` without langstring', () => withLine(27, '    <description></description>'), 'cmi5-element-missing', 'error', 27, true],
    ['a block without `id`', () => edit(13, ' id="https://example.com/courses/geo/block/1"', ''), 'cmi5-attribute-missing', 'error', 13, true],
    ['`moveon` in the wrong case', () => edit(25, 'moveOn=', 'moveon='), 'cmi5-attribute-unexpected', 'error', 25, true],
    ['`moveOn="completed"`', () => edit(25, '"Completed"', '"completed"'), 'cmi5-moveon-invalid', 'error', 25, true],
    ['`launchMethod="NewWindow"`', () => edit(17, '"AnyWindow"', '"NewWindow"'), 'cmi5-launchmethod-invalid', 'error', 17, true],
    ['`masteryScore="70"`', () => edit(17, '"0.7"', '"70"'), 'mastery-range', 'error', 17, true],
    ['`masteryScore` with 5 decimal places', () => edit(17, '"0.7"', '"0.12345"'), 'cmi5-mastery-precision', 'warning', 17, false],
    ['a relative AU id', () => edit(25, '"https://example.com/courses/geo/au/2"', '"au/2"'), 'cmi5-iri-invalid', 'error', 25, false],
    ['an AU id used twice', () => edit(25, 'au/2', 'au/1'), 'cmi5-id-duplicate', 'error', 25, false],
    ['a reference to an undefined objective', () => edit(20, 'objectives/rocks', 'objectives/minerals'), 'cmi5-objective-unknown', 'error', 20, false],
    ['`lang="es_MX"`', () => edit(19, 'es-MX', 'es_MX'), 'cmi5-lang-invalid', 'error', 19, true],
    ['an empty title', () => edit(26, '>Outro<', '><'), 'cmi5-langstring-empty', 'warning', 26, false],
    ['an AU without `<url>`', () => withLine(28, ''), 'launch-none', 'error', 25, true],
    ['a block with no AU or block', () => [17, 18, 19, 20, 21, 22, 23].reduce((xml, line) => withLine(line, '', xml), base), 'cmi5-element-missing', 'error', 13, true],
    [
      'an AU nested in an AU',
      () => withLine(22, '      <au id="https://example.com/courses/geo/au/3"><title><langstring>T</langstring></title><description><langstring>D</langstring></description><url>index.html</url></au>'),
      'cmi5-element-unexpected',
      'error',
      22,
      true
    ]
  ]

  test.each(cases)('%s: %s', (_what, make, ruleId, severity, line) => {
    const findings = rules(make())
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.line}`)).toEqual([`${severity} ${ruleId} ${line}`])
    expect(findings[0]?.message).toMatch(/cmi5|AU|scaled/)
  })

  test.skipIf(!cmi5Xsd).each(cases.filter((c) => c[5]))('the official XSD rejects it too: %s', async (_what, make) => {
    expect((await validateXsd(make(), { main: cmi5Xsd ?? '' }, { fileName: 'cmi5.xml', engine: 'wasm' })).valid).toBe(false)
  })

  test.skipIf(!cmi5Xsd).each(cases.filter((c) => !c[5]))('the official XSD accepts it, only the rules catch it: %s', async (_what, make) => {
    expect((await validateXsd(make(), { main: cmi5Xsd ?? '' }, { fileName: 'cmi5.xml', engine: 'wasm' })).valid).toBe(true)
  })

  test('blocks nest: a block inside a block is fine', async () => {
    const lines = base.split('\n')
    const nested = [...lines.slice(0, 12), '  <block id="https://example.com/courses/geo/outer">', '    <title><langstring lang="en">Outer</langstring></title>', '    <description><langstring lang="en">Outer block</langstring></description>', ...lines.slice(12, 24), '  </block>', ...lines.slice(24)].join('\n')
    expect(rules(nested)).toEqual([])
    if (cmi5Xsd) expect((await validateXsd(nested, { main: cmi5Xsd }, { fileName: 'cmi5.xml', engine: 'wasm' })).valid).toBe(true)
  })

  test.each([
    ['https://example.com/courses/geo', undefined],
    ['urn:coursepack:minimal-course/au', undefined],
    ['tag:example.com,2026:course', undefined],
    ['au/1', /no scheme/],
    ['//example.com/au', /no scheme/],
    ['https:', /nothing follows/],
    ['https:/example.com', /no host/],
    ['https://example.com/a b', /a space/],
    ['https://example.com/<au>', /`<`/],
    ['urn:x:%zz', /percent-encoded/],
    ['', /empty/]
  ])('IRI %j', (value, problem) => {
    if (problem === undefined) expect(iriProblem(value)).toBeUndefined()
    else expect(iriProblem(value)).toMatch(problem)
  })

  test('ids and lang with surrounding spaces are fine: the LMS trims them on import (§13.1)', () => {
    expect(rules(edit(19, 'lang="es-MX"', 'lang=" es-MX "').replace('id="https://example.com/courses/geo/au/2"', 'id="  https://example.com/courses/geo/au/2  "'))).toEqual([])
  })

  test('case hints name the right spelling', () => {
    expect(rules(edit(25, 'moveOn=', 'moveon='))[0]?.message).toContain('did you mean `moveOn`?')
    expect(rules(edit(25, '"Completed"', '"completed"'))[0]?.message).toContain('did you mean `Completed`?')
  })
})

describe('sharedFile (tests that need ../shared)', () => {
  test('a missing file prints one skip line and gives undefined; COURSEPACK_REQUIRE_SHARED=1 makes it fail', () => {
    const saved = process.env.COURSEPACK_REQUIRE_SHARED
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      delete process.env.COURSEPACK_REQUIRE_SHARED
      expect(sharedFile('no-such-dir/none.xsd', 'the none tests')).toBeUndefined()
      expect(sharedFile('no-such-dir/none.xsd', 'the none tests')).toBeUndefined()
      expect(log.mock.calls).toEqual([['skipped: the none tests (needs ../shared/no-such-dir/none.xsd, not present beside this clone)']])
      process.env.COURSEPACK_REQUIRE_SHARED = '1'
      expect(() => sharedFile('no-such-dir/none.xsd', 'the none tests')).toThrow(/needs \.\.\/shared\/no-such-dir\/none\.xsd.*COURSEPACK_REQUIRE_SHARED=1/)
    } finally {
      log.mockRestore()
      if (saved === undefined) delete process.env.COURSEPACK_REQUIRE_SHARED
      else process.env.COURSEPACK_REQUIRE_SHARED = saved
    }
  })

  test.skipIf(!cmi5Xsd)('a present file gives its absolute path beside the clone', () => {
    expect(cmi5Xsd).toBe(path.join(repoRoot, '..', 'shared', 'schemas', 'cmi5', 'CourseStructure.xsd'))
  })
})

describe('the cmi5 schema check is an extra', () => {
  test('without a schema it reports one info finding, never a warning', async () => {
    const saved = process.env.COURSEPACK_CMI5_XSD
    delete process.env.COURSEPACK_CMI5_XSD
    try {
      const findings = new Findings()
      await checkSchema(base, 'cmi5', 'cmi5.xml', findings)
      expect(findings.list.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['info xsd-cmi5-absent'])
    } finally {
      if (saved !== undefined) process.env.COURSEPACK_CMI5_XSD = saved
    }
  })

  test('a schema path that does not exist is a warning', async () => {
    const findings = new Findings()
    await checkSchema(base, 'cmi5', 'cmi5.xml', findings, { cmi5Schema: path.join(tempDir(), 'nope.xsd') })
    expect(findings.list.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['warning xsd-skipped'])
  })

  test.skipIf(!cmi5Xsd)('with the official schema (option or COURSEPACK_CMI5_XSD), schema errors are positioned', async () => {
    const findings = new Findings()
    await checkSchema(edit(17, '"AnyWindow"', '"NewWindow"'), 'cmi5', 'cmi5.xml', findings, { cmi5Schema: cmi5Xsd })
    expect(findings.list).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'xsd-invalid', line: 17 })])
    const saved = process.env.COURSEPACK_CMI5_XSD
    process.env.COURSEPACK_CMI5_XSD = cmi5Xsd
    try {
      const clean = new Findings()
      await checkSchema(base, 'cmi5', 'cmi5.xml', clean)
      expect(clean.list).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.COURSEPACK_CMI5_XSD
      else process.env.COURSEPACK_CMI5_XSD = saved
    }
  })
})

describe('SCORM validation through WebAssembly libxml2', async () => {
  const { course } = await checkCourse(sampleCourse)
  const manifest = (target: 'scorm12' | 'scorm2004') => String(packageCourse(course, target).files.find((f) => f.path === 'imsmanifest.xml')?.data)
  const scorm12 = manifest('scorm12')
  const scorm2004 = manifest('scorm2004')
  const wasm = { engine: 'wasm' as Engine }
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1

  test('the sample SCORM 1.2 manifest passes, and says which schema it could not compile', async () => {
    const outcome = await validateXsd(scorm12, 'scorm12', wasm)
    expect(outcome).toMatchObject({ valid: true, errors: [], engine: 'wasm' })
    expect(outcome.partial).toContain('imsmd_rootv1p2p1.xsd')
  })

  test('broken SCORM 1.2 manifests fail, with the line', async () => {
    const camel = await validateXsd(scorm12.replace('adlcp:scormtype', 'adlcp:scormType'), 'scorm12', wasm)
    expect(camel.valid).toBe(false)
    expect(camel.errors.join('\n')).toContain(`imsmanifest.xml:${lineOf(scorm12, 'adlcp:scormtype')}:`)
    const misordered = scorm12.replace(/(<title>[^<]*<\/title>)(\s*)(<adlcp:masteryscore>70<\/adlcp:masteryscore>)/, '$3$2$1')
    expect(misordered).not.toBe(scorm12)
    expect((await validateXsd(misordered, 'scorm12', wasm)).valid).toBe(false)
  })

  test('SCORM 1.2 metadata in the IMS metadata namespace is accepted laxly; an unknown namespace is not', async () => {
    const lom = '<imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><imsmd:general><imsmd:anything/></imsmd:general></imsmd:lom>'
    const withLom = scorm12.replace('</schemaversion>', `</schemaversion>\n    ${lom}`)
    expect(withLom).not.toBe(scorm12)
    expect(await validateXsd(withLom, 'scorm12', wasm)).toMatchObject({ valid: true })
    const unknown = scorm12.replace('</schemaversion>', '</schemaversion>\n    <x:meta xmlns:x="urn:x-unknown"/>')
    expect((await validateXsd(unknown, 'scorm12', wasm)).valid).toBe(false)
  })

  test('the full official SCORM 1.2 set still does not compile in the wasm build (if this fails, drop the lax stand-in)', async () => {
    const dir = tempDir()
    cpSync(schemaDir('scorm12edition'), dir, { recursive: true })
    const driver = path.join(dir, 'all12.xsd')
    writeFileSync(
      driver,
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-all12">
  <xs:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xs:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xs:schema>`
    )
    const outcome = await validateXsd(scorm12, { main: driver }, wasm)
    expect(outcome.unusable).toBe(true)
    expect(outcome.errors.join('\n')).toMatch(/imsmd_rootv1p2p1\.xsd:\d+: .*not determinist/)
  })

  test('the sample SCORM 2004 manifest passes with the full official set', async () => {
    const outcome = await validateXsd(scorm2004, 'scorm2004', wasm)
    expect(outcome).toEqual({ valid: true, errors: [], engine: 'wasm' })
  })

  test('broken SCORM 2004 manifests fail, with the line', async () => {
    const measure = await validateXsd(scorm2004.replace('<imsss:minNormalizedMeasure>0.7<', '<imsss:minNormalizedMeasure>70<'), 'scorm2004', wasm)
    expect(measure.valid).toBe(false)
    expect(measure.errors.join('\n')).toContain(`imsmanifest.xml:${lineOf(scorm2004, 'minNormalizedMeasure')}:`)
    expect((await validateXsd(scorm2004.replace('adlcp:scormType="sco"', 'adlcp:scormType="SCO"'), 'scorm2004', wasm)).valid).toBe(false)
  })

  test('no DTD or external entity is loaded: the DOCTYPE is blanked, lines are kept', async () => {
    const secret = path.join(tempDir(), 'secret.txt')
    writeFileSync(secret, 'TOP-SECRET-CONTENT')
    const doctype = `<!DOCTYPE manifest [\n  <!ENTITY leak SYSTEM "file://${secret}">\n]>`
    const hostile = scorm2004.replace(/\?>\n/, `?>\n${doctype}\n`).replace(/<title>[^<]*<\/title>/, '<title>&leak;</title>')
    const prepared = prepareDocument(hostile)
    expect(prepared.split('\n')).toHaveLength(hostile.split('\n').length)
    expect(prepared).not.toContain('ENTITY')
    for (const engine of ['wasm', 'xmllint'] as const) {
      let outcome
      try {
        outcome = await validateXsd(hostile, 'scorm2004', { engine })
      } catch (cause) {
        if (engine === 'xmllint' && /Cannot find `xmllint`/.test(String(cause))) continue
        throw cause
      }
      expect(outcome.valid).toBe(false)
      expect(outcome.errors.join('\n')).not.toContain('TOP-SECRET')
      expect(outcome.errors.join('\n')).toContain(`imsmanifest.xml:${lineOf(hostile, '&leak;')}:`)
    }
  })

  test('blanking a hostile DOCTYPE is linear, and a DOCTYPE-like text after the root is content', () => {
    const hostile = `<!DOCTYPE x ${'[ ] '.repeat(200_000)}`
    const started = performance.now()
    expect(prepareDocument(hostile).trim()).toBe('')
    expect(performance.now() - started).toBeLessThan(2000)
    const content = '<a><!-- <!DOCTYPE kept> --></a>'
    expect(prepareDocument(content)).toBe(content)
  })

  test('an encoding declaration other than UTF-8 is rewritten, since the text is handed over as UTF-8', () => {
    expect(prepareDocument('<?xml version="1.0" encoding="UTF-16"?>\n<a/>')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a/>')
  })
})

interface Report {
  packages: Array<{ path: string; kind: string }>
  /** Findings as diagnostics; `file` is `<zip path>/<entry>`. */
  diagnostics: Array<{ file: string; line: number; severity: string; ruleId: string }>
  exitCode: number
}

/** Each package's findings as `severity ruleId`, by kind. */
function byKind(report: Report): Record<string, string[]> {
  return Object.fromEntries(report.packages.map((p) => [p.kind, report.diagnostics.filter((d) => d.file.startsWith(`${p.path}/`)).map((d) => `${d.severity} ${d.ruleId}`)]))
}

function runIsolated(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }))
  })
}

describe('check --strict on our own packages, with no xmllint on PATH and no shared folder', () => {
  let zips: string[] = []
  let tool = ''
  let work = ''

  beforeAll(async () => {
    work = tempDir('coursepack-schemas-')
    const out = path.join(work, 'dist')
    const built = await runCli(['build', sampleCourse, '--target', 'all', '--out', out], repoRoot)
    expect(built.code).toBe(0)
    zips = ['scorm12', 'scorm2004', 'xapi', 'cmi5'].map((target) => path.join(out, `child-online-protection-industry-1.0.0-${target}.zip`))
    for (const zip of zips) expect(existsSync(zip)).toBe(true)
    // A copy of the installed tool in a folder with no `../shared` beside it.
    tool = path.join(work, 'install', 'coursepack')
    mkdirSync(tool, { recursive: true })
    for (const part of ['bin', 'build', 'package.json']) cpSync(path.join(repoRoot, part), path.join(tool, part), { recursive: true })
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tool, 'node_modules'), 'dir')
  }, 120_000)

  test('every package passes; the SCORM 1.2 and cmi5 ones say what was not checked, as info', async () => {
    expect(existsSync(path.join(tool, '..', 'shared'))).toBe(false)
    const env: NodeJS.ProcessEnv = { PATH: path.join(work, 'empty-bin'), NO_COLOR: '1', HOME: work }
    const result = await runIsolated(path.join(tool, 'bin', 'coursepack.js'), ['check', '--strict', '--format', 'json', ...zips], work, env)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as Report
    expect(report.exitCode).toBe(0)
    expect(byKind(report)).toEqual({
      scorm12: ['info xsd-partial'],
      scorm2004: [],
      xapi: ['info tincan-no-schema'],
      cmi5: ['info xsd-cmi5-absent']
    })
  })

  test('a broken manifest still fails there: the wasm engine catches it', async () => {
    const broken = path.join(work, 'broken-scorm2004.zip')
    await writeZip(broken, { 'imsmanifest.xml': manifestOf2004().replace('adlcp:scormType="sco"', 'adlcp:scormType="SCO"'), 'index.html': '<!doctype html><title>x</title>' })
    const result = await runIsolated(path.join(tool, 'bin', 'coursepack.js'), ['check', '--format', 'json', broken], work, { PATH: path.join(work, 'empty-bin'), NO_COLOR: '1', HOME: work })
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', ruleId: 'xsd-invalid', file: `${broken}/imsmanifest.xml`, line: 13 }))
  })

  test.skipIf(!cmi5Xsd)('with the official CourseStructure.xsd given, the cmi5 package passes it too', async () => {
    const report = await checkPackage(zips[3] ?? '', { cmi5Schema: cmi5Xsd ?? '' })
    expect(report.findings).toEqual([])
  })
})

function manifestOf2004(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<manifest identifier="m" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o">
    <organization identifier="o">
      <title>Course</title>
      <item identifier="i" identifierref="r"><title>Lesson</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
`
}

function writeZip(file: string, entries: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = archiver('zip')
    const chunks: Buffer[] = []
    archive.on('data', (chunk: Buffer) => chunks.push(chunk))
    archive.on('error', reject)
    archive.on('end', () => {
      writeFileSync(file, Buffer.concat(chunks))
      resolve()
    })
    for (const [name, data] of Object.entries(entries)) archive.append(data, { name })
    void archive.finalize()
  })
}
