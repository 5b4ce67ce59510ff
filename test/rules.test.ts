import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse } from './helpers.js'

afterAll(cleanup)

/** Warnings of a lesson body put into the minimal course. */
async function warningsFor(body: string) {
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '02-more', '01-only.md'), `---\ntitle: Only lesson\n---\n\n${body}`)
  const result = await checkCourse(course)
  return result.files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId} ${m.fatal ? 'error' : 'warning'}`))
}

describe('content rules', () => {
  test('image-alt: an image without alternative text', async () => {
    expect(await warningsFor('## A\n\n![](../images/square.svg)\n')).toEqual(['01-only.md:7:1 image-alt warning'])
    expect(await warningsFor('## A\n\n![A square](../images/square.svg)\n')).toEqual([])
  })

  test('heading-increment: a skipped level, or a level-1 heading in a body', async () => {
    expect(await warningsFor('## A\n\n#### B\n')).toEqual(['01-only.md:7:1 heading-increment warning'])
    expect(await warningsFor('# A\n')).toEqual(['01-only.md:5:1 heading-increment warning'])
    expect(await warningsFor('## A\n\n### B\n\n## C\n\n### D\n')).toEqual([])
  })

  test('link-text: "click here" and friends', async () => {
    expect(await warningsFor('Read the guidance [click here](https://example.org).\n')).toEqual(['01-only.md:5:19 link-text warning'])
    expect(await warningsFor('Lisez [ici](https://example.org).\n')).toEqual(['01-only.md:5:7 link-text warning'])
    expect(await warningsFor('Read [the UNICEF guidance](https://example.org).\n')).toEqual([])
  })
})
