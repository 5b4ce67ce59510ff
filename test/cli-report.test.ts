/** One diagnostics contract: the same text, JSON (checked against schemas/report.schema.json) and GitHub formats, --quiet and --max-warnings, for build, validate and check. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanup, fixtureCourse, repoRoot, runCli } from './helpers.js'

afterAll(cleanup)

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'report.schema.json'), 'utf8')) as object
const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(schema)

function report(stdout: string): Record<string, unknown> {
  const parsed = JSON.parse(stdout) as Record<string, unknown>
  expect(validateReport(parsed), JSON.stringify(validateReport.errors, null, 2)).toBe(true)
  return parsed
}

/** A course with one warning (an image without alternative text). */
function warned(overlay?: string): string {
  const { workspace, course } = fixtureCourse(overlay)
  writeFileSync(path.join(course, '02-more', '01-only.md'), '---\ntitle: x\n---\n\n![](../images/square.svg)\n')
  return workspace
}

describe('the JSON report validates against schemas/report.schema.json', () => {
  test('build: success, errors, and --json as an alias of --format json', async () => {
    const ok = warned()
    const built = await runCli(['build', 'course', '--format', 'json', '--target', 'scorm12,xapi'], ok)
    expect(built.code).toBe(0)
    expect(report(built.stdout)).toMatchObject({ version: 1, tool: { name: 'coursepack' }, command: 'build', errors: 0, warnings: 1, exitCode: 0 })
    const alias = await runCli(['build', 'course', '--json', '--out', 'again'], ok)
    expect(report(alias.stdout)).toMatchObject({ command: 'build', warnings: 1 })
    const failed = await runCli(['build', 'course', '--json'], warned('question-without-correct-option'))
    expect(failed.code).toBe(1)
    expect(report(failed.stdout)).toMatchObject({ packages: [], errors: 1, warnings: 1, exitCode: 1 })
  })

  test('validate: every diagnostic with the same fields as build', async () => {
    const result = await runCli(['validate', 'course', '--format', 'json'], warned('question-without-correct-option'))
    expect(result.code).toBe(1)
    const parsed = report(result.stdout)
    expect(parsed).toMatchObject({ command: 'validate', courses: ['course'], errors: 1, warnings: 1, exitCode: 1 })
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ file: 'course/01-basics/quiz.md', line: 7, column: 1, severity: 'error', ruleId: 'quiz-no-correct-option', cause: null }),
      expect.objectContaining({ file: 'course/02-more/01-only.md', line: 5, column: 1, severity: 'warning', ruleId: 'image-alt' })
    ])
  })

  test('check: findings as diagnostics on <zip>/<entry>', async () => {
    const workspace = warned()
    expect((await runCli(['build', 'course', '--target', 'all'], workspace)).code).toBe(0)
    const zips = readdirSync(path.join(workspace, 'dist')).map((name) => `dist/${name}`)
    const clean = await runCli(['check', ...zips, '--format', 'json'], workspace)
    expect(clean.code).toBe(0)
    expect(report(clean.stdout)).toMatchObject({ command: 'check', errors: 0, warnings: 0, exitCode: 0 })
    writeFileSync(path.join(workspace, 'broken.zip'), 'not a zip')
    const scorm12 = zips.find((zip) => zip.endsWith('-scorm12.zip'))!
    const broken = await runCli(['check', 'broken.zip', scorm12, '--format', 'json'], workspace)
    expect(broken.code).toBe(1)
    const parsed = report(broken.stdout)
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ file: 'broken.zip', line: 1, column: 1, severity: 'error', ruleId: 'zip-unreadable' })])
    expect(parsed.packages).toEqual([
      { path: 'broken.zip', kind: 'unknown', ours: false },
      { path: scorm12, kind: 'scorm12', ours: true, launch: 'index.html' }
    ])
    const xapi = zips.find((zip) => zip.endsWith('-xapi.zip'))!
    const info = report((await runCli(['check', xapi, '--format', 'json'], workspace)).stdout)
    expect(info.diagnostics).toContainEqual(expect.objectContaining({ file: `${xapi}/tincan.xml`, severity: 'info', ruleId: 'tincan-no-schema', column: 1 }))
  })

  test('an invalid configuration file: exit 2, its diagnostics in the same shape', async () => {
    const workspace = warned()
    writeFileSync(path.join(workspace, 'coursepack.config.json'), '{ "strict": "yes" }\n')
    for (const command of ['build', 'validate']) {
      const result = await runCli([command, 'course', '--format', 'json'], workspace)
      expect(result.code).toBe(2)
      expect(report(result.stdout)).toMatchObject({ command, errors: 1, exitCode: 2, diagnostics: [expect.objectContaining({ file: 'coursepack.config.json', line: 1, column: 13, ruleId: 'config-invalid' })] })
    }
    const check = await runCli(['check', 'x.zip', '--format', 'json'], workspace)
    expect(report(check.stdout)).toMatchObject({ command: 'check', packages: [], exitCode: 2 })
  })
})

describe('the text report is the same for every command', () => {
  test('validate, build and check group by file and end with a summary line', async () => {
    const workspace = warned('question-without-correct-option')
    const validate = await runCli(['validate', 'course'], workspace)
    const build = await runCli(['build', 'course'], workspace)
    // validate prints on stdout, build on stderr (its stdout lists the packages written).
    expect(validate.stdout).toMatch(/^course\/01-basics\/quiz\.md\n7:1-8:\d+ +error +Cannot find a correct option/m)
    expect(build.stderr.startsWith(validate.stdout)).toBe(true)
    expect(validate.stdout).toMatch(/\n\n2 messages \(✖ 1 error, ⚠ 1 warning\)\n$/)
    writeFileSync(path.join(workspace, 'broken.zip'), 'not a zip')
    const check = await runCli(['check', 'broken.zip'], workspace)
    expect(check.stdout).toMatch(/^broken\.zip\n1:1 +error +Cannot read `broken\.zip` as a zip/)
    expect(check.stdout).toMatch(/\n✖ 1 error\n$/)
  })
})

describe('--format github', () => {
  test('one annotation per problem, on every command', async () => {
    const workspace = warned('question-without-correct-option')
    const validate = await runCli(['validate', 'course', '--format', 'github'], workspace)
    expect(validate.code).toBe(1)
    expect(validate.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^::error file=course\/01-basics\/quiz\.md,line=7,col=1,endLine=8,title=quiz-no-correct-option::Cannot find a correct option/),
      expect.stringMatching(/^::warning file=course\/02-more\/01-only\.md,line=5,col=1,endLine=5,endColumn=\d+,title=image-alt::Unexpected image without alternative text/)
    ])
    const build = await runCli(['build', 'course', '--format', 'github'], workspace)
    expect(build.code).toBe(1)
    expect(build.stdout).toBe(validate.stdout)
    expect(build.stderr).toBe('')
    writeFileSync(path.join(workspace, 'broken.zip'), 'not a zip')
    const check = await runCli(['check', 'broken.zip', '--format', 'github'], workspace)
    expect(check.stdout).toMatch(/^::error file=broken\.zip,line=1,col=1,title=zip-unreadable::Cannot read `broken\.zip` as a zip/)
  })

  test('escapes newlines, percent signs, and commas and colons in properties', async () => {
    const { githubReport } = await import('../src/cli/report.js')
    const text = githubReport([
      { file: 'a,b:c.md', line: 2, column: 3, endLine: undefined, endColumn: undefined, severity: 'info', ruleId: 'x', source: undefined, message: '100% done', note: 'next line', cause: undefined }
    ])
    expect(text).toBe('::notice file=a%2Cb%3Ac.md,line=2,col=3,title=x::100%25 done%0Anext line\n')
  })
})

describe('--quiet and --max-warnings', () => {
  test('--quiet reports errors only; the counts still cover the whole run', async () => {
    const workspace = warned('question-without-correct-option')
    const text = await runCli(['validate', 'course', '--quiet'], workspace)
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('quiz-no-correct-option')
    expect(text.stdout).not.toContain('image-alt')
    const json = report((await runCli(['validate', 'course', '--quiet', '--format', 'json'], workspace)).stdout)
    expect(json).toMatchObject({ errors: 1, warnings: 1, diagnostics: [expect.objectContaining({ ruleId: 'quiz-no-correct-option' })] })
    expect(json.diagnostics).toHaveLength(1)
    const clean = await runCli(['validate', 'course', '--quiet'], warned())
    expect(clean).toMatchObject({ code: 0, stdout: '✔ no problems\n' })
  })

  test('--max-warnings: exit 1 when the warnings exceed n, and build writes nothing', async () => {
    const workspace = warned()
    expect((await runCli(['validate', 'course', '--max-warnings', '1'], workspace)).code).toBe(0)
    const over = await runCli(['validate', 'course', '--max-warnings', '0'], workspace)
    expect(over.code).toBe(1)
    expect(over.stdout).toMatch(/\n✖ 1 warning, more than --max-warnings 0 allows\n$/)
    const build = await runCli(['build', 'course', '--max-warnings', '0'], workspace)
    expect(build.code).toBe(1)
    expect(build.stderr).toContain('✖ 1 warning, more than --max-warnings 0 allows\nNothing was written')
    expect(readdirSync(workspace)).not.toContain('dist')
    expect((await runCli(['build', 'course', '--max-warnings', '1'], workspace)).code).toBe(0)
  })

  test('check --max-warnings and --strict count package warnings', async () => {
    const workspace = warned()
    expect((await runCli(['build', 'course'], workspace)).code).toBe(0)
    const { default: archiver } = await import('archiver')
    const { createWriteStream } = await import('node:fs')
    const { readZip } = await import('./helpers.js')
    // Our package plus one file no resource lists: a `file-unlisted` warning.
    const entries = await readZip(path.join(workspace, 'dist', 'minimal-course-1.2.0-scorm12.zip'))
    const zip = archiver('zip')
    const done = new Promise<void>((resolve) => zip.pipe(createWriteStream(path.join(workspace, 'extra.zip'))).on('close', () => resolve()))
    for (const [name, data] of entries) zip.append(data, { name })
    zip.append('x', { name: 'notes.txt' })
    await zip.finalize()
    await done
    expect((await runCli(['check', 'extra.zip'], workspace)).code).toBe(0)
    const over = await runCli(['check', 'extra.zip', '--max-warnings', '0'], workspace)
    expect(over.code).toBe(1)
    expect(over.stdout).toContain('file-unlisted')
    expect((await runCli(['check', 'extra.zip', '--strict'], workspace)).code).toBe(1)
  })
})
