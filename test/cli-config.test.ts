/** The configuration file: defaults for out, targets, languages and strict, and a severity per rule id. */
import { cpSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ConfigError, loadConfig } from '../src/config/index.js'
import { collectDiagnostics } from '../src/diagnostics.js'
import { cleanup, fixtureCourse, runCli, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

/** The minimal course with one warning (an image without alternative text) and this configuration. */
function configured(config: unknown, file = 'coursepack.config.json'): string {
  const { workspace, course } = fixtureCourse()
  writeFileSync(path.join(course, '02-more', '01-only.md'), '---\ntitle: x\n---\n\n![](../images/square.svg)\n')
  writeFileSync(path.join(workspace, file), typeof config === 'string' ? config : `${JSON.stringify(config, null, 2)}\n`)
  return workspace
}

/** The problems of a configuration text, as `line:column ruleId message`. */
function problems(text: string, file = 'coursepack.config.json'): string[] {
  const dir = tempDir()
  writeFileSync(path.join(dir, file), text)
  try {
    loadConfig(dir)
  } catch (cause) {
    if (!(cause instanceof ConfigError)) throw cause
    return collectDiagnostics([cause.file], dir).map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)
  }
  return []
}

describe('defaults from the configuration file; flags override them', () => {
  test('coursepack.config.json gives out and targets', async () => {
    const workspace = configured({ out: 'zips', targets: ['scorm12', 'cmi5'] })
    const result = await runCli(['build', 'course'], workspace)
    expect(result.code).toBe(0)
    expect(readdirSync(path.join(workspace, 'zips')).sort()).toEqual(['minimal-course-1.2.0-cmi5.zip', 'minimal-course-1.2.0-scorm12.zip'])
    const flagged = await runCli(['build', 'course', '--out', 'other', '--target', 'xapi'], workspace)
    expect(flagged.code).toBe(0)
    expect(readdirSync(path.join(workspace, 'other'))).toEqual(['minimal-course-1.2.0-xapi.zip'])
  })

  test('the `coursepack` key of package.json, when there is no coursepack.config.json', async () => {
    const workspace = configured({ name: 'my-courses', private: true, coursepack: { out: 'pkg', strict: true } }, 'package.json')
    const strict = await runCli(['build', 'course'], workspace)
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('(warnings count as errors with --strict)')
    writeFileSync(path.join(workspace, 'coursepack.config.json'), '{ "out": "cfg" }\n')
    expect((await runCli(['build', 'course'], workspace)).code).toBe(0)
    expect(readdirSync(workspace)).toContain('cfg')
    // A package.json without the key is no configuration.
    const plain = configured({ name: 'x' }, 'package.json')
    expect((await runCli(['build', 'course'], plain)).code).toBe(0)
    expect(readdirSync(plain)).toContain('dist')
  })

  test('languages: the translations to build', async () => {
    const workspace = tempDir()
    cpSync(sampleCourse, path.join(workspace, 'course'), { recursive: true })
    writeFileSync(path.join(workspace, 'coursepack.config.json'), '{ "languages": ["ar"], "out": "out" }\n')
    expect((await runCli(['build', 'course'], workspace)).code).toBe(0)
    expect(readdirSync(path.join(workspace, 'out'))).toEqual([expect.stringMatching(/-ar-scorm12\.zip$/)])
  })

  test('--config <file> and --no-config', async () => {
    const workspace = configured('{ "out": 1 }\n')
    writeFileSync(path.join(workspace, 'ci.json'), '{ "out": "ci-out" }\n')
    expect((await runCli(['build', 'course', '--config', 'ci.json'], workspace)).code).toBe(0)
    expect(readdirSync(path.join(workspace, 'ci-out'))).toHaveLength(1)
    expect((await runCli(['build', 'course', '--no-config'], workspace)).code).toBe(0)
    expect(readdirSync(path.join(workspace, 'dist'))).toHaveLength(1)
    const missing = await runCli(['validate', 'course', '--config', 'nope.json'], workspace)
    expect(missing).toMatchObject({ code: 2, stderr: 'coursepack: Cannot find the configuration file `nope.json`, expected a JSON file such as `coursepack.config.json`\n' })
  })
})

describe('rule severities apply to every command before the exit code is decided', () => {
  test('off drops a warning; error fails the build before anything is written', async () => {
    const off = configured({ rules: { 'image-alt': 'off' } })
    const quiet = JSON.parse((await runCli(['validate', 'course', '--format', 'json'], off)).stdout) as { warnings: number; diagnostics: unknown[] }
    expect(quiet).toMatchObject({ warnings: 0, diagnostics: [] })
    const raised = configured({ rules: { 'image-alt': 'error' } })
    const build = await runCli(['build', 'course'], raised)
    expect(build.code).toBe(1)
    expect(build.stderr).toMatch(/^5:1-5:\d+ +error +Unexpected image without alternative text/m)
    expect(readdirSync(raised)).not.toContain('dist')
    expect((await runCli(['validate', 'course'], raised)).code).toBe(1)
    expect((await runCli(['build', 'course', '--no-config'], raised)).code).toBe(0)
  })

  test('check findings too', async () => {
    const workspace = configured({ rules: { 'tincan-no-schema': 'off', 'launch-query': 'error' } })
    expect((await runCli(['build', 'course', '--target', 'xapi'], workspace)).code).toBe(0)
    const zip = 'dist/minimal-course-1.2.0-xapi.zip'
    const report = JSON.parse((await runCli(['check', zip, '--format', 'json'], workspace)).stdout) as { diagnostics: unknown[] }
    expect(report.diagnostics).toEqual([])
    const plain = JSON.parse((await runCli(['check', zip, '--format', 'json', '--no-config'], workspace)).stdout) as { diagnostics: Array<{ ruleId: string }> }
    expect(plain.diagnostics.map((d) => d.ruleId)).toEqual(['tincan-no-schema'])
  })
})

describe('the configuration is checked like front matter, with positions', () => {
  test('an unknown rule id names the closest known one', () => {
    expect(problems('{\n  "rules": {\n    "link-txt": "off"\n  }\n}\n')).toEqual([
      'coursepack.config.json:3:5 config-unknown-rule Unexpected rule id `link-txt` in coursepack.config.json, expected a known rule id: did you mean `link-text`?'
    ])
  })

  test('a course error cannot be lowered; a bad severity, key or type is positioned', () => {
    expect(problems('{ "rules": { "mdx-syntax": "warning" } }')).toEqual([
      'coursepack.config.json:1:28 config-rule-severity Unexpected `warning` for `mdx-syntax`, expected `error`: a course with this problem cannot be packaged'
    ])
    expect(problems('{\n  "rules": { "link-text": "warn" }\n}')).toEqual([
      'coursepack.config.json:2:27 config-invalid Unexpected `"warn"` for `rules.link-text` in coursepack.config.json, expected one of `off`, `info`, `warning`, `error`'
    ])
    expect(problems('{\n  "outt": "dist",\n  "targets": ["scorm"]\n}')).toEqual([
      'coursepack.config.json:2:3 config-invalid Unexpected key `outt` in coursepack.config.json, expected one of `out`, `targets`, `languages`, `strict`, `rules`',
      'coursepack.config.json:3:14 config-invalid Unexpected `["scorm"]` for `targets` in coursepack.config.json, expected `"all"` or a list of `scorm12`, `scorm2004`, `xapi`, `cmi5`'
    ])
    expect(problems('{ "out": "a", "out": "b" }')).toEqual(['coursepack.config.json:1:15 config-invalid Unexpected second `out`, expected each key once'])
    expect(problems('[1]')).toEqual(['coursepack.config.json:1:1 config-invalid Unexpected array for coursepack.config.json, expected an object such as `{"out": "dist"}`'])
  })

  test('a JSON syntax error is positioned; in package.json positions point into package.json', () => {
    expect(problems('{\n  "out": "dist",\n}\n')).toEqual([expect.stringMatching(/^coursepack\.config\.json:3:1 config-syntax Cannot parse coursepack\.config\.json as JSON: .*, expected strict JSON/)])
    expect(problems('{\n  "name": "x",\n  "coursepack": {\n    "strict": "yes"\n  }\n}\n', 'package.json')).toEqual([
      'package.json:4:15 config-invalid Unexpected `"yes"` for `strict` in the `coursepack` key of package.json, expected a boolean'
    ])
  })

  test('through the real bin: the text report, exit 2', async () => {
    const workspace = configured('{\n  "rules": { "untranslatd": "error" }\n}\n')
    const result = await runCli(['build', 'course'], workspace)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^coursepack\.config\.json\n2:14-2:27 +error +Unexpected rule id `untranslatd` in coursepack\.config\.json, expected a known rule id: did you mean `untranslated`\? +config-unknown-rule/)
    expect(readdirSync(workspace)).not.toContain('dist')
  })
})
