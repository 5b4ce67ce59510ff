/** The completion and navigation rules of `course.md`: reading, defaults, diagnostics, translations and the course data. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { toCourseData } from '../src/package/course-data.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse } from './helpers.js'

afterAll(cleanup)

/** The minimal course with lines added to the front matter of `course.md` (after `passRule`, line 7). */
function withCourseLines(lines: string, overlay?: string): string {
  const { course } = fixtureCourse(overlay)
  const file = path.join(course, 'course.md')
  writeFileSync(file, readFileSync(file, 'utf8').replace('passRule: overall\n', `passRule: overall\n${lines}`))
  return course
}

/** Take every quiz out of a course folder. */
function withoutQuizzes(course: string): string {
  for (const module of ['01-basics', '02-more']) rmSync(path.join(course, module, 'quiz.md'))
  return course
}

/** Every message as `file:line:column severity rule`, and the reasons. */
async function check(course: string, language?: string) {
  const result = language ? await checkCourse(course, process.cwd(), ['scorm12'], language) : await checkCourse(course)
  const all = result.files.flatMap((f) => f.messages.map((m) => ({ at: `${path.basename(f.path)}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`, reason: m.reason, note: m.note })))
  // The untranslated warnings of a translated course are not what these tests are about.
  const messages = all.filter((m) => !m.at.endsWith(' untranslated'))
  return { result, course: result.course, at: messages.map((m) => m.at), messages }
}

describe('completion and navigation in course.md', () => {
  test('defaults: completion quizzes, navigation free, in the model and the course data', async () => {
    const { course, at } = await check(fixtureCourse().course)
    expect(at).toEqual([])
    expect([course.completion, course.navigation]).toEqual(['quizzes', 'free'])
    expect(toCourseData(course, 'scorm12', {})).toMatchObject({ completion: 'quizzes', navigation: 'free' })
  })

  test.each([
    ['quizzes', 'free'],
    ['pages', 'sequential'],
    ['pages-and-quizzes', 'free']
  ] as const)('completion: %s, navigation: %s are read and reach the course data', async (completion, navigation) => {
    const { course, at } = await check(withCourseLines(`completion: ${completion}\nnavigation: ${navigation}\n`))
    expect(at).toEqual([])
    expect([course.completion, course.navigation]).toEqual([completion, navigation])
    expect(toCourseData(course, 'scorm2004', {})).toMatchObject({ completion, navigation })
  })

  test.each([
    ['completion: pages-only', 'course.md:8:13', 'Unexpected `"pages-only"` for `completion` in `course.md`, expected one of `quizzes`, `pages`, `pages-and-quizzes`'],
    ['completion: true', 'course.md:8:13', 'Unexpected `true` for `completion` in `course.md`, expected one of `quizzes`, `pages`, `pages-and-quizzes`'],
    ['navigation: linear', 'course.md:8:13', 'Unexpected `"linear"` for `navigation` in `course.md`, expected one of `free`, `sequential`'],
    ['navigation: Sequential', 'course.md:8:13', 'Unexpected `"Sequential"` for `navigation` in `course.md`, expected one of `free`, `sequential`']
  ])('%s is an error at the value, listing what is allowed', async (line, at, reason) => {
    const { messages } = await check(withCourseLines(`${line}\n`))
    expect(messages).toEqual([{ at: `${at} error frontmatter-invalid`, reason, note: undefined }])
  })

  test('a course without quizzes: completion: pages builds and completes by pages; the default warns that it never completes', async () => {
    const built = await check(withoutQuizzes(withCourseLines('completion: pages\n')))
    // Each module still says it has no quiz; nothing about completion.
    expect(built.at).toEqual(['module.md:1:1 warning module-without-quiz', 'module.md:1:1 warning module-without-quiz'])
    expect(built.course.modules.every((m) => m.quiz === undefined)).toBe(true)
    expect(toCourseData(built.course, 'scorm12', {})).toMatchObject({ completion: 'pages', modules: [{ quiz: undefined }, { quiz: undefined }] })

    const warned = await check(withoutQuizzes(fixtureCourse().course))
    const warning = warned.messages.find((m) => m.at.endsWith('completion-without-quizzes'))
    // No `completion` key: the whole front matter is the place.
    expect(warning).toMatchObject({ at: 'course.md:2:1 warning completion-without-quizzes', reason: 'Cannot complete a course without quizzes under `completion: quizzes`, expected `completion: pages`' })
    expect((await check(withoutQuizzes(withCourseLines('completion: quizzes\n')))).at).toContain('course.md:8:13 warning completion-without-quizzes')
  })

  test('pages-and-quizzes without quizzes is met by the pages: no warning', async () => {
    expect((await check(withoutQuizzes(withCourseLines('completion: pages-and-quizzes\n')))).at.filter((a) => !a.endsWith('module-without-quiz'))).toEqual([])
  })
})

describe('the rules in a translated course.md', () => {
  /** The French course.md of the fixture with lines added to its front matter (after `title`, line 2). */
  function translated(source: string, french: string): string {
    const course = withCourseLines(source, 'translated-fr')
    const file = path.join(course, 'course.fr.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(title: .*\n)/m, `$1${french}`))
    return course
  }

  test('a translation without the keys takes the source rules', async () => {
    const { course, at } = await check(translated('completion: pages\nnavigation: sequential\n', ''), 'fr')
    expect(at).toEqual([])
    expect([course.language, course.completion, course.navigation]).toEqual(['fr', 'pages', 'sequential'])
  })

  test('a translation may repeat the source rules, defaults included', async () => {
    expect((await check(translated('completion: pages\n', 'completion: pages\nnavigation: free\n'), 'fr')).at).toEqual([])
  })

  test('a translation with other rules is an error at its value, and the source rules still apply', async () => {
    const { course, messages } = await check(translated('completion: pages\n', 'completion: quizzes\nnavigation: sequential\n'), 'fr')
    expect(messages.map((m) => [m.at, m.reason])).toEqual([
      ['course.fr.md:3:13 error translation-mismatch', 'Unexpected `completion: quizzes` in this translation, expected `completion: pages` as in `course.md`'],
      ['course.fr.md:4:13 error translation-mismatch', 'Unexpected `navigation: sequential` in this translation, expected `navigation: free` as in `course.md`']
    ])
    expect(messages[0]?.note).toMatch(/leave `completion` and `navigation` out/)
    expect([course.completion, course.navigation]).toEqual(['pages', 'free'])
  })

  test('an invalid value in a translation is an error too', async () => {
    const { at } = await check(translated('', 'navigation: maybe\n'), 'fr')
    expect(at).toEqual(['course.fr.md:3:13 error frontmatter-invalid'])
  })
})
