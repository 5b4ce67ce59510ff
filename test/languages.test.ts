import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { packageCourse } from '../src/package/index.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse, readZip, runCli } from './helpers.js'
import { loadTemplates } from '../src/render/templates.js'

afterAll(cleanup)

const messagesOf = (result: Awaited<ReturnType<typeof checkCourse>>) =>
  result.files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId}`))

describe('translations: <file>.<lang>.md beside the source', () => {
  test('the course lists the languages it has translations for', async () => {
    const { course } = fixtureCourse('translated-fr')
    expect((await checkCourse(course)).languages).toEqual(['fr'])
  })

  test('a French build takes the translated text, the source settings, and source question ids', async () => {
    const { course } = fixtureCourse('translated-fr')
    const source = (await checkCourse(course)).course
    const result = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    const fr = result.course
    expect(fr).toMatchObject({ id: 'minimal-course', version: '1.2.0', passingScore: 70, language: 'fr', variant: 'fr', title: 'Un cours <minimal>', activityId: 'urn:coursepack:minimal-course/fr' })
    expect(fr.modules[0]?.title).toBe('Les bases')
    expect(fr.modules[0]?.quiz?.questions.map((q) => q.id)).toEqual(source.modules[0]?.quiz?.questions.map((q) => q.id))
    expect(fr.modules[0]?.quiz?.questions[0]?.text).toBe('De quelle couleur est le ciel par temps clair ?')
    // Untranslated files are used in the source language, with a warning each.
    expect(messagesOf(result).sort()).toEqual(['01-only.md:1:1 untranslated', '02-risks.md:1:1 untranslated', 'module.md:1:1 untranslated', 'quiz.md:1:1 untranslated'])
    expect(fr.modules[1]?.title).toBe('More')
    const pkg = packageCourse(fr, 'scorm12')
    expect(pkg.fileName).toBe('minimal-course-1.2.0-fr-scorm12.zip')
    const html = String(pkg.files.find((f) => f.path === 'index.html')?.data)
    expect(html).toContain('<html lang="fr" dir="ltr">')
    expect(html).toContain(`>${loadTemplates().strings('fr').submitAnswers}</button>`)
    expect(String(pkg.files.find((f) => f.path === 'imsmanifest.xml')?.data)).toContain('identifier="minimal-course-fr"')
  })

  test('a translated question whose options or correct answers differ is an error', async () => {
    const { course } = fixtureCourse('translated-fr')
    const quiz = path.join(course, '01-basics', 'quiz.fr.md')
    writeFileSync(quiz, readFileSync(quiz, 'utf8').replace('- [x] 3\n', '- [ ] 3\n'))
    const result = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    const problem = result.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'translation-mismatch')
    expect(problem?.reason).toBe('Unexpected options in translated question 2 (`Lesquels de ces nombres sont premiers ?`): 3 with correct [x  ], expected 3 with correct [xx ] as in `quiz.md`')
    expect(problem?.fatal).toBe(true)
  })

  test('a translation with another number of questions is an error', async () => {
    const { course } = fixtureCourse('translated-fr')
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), '---\ntitle: Quiz\n---\n\n## Une seule question ?\n\n- [x] Oui\n- [ ] Non\n')
    const result = await checkCourse(course, process.cwd(), ['scorm12'], 'fr')
    expect(result.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'translation-mismatch')?.reason).toBe('Unexpected 1 questions in this translation, expected 3 as in `quiz.md`')
  })

  test('build --language all writes one package per language; validate reports untranslated files', async () => {
    const { workspace } = fixtureCourse('translated-fr')
    const built = await runCli(['build', 'course', '--language', 'all', '--target', 'scorm12,cmi5'], workspace)
    expect(built.code).toBe(0)
    expect(built.stdout.trim().split('\n').sort()).toEqual([
      expect.stringMatching(/^wrote dist\/minimal-course-1\.2\.0-cmi5\.zip/),
      expect.stringMatching(/^wrote dist\/minimal-course-1\.2\.0-fr-cmi5\.zip/),
      expect.stringMatching(/^wrote dist\/minimal-course-1\.2\.0-fr-scorm12\.zip/),
      expect.stringMatching(/^wrote dist\/minimal-course-1\.2\.0-scorm12\.zip/)
    ])
    const zip = await readZip(path.join(workspace, 'dist', 'minimal-course-1.2.0-fr-cmi5.zip'))
    expect(zip.get('cmi5.xml')?.toString()).toContain('<langstring lang="fr">Un cours &lt;minimal&gt;</langstring>')
    const only = await runCli(['build', 'course', '--language', 'fr', '--out', 'fr-only'], workspace)
    expect(only.stdout).toMatch(/^wrote fr-only\/minimal-course-1\.2\.0-fr-scorm12\.zip/)
    const validate = await runCli(['validate', 'course', '--format', 'json'], workspace)
    const report = JSON.parse(validate.stdout) as { diagnostics: Array<{ file: string; ruleId: string }> }
    expect(report.diagnostics.filter((d) => d.ruleId === 'untranslated').map((d) => d.file).sort()).toEqual([
      'course/01-basics/02-risks.md',
      'course/02-more/01-only.md',
      'course/02-more/module.md',
      'course/02-more/quiz.md'
    ])
    expect((await runCli(['build', 'course', '--language', 'de'], workspace)).stderr).toContain('Cannot find any `de` translation')
  })
})
