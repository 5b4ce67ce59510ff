/**
 * Hostile and careless course content (issue 11): each case is the minimal fixture plus
 * files written here (large inputs generated, never committed), checked in-process with
 * `checkCourse` or through the real bin, with its exit code, rule id, file, line:column,
 * and a time bound.
 */
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { exitCodeFor } from '../src/diagnostics.js'
import { packageCourse } from '../src/package/index.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse, runCli, tempDir } from './helpers.js'

afterAll(cleanup)

/** A lesson whose body starts on line 5. */
const lesson = (body: string, title = 'Hostile') => `---\ntitle: ${title}\n---\n\n${body}\n`
const hostileLesson = '01-basics/03-hostile.md'
/** A quiz whose first question's heading is on line 5 and whose options are on lines 7–8. */
const quiz = (after: string, option = 'A') => `---\ntitle: Quiz\n---\n\n## Which?\n\n- [x] ${option}\n- [ ] B\n\n${after}\n`
const risks = (contact: string) =>
  [
    '---',
    'title: Risks',
    'kind: risks',
    '---',
    '',
    '<Risk category="content" title="Content">',
    '',
    'Content.',
    '',
    '</Risk>',
    '',
    '<Risk category="contact" title="Contact">',
    '',
    contact,
    '',
    '</Risk>',
    '',
    '<Risk category="conduct" title="Conduct">\n\nConduct.\n\n</Risk>',
    '',
    '<Risk category="contract" title="Contract">\n\nContract.\n\n</Risk>',
    ''
  ].join('\n')
const course = (frontmatter: string) => `---\nid: minimal-course\ntitle: A course\nversion: 1.2.0\nlanguage: en\n${frontmatter}\n---\n\nWelcome.\n`
const nestedList = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')

interface Case {
  name: string
  files: Record<string, string>
  ruleId: string
  file: string
  line: number
  column: number
  message?: RegExp
  /** Milliseconds the check may take (default 2,000). */
  ms?: number
}

const js = 'javascript:alert(1)'
const cases: Case[] = [
  // Links and images by allow-list: url-scheme.
  { name: 'inline javascript: link', files: { [hostileLesson]: lesson(`[x](${js})`) }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1, message: /scheme `javascript:`/ },
  { name: 'javascript: in mixed case', files: { [hostileLesson]: lesson('Text [x](JaVaScRiPt:alert(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 6 },
  { name: 'reference-style definition', files: { [hostileLesson]: lesson(`See [x][r].\n\n[r]: ${js}`) }, ruleId: 'url-scheme', file: hostileLesson, line: 7, column: 1, message: /link definition/ },
  { name: 'link in quiz feedback', files: { '01-basics/quiz.md': quiz(`> Read [this](${js}).`) }, ruleId: 'url-scheme', file: '01-basics/quiz.md', line: 10, column: 8 },
  { name: 'link in an option label', files: { '01-basics/quiz.md': quiz('', `[A](${js})`) }, ruleId: 'url-scheme', file: '01-basics/quiz.md', line: 7, column: 7 },
  { name: 'link in content after the options', files: { '01-basics/quiz.md': quiz(`> Feedback.\n\nLater [x](${js}).`) }, ruleId: 'url-scheme', file: '01-basics/quiz.md', line: 12, column: 7 },
  { name: 'data: text/html link', files: { [hostileLesson]: lesson('[x](data:text/html;base64,PHNjcmlwdD4=)') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1, message: /`data:`/ },
  { name: 'vbscript: link', files: { [hostileLesson]: lesson('[x](vbscript:msgbox(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'file: link', files: { [hostileLesson]: lesson('[x](file:///etc/passwd)') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'protocol-relative link', files: { [hostileLesson]: lesson('[x](//evil.example/x)') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1, message: /protocol-relative/ },
  { name: 'leading space as a character reference', files: { [hostileLesson]: lesson(`[x](&#32;${js})`) }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'tab inside the scheme', files: { [hostileLesson]: lesson('[x](java&#9;script:alert(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'control character inside the scheme', files: { [hostileLesson]: lesson('[x](java&#1;script:alert(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'colon as a character reference', files: { [hostileLesson]: lesson('[x](javascript&#58;alert(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'colon as a percent-escape', files: { [hostileLesson]: lesson('[x](javascript%3Aalert(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1, message: /decode to the scheme `javascript:`/ },
  { name: 'doubly encoded colon', files: { [hostileLesson]: lesson('[x](javascript&amp;#58;alert(1))') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'javascript: image', files: { [hostileLesson]: lesson(`![a](${js})`) }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1, message: /image/ },
  { name: 'plain http: image', files: { [hostileLesson]: lesson('![a](http://example.org/a.png)') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1, message: /`http:`/ },
  { name: 'data: image', files: { [hostileLesson]: lesson('![a](data:image/png;base64,iVBORw0KGgo=)') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'image reference to an http: definition', files: { [hostileLesson]: lesson('![a][img]\n\n[img]: http://example.org/a.png') }, ruleId: 'url-scheme', file: hostileLesson, line: 5, column: 1 },
  { name: 'link inside a callout', files: { [hostileLesson]: lesson(`<Callout>\n\n[x](${js})\n\n</Callout>`) }, ruleId: 'url-scheme', file: hostileLesson, line: 7, column: 1 },
  { name: 'link inside a risk card', files: { '01-basics/02-risks.md': risks(`See [x](${js}).`) }, ruleId: 'url-scheme', file: '01-basics/02-risks.md', line: 14, column: 5 },
  { name: 'link in a module introduction', files: { '01-basics/module.md': lesson(`[x](${js})`, 'Basics') }, ruleId: 'url-scheme', file: '01-basics/module.md', line: 5, column: 1 },
  { name: 'autolink syntax is MDX, not a link', files: { [hostileLesson]: lesson(`<${js}>`) }, ruleId: 'mdx-syntax', file: hostileLesson, line: 5, column: 18 },

  // Bounded parsing: nesting-too-deep, markdown-too-complex.
  { name: '100,000 nested blockquotes on one line', files: { [hostileLesson]: lesson(`${'>'.repeat(100_000)} x`) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 5, column: 101 },
  { name: '150 blockquote levels over lines', files: { [hostileLesson]: lesson(Array.from({ length: 150 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 105, column: 101 },
  { name: '300 nested list items by indentation', files: { [hostileLesson]: lesson(nestedList(300)) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 105, column: 201 },
  { name: '2,500 nested list items on one line', files: { [hostileLesson]: lesson(`${'- '.repeat(2500)}x`) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 5, column: 201 },
  { name: '5,000 nested lists and blockquotes', files: { [hostileLesson]: lesson(`${'> - '.repeat(2500)}x`) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 5, column: 201 },
  { name: '100,000 list markers on one line', files: { [hostileLesson]: lesson(`${'- '.repeat(100_000)}x`) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 5, column: 201 },
  { name: '100,000 nested callouts', files: { [hostileLesson]: lesson('<Callout>\n\n'.repeat(100_000)) }, ruleId: 'nesting-too-deep', file: hostileLesson, line: 205, column: 1, message: /components/ },
  { name: "'a*' × 50,000", files: { [hostileLesson]: lesson('a*'.repeat(50_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 5, column: 2002 },
  { name: "'a~' × 50,000", files: { [hostileLesson]: lesson('a~'.repeat(50_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 5, column: 2002 },
  { name: "'*a_' × 50,000", files: { [hostileLesson]: lesson('*a_'.repeat(50_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 5, column: 1501 },
  { name: "'a*' on 50,000 lines of one paragraph", files: { [hostileLesson]: lesson('a*\n'.repeat(50_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 1005, column: 2 },
  { name: "'[' × 50,000", files: { [hostileLesson]: lesson('['.repeat(50_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 5, column: 2001, message: /brackets/ },
  { name: '100,000 separate blockquotes', files: { [hostileLesson]: lesson('> A quote\n\n'.repeat(100_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 1005, column: 1, message: /separate lists or blockquotes/ },
  { name: '10,000 separate lists', files: { [hostileLesson]: lesson('- a\n- b\n\nText.\n\n'.repeat(10_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 2505, column: 1 },
  { name: "100 paragraphs of 999 'a*'", files: { [hostileLesson]: lesson(`${'a*'.repeat(999)}\n\n`.repeat(100)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 25, column: 22, message: /in one file/ },
  { name: "'[a](' × 50,000", files: { [hostileLesson]: lesson('[a]('.repeat(50_000)) }, ruleId: 'markdown-too-complex', file: hostileLesson, line: 5, column: 4001 },

  // Front matter: plain data within limits.
  {
    name: 'YAML alias bomb',
    files: { 'course.md': course(['a: &a ["x","x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n')) },
    ruleId: 'frontmatter-limit',
    file: 'course.md',
    line: 7,
    column: 8,
    message: /aliases/
  },
  { name: '!!js/function tag', files: { [hostileLesson]: '---\ntitle: !!js/function "function () { return 1 }"\n---\n\nText.\n' }, ruleId: 'frontmatter-tag', file: hostileLesson, line: 2, column: 8, message: /`!!js\/function`/ },
  { name: '!!binary tag', files: { [hostileLesson]: '---\ntitle: !!binary aGk=\n---\n\nText.\n' }, ruleId: 'frontmatter-tag', file: hostileLesson, line: 2, column: 8 },
  { name: 'custom local tag', files: { [hostileLesson]: '---\ntitle: !shell "rm -rf /"\n---\n\nText.\n' }, ruleId: 'frontmatter-tag', file: hostileLesson, line: 2, column: 8 },
  { name: '100,000 nested YAML flow sequences', files: { [hostileLesson]: `---\ntitle: ${'['.repeat(100_000)}\n---\n\nText.\n` }, ruleId: 'frontmatter-limit', file: hostileLesson, line: 2, column: 108 },

  // Paths with malformed escapes: url-escape.
  { name: 'image path with %zz', files: { [hostileLesson]: lesson('![a](../images/sq%zzuare.svg)') }, ruleId: 'url-escape', file: hostileLesson, line: 5, column: 1, message: /`%zz`/ },
  { name: 'link path with bytes that are not UTF-8', files: { [hostileLesson]: lesson('[x](other%E0%A4.md)') }, ruleId: 'url-escape', file: hostileLesson, line: 5, column: 1 },
  { name: 'lone % in a query', files: { [hostileLesson]: lesson('[x](01-first.md?q=100%)') }, ruleId: 'url-escape', file: hostileLesson, line: 5, column: 1 },

  // Unclosed components, at the opening tag.
  { name: 'unclosed callout', files: { [hostileLesson]: lesson('Intro.\n\n<Callout>\n\nText.') }, ruleId: 'mdx-syntax', file: hostileLesson, line: 7, column: 1, message: /closing tag for `<Callout>`/ },
  { name: 'unclosed question', files: { '01-basics/quiz.md': `---\ntitle: Quiz\n---\n\n<Question points={2}>\n\n## Which?\n\n- [x] A\n- [ ] B\n` }, ruleId: 'mdx-syntax', file: '01-basics/quiz.md', line: 5, column: 1 },

  // One passing score, exactly.
  { name: 'passingScore with 15 decimals', files: { 'course.md': course('passingScore: 33.333333333333333') }, ruleId: 'frontmatter-invalid', file: 'course.md', line: 6, column: 15, message: /expected at most two decimals, such as 33\.33$/ },
  { name: 'passingScore in exponent notation', files: { 'course.md': course('passingScore: 1e-300') }, ruleId: 'frontmatter-invalid', file: 'course.md', line: 6, column: 15, message: /plain decimal with at most two decimals, such as 0$/ },
  { name: 'passingScore in hexadecimal', files: { 'course.md': course('passingScore: 0x46') }, ruleId: 'frontmatter-invalid', file: 'course.md', line: 6, column: 15, message: /such as 70$/ },
  { name: 'passingScore rounding up at the third decimal', files: { 'course.md': course('passingScore: 66.666') }, ruleId: 'frontmatter-invalid', file: 'course.md', line: 6, column: 15, message: /such as 66\.67$/ }
]

async function check(files: Record<string, string>) {
  const { workspace, course: dir } = fixtureCourse()
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const start = performance.now()
  const result = await checkCourse(dir, workspace)
  const ms = performance.now() - start
  const messages = result.files.flatMap((file) => file.messages.map((m) => ({ file: path.relative(dir, file.path).split(path.sep).join('/'), line: m.line, column: m.column, ruleId: m.ruleId, reason: m.reason, fatal: m.fatal })))
  return { result, ms, messages, exit: exitCodeFor(result.files, false), dir, workspace }
}

describe('hostile course content, checked in-process', () => {
  test.each(cases)('$name → $ruleId at $file:$line:$column', async (c) => {
    const { ms, messages, exit } = await check(c.files)
    expect(exit).toBe(1)
    const found = messages.find((m) => m.ruleId === c.ruleId && m.file === c.file)
    expect(found, JSON.stringify(messages.slice(0, 5))).toBeDefined()
    expect({ line: found?.line, column: found?.column }).toEqual({ line: c.line, column: c.column })
    if (c.message) expect(found?.reason).toMatch(c.message)
    expect(found?.fatal).toBe(true)
    expect(messages.every((m) => typeof m.ruleId === 'string' && m.ruleId !== '' && !/internal error|RangeError/.test(m.reason))).toBe(true)
    expect(ms).toBeLessThan(c.ms ?? 2000)
  })

  test('allowed links and images pass: http(s), mailto, tel, anchors, relative pages and https images', async () => {
    const body = '[web](https://example.org) [plain](http://example.org) [mail](mailto:a@example.org) [phone](tel:+41-22-000) [anchor](#top) [page](01-first.md) ![remote](https://example.org/a.png) ![local](../images/square.svg)'
    const { messages, exit } = await check({ [hostileLesson]: lesson(body) })
    expect(messages.filter((m) => m.fatal)).toEqual([])
    expect(exit).toBe(0)
  })

  test('a passing score of 33.33 is the same decimal in every manifest, the page text and the runtime data', async () => {
    const { result, exit } = await check({ 'course.md': course('passingScore: 33.33') })
    expect(exit).toBe(0)
    expect(result.course.passingScore).toBe(33.33)
    const text = (target: 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5', name: string) => String(packageCourse(result.course, target).files.find((f) => f.path === name)?.data)
    expect(text('scorm12', 'imsmanifest.xml')).toContain('<adlcp:masteryscore>33.33</adlcp:masteryscore>')
    expect(text('scorm2004', 'imsmanifest.xml')).toContain('<imsss:minNormalizedMeasure>0.3333</imsss:minNormalizedMeasure>')
    expect(text('cmi5', 'cmi5.xml')).toContain('masteryScore="0.3333"')
    for (const target of ['scorm12', 'scorm2004', 'xapi', 'cmi5'] as const) {
      const html = text(target, 'index.html')
      expect(JSON.parse(/id="cp-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}').passingScore).toBe(33.33)
      expect(html).toContain('You pass the course with 33.33% over all quizzes.')
      expect(html).toContain('You need 33.33% to pass.')
      expect(html).not.toMatch(/\d\.\d*e-\d|33\.333/)
    }
  })

  test('a passing score of 0.01 is never written in exponent notation', async () => {
    const { result, exit } = await check({ 'course.md': course('passingScore: 0.01') })
    expect(exit).toBe(0)
    const manifest = String(packageCourse(result.course, 'scorm2004').files.find((f) => f.path === 'imsmanifest.xml')?.data)
    expect(manifest).toContain('<imsss:minNormalizedMeasure>0.0001</imsss:minNormalizedMeasure>')
  })
})

describe('hostile course content, through the real bin', () => {
  const binCases = [
    cases.find((c) => c.name === 'inline javascript: link'),
    cases.find((c) => c.name === '100,000 nested blockquotes on one line'),
    cases.find((c) => c.name === "'a*' × 50,000"),
    cases.find((c) => c.name === 'YAML alias bomb'),
    cases.find((c) => c.name === 'image path with %zz'),
    cases.find((c) => c.name === '5,000 nested lists and blockquotes')
  ].filter((c): c is Case => c !== undefined)

  test.each(binCases)('validate --format json: $name exits 1 with $ruleId at $line:$column', async (c) => {
    const { workspace, course: dir } = fixtureCourse()
    for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(dir, name), text)
    const start = performance.now()
    const result = await runCli(['validate', '--format', 'json', 'course'], workspace)
    const ms = performance.now() - start
    expect(result.stderr).not.toMatch(/internal error|RangeError|at .*\.js:\d+/)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; ruleId: string }> }
    const found = report.diagnostics.find((d) => d.ruleId === c.ruleId)
    expect(found).toMatchObject({ file: path.join('course', c.file), line: c.line, column: c.column })
    expect(ms).toBeLessThan(15_000)
  })

  test('build of a hostile course exits 1 and writes nothing', async () => {
    const { workspace, course: dir } = fixtureCourse()
    writeFileSync(path.join(dir, hostileLesson), lesson(`[x](${js})`))
    const out = tempDir()
    const result = await runCli(['build', 'course', '--out', out, '--target', 'all'], workspace)
    expect(result.code).toBe(1)
    expect(result.stderr + result.stdout).toMatch(/url-scheme/)
    expect(readdirSync(out)).toEqual([])
  })
})
