import { appendFileSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { loadCourse } from '../src/load/index.js'
import { isLanguageTag } from '../src/load/language.js'
import { maxAssetBytes, maxMarkdownBytes, megabytes } from '../src/load/limits.js'
import { inspectFile, readLimited, systemReason } from '../src/load/safe-file.js'
import { cleanup, fixtureCourse, fixtures } from './helpers.js'

afterAll(cleanup)

describe('loadCourse', () => {
  test('finds modules in prefix order with their lessons and quiz', async () => {
    const source = await loadCourse(path.join(fixtures, 'minimal'))
    expect(source.modules.map((m) => [m.name, m.slug, m.order])).toEqual([
      ['01-basics', 'basics', 1],
      ['02-more', 'more', 2]
    ])
    expect(source.modules[0]?.lessons.map((l) => l.slug)).toEqual(['first', 'risks'])
    expect(source.modules[0]?.quiz?.basename).toBe('quiz.md')
    expect(source.files.every((f) => f.messages.length === 0)).toBe(true)
  })

  test('reports a missing course.md', async () => {
    const { workspace } = fixtureCourse()
    const source = await loadCourse(workspace)
    expect(source.course.messages[0]).toMatchObject({ ruleId: 'missing-file', fatal: true })
    expect(source.modules).toEqual([])
  })

  test('reports two modules with the same prefix, naming the first', async () => {
    const { course } = fixtureCourse('duplicate-module-prefix')
    const source = await loadCourse(course)
    const second = source.modules.find((m) => m.name === '01-extra')
    const message = second?.module.messages[0]
    expect(message?.reason).toBe('Unexpected module folder `01-extra` with the same prefix as `01-basics`, expected a unique numeric prefix per module')
    expect((message?.cause as { file?: string } | undefined)?.file).toMatch(/01-basics[/\\]module\.md$/)
  })

  test('reports a module folder without module.md and warns on stray Markdown files', async () => {
    const { course } = fixtureCourse()
    mkdirSync(path.join(course, '03-empty'))
    writeFileSync(path.join(course, '01-basics', 'notes.md'), '# notes')
    const source = await loadCourse(course)
    const empty = source.modules.find((m) => m.name === '03-empty')
    expect(empty?.module.messages[0]).toMatchObject({ ruleId: 'missing-file', fatal: true })
    const basics = source.modules.find((m) => m.name === '01-basics')
    expect(basics?.module.messages[0]).toMatchObject({ ruleId: 'unexpected-file', fatal: false })
  })
})

describe('language tags of translation file names', () => {
  test.each(['fr', 'ar', 'zh', 'zh-Hans', 'pt-BR', 'es-419', 'fil'])('%s is a language', (tag) => {
    expect(isLanguageTag(tag)).toBe(true)
  })
  test.each(['old', 'draft', 'xx', 'bak', 'tmp', 'v2', 'und', ''])('%s is not', (tag) => {
    expect(isLanguageTag(tag)).toBe(false)
  })
})

describe('reading course files', () => {
  test('the limits are 5 MB of Markdown per file and 100 MB per asset', () => {
    expect([megabytes(maxMarkdownBytes), megabytes(maxAssetBytes)]).toEqual(['5 MB', '100 MB'])
  })

  test('reads a file of exactly the limit, refuses one byte more', () => {
    const { workspace } = fixtureCourse()
    const file = path.join(workspace, 'ten.txt')
    writeFileSync(file, '0123456789')
    const root = realpathSync(workspace)
    expect(inspectFile(file, root, 10)).toMatchObject({ kind: 'file', size: 10 })
    expect(readLimited(realpathSync(file), 10)).toEqual(Buffer.from('0123456789'))
    appendFileSync(file, 'x')
    expect(inspectFile(file, root, 10)).toMatchObject({ kind: 'too-large', bytes: 11, limit: 10 })
    expect(readLimited(realpathSync(file), 10)).toMatchObject({ kind: 'too-large', ruleId: 'file-too-large' })
  })

  test('stops at limit + 1 bytes when a file holds more than its size says', () => {
    // /proc files are regular files of size 0 whose reads return text: like a file growing while read.
    expect(readLimited('/proc/self/status', 64)).toEqual({ kind: 'too-large', ruleId: 'file-too-large', bytes: undefined, limit: 64 })
    const whole = readLimited('/proc/self/status', 1_000_000)
    expect(Buffer.isBuffer(whole) && whole.toString('utf8')).toMatch(/^Name:/)
  })

  test('tells missing, outside and looping paths apart without opening them', () => {
    const { workspace, course } = fixtureCourse()
    const root = realpathSync(course)
    expect(inspectFile(path.join(course, 'nope.md'), root, 10)).toEqual({ kind: 'missing' })
    symlinkSync('../elsewhere', path.join(course, 'out'))
    writeFileSync(path.join(workspace, 'elsewhere'), 'x')
    expect(inspectFile(path.join(course, 'out'), root, 10)).toMatchObject({ kind: 'outside', real: path.join(realpathSync(workspace), 'elsewhere') })
    symlinkSync('loop', path.join(course, 'loop'))
    const loop = inspectFile(path.join(course, 'loop'), root, 10)
    expect(loop).toMatchObject({ kind: 'unreadable', ruleId: 'unreadable-file' })
    expect(loop.kind === 'unreadable' && loop.reason).toMatch(/\(ELOOP\)$/)
  })

  test('a course folder that is a file holds no course.md', async () => {
    const { workspace } = fixtureCourse()
    const source = await loadCourse(path.join(workspace, 'course', 'course.md'))
    expect(source.course.messages[0]).toMatchObject({ ruleId: 'missing-file', fatal: true })
  })

  test('a system reason is never empty', () => {
    expect(systemReason(Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' }))).toBe('permission denied (EACCES)')
    expect(systemReason(Object.assign(new Error(''), { code: 'EIO' }))).toBe('unknown error (EIO)')
    expect(systemReason(undefined)).toBe('undefined')
  })
})
