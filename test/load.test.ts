import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { loadCourse } from '../src/load/index.js'
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
