import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanup, fixtureCourse, readZip, repoRoot, runCli, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

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
    expect(result.stderr).toContain(`${location}  error  `)
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
    expect(relaxed.stderr).toContain('course/02-more/module.md:1:1  warning  Unexpected Markdown file `notes.md`')
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

  test('a missing course folder is a content error naming course.md', async () => {
    const workspace = tempDir()
    const result = await runCli(['build', 'nowhere'], workspace)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nowhere/course.md:1:1  error  Cannot find `course.md` in `nowhere`')
  })

  test('--version and --help', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    expect((await runCli(['--version'], repoRoot)).stdout.trim()).toBe(version)
    const help = await runCli(['build', '--help'], repoRoot)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--target <targets>')
  })
})
