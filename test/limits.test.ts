import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../src/pipeline.js'
import { syntheticCourse } from './course-fixtures.js'
import { cleanup } from './helpers.js'

afterAll(cleanup)

describe('SCORM 1.2 limits at build time', () => {
  test('a course whose state cannot fit in 4,096 characters fails with a clear error', async () => {
    // 300 modules × (1 lesson + 10 questions of 8 options): 902 pages + 300 × 81 quiz bits.
    const dir = syntheticCourse({ modules: 300, lessons: 1, questions: 10, options: 8 })
    const result = await checkCourse(dir, process.cwd(), ['scorm12'])
    const messages = result.files.flatMap((f) => f.messages.map((m) => ({ file: path.basename(f.path), rule: m.ruleId, reason: m.reason, fatal: m.fatal })))
    expect(messages).toEqual([
      {
        file: 'course.md',
        rule: 'scorm12-suspend-data',
        fatal: true,
        reason: expect.stringMatching(/^Cannot fit the learner's progress in SCORM 1\.2: at its longest it needs \d{4,5} characters of suspend data \(902 pages and 3000 questions, \d+ bits, with every attempt used and the largest draws\), expected at most 4096$/)
      }
    ])
  })

  test('the same course is fine when SCORM 1.2 is not a target', async () => {
    const dir = syntheticCourse({ modules: 300, lessons: 1, questions: 10, options: 8 })
    const result = await checkCourse(dir, process.cwd(), [])
    expect(result.files.flatMap((f) => f.messages)).toEqual([])
  })

  test('a course just under the limit builds', async () => {
    const dir = syntheticCourse({ modules: 60, lessons: 3, questions: 10, options: 5 })
    const result = await checkCourse(dir, process.cwd(), ['scorm12'])
    expect(result.files.flatMap((f) => f.messages)).toEqual([])
  })
})
