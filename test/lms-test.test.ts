/**
 * `coursepack test` on the sample course's SCORM 1.2 and SCORM 2004 packages under the default
 * (generic) LMS, every walk, asserting what scorm-again recorded; the real bin with JUnit and the
 * HTML sheet; the walks' planning with weighted questions; and the one-line usage errors.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import archiver from 'archiver'
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findChromium } from '../src/lms-test/browser.js'
import { choose } from '../src/lms-test/choose.js'
import { testPackages, type PackageResult, type WalkResult } from '../src/lms-test/index.js'
import { htmlReport } from '../src/lms-test/report/html.js'
import { junitReport } from '../src/lms-test/report/junit.js'
import { allWalks } from '../src/lms-test/walks/index.js'
import { answersAt } from '../src/lms-test/walks/plan.js'
import { build } from '../src/pipeline.js'
import { type CourseData, defaultPolicy, type QuestionData } from '../src/shared/course-data.js'
import { sampleVariant } from './course-fixtures.js'
import { cleanup, readZip, runCli, sampleCourse, tempDir } from './helpers.js'

let work: string
const zips: Record<'scorm12' | 'scorm2004' | 'xapi' | 'cmi5', string> = { scorm12: '', scorm2004: '', xapi: '', cmi5: '' }

beforeAll(async () => {
  work = tempDir('coursepack-lms-test-')
  const result = await build([sampleCourse], { out: work, targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'] })
  if (result.exitCode !== 0) throw new Error('build failed')
  for (const p of result.packages) zips[p.target] = path.resolve(p.path)
}, 120_000)

afterAll(cleanup)

const question = (points: number): QuestionData => ({ id: `q${points}`, text: 'Q', type: 'single', points, options: ['a', 'b'], labels: ['A', 'B'], correct: ['a'] })

function course(passRule: CourseData['passRule'], passingScore: number, quizzes: number[][]): CourseData {
  return {
    v: 1,
    stateFormat: 3,
    id: 'c',
    version: '1',
    title: 'C',
    language: 'en',
    target: 'scorm12',
    passingScore,
    passRule,
    completion: 'quizzes',
    navigation: 'free',
    media: [],
    contentHash: '',
    pages: [],
    titles: [],
    kinds: [],
    activityId: 'https://example.com/c',
    modules: quizzes.map((points, i) => ({ id: `m${i}`, title: `M${i}`, pages: [], quiz: { page: `m${i}-quiz`, title: 'Quiz', questions: points.map((p, q) => ({ ...question(p), id: `m${i}-q${q}` })), policy: defaultPolicy, banks: [] } })),
    strings: {}
  }
}

describe('walk planning', () => {
  test('the pass mark is the fewest points that pass, with weights: not the first N questions', () => {
    // 6 points: 4 of 6 is 66.66 %, 5 of 6 is 83.33 %: the pass mark is 5, just below is 4.
    expect(choose([question(3), question(1), question(1), question(1)], 70, 'pass')).toMatchObject({ earned: 5, total: 6 })
    expect(choose([question(3), question(1), question(1), question(1)], 70, 'below')).toMatchObject({ earned: 4, total: 6 })
    // Exactly 70 % passes: 7 of 10.
    expect(choose([question(5), question(2), question(2), question(1)], 70, 'pass')).toMatchObject({ earned: 7 })
    expect(choose([question(5), question(2), question(2), question(1)], 70, 'below')).toMatchObject({ earned: 6 })
    // A passing score of 0 cannot be failed.
    expect(choose([question(1)], 0, 'below')).toBeUndefined()
  })

  test('overall: one pool of points over every quiz; every-module: each quiz at its own mark', () => {
    const overall = answersAt(course('overall', 70, [[10], [1, 1, 1]]), 'pass')
    // 13 points, 70 % is 9.1: 10 + 0 = 76.92 % passes with the heavy question alone.
    expect(overall?.rightQuestions).toEqual({ 0: [0], 1: [] })
    expect(overall?.expected).toEqual({ success: 'passed', completion: 'completed', scorePercent: 76.92 })
    expect(answersAt(course('overall', 70, [[10], [1, 1, 1]]), 'below')?.expected).toEqual({ success: 'failed', completion: 'completed', scorePercent: 23.07 })
    const every = answersAt(course('every-module', 50, [[1, 1], [2, 1, 1]]), 'below')
    expect(every?.expected).toEqual({ success: 'failed', completion: 'completed', scorePercent: 0 })
    expect(every?.rightQuestions[1]?.length).toBeGreaterThan(0)
    expect(answersAt(course('every-module', 50, [[1, 1], [2, 1, 1]]), 'pass')?.expected).toEqual({ success: 'passed', completion: 'completed', scorePercent: 50 })
  })

  test('sequential navigation: every quiz but the last at its own pass mark, so each module opens; below fails the last', () => {
    const sequential = (...args: Parameters<typeof course>): CourseData => ({ ...course(...args), navigation: 'sequential' })
    const ten = Array<number>(10).fill(1)
    const every = answersAt(sequential('every-module', 70, [ten, ten]), 'below')
    expect([every?.rightQuestions[0]?.length, every?.rightQuestions[1]?.length, every?.expected.success]).toEqual([7, 6, 'failed'])
    // Overall: each quiz at its own mark (2 of 3 is 66.67 %), not one pool; below: the last all wrong.
    expect(answersAt(sequential('overall', 70, [[10], [1, 1, 1]]), 'pass')?.rightQuestions).toEqual({ 0: [0], 1: [0, 1, 2] })
    const below = answersAt(sequential('overall', 70, [[1, 1, 1], [10]]), 'below')
    expect([below?.rightQuestions, below?.expected.scorePercent]).toEqual([{ 0: [0, 1, 2], 1: [] }, 23.07])
    // A last quiz too light to fail the course when the others pass: no such walk.
    expect(answersAt(sequential('overall', 70, [[10], [1]]), 'below')).toBeUndefined()
  })

  test('every walk of SCORM applies to the sample course', () => {
    expect(allWalks().filter((w) => w.standards.includes('scorm12')).map((w) => w.name)).toEqual(['all-correct', 'pass-mark', 'fail', 'resume', 'browse-then-normal', 'review-after-pass'])
  })
})

/** What the sample course (passing score 70 in every module, four quizzes of ten one-point questions) ends with, per walk. */
const outcomes: Record<string, { status: 'passed' | 'failed'; score: number }> = {
  'all-correct': { status: 'passed', score: 100 },
  'pass-mark': { status: 'passed', score: 70 },
  fail: { status: 'failed', score: 60 },
  resume: { status: 'passed', score: 100 },
  'browse-then-normal': { status: 'passed', score: 70 },
  'review-after-pass': { status: 'passed', score: 100 }
}

describe('coursepack test on the sample course, generic LMS, every walk', () => {
  let packages: PackageResult[]
  let exitCode: number
  beforeAll(async () => {
    ;({ packages, exitCode } = await testPackages([zips.scorm12, zips.scorm2004], { cwd: work }))
  }, 600_000)

  const walk = (standard: number, name: string): WalkResult => {
    const result = packages[standard]?.results.find((r) => r.walk === name)
    if (!result) throw new Error(`no ${name}`)
    return result
  }

  test('both packages are ours, checked clean, every walk played', () => {
    expect(packages.map((p) => [p.standard, p.ours, p.findings.filter((f) => f.severity !== 'info')])).toEqual([
      ['scorm12', true, []],
      ['scorm2004', true, []]
    ])
    for (const p of packages) expect(p.results.map((r) => [r.profile, r.walk])).toEqual(Object.keys(outcomes).map((name) => ['generic', name]))
  })

  test.each(Object.entries(outcomes))('SCORM 1.2 %s: lesson_status and score as the pass rule says', (name, outcome) => {
    const { recorded, expected } = walk(0, name)
    expect(expected).toEqual({ success: outcome.status, completion: 'completed', scorePercent: outcome.score })
    expect(recorded.lessonStatus).toBe(outcome.status)
    expect(recorded.score).toEqual({ raw: outcome.score, min: 0, max: 100 })
    expect(recorded.objectives.map((o) => o.id)).toHaveLength(4)
    expect(recorded.suspendData?.limit).toBe(4096)
    expect(recorded.suspendData?.length).toBeLessThanOrEqual(4096)
    expect(recorded.sessionTime).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/)
    expect(recorded.calls.filter((c) => c.error !== '0')).toEqual([])
  })

  test.each(Object.entries(outcomes))('SCORM 2004 %s: success, completion and score as the pass rule says', (name, outcome) => {
    const { recorded } = walk(1, name)
    expect([recorded.success, recorded.completion]).toEqual([outcome.status, 'completed'])
    expect(recorded.score).toMatchObject({ raw: outcome.score, scaled: outcome.score / 100 })
    expect(recorded.suspendData?.limit).toBe(64000)
    // 403 answers a GetValue of an element no session wrote yet (RTE 3.1.7.6): the only error allowed.
    expect(recorded.calls.filter((c) => c.error !== '0' && !(c.name === 'GetValue' && c.error === '403'))).toEqual([])
  })

  test('all correct: 41 interactions of seven types (40 scored, all correct; the likert one neutral), every objective passed at 100, exit normal after Finish', () => {
    for (const index of [0, 1]) {
      const { recorded } = walk(index, 'all-correct')
      expect(recorded.interactions).toHaveLength(41)
      expect(new Set(recorded.interactions.map((i) => i.type))).toEqual(new Set(['choice', 'numeric', 'matching', 'sequencing', 'true-false', 'fill-in', 'likert']))
      expect(recorded.interactions.filter((i) => i.type !== 'likert').every((i) => i.result === 'correct')).toBe(true)
      expect(recorded.interactions.filter((i) => i.type === 'likert').map((i) => [i.id, i.result, i.pattern])).toEqual([['m4-confidence', 'neutral', undefined]])
      expect(recorded.objectives.map((o) => [o.status, o.scoreRaw])).toEqual(Array(4).fill(['passed', 100]))
      expect(recorded.exit ?? '').not.toBe('suspend')
    }
  })

  test('fail: one module just under the pass mark (6 of 10), the others at it (7 of 10)', () => {
    expect(walk(0, 'fail').recorded.objectives.map((o) => [o.status, o.scoreRaw])).toEqual([['failed', 60], ...Array(3).fill(['passed', 70])])
  })

  test('every walk passes (browse-then-normal and review-after-pass need the runtime fixes of issue 12, defects 1 and 2), exit code 0', () => {
    const failed = packages.flatMap((p) => p.results.filter((r) => !r.pass).map((r) => `${p.standard} ${r.walk}: ${r.reasons.join('; ')}`))
    expect(failed).toEqual([])
    expect(exitCode).toBe(0)
  })
})

describe('coursepack test on the sample course under navigation: sequential and completion: pages, every walk', () => {
  let packages: PackageResult[]
  beforeAll(async () => {
    const result = await build([sampleVariant({ navigation: 'sequential', completion: 'pages' })], { out: tempDir(), targets: ['scorm12', 'scorm2004'] })
    if (result.exitCode !== 0) throw new Error('build failed')
    ;({ packages } = await testPackages(result.packages.map((p) => path.resolve(p.path)), { cwd: work }))
  }, 600_000)

  test('every walk passes: modules taken in turn, every page viewed where the rule counts them; fail fails the last module', () => {
    const failed = packages.flatMap((p) => p.results.filter((r) => !r.pass).map((r) => `${p.standard} ${r.walk}: ${r.reasons.join('; ')}`))
    expect(failed).toEqual([])
    expect(packages.map((p) => p.results.length)).toEqual([Object.keys(outcomes).length, Object.keys(outcomes).length])
    const fail = packages[0]?.results.find((r) => r.walk === 'fail')
    expect(fail?.recorded.objectives.map((o) => [o.status, o.scoreRaw])).toEqual([...Array(3).fill(['passed', 70]), ['failed', 60]])
    expect(packages[0]?.results.map((r) => r.recorded.lessonStatus)).toEqual(Object.values(outcomes).map((o) => o.status))
  })
})

describe('coursepack test through the real bin', () => {
  test('--format junit and --report: well-formed JUnit XML on stdout, the sheet written', async () => {
    const sheet = path.join(work, 'reports', 'compat.html')
    const result = await runCli(['test', zips.scorm12, '--walk', 'all-correct,fail', '--format', 'junit', '--report', sheet], work)
    expect(result.stderr).toBe('')
    expect(XMLValidator.validate(result.stdout)).toBe(true)
    expect(result.stdout).toMatch(/<testsuite name="[^"]+scorm12\.zip" tests="3" failures="0" errors="0" skipped="0">/)
    expect([...result.stdout.matchAll(/<testcase /g)]).toHaveLength(3)
    expect(result.stdout).toContain('name="generic · all-correct"')
    expect(result.code).toBe(0)
    expect(existsSync(sheet)).toBe(true)
    const html = readFileSync(sheet, 'utf8')
    expect(html).toContain('<h1>LMS compatibility sheet</h1>')
    expect(html).toContain('Child Online Protection for ICT Industry')
    expect(html.match(/<tr>\n<td>generic<\/td>/g)).toHaveLength(2)
  }, 300_000)

  test('--format json: the results per package under version and tool; an unknown walk or profile is a usage error', async () => {
    const json = await runCli(['test', zips.scorm2004, '--walk', 'pass-mark', '--format', 'json'], work)
    const report = JSON.parse(json.stdout) as { version: number; tool: { name: string }; command: string; packages: PackageResult[]; exitCode: number }
    expect(report).toMatchObject({ version: 1, tool: { name: 'coursepack' }, command: 'test', exitCode: 0 })
    expect(report.packages[0]?.results.map((r) => [r.walk, r.recorded.success, r.recorded.score?.raw, r.pass])).toEqual([['pass-mark', 'passed', 70, true]])
    expect(json.code).toBe(0)
    const walk = await runCli(['test', zips.scorm12, '--walk', 'all-wrong'], work)
    expect([walk.code, walk.stderr]).toEqual([2, expect.stringMatching(/^coursepack: Unexpected walk `all-wrong`, expected `all-correct`, .* or `all`\n$/)])
    const lms = await runCli(['test', zips.scorm12, '--lms', 'blackboard'], work)
    expect([lms.code, lms.stderr]).toEqual([2, expect.stringMatching(/^coursepack: Unexpected LMS profile `blackboard`, expected one of `generic`, .*\n$/)])
  }, 300_000)

  test('xAPI and cmi5 from the built tool: the embedded LRS validates and stores every statement (its validator is bundled)', async () => {
    const json = await runCli(['test', zips.xapi, zips.cmi5, '--walk', 'all-correct', '--format', 'json'], work)
    const report = JSON.parse(json.stdout) as { packages: PackageResult[]; exitCode: number }
    expect(report.packages.map((p) => p.results.map((r) => [p.standard, r.walk, r.recorded.success, r.recorded.score?.raw, r.recorded.problems, r.pass]))).toEqual([
      [['xapi', 'all-correct', 'passed', 100, [], true]],
      [['cmi5', 'all-correct', 'passed', 100, [], true]]
    ])
    expect(report.packages.every((p) => (p.results[0]?.recorded.statements?.length ?? 0) > 40)).toBe(true)
    expect(json.code).toBe(0)
  }, 300_000)

  test('a package not made by coursepack gets the package checks only, and says so', async () => {
    const files = await readZip(zips.scorm12)
    const foreign = path.join(work, 'foreign.zip')
    await new Promise<void>((resolve, reject) => {
      const archive = archiver('zip')
      const chunks: Buffer[] = []
      archive.on('data', (c: Buffer) => chunks.push(c))
      archive.on('error', reject)
      archive.on('end', () => {
        writeFileSync(foreign, Buffer.concat(chunks))
        resolve()
      })
      for (const [name, data] of files) archive.append(name === 'index.html' ? Buffer.from(data.toString('utf8').replace('id="cp-data"', 'id="their-data"')) : data, { name })
      void archive.finalize()
    })
    const result = await runCli(['test', foreign], work)
    expect(result.stdout).toContain('not made by coursepack: only the checks that need no knowledge of the course were run, no walks')
    expect(result.stdout).toContain('test-not-ours')
    expect(result.code).toBe(0)
  }, 120_000)
})

describe('missing playwright-core or Chromium: one line, exit 2', () => {
  test('playwright-core absent (COURSEPACK_TEST_NO_PLAYWRIGHT=1 pretends so, for this test)', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      void import('node:child_process').then(({ execFile }) =>
        execFile(process.execPath, [path.resolve('bin/coursepack.js'), 'test', zips.scorm12], { cwd: work, env: { ...process.env, NO_COLOR: '1', COURSEPACK_TEST_NO_PLAYWRIGHT: '1' } }, (error, _stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stderr })
        )
      )
    })
    expect(result).toEqual({ code: 2, stderr: 'coursepack: coursepack test needs playwright-core: npm i -D playwright-core\n' })
  })

  test('--chromium /nonexistent', async () => {
    const result = await runCli(['test', zips.scorm12, '--chromium', '/nonexistent'], work)
    expect([result.code, result.stderr]).toEqual([2, 'coursepack: Cannot run Chromium at `/nonexistent`, expected an executable file: give another --chromium or CHROMIUM_PATH\n'])
  })

  test('no Chromium anywhere: how to install one', () => {
    expect(() => findChromium(undefined, { PATH: path.join(work, 'empty') }, [])).toThrow('Cannot find Chromium, expected one installed (Debian: apt-get install chromium) or its path in --chromium or CHROMIUM_PATH')
    expect(findChromium(undefined, { CHROMIUM_PATH: '/usr/bin/chromium' }, [])).toBe('/usr/bin/chromium')
  })
})

describe('reports escape what comes from the package', () => {
  const hostile: PackageResult = {
    path: 'dist/<b>.zip',
    standard: 'scorm12',
    ours: true,
    course: { id: 'x', title: '<script>alert(1)</script> & "quotes"', version: '1', passingScore: 70, passRule: 'overall' },
    findings: [{ severity: 'error', ruleId: 'file-missing', message: 'Cannot find `<img onerror=x>`', file: 'a<b>.html' }],
    results: [
      {
        profile: 'generic',
        walk: 'fail',
        expected: { success: 'failed', completion: 'completed', scorePercent: 60 },
        recorded: { location: '</td><script>x()</script>', interactions: [], objectives: [], calls: [], problems: [] },
        pass: false,
        reasons: ['score: expected 60%, recorded <none>\u0001']
      }
    ]
  }

  test('HTML sheet: no markup from the package survives', () => {
    const html = htmlReport([hostile], new Date('2026-01-02T00:00:00Z'))
    expect(html).not.toMatch(/<script|<img|<b>|<\/td><script/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;')
    expect(html).toContain('on 2026-01-02')
  })

  test('JUnit: well-formed, control characters dropped, a failure per failed walk and for error findings', () => {
    const xml = junitReport([hostile])
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).not.toContain('\u0001')
    expect([...xml.matchAll(/<failure /g)]).toHaveLength(2)
  })
})
