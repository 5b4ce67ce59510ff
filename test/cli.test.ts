import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanup, fixtureCourse, readZip, repoRoot, runCli, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

/** The grouped report has `file` on its own line, then `line:column[-end]  severity  message`. */
function reported(output: string, location: string, severity: string): boolean {
  const [, file, line, column] = /^(.*):(\d+):(\d+)$/.exec(location) ?? []
  const group = output.split('\n\n').find((block) => block.startsWith(`${file}\n`)) ?? ''
  return new RegExp(`^${line}:${column}(-\\d+:\\d+)? +${severity} `, 'm').test(group)
}

describe('coursepack build', () => {
  test('writes dist/<id>-<version>-scorm12.zip and exits 0', async () => {
    const { workspace } = fixtureCourse()
    const result = await runCli(['build', 'course'], workspace)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^wrote dist\/minimal-course-1\.2\.0-scorm12\.zip \(\d+\.\d KiB\)\n$/)
    const entries = await readZip(path.join(workspace, 'dist', 'minimal-course-1.2.0-scorm12.zip'))
    expect([...entries.keys()]).toContain('imsmanifest.xml')
    expect([...entries.keys()]).toEqual([...entries.keys()].sort())
  })

  test('builds every course of ./courses when given no folder', async () => {
    const workspace = tempDir()
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'minimal'), path.join(workspace, 'courses', 'minimal'), { recursive: true })
    const result = await runCli(['build'], workspace)
    expect(result.code).toBe(0)
    expect(readdirSync(path.join(workspace, 'dist'))).toEqual(['minimal-course-1.2.0-scorm12.zip'])
  })

  test('gives byte-identical zips when built twice, in two different folders', async () => {
    const one = fixtureCourse()
    const two = fixtureCourse()
    await runCli(['build', 'course', '--out', 'out'], one.workspace)
    await runCli(['build', path.join(two.workspace, 'course'), '--out', path.join(two.workspace, 'elsewhere')], repoRoot)
    const a = readFileSync(path.join(one.workspace, 'out', 'minimal-course-1.2.0-scorm12.zip'))
    const b = readFileSync(path.join(two.workspace, 'elsewhere', 'minimal-course-1.2.0-scorm12.zip'))
    expect(a.equals(b)).toBe(true)
  })

  test('builds the sample course', async () => {
    const out = tempDir()
    const result = await runCli(['build', sampleCourse, '--out', out], repoRoot)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(readdirSync(out)).toEqual(['child-online-protection-industry-1.0.0-scorm12.zip'])
  })

  test.each([
    ['malformed-frontmatter', 'course/course.md:5:22'],
    ['question-without-correct-option', 'course/01-basics/quiz.md:7:1'],
    ['quiz-without-questions', 'course/01-basics/quiz.md:5:1'],
    ['unknown-component', 'course/01-basics/01-first.md:7:1'],
    ['mdx-expression', 'course/01-basics/01-first.md:7:18'],
    ['missing-image', 'course/01-basics/01-first.md:7:1'],
    ['image-outside-course', 'course/01-basics/01-first.md:7:1'],
    ['duplicate-module-prefix', 'course/01-extra/module.md:1:1'],
    ['risks-missing-c', 'course/01-basics/02-risks.md:3:7']
  ])('%s: exits 1 with %s and leaves dist/ as it was', async (scenario, location) => {
    const { workspace } = fixtureCourse(scenario)
    mkdirSync(path.join(workspace, 'dist'))
    const previous = path.join(workspace, 'dist', 'minimal-course-1.2.0-scorm12.zip')
    writeFileSync(previous, 'the previous build')
    const result = await runCli(['build', 'course'], workspace)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(reported(result.stderr, location, 'error'), result.stderr).toBe(true)
    expect(result.stderr).toMatch(/✖ \d+ errors?/)
    expect(result.stderr).toContain('Nothing was written')
    expect(readdirSync(path.join(workspace, 'dist'))).toEqual(['minimal-course-1.2.0-scorm12.zip'])
    expect(readFileSync(previous, 'utf8')).toBe('the previous build')
  })

  test('warnings pass, but fail with --strict', async () => {
    const { workspace, course } = fixtureCourse()
    writeFileSync(path.join(course, '02-more', 'notes.md'), '# stray')
    const relaxed = await runCli(['build', 'course'], workspace)
    expect(relaxed.code).toBe(0)
    expect(reported(relaxed.stderr, 'course/02-more/module.md:1:1', 'warning'), relaxed.stderr).toBe(true)
    expect(relaxed.stderr).toContain('Unexpected Markdown file `notes.md`')
    const strict = await runCli(['build', 'course', '--strict', '--out', 'strict'], workspace)
    expect(strict.code).toBe(1)
    expect(readdirSync(workspace)).not.toContain('strict')
  })

  test('usage errors exit 2', async () => {
    const workspace = tempDir()
    expect((await runCli(['build', 'x', '--target', 'nope'], workspace)).code).toBe(2)
    expect((await runCli(['frobnicate'], workspace)).code).toBe(2)
    expect((await runCli(['build'], workspace)).stderr).toMatch(/Cannot find any course/)
  })

  test('a folder without course.md is a content error naming course.md', async () => {
    const workspace = tempDir()
    mkdirSync(path.join(workspace, 'empty'))
    const result = await runCli(['build', 'empty'], workspace)
    expect(result.code).toBe(1)
    expect(reported(result.stderr, 'empty/course.md:1:1', 'error'), result.stderr).toBe(true)
    expect(result.stderr).toContain('Cannot find `course.md` in `empty`')
  })

  test('--version and --help', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    expect((await runCli(['--version'], repoRoot)).stdout.trim()).toBe(version)
    for (const command of ['build', 'validate', 'check', 'preview']) {
      const help = await runCli([command, '--help'], repoRoot)
      expect(help.code).toBe(0)
      // Each default once, from commander, and no `[string]` type prefixes in descriptions.
      expect(help.stdout).not.toMatch(/\[(string|number)\]/)
      for (const line of help.stdout.split('\n')) expect(line.match(/default/g)?.length ?? 0, line).toBeLessThanOrEqual(1)
      expect(help.stdout).not.toContain('(default: false)')
      expect(help.stdout).toMatch(new RegExp(`Example:\\n {2}coursepack ${command} `))
      expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}success\n/)
      expect(help.stdout).toContain('--no-color')
    }
    const build = (await runCli(['build', '--help'], repoRoot)).stdout
    expect(build).toContain('--target <targets>')
    expect(build).toMatch(/-o, --out <dir> +output folder \(default: "dist"\)\n/)
    expect(build.replace(/\s+/g, ' ')).toContain('-f, --format <format> report format (choices: "text", "json", "github", default: "text")')
    expect(build).toContain('  1  content errors')
    expect(build).toContain('  2  usage error')
    expect((await runCli(['preview', '--help'], repoRoot)).stdout).toMatch(/--strict-port/)
  })

  test('--json prints one report: packages with size and sha256, durations per stage, diagnostics', async () => {
    const { workspace } = fixtureCourse()
    const result = await runCli(['build', 'course', '--target', 'scorm12,cmi5', '--json'], workspace)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      version: number
      command: string
      exitCode: number
      packages: Array<{ target: string; path: string; bytes: number; sha256: string }>
      courses: Array<{ durationsMs: Record<string, number> }>
      diagnostics: unknown[]
    }
    expect(report).toMatchObject({ version: 1, command: 'build', exitCode: 0 })
    expect(report.packages.map((p) => [p.target, p.path])).toEqual([
      ['scorm12', 'dist/minimal-course-1.2.0-scorm12.zip'],
      ['cmi5', 'dist/minimal-course-1.2.0-cmi5.zip']
    ])
    const { createHash } = await import('node:crypto')
    const bytes = readFileSync(path.join(workspace, 'dist', 'minimal-course-1.2.0-cmi5.zip'))
    expect(report.packages[1]?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(report.packages[1]?.bytes).toBe(bytes.length)
    expect(Object.keys(report.courses[0]?.durationsMs ?? {}).sort()).toEqual(['load', 'model', 'package', 'parse', 'write'])
    expect(report.diagnostics).toEqual([])
  })

  test('--json with errors: exit 1, the diagnostics, nothing written', async () => {
    const { workspace } = fixtureCourse('unknown-component')
    const result = await runCli(['build', 'course', '--json'], workspace)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { packages: unknown[]; diagnostics: Array<Record<string, unknown>> }
    expect(report.packages).toEqual([])
    expect(report.diagnostics[0]).toMatchObject({ file: 'course/01-basics/01-first.md', line: 7, column: 1, severity: 'error', ruleId: 'unknown-component' })
  })
})

describe('coursepack validate', () => {
  test('reports every problem grouped by file, writes nothing, exits 1 on errors', async () => {
    const { workspace, course } = fixtureCourse('question-without-correct-option')
    writeFileSync(path.join(course, '02-more', '01-only.md'), '---\ntitle: x\n---\n\n![](../images/square.svg)\n')
    const result = await runCli(['validate', 'course'], workspace)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/course\/01-basics\/quiz\.md\n\s*7:1-8:\d+\s+error\s+Cannot find a correct option/)
    expect(result.stdout).toMatch(/course\/02-more\/01-only\.md\n\s*5:1-5:\d+\s+warning\s+Unexpected image without alternative text/)
    expect(readdirSync(workspace)).toEqual(['course'])
  })

  test('--format json lists every diagnostic with file, line, column, severity, rule id and message', async () => {
    const { workspace, course } = fixtureCourse()
    writeFileSync(path.join(course, '02-more', '01-only.md'), '---\ntitle: x\n---\n\n## A\n\n#### B\n')
    const result = await runCli(['validate', 'course', '--format', 'json'], workspace)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as { errors: number; warnings: number; diagnostics: Array<Record<string, unknown>> }
    expect(report).toMatchObject({ errors: 0, warnings: 1 })
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: 'course/02-more/01-only.md', line: 7, column: 1, severity: 'warning', ruleId: 'heading-increment', message: 'Unexpected heading level 4 after level 2, expected level 3 at most' })
    ])
    expect((await runCli(['validate', 'course', '--strict'], workspace)).code).toBe(1)
  })

  test('applies the SCORM 1.2 limits of the targets', async () => {
    const { syntheticCourse } = await import('./course-fixtures.js')
    const dir = syntheticCourse({ modules: 300, lessons: 1, questions: 10, options: 8 })
    const scorm12 = await runCli(['validate', dir, '--format', 'json', '--target', 'scorm12'], repoRoot)
    expect(scorm12.code).toBe(1)
    expect(JSON.parse(scorm12.stdout).diagnostics[0].ruleId).toBe('scorm12-suspend-data')
    expect((await runCli(['validate', dir, '--target', 'scorm2004'], repoRoot)).code).toBe(0)
  })
})

describe('coursepack new', () => {
  test('scaffolds a course that validates cleanly and builds for every target', async () => {
    const workspace = tempDir()
    const created = await runCli(['new', 'courses/my-course'], workspace)
    expect(created.code).toBe(0)
    expect(created.stdout).toContain('created courses/my-course/01-getting-started/quiz.md')
    const validate = await runCli(['validate', 'courses/my-course', '--strict'], workspace)
    expect(validate.stdout).toBe('✔ no problems\n')
    expect(validate.code).toBe(0)
    const build = await runCli(['build', '--target', 'all'], workspace)
    expect(build.code).toBe(0)
    expect(readdirSync(path.join(workspace, 'dist')).sort()).toEqual(['my-course-0.1.0-cmi5.zip', 'my-course-0.1.0-scorm12.zip', 'my-course-0.1.0-scorm2004.zip', 'my-course-0.1.0-xapi.zip'])
  })

  test('refuses a folder that is not empty', async () => {
    const workspace = tempDir()
    writeFileSync(path.join(workspace, 'keep.txt'), 'x')
    const result = await runCli(['new', '.'], workspace)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('expected an empty or new folder')
  })
})

describe('coursepack check', () => {
  test('passes our packages and fails a broken one, through the real bin', async () => {
    const { workspace } = fixtureCourse()
    expect((await runCli(['build', 'course', '--target', 'all'], workspace)).code).toBe(0)
    const ours = await runCli(['check', ...readdirSync(path.join(workspace, 'dist')).map((f) => `dist/${f}`)], workspace)
    expect(ours.code).toBe(0)
    expect(ours.stdout).toMatch(/^dist\/minimal-course-1\.2\.0-scorm12\.zip: no issues found$/m)
    expect(ours.stdout).toMatch(/^✔ no problems in 4 packages\n$/m)
    writeFileSync(path.join(workspace, 'broken.zip'), 'not a zip at all')
    const broken = await runCli(['check', 'broken.zip', '--format', 'json'], workspace)
    expect(broken.code).toBe(1)
    const report = JSON.parse(broken.stdout)
    expect(report).toMatchObject({ version: 1, command: 'check', errors: 1, exitCode: 1, packages: [{ path: 'broken.zip', kind: 'unknown', ours: false }] })
    expect(report.diagnostics[0]).toMatchObject({ file: 'broken.zip', line: 1, column: 1, severity: 'error', ruleId: 'zip-unreadable' })
  })
})

describe('coursepack preview', () => {
  test('serves on 127.0.0.1, prints the URL and the build time, and stops on SIGTERM', async () => {
    const { spawn } = await import('node:child_process')
    const { workspace } = fixtureCourse()
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'coursepack.js'), 'preview', 'course'], { cwd: workspace })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    try {
      await expect.poll(() => out, { timeout: 15_000 }).toMatch(/^Preview: http:\/\/127\.0\.0\.1:\d+\/\n$/)
      expect(err).toMatch(/^built in \d+ ms\n/)
      const url = /http:\S+/.exec(out)?.[0] ?? ''
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('LMS view')
      expect((await fetch(`${url}course/index.html`)).status).toBe(200)
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    }
  })
})

describe('reproducible packages', () => {
  test('the same sources give byte-identical zips for every target, from two different folders, with no path or time inside', async () => {
    const one = tempDir('coursepack-repro-a-')
    const two = tempDir('coursepack-repro-b-')
    cpSync(sampleCourse, path.join(one, 'course'), { recursive: true })
    cpSync(sampleCourse, path.join(two, 'somewhere', 'else'), { recursive: true })
    expect((await runCli(['build', 'course', '--target', 'all', '--language', 'all'], one)).code).toBe(0)
    expect((await runCli(['build', path.join(two, 'somewhere', 'else'), '--target', 'all', '--language', 'all', '--out', path.join(two, 'out')], repoRoot)).code).toBe(0)
    const names = readdirSync(path.join(one, 'dist')).sort()
    // Four targets in the sample's six languages.
    expect(names).toHaveLength(4 * 6)
    expect(readdirSync(path.join(two, 'out')).sort()).toEqual(names)
    const year = String(new Date().getFullYear())
    for (const name of names) {
      const a = readFileSync(path.join(one, 'dist', name))
      const b = readFileSync(path.join(two, 'out', name))
      expect(a.equals(b), name).toBe(true)
      for (const [entry, data] of await readZip(path.join(one, 'dist', name))) {
        const text = data.toString('latin1')
        expect(text.includes(one) || text.includes(repoRoot) || text.includes('/tmp/'), `${name}:${entry}`).toBe(false)
        if (!entry.endsWith('.js') && !entry.endsWith('.xsd')) expect(text.includes(`${year}-`), `${name}:${entry} holds a date`).toBe(false)
      }
    }
  })
})

