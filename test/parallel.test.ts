import { appendFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { parseFile } from '../src/parse/index.js'
import { checkCourse } from '../src/pipeline.js'
import { makeCourse } from '../scripts/bench.js'
import { cleanup, repoRoot, tempDir } from './helpers.js'

afterAll(cleanup)

describe('parsing a large course on every core', () => {
  test('gives the same course and the same positioned messages as one thread', async () => {
    expect(existsSync(path.join(repoRoot, 'build', 'parse-worker.js'))).toBe(true)
    const dir = path.join(tempDir(), 'course')
    const bytes = makeCourse(dir, 40)
    expect(bytes).toBeGreaterThan(600 * 1024) // large enough for worker threads
    appendFileSync(path.join(dir, '017-module-17', '02-lesson-2.md'), '\nAn unclosed <Callout type="note"\n')
    appendFileSync(path.join(dir, '033-module-33', 'quiz.md'), '\n## A question without options\n')
    const parallel = await checkCourse(dir)
    const serial = await checkCourse(dir, process.cwd(), ['scorm12'], undefined, parseFile)
    const messages = (r: typeof parallel) => r.files.flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.path)}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).sort()
    expect(messages(parallel)).toEqual(messages(serial))
    expect(messages(parallel).map((m) => m.split(' ')[1])).toEqual(['mdx-syntax', 'quiz-no-options'])
    const strip = (r: typeof parallel) => JSON.parse(JSON.stringify(r.course, (key, value) => (key === 'estree' ? undefined : value)))
    expect(strip(parallel)).toEqual(strip(serial))
  })
})
