/** The content hash a package carries (src/package/content-hash.ts) and the certificate's verification code (src/shared/verification.ts). */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { contentHash } from '../src/package/content-hash.js'
import { packageCourse, targetNames } from '../src/package/index.js'
import { checkCourse } from '../src/pipeline.js'
import { openKeys, type PackagedCourseData } from '../src/questions/keys.js'
import { verificationCode } from '../src/shared/verification.js'
import { cleanup, fixtureCourse } from './helpers.js'

afterAll(cleanup)

/** The content hash embedded in one target's package of a course folder. */
async function hashOf(course: string, target: (typeof targetNames)[number], language?: string): Promise<string> {
  const checked = await checkCourse(course, process.cwd(), [target], language)
  const html = String(packageCourse(checked.course, target).files.find((f) => f.path === 'index.html')?.data)
  const json = /<script type="application\/json" id="cp-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}'
  return openKeys(JSON.parse(json) as PackagedCourseData).contentHash
}

describe('content hash', () => {
  test('hashes paths and bytes, whatever the order the files come in', () => {
    const a = { path: 'a.txt', data: 'one' }
    const b = { path: 'b.txt', data: Buffer.from('two') }
    expect(contentHash([a, b])).toBe(contentHash([b, a]))
    expect(contentHash([a, b])).toMatch(/^[0-9a-f]{64}$/)
    expect(contentHash([a, b])).not.toBe(contentHash([{ ...a, path: 'c.txt' }, b]))
    expect(contentHash([a, b])).not.toBe(contentHash([{ ...a, data: 'one!' }, b]))
    // A path and its data cannot trade places with another file's.
    expect(contentHash([{ path: 'ab', data: 'c' }])).not.toBe(contentHash([{ path: 'a', data: 'bc' }]))
  })

  test('every target of one language carries the same hash; another language, a changed question or a changed theme another one', async () => {
    const { course } = fixtureCourse('translated-fr')
    const hashes = await Promise.all(targetNames.map((target) => hashOf(course, target)))
    expect(new Set(hashes).size).toBe(1)
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(await hashOf(course, 'scorm12', 'fr')).not.toBe(hashes[0])
    const quiz = path.join(course, '01-basics', 'quiz.md')
    writeFileSync(quiz, readFileSync(quiz, 'utf8').replace('- [ ] Red', '- [ ] Purple'))
    const reworded = await hashOf(course, 'scorm12')
    expect(reworded).not.toBe(hashes[0])
    const themed = fixtureCourse('themed').course
    expect(await hashOf(themed, 'scorm12')).not.toBe(await hashOf(fixtureCourse().course, 'scorm12'))
  })

  test('the same sources give the same hash from another folder', async () => {
    expect(await hashOf(fixtureCourse().course, 'xapi')).toBe(await hashOf(fixtureCourse().course, 'xapi'))
  })
})

describe('verification code', () => {
  test('the first ten hexadecimal digits of the hash, in capitals, in two groups of five', () => {
    expect(verificationCode('3f2a9c01b7' + 'e'.repeat(54))).toBe('3F2A9-C01B7')
    expect(verificationCode('')).toBe('')
    expect(verificationCode('abc')).toBe('')
  })
})
