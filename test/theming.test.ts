import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { packageCourse } from '../src/package/index.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse } from './helpers.js'

afterAll(cleanup)

describe('course theming: <course>/templates/ overrides built-in files by name', () => {
  test('a partial, a locale string and a stylesheet', async () => {
    const { course } = fixtureCourse('themed')
    const result = await checkCourse(course)
    expect(result.files.flatMap((f) => f.messages)).toEqual([])
    const pkg = packageCourse(result.course, 'scorm12')
    const html = String(pkg.files.find((f) => f.path === 'index.html')?.data)
    expect(html).toContain('<aside class="acme-callout acme-tip" aria-label="Tip"><p>A <strong>tip</strong> inside a callout.</p></aside>')
    expect(html).toContain('>Check my answers</button>')
    // Strings the course does not override stay the built-in ones.
    expect(html).toContain('Skip to content')
    expect(pkg.files.map((f) => f.path)).toContain('theme.css')
    expect(html).toMatch(/<link rel="stylesheet" href="coursepack.css">\n<link rel="stylesheet" href="theme.css">/)
    expect(path.basename(course)).toBe('course')
  })

  test('courses without a templates folder keep the built-in look', async () => {
    const { course } = fixtureCourse()
    const html = String(packageCourse((await checkCourse(course)).course, 'scorm12').files.find((f) => f.path === 'index.html')?.data)
    expect(html).toContain('<aside class="cp-callout cp-callout-tip"')
    expect(html).toContain('>Submit answers</button>')
  })
})
