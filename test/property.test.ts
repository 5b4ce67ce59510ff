/**
 * Property-based: random and mutated Markdown and front matter (the minimal fixture's
 * files with random characters, brackets, `<`, `{`, `---`, deep nesting and unicode put
 * in) never make validate throw. Every run ends in exit 0 or 1, within a time bound, with
 * every diagnostic inside its file; a failed build writes nothing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { exitCodeFor } from '../src/diagnostics.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse, fixtures, runCli, tempDir } from './helpers.js'

afterAll(cleanup)

const minimal = path.join(fixtures, 'minimal')
const markdownFiles = ['course.md', '01-basics/module.md', '01-basics/01-first.md', '01-basics/02-risks.md', '01-basics/quiz.md', '02-more/module.md', '02-more/01-only.md', '02-more/quiz.md']
const originals = new Map(markdownFiles.map((name) => [name, readFileSync(path.join(minimal, name), 'utf8')]))

/** Pieces that Markdown, MDX and YAML treat specially, plus unicode that tends to break column counting. */
const special = fc.constantFrom(
  '[', ']', '(', ')', '<', '>', '{', '}', '</', '/>', '---', '\n', '\n\n', '\r\n', '\r', '\t', '`', '```', '*', '**', '_', '~~', '#', '## ', '- ', '- [x] ', '1. ', '> ', '|', '\\',
  '&', '&#58;', '&amp;', '%', '%zz', '%E0%A4', ':', 'javascript:', 'data:', '//', '!', '![a](', '](', '[x]: ',
  '<Callout>', '</Callout>', '<Risk category="content" title="x">', '<Question points={2}>', '</Question>', '{1+1}', '{/* c */}', 'import x from "y"', 'export const a = 1',
  '&a ', '*a', '!!js/function ', '!!binary ', ': ', '"', "'", '\u0000', '\u0007', '\u00a0', '\u200b', '\u2028', '\ufeff', '\ufffd', 'é', 'ñ', '中文', 'عربي', '👩‍👩‍👧', '\ud800'
)
const deep = fc.tuple(fc.constantFrom('> ', '- ', '  - ', '<Callout>\n\n', '*', '[', '{', '['), fc.integer({ min: 50, max: 3000 })).map(([piece, n]) => piece.repeat(n))
const insertion = fc.oneof({ weight: 5, arbitrary: special }, { weight: 3, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) }, { weight: 1, arbitrary: deep }, { weight: 2, arbitrary: fc.array(special, { maxLength: 6 }).map((parts) => parts.join('')) })
const mutation = fc.record({
  file: fc.constantFrom(...markdownFiles),
  // Front matter is at the start: bias a third of the insertions there.
  at: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.nat(), fc.nat()),
  remove: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
  text: insertion
})
const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 })

/** Apply mutations to the fixture's text; returns the changed files. */
function mutate(list: ReadonlyArray<{ file: string; at: number; remove: number; text: string }>): Map<string, string> {
  const changed = new Map<string, string>()
  for (const m of list) {
    const text = changed.get(m.file) ?? originals.get(m.file) ?? ''
    const at = m.at % (text.length + 1)
    changed.set(m.file, text.slice(0, at) + m.text + text.slice(at + m.remove))
  }
  return changed
}

/** The lines of a text as the Markdown parser counts them (CR, LF and CRLF end a line). */
const linesOf = (text: string) => text.split(/\r\n|\r|\n/)

async function validateInProcess(files: Map<string, string>) {
  const { workspace, course } = fixtureCourse()
  for (const [name, text] of files) writeFileSync(path.join(course, name), text)
  const start = performance.now()
  const result = await checkCourse(course, workspace, ['scorm12', 'scorm2004', 'xapi', 'cmi5'])
  return { result, ms: performance.now() - start }
}

describe('validate on random and mutated courses', () => {
  test('never throws; exits 0 or 1; every diagnostic is inside its file; each input in bounded time', async () => {
    let runs = 0
    let slowest = 0
    await fc.assert(
      fc.asyncProperty(mutations, async (list) => {
        const { result, ms } = await validateInProcess(mutate(list))
        runs++
        slowest = Math.max(slowest, ms)
        expect(ms).toBeLessThan(3000)
        expect([0, 1]).toContain(exitCodeFor(result.files, false))
        for (const file of result.files) {
          const lines = linesOf(String(file.value ?? ''))
          for (const message of file.messages) {
            const where = `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`
            expect(message.ruleId, where).toBeTruthy()
            expect(message.reason, where).not.toMatch(/internal error|RangeError|Maximum call stack/)
            expect(message.line, where).toBeGreaterThanOrEqual(1)
            expect(message.line ?? 0, where).toBeLessThanOrEqual(lines.length)
            expect(message.column, where).toBeGreaterThanOrEqual(1)
            expect(message.column ?? 0, where).toBeLessThanOrEqual((lines[(message.line ?? 1) - 1] ?? '').length + 1)
          }
        }
      }),
      { numRuns: 150, seed: Number(process.env.PROPERTY_SEED ?? 20261201), endOnFailure: true }
    )
    expect(runs).toBe(150)
    expect(slowest).toBeLessThan(3000)
  }, 120_000)

  test('whole files of random text and random front matter never throw', async () => {
    const frontmatter = fc.array(fc.oneof(special, fc.string({ maxLength: 8 })), { maxLength: 20 }).map((parts) => `---\n${parts.join('')}\n---\n`)
    const body = fc.array(fc.oneof(special, fc.string({ maxLength: 8, unit: 'grapheme' })), { maxLength: 60 }).map((parts) => parts.join(''))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...markdownFiles), frontmatter, body, async (file, yaml, text) => {
        const { result, ms } = await validateInProcess(new Map([[file, yaml + text]]))
        expect(ms).toBeLessThan(3000)
        expect([0, 1]).toContain(exitCodeFor(result.files, false))
        for (const f of result.files) for (const m of f.messages) expect(m.line ?? 0).toBeLessThanOrEqual(linesOf(String(f.value ?? '')).length)
      }),
      { numRuns: 50, seed: Number(process.env.PROPERTY_SEED ?? 20261201) + 1 }
    )
  }, 60_000)

  test('through the real bin: exit 0 or 1, no internal error, nothing written when it fails', async () => {
    const samples = fc.sample(mutations, { numRuns: 4, seed: 11 })
    for (const list of samples) {
      const { workspace, course } = fixtureCourse()
      for (const [name, text] of mutate(list)) writeFileSync(path.join(course, name), text)
      const out = tempDir()
      const start = performance.now()
      const result = await runCli(['build', 'course', '--out', out, '--target', 'all'], workspace)
      expect(performance.now() - start).toBeLessThan(15_000)
      expect(result.stderr).not.toMatch(/internal error/i)
      expect([0, 1]).toContain(result.code)
      if (result.code === 1) expect(readdirSync(out)).toEqual([])
      else expect(readdirSync(out)).toHaveLength(4)
    }
  }, 90_000)
})
