import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import * as api from '../src/index.js'
import { build, check, preview, UsageError, validate } from '../src/index.js'
import { cleanup, fixtureCourse, fixtures, tempDir } from './helpers.js'

afterAll(cleanup)

test('the public API is exactly these names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'UsageError',
    'build',
    'check',
    'diff',
    'preview',
    'rules',
    'targetNames',
    'testPackages',
    'translateExport',
    'translateImport',
    'translateStatus',
    'validate'
  ])
})

/** The minimal course with one warning (an image without alternative text). */
function warned(): { workspace: string; course: string } {
  const fixture = fixtureCourse()
  writeFileSync(path.join(fixture.course, '02-more', '01-only.md'), '---\ntitle: x\n---\n\n![](../images/square.svg)\n')
  return fixture
}

describe('build', () => {
  test('returns packages, diagnostics and counts; rules and maxWarnings decide before anything is written', async () => {
    const { workspace } = warned()
    const ok = await build(['course'], { cwd: workspace, targets: ['scorm12'] })
    expect(ok).toMatchObject({ exitCode: 0, errors: 0, warnings: 1, packages: [{ target: 'scorm12', path: 'dist/minimal-course-1.2.0-scorm12.zip' }] })
    expect(ok.diagnostics).toEqual([expect.objectContaining({ file: 'course/02-more/01-only.md', ruleId: 'image-alt', severity: 'warning' })])
    const over = await build(['course'], { cwd: workspace, out: 'over', maxWarnings: 0 })
    expect(over).toMatchObject({ exitCode: 1, packages: [] })
    expect(existsSync(path.join(workspace, 'over'))).toBe(false)
    const raised = await build(['course'], { cwd: workspace, out: 'raised', rules: { 'image-alt': 'error' } })
    expect(raised).toMatchObject({ exitCode: 1, errors: 1, warnings: 0 })
    const off = await build(['course'], { cwd: workspace, out: 'off', rules: { 'image-alt': 'off' }, maxWarnings: 0 })
    expect(off).toMatchObject({ exitCode: 0, warnings: 0, diagnostics: [] })
  })

  test('usage mistakes are UsageErrors', async () => {
    const workspace = tempDir()
    cpSync(path.join(fixtures, 'minimal'), path.join(workspace, 'a'), { recursive: true })
    cpSync(path.join(fixtures, 'minimal'), path.join(workspace, 'b'), { recursive: true })
    await expect(build(['a', 'b'], { cwd: workspace })).rejects.toThrow(UsageError)
    await expect(build(['a', 'b'], { cwd: workspace })).rejects.toThrow('Cannot write `dist/minimal-course-1.2.0-scorm12.zip` for both `a` and `b`')
    await expect(build(['nowhere'], { cwd: workspace })).rejects.toThrow('Cannot find the course folder `nowhere`')
    await expect(build(['a'], { cwd: workspace, rules: { 'link-txt': 'off' } })).rejects.toThrow('did you mean `link-text`?')
    await expect(build(['a'], { cwd: workspace, rules: { 'mdx-syntax': 'off' } })).rejects.toThrow('a course with this problem cannot be packaged')
    expect(readdirSync(workspace).sort()).toEqual(['a', 'b'])
  })
})

describe('validate', () => {
  test('every language, every target, as the validate command', async () => {
    const { workspace } = warned()
    const result = await validate(['course'], { cwd: workspace })
    expect(result).toMatchObject({ courses: ['course'], errors: 0, warnings: 1, exitCode: 0 })
    expect((await validate(['course'], { cwd: workspace, strict: true })).exitCode).toBe(1)
    expect(await validate(['course'], { cwd: workspace, rules: { 'image-alt': 'info' }, strict: true })).toMatchObject({ exitCode: 0, warnings: 0, diagnostics: [expect.objectContaining({ severity: 'info' })] })
    expect(readdirSync(workspace)).toEqual(['course'])
  })
})

describe('check', () => {
  test('package findings as diagnostics, one exit code', async () => {
    const { workspace } = fixtureCourse()
    const built = await build(['course'], { cwd: workspace, targets: ['scorm12', 'xapi'] })
    const zips = built.packages.map((p) => p.path)
    writeFileSync(path.join(workspace, 'broken.zip'), 'no zip')
    const result = await check([...zips, 'broken.zip'], { cwd: workspace })
    expect(result.exitCode).toBe(1)
    expect(result.packages).toEqual([
      { path: zips[0], kind: 'scorm12', ours: true, launch: 'index.html' },
      { path: zips[1], kind: 'xapi', ours: true, launch: 'index.html' },
      { path: 'broken.zip', kind: 'unknown', ours: false }
    ])
    expect(result.diagnostics.map((d) => [d.file, d.ruleId, d.severity])).toEqual([
      [`${zips[1]}/tincan.xml`, 'tincan-no-schema', 'info'],
      ['broken.zip', 'zip-unreadable', 'error']
    ])
    expect(await check(['broken.zip'], { cwd: workspace, rules: { 'zip-unreadable': 'warning' } })).toMatchObject({ exitCode: 0, errors: 0, warnings: 1 })
  })
})

describe('preview', () => {
  test('a missing folder is a UsageError; a busy port is passed over, or refused with strictPort', async () => {
    await expect(preview({ dir: 'nowhere', cwd: tempDir() })).rejects.toThrow(UsageError)
    const { workspace } = fixtureCourse()
    const busy = net.createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const { port } = busy.address() as net.AddressInfo
    try {
      const server = await preview({ dir: 'course', cwd: workspace, port })
      try {
        expect(server.port).toBeGreaterThan(port)
        expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
        expect((await fetch(server.url)).status).toBe(200)
      } finally {
        await server.close()
      }
      await expect(preview({ dir: 'course', cwd: workspace, port, strictPort: true })).rejects.toThrow(`Port ${port} is in use, expected a free port`)
    } finally {
      await new Promise((resolve) => busy.close(resolve))
    }
  })
})
