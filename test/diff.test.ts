/**
 * `coursepack diff`: the verdict and its reasons for each kind of change, between zips and
 * course folders; the reasons agree with the runtime's own mapping of the learner state
 * (encode the longest old state with the old data, decode it with the new); the JSON validates
 * against schemas/diff.schema.json; the exit codes through the real CLI.
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import archiver from 'archiver'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type DiffComparison, diff } from '../src/api/diff.js'
import { changeKinds, diffPackages, reasonKinds, sameCourse } from '../src/diff/index.js'
import type { ChangeKind, PackageSide, ReasonKind } from '../src/diff/types.js'
import { UsageError } from '../src/errors.js'
import { toCourseData } from '../src/package/course-data.js'
import { build, checkCourse } from '../src/pipeline.js'
import type { ChoiceData } from '../src/questions/choice/core.js'
import { coreOf } from '../src/questions/cores.js'
import type { CourseData, TargetName } from '../src/shared/course-data.js'
import { drawAttempt } from '../src/shared/attempts.js'
import { decodeState, encodeState } from '../src/shared/suspend.js'
import { cleanup, fixtureCourse, fixtures, longestState, repoRoot, runCli, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

const loadSchema = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'schemas', name), 'utf8')) as Record<string, unknown>
const ajv = new Ajv2020({ allErrors: true, strict: true })
const validateDiff = ajv.compile(loadSchema('diff.schema.json'))
const validateReport = ajv.compile(loadSchema('report.schema.json'))

function valid(validate: typeof validateDiff, value: unknown): void {
  expect(validate(value), JSON.stringify(validate.errors, null, 2)).toBe(true)
}

/** Replace `from` by `to` in a file of the course; the text must be there. */
function edit(course: string, file: string, from: string, to: string): void {
  const full = path.join(course, file)
  const text = readFileSync(full, 'utf8')
  if (!text.includes(from)) throw new Error(`${file} does not hold ${JSON.stringify(from)}`)
  writeFileSync(full, text.replace(from, to))
}

/** A copy of the minimal course, edited, built into a zip of one target: the zip's absolute path. */
async function zipOf(change: (course: string) => void = () => undefined, target: TargetName = 'scorm12'): Promise<string> {
  const { workspace, course } = fixtureCourse()
  change(course)
  const result = await build(['course'], { cwd: workspace, targets: [target] })
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return path.join(workspace, result.packages[0]?.path ?? '')
}

const kinds = (result: DiffComparison) => result.changes.map((c) => c.kind)
const careChanges = (result: DiffComparison) => result.changes.filter((c) => c.verdict !== 'safe')

/** The minimal course's quiz ids, as the quizzes' headings name them. */
const sky = 'basics.which-colour-is-the-sky-on-a-clear-day'
const primes = 'basics.which-of-these-are-primes'

describe('the verdicts between two zips of the minimal course', () => {
  let old: string
  beforeAll(async () => {
    old = await zipOf()
  })

  test('a zip against itself: safe, no differences, every learner state maps as it is', async () => {
    const result = await diff(old, old)
    expect(result).toMatchObject({ verdict: 'safe', exitCode: 0, changes: [], learners: { exact: true, visitsDropped: [], quizzesReset: [] } })
  })

  test('text only (a lesson, a prompt, an option label, feedback, a page title, reveal and shuffle): safe, and says why the quiz keeps its record', async () => {
    const changed = await zipOf((course) => {
      edit(course, '01-basics/01-first.md', 'The app did something.', 'The app did something else.')
      edit(course, '01-basics/01-first.md', 'title: The first lesson', 'title: The very first lesson')
      edit(course, '01-basics/quiz.md', '## Which is a `<Risk>` category?', '## Which of these is a `<Risk>` category?')
      edit(course, '01-basics/quiz.md', '- [x] Contact', '- [x] Contact risks')
      edit(course, '01-basics/quiz.md', '> Rayleigh scattering gives the sky its colour.', '> Sunlight scatters in the air.')
      edit(course, '01-basics/quiz.md', 'title: Basics quiz', 'title: Basics quiz\nreveal: always\nshuffle: options')
      edit(course, 'images/square.svg', 'fill="#0b5cad"', 'fill="#0b5cae"')
    })
    const result = (await diff(old, changed)) as DiffComparison
    expect(result.verdict).toBe('safe')
    expect(result.exitCode).toBe(0)
    expect(careChanges(result)).toEqual([])
    expect(result.learners).toMatchObject({ exact: true, visitsDropped: [], quizzesReset: [], quizzesKept: ['basics', 'more'] })
    const quiz = result.changes.find((c) => c.kind === 'quiz-kept')
    expect(quiz).toMatchObject({ module: 'basics', page: 'm-basics--quiz' })
    expect(quiz?.reasons.map((r) => [r.kind, r.question, r.verdict])).toEqual([
      ['question-text', 'q-weighted', 'safe'],
      ['policy', null, 'safe'],
      ['policy', null, 'safe']
    ])
    expect(quiz?.reasons[0]?.message).toBe('question `q-weighted` reworded (prompt, option labels): answers saved keep their meaning')
    expect(result.changes.find((c) => c.kind === 'page-title')).toMatchObject({ page: 'm-basics--first', before: 'The first lesson', after: 'The very first lesson' })
    expect(result.changes.filter((c) => c.kind === 'page-text').map((c) => c.page)).toContain('m-basics--first')
    expect(result.changes.find((c) => c.kind === 'file-changed')).toMatchObject({ file: 'assets/images/square.svg', verdict: 'safe' })
  })

  test('a lesson added: care, the page named with where it goes, nothing lost', async () => {
    const changed = await zipOf((course) => writeFileSync(path.join(course, '01-basics', '03-extra.md'), '---\ntitle: Extra\n---\n\nMore to read.\n'))
    const result = (await diff(old, changed)) as DiffComparison
    expect(result).toMatchObject({ verdict: 'care', exitCode: 1 })
    expect(careChanges(result).map((c) => [c.kind, c.page, c.module])).toEqual([['page-added', 'm-basics--extra', 'basics']])
    expect(careChanges(result)[0]?.message).toMatch(/^page `m-basics--extra` \(lesson “Extra”\) added after `m-basics--risks`: /)
    expect(result.learners).toMatchObject({ exact: false, visitsDropped: [], pagesAdded: ['m-basics--extra'], quizzesKept: ['basics', 'more'], quizzesReset: [] })
  })

  test('a correct option changed: care, the quiz of module basics reset, the reason naming the question', async () => {
    const changed = await zipOf((course) => edit(course, '01-basics/quiz.md', '- [ ] Green\n- [x] Blue', '- [x] Green\n- [ ] Blue'))
    const result = (await diff(old, changed)) as DiffComparison
    expect(result).toMatchObject({ verdict: 'care', exitCode: 1 })
    const reset = careChanges(result)
    expect(reset.map((c) => [c.kind, c.module])).toEqual([['quiz-reset', 'basics']])
    expect(reset[0]?.message).toMatch(/^quiz of module `basics` \(`m-basics--quiz`\) is reset: learners who took it start it over/)
    expect(reset[0]?.reasons).toEqual([
      {
        kind: 'question-key',
        verdict: 'care',
        question: sky,
        message: `question \`${sky}\` changed its answer key (options: 3 with correct [ x ] → 3 with correct [x  ]): saved answers would score differently`
      }
    ])
    expect(result.learners).toMatchObject({ quizzesReset: ['basics'], quizzesKept: ['more'], visitsDropped: [] })
  })

  test('an option added, points changed, the attempts policy changed: each a reason of the reset', async () => {
    const changed = await zipOf((course) => {
      edit(course, '01-basics/quiz.md', '- [ ] 4\n', '- [ ] 4\n- [ ] 6\n')
      edit(course, '01-basics/quiz.md', '<Question id="q-weighted" points={2}>', '<Question id="q-weighted" points={3}>')
      edit(course, '01-basics/quiz.md', 'title: Basics quiz', 'title: Basics quiz\nattempts: 2')
    })
    const result = (await diff(old, changed)) as DiffComparison
    expect(result.verdict).toBe('care')
    const reset = result.changes.find((c) => c.kind === 'quiz-reset')
    expect(reset?.reasons.map((r) => [r.kind, r.question, r.message])).toEqual([
      ['question-shape', primes, `question \`${primes}\`: 3 options → 4; saved answers have the old count`],
      ['question-points', 'q-weighted', 'question `q-weighted`: points 2 → 3'],
      ['policy', null, 'attempts unlimited → 2: saved attempt counts are of the old limit']
    ])
  })

  test('a page removed: care, its visits dropped, the bookmark moved to the nearest page', async () => {
    const changed = await zipOf((course) => {
      rmSync(path.join(course, '01-basics', '02-risks.md'))
      edit(course, '01-basics/01-first.md', 'See also [the risks](02-risks.md#risk-content-risks) and', 'See also')
    })
    const result = (await diff(old, changed)) as DiffComparison
    expect(result).toMatchObject({ verdict: 'care', exitCode: 1 })
    const removed = result.changes.find((c) => c.kind === 'page-removed')
    expect(removed).toMatchObject({ page: 'm-basics--risks', module: 'basics', verdict: 'care' })
    expect(removed?.message).toBe('page `m-basics--risks` (risks “The four Cs”) removed: its visits are dropped, and a learner whose bookmark is there resumes at `m-basics--first`')
    expect(result.learners).toMatchObject({ visitsDropped: ['m-basics--risks'], bookmarks: [{ from: 'm-basics--risks', to: 'm-basics--first' }], quizzesReset: [] })
  })

  test('pages reordered: care, the moved page named, its visits kept', async () => {
    const changed = await zipOf((course) => {
      renameSync(path.join(course, '01-basics', '01-first.md'), path.join(course, '01-basics', '03-first.md'))
      edit(course, 'course.md', '01-basics/01-first.md', '01-basics/03-first.md')
    })
    const result = (await diff(old, changed)) as DiffComparison
    expect(result.verdict).toBe('care')
    expect(careChanges(result).map((c) => [c.kind, c.page])).toEqual([['page-moved', 'm-basics--first']])
    expect(result.learners).toMatchObject({ exact: false, visitsDropped: [], quizzesKept: ['basics', 'more'] })
  })

  test('a quiz removed and its module’s quiz dropped; a reworded heading renames the question and says so', async () => {
    const changed = await zipOf((course) => {
      rmSync(path.join(course, '02-more', 'quiz.md'))
      edit(course, '01-basics/quiz.md', '## Which colour is the sky on a clear day?', '## Which colour is a clear sky?')
    })
    const result = (await diff(old, changed)) as DiffComparison
    expect(result.verdict).toBe('care')
    expect(result.changes.find((c) => c.kind === 'quiz-removed')).toMatchObject({ module: 'more' })
    const reasons = result.changes.find((c) => c.kind === 'quiz-reset')?.reasons
    expect(reasons?.map((r) => [r.kind, r.question])).toEqual([
      ['question-added', 'basics.which-colour-is-a-clear-sky'],
      ['question-removed', sky]
    ])
    expect(reasons?.[0]?.message).toContain(`if it is \`${sky}\` reworded, its id came from its heading: give it \`<Question id>\` to keep one`)
    expect(result.learners).toMatchObject({ quizzesDropped: ['more'], quizzesReset: ['basics'], visitsDropped: ['m-more--quiz'] })
  })

  test.each([
    ['course id', (course: string) => edit(course, 'course.md', 'id: minimal-course', 'id: minimal-course-2'), ['course-id', 'manifest-identifier']],
    ['passing score', (course: string) => edit(course, 'course.md', 'passingScore: 70', 'passingScore: 80'), ['passing-score']],
    ['pass rule', (course: string) => edit(course, 'course.md', 'passRule: overall', 'passRule: every-module'), ['pass-rule']],
    ['language', (course: string) => edit(course, 'course.md', 'language: en', 'language: fr'), ['language']]
  ] as const)('%s changed: publish as a new activity', async (_name, change, expected) => {
    const result = (await diff(old, await zipOf(change))) as DiffComparison
    expect(result).toMatchObject({ verdict: 'new-activity', exitCode: 2 })
    expect(result.changes.filter((c) => c.verdict === 'new-activity').map((c) => c.kind)).toEqual(expected)
  })

  test('the passing score change names both scores; the course id change names both manifest identifiers', async () => {
    const score = (await diff(old, await zipOf((course) => edit(course, 'course.md', 'passingScore: 70', 'passingScore: 80')))) as DiffComparison
    expect(score.changes[0]).toMatchObject({ kind: 'passing-score', before: 70, after: 80 })
    expect(score.changes[0]?.message).toMatch(/^passing score 70% → 80%: /)
    const id = (await diff(old, await zipOf((course) => edit(course, 'course.md', 'id: minimal-course', 'id: minimal-course-2')))) as DiffComparison
    expect(id.changes.find((c) => c.kind === 'manifest-identifier')).toMatchObject({ file: 'imsmanifest.xml', before: 'minimal-course', after: 'minimal-course-2' })
  })
})

describe('targets, identifiers and course folders', () => {
  test('another target: publish as a new activity; xAPI and cmi5 activity ids are compared', async () => {
    const scorm = await zipOf()
    const xapi = await zipOf(() => undefined, 'xapi')
    const result = (await diff(scorm, xapi)) as DiffComparison
    expect(result).toMatchObject({ verdict: 'new-activity', old: { target: 'scorm12' }, new: { target: 'xapi' } })
    expect(result.changes[0]).toMatchObject({ kind: 'target', before: 'scorm12', after: 'xapi' })
    const moved = await zipOf((course) => edit(course, 'course.md', 'id: minimal-course', 'id: minimal-course\nactivityId: https://example.org/courses/minimal'), 'xapi')
    expect(((await diff(xapi, moved)) as DiffComparison).changes.map((c) => [c.kind, c.before, c.after])).toEqual([['activity-id', 'urn:coursepack:minimal-course', 'https://example.org/courses/minimal']])
    const cmi5 = await zipOf(() => undefined, 'cmi5')
    const cmi5Moved = await zipOf((course) => edit(course, 'course.md', 'id: minimal-course', 'id: minimal-course\nactivityId: https://example.org/courses/minimal'), 'cmi5')
    expect(kinds((await diff(cmi5, cmi5Moved)) as DiffComparison)).toEqual(['cmi5-course-id', 'au-id'])
  })

  test('a zip against its course folder (built in memory for the zip’s target), and two folders', async () => {
    const { workspace, course } = fixtureCourse()
    const zip = (await build(['course'], { cwd: workspace, out: 'out', targets: ['scorm2004'] })).packages[0]?.path ?? ''
    const same = (await diff(zip, 'course', { cwd: workspace })) as DiffComparison
    expect(same).toMatchObject({ verdict: 'safe', changes: [], old: { source: 'zip', target: 'scorm2004' }, new: { source: 'folder', path: 'course', target: 'scorm2004' } })
    const { course: other } = fixtureCourse()
    edit(other, '01-basics/quiz.md', '- [ ] Green\n- [x] Blue', '- [x] Green\n- [ ] Blue')
    const folders = (await diff(course, other, { target: 'cmi5' })) as DiffComparison
    expect(folders).toMatchObject({ verdict: 'care', old: { source: 'folder', target: 'cmi5' }, new: { target: 'cmi5' } })
    expect((await diff(course, other)) as DiffComparison).toMatchObject({ old: { target: 'scorm12' } })
    // Nothing is written: no dist/ beside the courses.
    expect(readdirSync(workspace).sort()).toEqual(['course', 'out'])
    expect(readdirSync(path.dirname(other))).toEqual(['course'])
  })

  test('a course folder with errors: its diagnostics, exit code 3', async () => {
    const { workspace } = fixtureCourse('question-without-correct-option')
    const result = await diff(path.join(fixtures, 'minimal'), 'course', { cwd: workspace })
    expect(result).toMatchObject({ verdict: undefined, exitCode: 3, courses: [path.join(fixtures, 'minimal'), 'course'], errors: 1 })
    expect(result.verdict === undefined && result.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: 'course/01-basics/quiz.md', ruleId: 'quiz-no-correct-option' })
  })

  test('usage mistakes are UsageErrors: a missing path, a zip that is not ours, two courses, --target with two zips', async () => {
    const workspace = tempDir()
    const zip = await zipOf()
    await expect(diff('nowhere.zip', zip, { cwd: workspace })).rejects.toThrow(new UsageError('Cannot find `nowhere.zip`, expected a package zip or a course folder'))
    writeFileSync(path.join(workspace, 'not.zip'), 'not a zip')
    await expect(diff('not.zip', zip, { cwd: workspace })).rejects.toThrow(/^Cannot read `not.zip` as a zip, expected a package zip or a course folder: /)
    await expect(diff(zip, zip, { target: 'xapi' })).rejects.toThrow('Unexpected target `xapi` with two package zips')
    const other = await zipOf((course) => {
      edit(course, 'course.md', 'id: minimal-course', 'id: another-course')
      renameSync(path.join(course, '01-basics'), path.join(course, '01-first-steps'))
      renameSync(path.join(course, '02-more'), path.join(course, '02-next-steps'))
      edit(course, 'course.md', '01-basics/01-first.md', '01-first-steps/01-first.md')
    })
    await expect(diff(zip, other)).rejects.toThrow(/^Unexpected packages of two courses, `minimal-course` \(`.*`\) and `another-course` \(`.*`\), expected two versions of one course$/)
  })

  test('two packages are of one course by their id, their activity id, or half their pages', () => {
    const base = { id: 'a', activityId: 'urn:a', pages: ['welcome', 'm-x', 'm-x--one', 'm-x--quiz', 'results'] } as CourseData
    expect(sameCourse(base, { ...base, id: 'b' })).toBe(true)
    expect(sameCourse(base, { ...base, activityId: 'urn:b' })).toBe(true)
    expect(sameCourse(base, { ...base, id: 'b', activityId: 'urn:b', pages: ['welcome', 'm-x', 'm-x--two', 'm-y', 'm-y--quiz', 'results'] })).toBe(false)
    expect(sameCourse(base, { ...base, id: 'b', activityId: 'urn:b', pages: ['welcome', 'm-x', 'm-x--one', 'm-y', 'results'] })).toBe(true)
    expect(sameCourse(base, { ...base, id: 'b', activityId: 'urn:b', pages: ['welcome', 'results'] })).toBe(false)
  })
})

/** A package side made of course data alone (no files, the same descriptor on both sides). */
const sideOf = (data: CourseData): PackageSide => ({
  path: 'x',
  source: 'zip',
  descriptor: { kind: data.target, file: 'imsmanifest.xml', identifiers: [{ element: 'manifest', value: data.id }], launch: 'index.html' },
  data,
  pageTexts: new Map(),
  files: new Map()
})

/** One kind of change to course data, and what the diff must say of it. */
interface Mutation {
  name: string
  /** Change the data in place; false when it does not apply to this course. */
  apply(data: CourseData): boolean
  verdict: 'safe' | 'care'
  /** A change or reason kind the diff reports for it. */
  expect: ChangeKind | ReasonKind
  /** Reported only while the first quiz keeps its record (a reset quiz lists what reset it). */
  whenKept?: boolean
}

const firstQuiz = (data: CourseData) => data.modules.find((m) => m.quiz)?.quiz
const banked = (data: CourseData) => new Set(firstQuiz(data)?.banks.flatMap((b) => b.questions) ?? [])
const firstChoice = (data: CourseData) => firstQuiz(data)?.questions.find((q): q is ChoiceData => q.type === 'single')
/** The lesson pages of a course (not one a mutation added). */
const lessonPages = (data: CourseData) => data.pages.filter((id, i) => (data.kinds[i] === 'lesson' || data.kinds[i] === 'risks') && !id.endsWith('--added'))

function removePage(data: CourseData, id: string): void {
  const i = data.pages.indexOf(id)
  data.pages.splice(i, 1)
  data.titles.splice(i, 1)
  data.kinds.splice(i, 1)
  for (const module of data.modules) module.pages = module.pages.filter((p) => p !== id)
}

const mutations: Mutation[] = [
  {
    name: 'reword a prompt',
    verdict: 'safe',
    expect: 'question-text',
    whenKept: true,
    apply: (d) => {
      const question = firstQuiz(d)?.questions[0]
      if (!question) return false
      question.text += ' (reworded)'
      return true
    }
  },
  {
    name: 'retitle a page',
    verdict: 'safe',
    expect: 'page-title',
    apply: (d) => {
      d.titles[1] = `${d.titles[1] ?? ''} (new)`
      return true
    }
  },
  {
    name: 'reveal always',
    verdict: 'safe',
    expect: 'policy',
    whenKept: true,
    apply: (d) => {
      const quiz = firstQuiz(d)!
      quiz.policy = { ...quiz.policy, reveal: quiz.policy.reveal === 'always' ? 'never' : 'always' }
      return true
    }
  },
  {
    name: 'add a page',
    verdict: 'care',
    expect: 'page-added',
    apply: (d) => {
      const module = d.modules[0]!
      const at = d.pages.indexOf(module.pages[0]!) + 1
      d.pages.splice(at, 0, `m-${module.id}--added`)
      d.titles.splice(at, 0, 'Added')
      d.kinds.splice(at, 0, 'lesson')
      module.pages.splice(1, 0, `m-${module.id}--added`)
      return true
    }
  },
  {
    name: 'remove a page',
    verdict: 'care',
    expect: 'page-removed',
    apply: (d) => {
      const page = lessonPages(d).at(-1)
      if (!page) return false
      removePage(d, page)
      return true
    }
  },
  {
    name: 'move a page',
    verdict: 'care',
    expect: 'page-moved',
    apply: (d) => {
      const [a, b] = lessonPages(d)
      if (!a || !b) return false
      const i = d.pages.indexOf(a)
      const j = d.pages.indexOf(b)
      for (const list of [d.pages, d.titles, d.kinds]) [list[i], list[j]] = [list[j]!, list[i]!]
      return true
    }
  },
  {
    name: 'change a correct option',
    verdict: 'care',
    expect: 'question-key',
    apply: (d) => {
      const q = firstChoice(d)
      if (!q) return false
      q.correct = [q.options.find((o) => !q.correct.includes(o))!]
      return true
    }
  },
  {
    name: 'add an option',
    verdict: 'care',
    expect: 'question-shape',
    apply: (d) => {
      const q = firstChoice(d)
      if (!q || q.options.length >= 20) return false
      q.options = [...q.options, String.fromCharCode(97 + q.options.length)]
      q.labels = [...q.labels, 'Another option']
      return true
    }
  },
  {
    name: 'change points',
    verdict: 'care',
    expect: 'question-points',
    apply: (d) => {
      const quiz = firstQuiz(d)!
      const i = quiz.questions.findIndex((q, index) => coreOf(q).scored && !banked(d).has(index))
      if (i === -1) return false
      quiz.questions[i] = { ...quiz.questions[i]!, points: quiz.questions[i]!.points + 1 }
      return true
    }
  },
  {
    name: 'change attempts',
    verdict: 'care',
    expect: 'policy',
    apply: (d) => {
      const quiz = firstQuiz(d)!
      quiz.policy = { ...quiz.policy, attempts: quiz.policy.attempts === 0 ? 3 : quiz.policy.attempts + 1 }
      return true
    }
  },
  {
    name: 'add a question',
    verdict: 'care',
    expect: 'question-added',
    apply: (d) => {
      firstQuiz(d)!.questions.push({ id: 'added-question', type: 'single', text: 'New?', points: 1, options: ['a', 'b'], labels: ['Yes', 'No'], correct: ['a'] })
      return true
    }
  },
  {
    name: 'move a question',
    verdict: 'care',
    expect: 'question-moved',
    apply: (d) => {
      const quiz = firstQuiz(d)!
      const fixed = quiz.questions.map((_, i) => i).filter((i) => !banked(d).has(i))
      const [i, j] = fixed
      if (i === undefined || j === undefined) return false
      ;[quiz.questions[i], quiz.questions[j]] = [quiz.questions[j]!, quiz.questions[i]!]
      return true
    }
  },
  {
    name: 'remove a quiz',
    verdict: 'care',
    expect: 'quiz-removed',
    apply: (d) => {
      const module = [...d.modules].reverse().find((m) => m.quiz)
      if (!module || module === d.modules.find((m) => m.quiz)) return false
      removePage(d, module.quiz!.page)
      module.quiz = undefined
      return true
    }
  },
  {
    name: 'change a bank’s draw',
    verdict: 'care',
    expect: 'bank-draw',
    apply: (d) => {
      const bank = d.modules.flatMap((m) => m.quiz?.banks ?? [])[0]
      if (!bank) return false
      bank.draw = bank.draw > 1 ? bank.draw - 1 : bank.draw + 1
      return true
    }
  }
]

describe('the reasons agree with the runtime’s mapping of the learner state', () => {
  const bases: Array<[string, CourseData]> = []
  beforeAll(async () => {
    for (const dir of [path.join(fixtures, 'minimal'), sampleCourse]) {
      const result = await checkCourse(dir, repoRoot)
      bases.push([path.basename(dir), toCourseData(result.course, 'scorm12', {})])
    }
  })

  test('for any set of changes: the verdict, a reason for each change, and what the longest old state keeps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.shuffledSubarray(mutations), (which, chosen) => {
        const [name, base] = bases[which]!
        const after = structuredClone(base)
        const applied = chosen.filter((m) => m.apply(after))
        const result = diffPackages(sideOf(base), sideOf(after))
        const context = `${name}: ${applied.map((m) => m.name).join(', ')}`
        expect(result.verdict, context).toBe(applied.some((m) => m.verdict === 'care') ? 'care' : 'safe')
        const reported = new Set([...result.changes.map((c) => c.kind), ...result.changes.flatMap((c) => c.reasons.map((r) => r.kind))])
        const firstReset = result.changes.some((c) => c.kind === 'quiz-reset' && c.module === base.modules.find((m) => m.quiz)?.id)
        for (const m of applied) if (!(m.whenKept && firstReset)) expect(reported.has(m.expect), `${context}: ${m.name} → ${m.expect}`).toBe(true)

        // The longest state of the old version, mapped by the runtime onto the new one.
        const quiz = base.modules[0]?.quiz
        const first = quiz ? quiz.questions.map((q) => [...coreOf(q).example(q, true)]) : []
        const state = longestState(base, first)
        // longestState asks every question; a bank's attempt asks its draw.
        base.modules.forEach((module, i) => {
          const quiz = module.quiz
          if (!quiz || quiz.banks.length === 0) return
          const asked = drawAttempt(quiz, 0, quiz.questions.map(() => false))
          const answers = quiz.questions.map((q, n) => (asked.includes(n) ? [...coreOf(q).example(q, true)] : []))
          state.quizzes[i] = { used: 2, last: { n: 2, asked, answers }, best: { n: 1, asked, answers }, seen: quiz.questions.map((_, n) => asked.includes(n)) }
        })
        const mapped = decodeState(after, encodeState(base, state))
        expect(mapped, context).toBeDefined()
        const reset = result.changes.filter((c) => c.kind === 'quiz-reset').map((c) => c.module)
        expect(result.learners.quizzesReset, context).toEqual(reset)
        after.modules.forEach((module, i) => {
          const had = base.modules.find((m) => m.id === module.id)?.quiz
          if (!module.quiz || !had) return
          expect((mapped?.quizzes[i]?.used ?? 0) > 0, `${context}: ${module.id} kept`).toBe(!reset.includes(module.id))
        })
        const removed = result.changes.filter((c) => c.kind === 'page-removed').map((c) => c.page)
        expect(removed, context).toEqual(base.pages.filter((p) => !after.pages.includes(p)))
        expect(result.learners.visitsDropped, context).toEqual(removed)
        after.pages.forEach((page, i) => expect(mapped?.visited[i], `${context}: ${page} visited`).toBe(base.pages.includes(page)))
        expect(result.learners.quizzesDropped, context).toEqual(result.changes.filter((c) => c.kind === 'quiz-removed').map((c) => c.module))
        // Safe means the state maps as it is: every visit, every record.
        if (result.verdict === 'safe') {
          expect(result.learners.exact, context).toBe(true)
          expect(mapped?.visited, context).toEqual(state.visited)
          expect(mapped?.quizzes, context).toEqual(state.quizzes)
          expect(mapped?.page, context).toBe(state.page)
        } else {
          expect(result.learners.exact, context).toBe(false)
        }
      }),
      { numRuns: 150 }
    )
  })
})

/** A zip holding a text file, a descriptor and no course data: not a package coursepack built. */
async function foreignZip(file: string): Promise<void> {
  const manifest = '<?xml version="1.0"?><manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata><organizations default="O"><organization identifier="O"><title>t</title><item identifier="I" identifierref="R"><title>t</title></item></organization></organizations><resources><resource identifier="R" type="webcontent" href="index.html"><file href="index.html"/></resource></resources></manifest>'
  const chunks: Buffer[] = []
  const archive = archiver('zip')
  archive.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise((resolve) => archive.on('end', resolve))
  archive.append(manifest, { name: 'imsmanifest.xml' })
  archive.append('<html><body>Hello</body></html>', { name: 'index.html' })
  await archive.finalize()
  await done
  writeFileSync(file, Buffer.concat(chunks))
}

describe('the CLI: exit codes 0 to 3, the text and the JSON', () => {
  let workspace: string
  beforeAll(async () => {
    const fixture = fixtureCourse()
    workspace = fixture.workspace
    await build(['course'], { cwd: workspace, out: 'v1', targets: ['scorm12'] })
    edit(fixture.course, '01-basics/quiz.md', '- [ ] Green\n- [x] Blue', '- [x] Green\n- [ ] Blue')
    edit(fixture.course, 'course.md', 'version: 1.2.0', 'version: 1.3.0')
    await foreignZip(path.join(workspace, 'foreign.zip'))
  })
  const v1 = 'v1/minimal-course-1.2.0-scorm12.zip'

  test('safe (0), care (1) and new activity (2), the verdict on the first line', async () => {
    const safe = await runCli(['diff', v1, v1], workspace)
    expect(safe.code).toBe(0)
    expect(safe.stdout.split('\n')[0]).toBe('safe to replace in place: every learner state maps as it is')
    const care = await runCli(['diff', v1, 'course'], workspace)
    expect(care.code).toBe(1)
    expect(care.stdout).toContain(`replace with care: learners in progress lose their answers to 1 quiz\n  old  ${v1}: minimal-course 1.2.0, scorm12, en\n  new  course (course folder, built for scorm12): minimal-course 1.3.0, scorm12, en\n`)
    expect(care.stdout).toContain('\nQuizzes\n  care          quiz of module `basics` (`m-basics--quiz`) is reset: ')
    expect(care.stdout).toContain(`\n                  question \`${sky}\` changed its answer key (options: 3 with correct [ x ] → 3 with correct [x  ])`)
    expect(care.stdout).toMatch(/\nLearners in progress keep the visits of 9 of 9 pages and the records of 1 of 2 quizzes \(reset: `basics`\)\.\n$/)
    const activity = await runCli(['diff', v1, 'course', '--target', 'xapi'], workspace)
    expect(activity.code).toBe(2)
    expect(activity.stdout.split('\n')[0]).toBe('publish as a new activity: the records an LMS holds would not match the new package (target)')
    expect(readFileSync(path.join(workspace, v1)).length).toBeGreaterThan(0)
  })

  test('--format json validates against schemas/diff.schema.json, with the same exit code', async () => {
    for (const [args, code] of [[[v1, v1], 0], [[v1, 'course'], 1], [[v1, 'course', '--target', 'cmi5'], 2]] as const) {
      const result = await runCli(['diff', ...args, '--format', 'json'], workspace)
      expect(result.code).toBe(code)
      const parsed = JSON.parse(result.stdout) as Record<string, unknown>
      valid(validateDiff, parsed)
      expect(parsed).toMatchObject({ version: 1, tool: { name: 'coursepack' }, command: 'diff', exitCode: code })
    }
  })

  test('usage errors exit 3 with one line: a missing file, a zip that is not ours, two courses, a bad option', async () => {
    const missing = await runCli(['diff', 'nowhere.zip', v1], workspace)
    expect(missing).toMatchObject({ code: 3, stdout: '', stderr: 'coursepack: Cannot find `nowhere.zip`, expected a package zip or a course folder\n' })
    const foreign = await runCli(['diff', 'foreign.zip', v1], workspace)
    expect(foreign.code).toBe(3)
    expect(foreign.stderr).toBe('coursepack: Unexpected `foreign.zip`, expected a package coursepack built: its launch page holds no course data (`coursepack diff` compares two versions of one of our courses)\n')
    const sample = await runCli(['diff', v1, sampleCourse], workspace)
    expect(sample.code).toBe(3)
    expect(sample.stderr).toMatch(/^coursepack: Unexpected packages of two courses, `minimal-course` /)
    expect((await runCli(['diff', v1, 'course', '--target', 'scorm3000'], workspace)).code).toBe(3)
    expect((await runCli(['diff', v1], workspace)).code).toBe(3)
    expect((await runCli(['diff', v1, 'course', '--format', 'github'], workspace)).code).toBe(3)
    // Every other command keeps its codes.
    expect((await runCli(['build', 'nowhere'], workspace)).code).toBe(2)
    expect((await runCli(['check', '--bogus'], workspace)).code).toBe(2)
  })

  test('a course folder with errors: the diagnostics report (schemas/report.schema.json), exit 3', async () => {
    const { workspace: broken } = fixtureCourse('question-without-correct-option')
    const text = await runCli(['diff', path.join(fixtures, 'minimal'), 'course'], broken)
    expect(text.code).toBe(3)
    expect(text.stderr).toContain('course/01-basics/quiz.md')
    expect(text.stderr).toContain('quiz-no-correct-option')
    expect(text.stderr).toContain('Nothing was compared: fix the problems above.')
    const json = await runCli(['diff', path.join(fixtures, 'minimal'), 'course', '--format', 'json'], broken)
    expect(json.code).toBe(3)
    const report = JSON.parse(json.stdout) as Record<string, unknown>
    valid(validateReport, report)
    expect(report).toMatchObject({ command: 'diff', courses: [path.join(fixtures, 'minimal'), 'course'], errors: 1, exitCode: 3 })
  })

  test('--help explains the default target and lists the exit codes', async () => {
    const help = await runCli(['diff', '--help'], workspace)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('the other side\'s target when that side is a zip, else\nscorm12')
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}safe to replace in place\n {2}1 {2}replace with care\n {2}2 {2}publish as a new activity\n {2}3 {2}usage error/)
  })
})

test('the schema lists exactly the change and reason kinds the code makes', () => {
  const schema = loadSchema('diff.schema.json') as { $defs: { change: { properties: { kind: { enum: string[] }; group: { enum: string[] } } }; reason: { properties: { kind: { enum: string[] } } } } }
  expect(schema.$defs.change.properties.group.enum).toEqual(Object.keys(changeKinds))
  expect(schema.$defs.change.properties.kind.enum).toEqual(Object.values(changeKinds).flat())
  expect(schema.$defs.reason.properties.kind.enum).toEqual([...reasonKinds])
})

/**
 * A package of coursepack 0.1 (test/fixtures/packages/minimal-0.1-state2-scorm12.zip: the
 * minimal course built by commit 1022141, whose runtime writes state format 2). Its state names
 * nothing, so the new package reads it only for the very same structure.
 */
describe('an old package of coursepack 0.1', () => {
  const legacy = path.join(fixtures, 'packages', 'minimal-0.1-state2-scorm12.zip')

  test('the same course rebuilt: its learners keep everything (the new runtime reads format 2 of that structure)', async () => {
    const result = (await diff(legacy, await zipOf())) as DiffComparison
    expect(result.verdict).toBe('safe')
    expect(result.learners).toMatchObject({ exact: true, visitsDropped: [], quizzesReset: [] })
  })

  test('a lesson added: the structure differs, so every learner in progress starts over, and the verdict says so', async () => {
    const result = (await diff(
      legacy,
      await zipOf((course) => writeFileSync(path.join(course, '01-basics', '09-extra.md'), '---\ntitle: Extra\n---\n\n## More\n\nOne more lesson.\n'))
    )) as DiffComparison
    expect(result.verdict).toBe('care')
    expect(result.changes.find((c) => c.kind === 'structure')?.message).toMatch(/^the old package was built by coursepack 0\.1, whose saved progress \(state format 2\) names no page or question: .* every learner in progress starts over/)
    expect(result.learners.visitsKept).toEqual([])
    expect(result.learners.quizzesKept).toEqual([])
    expect(result.learners.quizzesReset).toEqual(['basics', 'more'])
  })
})
