/** The rule catalogue (src/rules.ts) against the rule ids the source reports and the README's table. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { closestRule, findRule, rules, settingProblem } from '../src/rules.js'
import { repoRoot } from './helpers.js'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sources(full) : /\.ts$/.test(entry.name) ? [full] : []
  })
}

/**
 * Every rule id written in src/: the literals of a `ruleId: …` expression (a union type or
 * a ternary too), `findings.error('…'` (also across a line break), and the rule id
 * argument of a `say(…)` helper.
 */
function usedRuleIds(): Map<string, { file: string; severity: string | undefined }> {
  const used = new Map<string, { file: string; severity: string | undefined }>()
  for (const file of sources(path.join(repoRoot, 'src'))) {
    if (file === path.join(repoRoot, 'src', 'rules.ts')) continue
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\bruleId:([^,}\n;]*)/g)) for (const id of m[1]!.matchAll(/(?<!===? ?)'([a-z0-9-]+)'/g)) used.set(id[1]!, { file, severity: undefined })
    for (const m of text.matchAll(/\bsay\((.*)\)/g)) for (const id of m[1]!.matchAll(/, '([a-z0-9]+(?:-[a-z0-9]+)+)'/g)) used.set(id[1]!, { file, severity: undefined })
    for (const m of text.matchAll(/\.(error|warning|info|warn)\(\s*'([a-z0-9-]+)'/g)) used.set(m[2]!, { file, severity: m[1] === 'warn' ? 'warning' : m[1] })
  }
  return used
}

test('every rule id used in src/ is in the catalogue, with the severity it is reported with', () => {
  const used = usedRuleIds()
  expect(used.size).toBeGreaterThan(60)
  const missing = [...used].filter(([id]) => !findRule(id)).map(([id, { file }]) => `${id} (${path.relative(repoRoot, file)})`)
  expect(missing).toEqual([])
  const wrong = [...used].filter(([id, { severity }]) => severity !== undefined && findRule(id)?.severity !== severity).map(([id, { severity }]) => `${id}: ${severity}`)
  expect(wrong).toEqual([])
})

test('the catalogue has no rule that nothing reports, and each id once', () => {
  const used = usedRuleIds()
  expect(rules.map((r) => r.id).filter((id) => !used.has(id))).toEqual([])
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length)
})

test("the README's rule table lists exactly the catalogue, with the same severities", () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Diagnostics and rule ids'), readme.indexOf('\n## ', readme.indexOf('## Diagnostics and rule ids') + 5))
  const listed = new Map<string, string>()
  for (const row of section.split('\n').filter((line) => /^\| `[a-z0-9-]+`/.test(line))) {
    const [ids, severity] = row.split('|').slice(1, 3).map((cell) => cell.trim())
    for (const m of (ids ?? '').matchAll(/`([a-z0-9-]+)`/g)) listed.set(m[1]!, severity ?? '')
  }
  expect([...listed.keys()].sort()).toEqual(rules.map((r) => r.id).sort())
  for (const rule of rules) expect(listed.get(rule.id), rule.id).toBe(rule.severity)
})

test('a mistyped rule id gets the closest known one; course errors cannot be lowered', () => {
  expect(closestRule('link-txt')).toBe('link-text')
  expect(closestRule('untranslatd')).toBe('untranslated')
  const mdx = findRule('mdx-syntax')!
  expect(settingProblem(mdx, 'warning')).toMatch(/expected `error`: a course with this problem cannot be packaged/)
  expect(settingProblem(mdx, 'error')).toBeUndefined()
  expect(settingProblem(findRule('link-text')!, 'off')).toBeUndefined()
  expect(settingProblem(findRule('xsd-invalid')!, 'warning')).toBeUndefined()
})
