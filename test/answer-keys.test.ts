/**
 * Issue 14: no package holds a readable answer key. Builds every target of the sample course
 * and of a fixture quiz with every question type, unzips them, and looks for each question's
 * key where view-source, grep or an LMS's descriptor reader would find it. The search itself is
 * tested on a package whose keys were put back in plain text, so it is known to be able to fail.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../src/pipeline.js'
import { coreOf } from '../src/questions/cores.js'
import type { QuestionData } from '../src/questions/data.js'
import { hideKeys, openKeys, type PackagedCourseData } from '../src/questions/keys.js'
import type { CourseData } from '../src/shared/course-data.js'
import { cleanup, fixtureCourse, readZip, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

const cpData = /(<script type="application\/json" id="cp-data">)([\s\S]*?)(<\/script>)/
const descriptors = ['imsmanifest.xml', 'cmi5.xml', 'tincan.xml']

const packedOf = (files: Map<string, Buffer>): PackagedCourseData => JSON.parse(cpData.exec(files.get('index.html')?.toString('utf8') ?? '')?.[2] ?? '{}') as PackagedCourseData

/** A quiz of every type, for the fixture course's first module. */
const everyType = `---
title: Every type
---

## Which colour is a clear sky?

- [ ] Green
- [x] Blue
- [ ] Red

## Which of these are primes?

- [x] Two
- [x] Three
- [ ] Four

<Question id="tf" type="true-false">

## The sun is a star.

- [x] True
- [ ] False

</Question>

<Question id="fill" type="fill-in" caseSensitive={true}>

## Name the tag that starts an HTML document.

- doctype
- DOCTYPE html

</Question>

<Question id="num" type="numeric" min={1234} max={1240} answer={1237}>

## Which year?

</Question>

<Question id="pairs" type="matching">

## Match each animal to its sound.

| Animal | Sound |
| --- | --- |
| Cat | Meow |
| Dog | Woof |
| Cow | Moo |
| Duck | Quack |

</Question>

<Question id="steps" type="ordering">

## Put the steps in order.

1. Plan
2. Build
3. Test
4. Ship
5. Learn

</Question>

<Question id="feel" type="likert">

## How sure are you?

- Unsure
- Sure

</Question>
`

/** The text of an HTML fragment, tags dropped and the usual entities decoded. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** Does `text` hold `word` as a whole token (no letter or digit right before or after)? */
function holds(text: string, word: string, caseSensitive = true): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu').test(text)
}

/** A JSON key `"correct":` (after `{` or `,`), not the word in a minified `?"correct":` of the runtime's code. */
const correctKey = /[{,]\s*"correct"\s*:/

/** Every string of a JSON value except ids (`id`, `page`, `pages`: authors name questions and pages freely) and the encoded key `k`. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, v]) => (['id', 'page', 'pages', 'k'].includes(name) ? [] : strings(v)))
  return []
}

/**
 * A question's correct-response patterns in every standard, computed from its full data. A
 * true-false pattern (`true`, `false`, `t`, `f`) is a JSON and XML literal everywhere: it says
 * nothing on its own, and is not looked for.
 */
function patternsOf(question: QuestionData): string[] {
  if (question.type === 'true-false') return []
  const core = coreOf(question)
  return [...(core.scorm12(question, []).patterns ?? []), ...(core.scorm2004(question, []).patterns ?? []), ...(core.xapi(question).correctResponsesPattern ?? [])]
}

/** Texts typed as answers that would give the key away: fill-in's accepted answers, numeric's answer and bounds. */
function typedAnswers(question: QuestionData): Array<{ text: string; caseSensitive: boolean }> {
  if (question.type === 'fill-in') return question.answers.map((text) => ({ text, caseSensitive: question.caseSensitive }))
  if (question.type === 'numeric') return [...new Set([question.answer, question.min, question.max])].map((text) => ({ text, caseSensitive: true }))
  return []
}

/**
 * Every leak of one package, as `file: what`. `data` is the full course data (keys opened),
 * from which the keys to look for are computed.
 */
function leaks(files: Map<string, Buffer>, data: CourseData): string[] {
  const found: string[] = []
  const texts = [...files].filter(([name]) => /\.(html?|json|js|xml)$/.test(name)).map(([name, bytes]) => [name, bytes.toString('utf8')] as const)
  for (const [name, text] of texts) if (correctKey.test(text)) found.push(`${name}: "correct":`)
  const html = files.get('index.html')?.toString('utf8') ?? ''
  const json = cpData.exec(html)?.[2] ?? ''
  const packed = JSON.parse(json || '{}') as PackagedCourseData
  const dataTexts = strings(packed)
  const greppable = texts.filter(([name]) => /\.(html?|json|xml)$/.test(name))
  // A descriptor names each question in an id (`…/interactions/m3-fingerprint-technique`): authors name them freely.
  const described = greppable.filter(([name]) => descriptors.includes(name)).map(([name, text]) => [name, text.replace(/\b(?:id|identifier|identifierref|idref)="[^"]*"/g, '')] as const)
  data.modules.forEach((module, m) => {
    const quiz = module.quiz
    if (!quiz) return
    // The quiz page's section of the page, up to the next page, without the author's feedback:
    // feedback that quotes a right answer is the author's choice, warned about by the model (`revealing`).
    const start = html.indexOf(`id="${quiz.page}"`)
    const end = html.indexOf('<section class="cp-page', start)
    const section = textOf(html.slice(start, end === -1 ? undefined : end).replace(/<div class="cp-feedback"[\s\S]*?<\/fieldset>/g, '</fieldset>'))
    quiz.questions.forEach((question, q) => {
      const shown = packed.modules[m]?.quiz?.questions[q] ?? {}
      for (const field of coreOf(question).keyFields) if (field in shown) found.push(`index.html: key field ${field} of ${question.id} in cp-data`)
      const typed = typedAnswers(question)
      for (const pattern of patternsOf(question)) {
        // One character (`a`, `t`) is too short to grep; typed answers are looked for below, in their places.
        if (pattern.length < 3 || typed.some((t) => t.text === pattern)) continue
        for (const [name, text] of greppable) if (text.includes(pattern)) found.push(`${name}: pattern ${pattern} of ${question.id}`)
      }
      for (const answer of typed) {
        if (answer.text.length < 2) continue
        if (dataTexts.some((text) => holds(text, answer.text, answer.caseSensitive))) found.push(`index.html: answer ${answer.text} of ${question.id} in cp-data`)
        if (holds(section, answer.text, answer.caseSensitive)) found.push(`index.html: answer ${answer.text} of ${question.id} in the quiz page`)
        for (const [name, text] of described) if (holds(text, answer.text, answer.caseSensitive)) found.push(`${name}: answer ${answer.text} of ${question.id}`)
      }
    })
  })
  return found
}

/**
 * The package as it was before issue 14: its course data written in full, keys in plain text,
 * and (xAPI) `tincan.xml` declaring each interaction's correct-response patterns.
 */
function withPlainKeys(files: Map<string, Buffer>): Map<string, Buffer> {
  const html = files.get('index.html')?.toString('utf8') ?? ''
  const data = openKeys(packedOf(files))
  const full = JSON.stringify(data).replace(/</g, '\\u003c')
  const out = new Map([...files, ['index.html', Buffer.from(html.replace(cpData, (_all, open: string, _json, close: string) => `${open}${full}${close}`))]])
  const tincan = files.get('tincan.xml')?.toString('utf8')
  if (tincan !== undefined) {
    const patterns = data.modules
      .flatMap((m) => m.quiz?.questions ?? [])
      .map((q) => `<correctResponsePatterns>${(coreOf(q).xapi(q).correctResponsesPattern ?? []).map((p) => `<correctResponsePattern>${p}</correctResponsePattern>`).join('')}</correctResponsePatterns>`)
    out.set('tincan.xml', Buffer.from(tincan.replace('</activities>', `${patterns.join('\n')}</activities>`)))
  }
  return out
}

const packages = new Map<string, Map<string, Buffer>>()

beforeAll(async () => {
  const work = tempDir('coursepack-keys-')
  const { course } = fixtureCourse()
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), everyType)
  for (const [name, dir] of [
    ['sample', sampleCourse],
    ['fixture', course]
  ] as const) {
    const result = await build([dir], { out: path.join(work, name), targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'] })
    expect(result.exitCode).toBe(0)
    for (const pkg of result.packages) packages.set(`${name} ${pkg.target}`, await readZip(pkg.path))
  }
}, 240_000)

describe('no package holds a readable answer key', () => {
  test('every target of the sample course and of the fixture quiz was built', () => {
    expect([...packages.keys()].sort()).toEqual(['fixture cmi5', 'fixture scorm12', 'fixture scorm2004', 'fixture xapi', 'sample cmi5', 'sample scorm12', 'sample scorm2004', 'sample xapi'])
    const types = new Set(openKeys(packedOf(packages.get('fixture scorm12') ?? new Map())).modules.flatMap((m) => m.quiz?.questions.map((q) => q.type) ?? []))
    expect([...types].sort()).toEqual(['fill-in', 'likert', 'matching', 'multiple', 'numeric', 'ordering', 'single', 'true-false'])
  })

  test.each(['sample scorm12', 'sample scorm2004', 'sample xapi', 'sample cmi5', 'fixture scorm12', 'fixture scorm2004', 'fixture xapi', 'fixture cmi5'])('%s: no key in plain text', (name) => {
    const files = packages.get(name) ?? new Map<string, Buffer>()
    const data = openKeys(packedOf(files))
    expect(data.modules.some((m) => (m.quiz?.questions.length ?? 0) > 0)).toBe(true)
    expect(leaks(files, data)).toEqual([])
  })

  test.each(['sample xapi', 'fixture xapi', 'fixture scorm2004'])('%s: the same search finds the keys once they are written in plain text', (name) => {
    const files = packages.get(name) ?? new Map<string, Buffer>()
    const found = leaks(withPlainKeys(files), openKeys(packedOf(files)))
    expect(found).toContain('index.html: "correct":')
    expect(found.some((f) => f.includes('key field correct'))).toBe(true)
    expect(found.some((f) => / answer .* in cp-data$/.test(f))).toBe(true)
    if (files.has('tincan.xml')) {
      expect(found.some((f) => /^tincan\.xml: pattern .*\[,\]/.test(f))).toBe(true)
      expect(found.some((f) => /^tincan\.xml: answer /.test(f))).toBe(true)
    }
  })

  test('the key fields go back to their places: the opened data equals the full data', () => {
    for (const files of packages.values()) {
      const packed = packedOf(files)
      const opened = openKeys(packed)
      expect(hideKeys(opened)).toEqual(packed)
      for (const question of opened.modules.flatMap((m) => m.quiz?.questions ?? [])) {
        for (const field of coreOf(question).keyFields) expect(question, `${question.id} ${field}`).toHaveProperty(field)
      }
    }
  })
})

describe('hideKeys and openKeys', () => {
  const course = (answers: string[]): CourseData => ({
    v: 1,
    stateFormat: 3,
    id: 'c',
    version: '1',
    title: 'C',
    language: 'ar',
    target: 'scorm12',
    passingScore: 70,
    passRule: 'overall',
    completion: 'quizzes',
    navigation: 'free',
    media: [],
    contentHash: '',
    pages: [],
    titles: [],
    kinds: [],
    activityId: 'urn:c',
    strings: {},
    modules: [
      {
        id: 'm',
        title: 'M',
        pages: [],
        quiz: {
          page: 'q',
          title: 'Q',
          policy: { attempts: 0, keep: 'best', reveal: 'never', shuffle: 'none', repeat: 'avoid' },
          banks: [],
          questions: [
            { id: 'f', text: 'F', type: 'fill-in', points: 1, answers, caseSensitive: false, maxLength: 60 },
            { id: 'l', text: 'L', type: 'likert', points: 0, scale: ['a', 'b'], labels: ['x', 'y'] }
          ]
        }
      },
      { id: 'n', title: 'N', pages: [], quiz: undefined }
    ]
  })

  test('any text survives the trip, and the same data always gives the same encoding', () => {
    const data = course(['هاش', 'ß 😀 "quoted" \\ \u2028', 'ascii'])
    const packed = hideKeys(data)
    expect(openKeys(JSON.parse(JSON.stringify(packed)) as PackagedCourseData)).toEqual(data)
    expect(JSON.stringify(hideKeys(course(['هاش', 'ß 😀 "quoted" \\ \u2028', 'ascii'])))).toBe(JSON.stringify(packed))
    const [fill, likert] = packed.modules[0]?.quiz?.questions ?? []
    expect(fill).not.toHaveProperty('answers')
    expect(fill?.k).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(JSON.stringify(packed)).not.toContain('ascii')
    // A type without key fields is written as it is.
    expect(likert).toEqual({ id: 'l', text: 'L', type: 'likert', points: 0, scale: ['a', 'b'], labels: ['x', 'y'] })
  })

  test('the keystream depends on the course and the question', () => {
    const a = hideKeys(course(['same answer'])).modules[0]?.quiz?.questions[0]?.k
    const b = hideKeys({ ...course(['same answer']), id: 'other' }).modules[0]?.quiz?.questions[0]?.k
    expect(a).not.toBe(b)
  })
})
