import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCourse } from '../src/pipeline.js'
import { formatHundredths, formatScaledHundredths, percentToHundredths } from '../src/shared/scoring.js'
import { cleanup, fixtureCourse, fixtures } from './helpers.js'

afterAll(cleanup)

/** Every message of a check as `relative/path:line:column rule`. */
async function messagesOf(course: string) {
  const result = await checkCourse(course)
  return result.files.flatMap((file) =>
    file.messages.map((m) => ({
      at: `${path.relative(course, file.path).split(path.sep).join('/')}:${m.line}:${m.column}`,
      rule: m.ruleId,
      fatal: m.fatal,
      reason: m.reason
    }))
  )
}

describe('buildCourse on a valid course', async () => {
  const result = await checkCourse(path.join(fixtures, 'minimal'))
  const course = result.course

  test('has no messages', () => {
    expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([])
  })

  test('reads course metadata with defaults', () => {
    expect(course).toMatchObject({
      id: 'minimal-course',
      title: 'A <Minimal> & Course',
      version: '1.2.0',
      language: 'en',
      passingScore: 70,
      passRule: 'overall',
      objectives: ['Know the basics', 'Spot the <risks>']
    })
  })

  test('orders modules and lessons by prefix and gives them ids', () => {
    expect(course.modules.map((m) => [m.id, m.number, m.title])).toEqual([
      ['basics', 1, 'Basics'],
      ['more', 2, 'More']
    ])
    expect(course.modules[0]?.lessons.map((l) => [l.id, l.kind])).toEqual([
      ['first', 'lesson'],
      ['risks', 'risks']
    ])
  })

  test('reads questions: single, multiple, weighted, with feedback', () => {
    const quiz = course.modules[0]?.quiz
    expect(quiz?.title).toBe('Basics quiz')
    expect(quiz?.questions.map(({ id, type, points, data }) => [id, type, points, data.type === 'single' || data.type === 'multiple' ? data.options.map((o) => `${o}${data.correct.includes(o) ? '*' : ''}`).join(' ') : ''])).toEqual([
      ['basics.which-colour-is-the-sky-on-a-clear-day', 'single', 1, 'a b* c'],
      ['basics.which-of-these-are-primes', 'multiple', 1, 'a* b* c'],
      ['q-weighted', 'single', 2, 'a* b']
    ])
    expect(quiz?.questions[0]?.feedback?.children[0]?.type).toBe('paragraph')
    expect(quiz?.questions[1]?.prompt.children).toHaveLength(1)
    expect(quiz?.questions[2]?.text).toBe('Which is a <Risk> category?')
  })

  test('collects the 4Cs risks with anchors', () => {
    expect(course.modules[0]?.lessons[1]?.risks.map((r) => [r.category, r.anchor])).toEqual([
      ['content', 'm-basics--risks--risk-content-risks'],
      ['contact', 'm-basics--risks--risk-contact-risks'],
      ['conduct', 'm-basics--risks--risk-conduct-risks'],
      ['contract', 'm-basics--risks--risk-contract-risks'],
      ['cross-cutting', 'm-basics--risks--risk-cross-cutting-risks']
    ])
  })

  test('copies referenced images and rewrites page links to anchors', () => {
    expect(course.assets.map((a) => a.target)).toEqual(['assets/images/square.svg'])
    const welcome = JSON.stringify(course.welcome)
    expect(welcome).toContain('"url":"#m-basics--first"')
    const lesson = JSON.stringify(course.modules[0]?.lessons[0]?.body)
    expect(lesson).toContain('"url":"#m-basics--risks--risk-content-risks"')
  })
})

describe('question ids', () => {
  test('stay the same when questions are reordered', async () => {
    const { course } = fixtureCourse()
    const before = (await checkCourse(course)).course.modules[0]?.quiz?.questions.map((q) => q.id).sort()
    const quiz = path.join(course, '01-basics', 'quiz.md')
    writeFileSync(
      quiz,
      `---\ntitle: Basics quiz\n---\n\n## Which of these are primes?\n\n- [x] 2\n- [x] 3\n- [ ] 4\n\n## Which colour is the sky on a clear day?\n\n- [ ] Green\n- [x] Blue\n\n<Question id="q-weighted" points={2}>\n\n## Which is a \`<Risk>\` category?\n\n- [x] Contact\n- [ ] Colour\n\n</Question>\n`
    )
    const after = (await checkCourse(course)).course.modules[0]?.quiz?.questions.map((q) => q.id).sort()
    expect(after).toEqual(before)
  })
})

/** Each bad-input fixture, with the exact positioned error it must produce. */
const scenarios: Array<[string, string, string, RegExp]> = [
  ['malformed-frontmatter', 'course.md:5:22', 'frontmatter-syntax', /^Cannot parse front matter: /],
  ['invalid-frontmatter-value', 'course.md:5:15', 'frontmatter-invalid', /^Unexpected `120` for `passingScore` in `course\.md`, expected a percentage from 0 to 100$/],
  ['question-without-correct-option', '01-basics/quiz.md:7:1', 'quiz-no-correct-option', /^Cannot find a correct option in question `Which colour is the sky\?`, expected at least one `- \[x\] …`$/],
  ['quiz-without-questions', '01-basics/quiz.md:5:1', 'quiz-no-questions', /^Cannot find any question in the quiz/],
  ['unknown-component', '01-basics/01-first.md:7:1', 'unknown-component', /^Unexpected unknown component `<Iframe>`, expected one of `Callout`, `CaseStudy`, `Video`, `Audio`$/],
  ['mdx-expression', '01-basics/01-first.md:7:18', 'no-expression', /^Unexpected expression `\{2 \+ 2\}`/],
  ['import-export', '01-basics/01-first.md:5:1', 'no-esm', /^Unexpected `import` or `export`/],
  ['missing-image', '01-basics/01-first.md:7:1', 'missing-reference', /^Cannot find image `\.\.\/images\/chart\.png` \(looked for `.*chart\.png`\), expected an existing file$/],
  ['image-outside-course', '01-basics/01-first.md:7:1', 'reference-outside-course', /^Unexpected reference `\.\.\/\.\.\/outside\.png` outside the course folder/],
  ['duplicate-module-prefix', '01-extra/module.md:1:1', 'duplicate-module-prefix', /^Unexpected module folder `01-extra` with the same prefix as `01-basics`/],
  ['risks-missing-c', '01-basics/02-risks.md:3:7', 'risks-missing-category', /^Cannot find `contract` in this 4Cs risk lesson/],
  ['missing-page-link', '02-more/01-only.md:7:7', 'missing-page', /^Cannot find page `\.\.\/01-basics\/09-gone\.md`/],
  ['duplicate-question-id', '02-more/quiz.md:5:1', 'duplicate-question-id', /^Unexpected duplicate question id `q-weighted`, expected ids unique across the course$/],
  ['attribute-expression', '01-basics/01-first.md:5:10', 'no-expression', /^Unexpected expression `\{kind\}` in attribute `type`/],
  ['mdx-syntax', '01-basics/01-first.md:7:33', 'mdx-syntax', /^Cannot parse MDX: /]
]

describe('bad input', () => {
  test.each(scenarios)('%s → %s [%s]', async (scenario, at, rule, reason) => {
    const { course } = fixtureCourse(scenario)
    const messages = await messagesOf(course)
    const errors = messages.filter((m) => m.fatal)
    expect(errors.length, JSON.stringify(messages, null, 2)).toBeGreaterThan(0)
    const match = errors.find((m) => m.rule === rule)
    expect(match, JSON.stringify(errors, null, 2)).toBeDefined()
    expect(match?.at).toBe(at)
    expect(match?.reason).toMatch(reason)
  })

  test('every error fixture folder is covered by a scenario', async () => {
    const { readdirSync } = await import('node:fs')
    const folders = readdirSync(path.join(fixtures, 'errors')).sort()
    expect(folders.length).toBeGreaterThanOrEqual(9)
    expect(folders).toEqual(scenarios.map((s) => s[0]).sort())
  })

  test('all errors of a run are reported together', async () => {
    const { course } = fixtureCourse('question-without-correct-option')
    writeFileSync(path.join(course, '02-more', '01-only.md'), '---\ntitle: x\n---\n\n<Nope />\n\n{1}\n')
    const rules = (await messagesOf(course)).filter((m) => m.fatal).map((m) => m.rule).sort()
    expect(rules).toEqual(['no-expression', 'quiz-no-correct-option', 'unknown-component'])
  })
})

describe('one exact passing score', () => {
  test('hundredths round-trip exactly for every passing score from 0 to 100', () => {
    for (let hundredths = 0; hundredths <= 10000; hundredths++) {
      const percent = hundredths / 100
      expect(percentToHundredths(percent)).toBe(hundredths)
      expect(formatHundredths(hundredths)).toBe(String(percent))
      const scaled = formatScaledHundredths(hundredths)
      expect(scaled).not.toMatch(/e/i)
      expect(Number(scaled)).toBe(hundredths / 10000)
    }
  })

  test('more than two decimals cannot reach the manifests', () => {
    expect(() => percentToHundredths(33.333333333333336)).toThrow(RangeError)
    expect(() => percentToHundredths(1e-300)).toThrow(RangeError)
    expect(formatScaledHundredths(3333)).toBe('0.3333')
    expect(formatScaledHundredths(1)).toBe('0.0001')
  })
})
