/**
 * `coursepack check` rule `answer-key-exposed`: our packages pass; the same package with an
 * answer key put back in plain text by hand is reported, with the file, and the command exits 1
 * as for any other check error.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import archiver from 'archiver'
import { Command, CommanderError } from 'commander'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkPackage } from '../src/check/package.js'
import { checkCommand } from '../src/cli/commands/check.js'
import { ExitError } from '../src/cli/errors.js'
import { nodeIo, type Io } from '../src/cli/index.js'
import { build } from '../src/pipeline.js'
import { cleanup, readZip, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

let work: string
const zips = new Map<string, string>()

/** Zip these entries again, in their order, as a new package file. */
function rezip(files: Map<string, Buffer>, name: string): Promise<string> {
  const file = path.join(work, name)
  return new Promise((resolve, reject) => {
    const archive = archiver('zip')
    const chunks: Buffer[] = []
    archive.on('data', (chunk: Buffer) => chunks.push(chunk))
    archive.on('error', reject)
    archive.on('end', () => {
      writeFileSync(file, Buffer.concat(chunks))
      resolve(file)
    })
    for (const [entry, data] of files) archive.append(data, { name: entry })
    void archive.finalize()
  })
}

/** A copy of a package with one entry's text changed. */
async function planted(target: string, entry: string, change: (text: string) => string, name: string): Promise<string> {
  const files = await readZip(zips.get(target) ?? '')
  const text = files.get(entry)?.toString('utf8') ?? ''
  const changed = change(text)
  expect(changed).not.toBe(text)
  return rezip(new Map([...files, [entry, Buffer.from(changed)]]), name)
}

/** Run `coursepack check …` in process. */
async function check(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = ''
  const io: Io = { ...nodeIo(), stdout: (text) => void (stdout += text), stderr: () => undefined, color: { stdout: false, stderr: false } }
  const program = new Command('coursepack').exitOverride()
  program.addCommand(checkCommand(io))
  for (const command of program.commands) command.exitOverride()
  let code = 0
  try {
    await program.parseAsync(['check', ...args], { from: 'user' })
  } catch (cause) {
    if (cause instanceof ExitError) code = cause.code
    else if (cause instanceof CommanderError) code = 2
    else throw cause
  }
  return { code, stdout }
}

const exposed = async (file: string) => (await checkPackage(file)).findings.filter((f) => f.ruleId === 'answer-key-exposed')

beforeAll(async () => {
  work = tempDir('coursepack-check-keys-')
  const result = await build([sampleCourse], { out: path.join(work, 'dist'), targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'] })
  expect(result.exitCode).toBe(0)
  for (const pkg of result.packages) zips.set(pkg.target, path.resolve(pkg.path))
}, 240_000)

describe('answer-key-exposed', () => {
  test.each(['scorm12', 'scorm2004', 'xapi', 'cmi5'])('the sample course as %s exposes no key', async (target) => {
    expect(await exposed(zips.get(target) ?? '')).toEqual([])
  })

  test('a "correct" key planted in the runtime data is reported in index.html, and check exits 1', async () => {
    // The first question of the sample is a single choice: its key field back in the clear.
    const file = await planted('scorm12', 'index.html', (html) => html.replace(/("type":"single",)/, '$1"correct":["b"],'), 'planted-correct.zip')
    const findings = await exposed(file)
    expect(findings.map((f) => [f.severity, f.file])).toEqual([
      ['error', 'index.html'],
      ['error', 'index.html']
    ])
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Unexpected answer key `correct` in plain text in the runtime data of question `.+`, expected it encoded in `k`/),
      expect.stringMatching(/^Unexpected `"correct":` in `index.html`/)
    ])
    const result = await check([file])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/answer-key-exposed/)
    expect((await check([zips.get('scorm12') ?? ''])).code).toBe(0)
  })

  test('correctResponsePatterns put back in tincan.xml are reported there, with the accepted answers they hold', async () => {
    const file = await planted(
      'xapi',
      'tincan.xml',
      (xml) =>
        xml.replace(
          /(<interactionType>fill-in<\/interactionType>)/,
          '$1<correctResponsePatterns><correctResponsePattern>{case_matters=false}hash matching</correctResponsePattern></correctResponsePatterns>'
        ),
      'planted-tincan.zip'
    )
    const findings = await exposed(file)
    expect(findings.length).toBeGreaterThanOrEqual(2)
    expect(findings.every((f) => f.file === 'tincan.xml' && f.severity === 'error' && typeof f.line === 'number')).toBe(true)
    expect(findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Unexpected `correctResponsePattern` in `tincan.xml`/),
        expect.stringMatching(/^Unexpected accepted answer of question `m3-fingerprint-technique` in `tincan.xml`/)
      ])
    )
    expect((await check([file])).code).toBe(1)
  })

  test('a correct_responses pattern in a SCORM manifest, and a numeric range in cmi5.xml, are reported', async () => {
    const manifest = await planted('scorm2004', 'imsmanifest.xml', (xml) => xml.replace('</organizations>', '</organizations><!-- cmi.interactions.0.correct_responses.0.pattern -->'), 'planted-manifest.zip')
    expect((await exposed(manifest)).map((f) => f.file)).toEqual(['imsmanifest.xml'])
    const cmi5 = await planted('cmi5', 'cmi5.xml', (xml) => xml.replace('</courseStructure>', '<!-- 80[:]80 --></courseStructure>'), 'planted-cmi5.zip')
    expect((await exposed(cmi5)).map((f) => [f.file, f.message])).toEqual([['cmi5.xml', expect.stringMatching(/^Unexpected accepted answer of question `m1-guideline-experts` in `cmi5.xml`/)]])
  })

  test('an accepted answer copied into a public field of its question is reported', async () => {
    const file = await planted('scorm12', 'index.html', (html) => html.replace(/("type":"fill-in",)/, '$1"hint":"hash matching",'), 'planted-hint.zip')
    expect((await exposed(file)).map((f) => f.message)).toEqual([expect.stringMatching(/^Unexpected accepted answer of question `m3-fingerprint-technique` in plain text in its runtime data/)])
  })
})
