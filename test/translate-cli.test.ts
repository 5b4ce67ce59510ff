/** `coursepack translate` from the real bin: the loop on the minimal course, and `status --format json` against schemas/report.schema.json. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, expect, test } from 'vitest'
import { cleanup, fixtureCourse, repoRoot, runCli } from './helpers.js'

afterAll(cleanup)

const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'report.schema.json'), 'utf8')) as object)

test('export, a hand-made target, import, then status in text and JSON', async () => {
  const { workspace } = fixtureCourse()
  const exported = await runCli(['translate', 'export', 'course', '--language', 'ru', '--format', 'xliff12'], workspace)
  expect(exported.stdout).toMatch(/^wrote dist\/xliff\/minimal-course\.ru\.xlf \(\d+ units, 0 pre-filled\)\n$/)
  const file = path.join(workspace, 'dist', 'xliff', 'minimal-course.ru.xlf')
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(<trans-unit id="course\.title"[^>]*>\s*<source>[^<]*<\/source>)/, '$1\n        <target state="translated">Минимальный курс</target>'))
  const imported = await runCli(['translate', 'import', 'dist/xliff/minimal-course.ru.xlf', '--course', 'course'], workspace)
  expect(imported.code).toBe(0)
  expect(imported.stdout).toBe('wrote course/course.ru.md\nwrote course/translations/ru.json\n')
  expect(readFileSync(path.join(workspace, 'course', 'course.ru.md'), 'utf8')).toMatch(/^---\ntitle: Минимальный курс\ndescription: A small course/)
  const status = await runCli(['translate', 'status', 'course'], workspace)
  expect(status.stdout.split('\n')[0]).toMatch(/^ru: 1 translated, 0 stale, \d+ missing$/)
  const json = await runCli(['translate', 'status', 'course', '--format', 'json'], workspace)
  const parsed = JSON.parse(json.stdout) as Record<string, unknown>
  expect(validateReport(parsed), JSON.stringify(validateReport.errors, null, 2)).toBe(true)
  expect(parsed).toMatchObject({ command: 'translate', sourceLanguage: 'en', languages: [{ language: 'ru', translated: 1, stale: 0 }] })
})

test('a usage error: export without a language, or into the source language', async () => {
  const { workspace } = fixtureCourse()
  expect((await runCli(['translate', 'export', 'course'], workspace)).code).toBe(2)
  const same = await runCli(['translate', 'export', 'course', '--language', 'en'], workspace)
  expect(same.code).toBe(2)
  expect(same.stderr).toContain("Unexpected language `en`, the course's own")
})
