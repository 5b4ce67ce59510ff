/**
 * The sample course in its six languages: every translation complete and current (recorded by
 * `translate import` from the English that is there now), and `build --language all --target
 * all` writes its 24 packages with no warning. An edit of the English without its translations
 * fails here, naming the stale units.
 */
import { afterAll, expect, test } from 'vitest'
import { translateStatus } from '../src/api/translate.js'
import { build } from '../src/pipeline.js'
import { cleanup, repoRoot, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

test('every unit of every language is translated from the current source: none stale, missing or unrecorded', async () => {
  const status = await translateStatus(sampleCourse, { cwd: repoRoot })
  expect(status.exitCode).toBe(0)
  expect(status.languages.map((l) => l.language)).toEqual(['ar', 'es', 'fr', 'ru', 'zh'])
  for (const language of status.languages) {
    const notCurrent = language.files.flatMap((file) => [
      ...(file.exists ? [] : [`${file.translation}: missing`]),
      ...(file.recorded ? [] : [`${file.translation}: unrecorded`]),
      ...file.staleUnits.map((unit) => `${file.source}:${unit.line}:${unit.column} ${unit.id}: stale`),
      ...file.missingUnits.map((id) => `${file.translation} ${id}: missing`)
    ])
    expect(notCurrent, language.language).toEqual([])
    expect(language.translated).toBeGreaterThan(600)
    expect({ stale: language.stale, missing: language.missing, unrecorded: language.unrecorded }).toEqual({ stale: 0, missing: 0, unrecorded: 0 })
  }
})

test('build --language all --target all: 24 packages, no diagnostic at all', async () => {
  const result = await build([sampleCourse], { out: tempDir(), targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'], languages: 'all' })
  expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([])
  expect(result.exitCode).toBe(0)
  expect(result.packages).toHaveLength(24)
})
