/**
 * `coursepack test` on the sample course under every LMS profile, for every target the profile
 * plays and every walk that applies, asserting what the LMS (or LRS) recorded, walk by walk.
 * The generic profile is played walk by walk in lms-test.test.ts (SCORM, with the data model in
 * detail) and lms-test-xapi.test.ts (xAPI and cmi5, against the embedded LRS and Learning
 * Locker); here are the named LMSs. One profile per test, each with its own Chromium
 * (testPackages starts and stops it); browser suites run one at a time (vitest.config.ts).
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPackages } from '../src/lms-test/index.js'
import { getProfile, profileNames } from '../src/lms-test/profiles/index.js'
import type { PackageResult, Standard, TestOptions, WalkResult } from '../src/lms-test/types.js'
import { allWalks, walksFor } from '../src/lms-test/walks/index.js'
import { build } from '../src/pipeline.js'
import { cleanup, sampleCourse, tempDir } from './helpers.js'

afterAll(cleanup)

/**
 * What each walk must leave in the LMS for the sample course (four quizzes of 10 points, 70 to
 * pass in every module): written out here, not taken from the walk's own expectation, so that
 * a wrong plan cannot pass its own test.
 */
const outcomes: Record<string, { success: 'passed' | 'failed'; score: number }> = {
  'all-correct': { success: 'passed', score: 100 },
  'pass-mark': { success: 'passed', score: 70 },
  fail: { success: 'failed', score: 60 },
  resume: { success: 'passed', score: 100 },
  'browse-then-normal': { success: 'passed', score: 70 },
  'review-after-pass': { success: 'passed', score: 100 },
  'relaunch-same-page': { success: 'passed', score: 100 },
  'relaunch-new-page': { success: 'passed', score: 100 },
  'relaunch-after-abandoned': { success: 'passed', score: 100 }
}

let dist = ''
const zip = (target: Standard) => path.join(dist, `child-online-protection-industry-1.0.0-${target}.zip`)

beforeAll(async () => {
  dist = tempDir('coursepack-lms-matrix-')
  const built = await build([sampleCourse], { cwd: dist, out: dist, targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5'] })
  expect(built.exitCode).toBe(0)
}, 120_000)

/** Play every walk of one profile on every target it plays; check the walks played are the ones that apply. */
async function playProfile(name: string, extra: Partial<TestOptions> = {}): Promise<{ packages: PackageResult[]; exitCode: number }> {
  const profile = getProfile(name)
  const run = await testPackages(profile.standards.map(zip), { lms: [name], walks: ['all'], cwd: dist, ...extra })
  expect(run.packages.map((p) => p.standard)).toEqual(profile.standards)
  for (const pkg of run.packages) {
    expect(pkg.ours).toBe(true)
    expect(pkg.results.map((r) => `${r.profile} ${r.walk}`)).toEqual(walksFor(allWalks(), pkg.standard as Standard).map((w) => `${name} ${w.name}`))
  }
  return run
}

/** The outcome the LMS recorded, in the standard's own terms, beside the one the walk must give. */
function assertOutcome(standard: string, result: WalkResult): void {
  const label = `${standard} ${result.profile} ${result.walk}`
  const outcome = outcomes[result.walk]
  if (!outcome) throw new Error(`no outcome written for ${result.walk}`)
  expect(result.notRun, label).toBeUndefined()
  expect(result.reasons, label).toEqual([])
  expect(result.pass, label).toBe(true)
  const { recorded } = result
  if (standard === 'scorm12') {
    expect(recorded.lessonStatus, label).toBe(outcome.success)
    expect(recorded.score, label).toEqual({ raw: outcome.score, min: 0, max: 100 })
  } else {
    expect([recorded.success, recorded.completion], label).toEqual([outcome.success, 'completed'])
    expect(recorded.score?.raw, label).toBe(outcome.score)
    expect(recorded.score?.scaled, label).toBe(outcome.score / 100)
  }
  expect(recorded.problems, label).toEqual([])
}

const played = (pkg: PackageResult) => pkg.results.filter((r) => r.notRun === undefined)

test('the matrix covers every profile but generic, whose walks have their own suites', () => {
  expect(profileNames.filter((n) => n !== 'generic')).toEqual(['moodle', 'successfactors', 'cornerstone', 'strict-minimal', 'docebo'])
})

describe('every walk under each LMS profile', () => {
  test('moodle: every walk on SCORM 1.2 and 2004 as Moodle records it (mastery at LMSFinish, Preview, review of a finished attempt)', async () => {
    const { packages, exitCode } = await playProfile('moodle')
    for (const pkg of packages) for (const result of pkg.results) assertOutcome(pkg.standard, result)
    // Review after a pass: the finished attempt is not overwritten.
    for (const pkg of packages) {
      const review = pkg.results.find((r) => r.walk === 'review-after-pass')
      expect(review?.recorded.interactions.length, pkg.standard).toBeGreaterThanOrEqual(40)
    }
    expect(exitCode).toBe(0)
  }, 900_000)

  test('successfactors: every walk passes through an expired session; the learner is told, and the kept state reaches the LMS at the next commit', async () => {
    const { packages, exitCode } = await playProfile('successfactors')
    for (const pkg of packages) {
      for (const result of pkg.results) {
        assertOutcome(pkg.standard, result)
        expect(result.recorded.notes?.join('\n'), `${pkg.standard} ${result.walk}`).toMatch(/session expired after the first commit/)
        expect(result.recorded.calls.filter((c) => c.byLms !== undefined).length, `${pkg.standard} ${result.walk}`).toBeGreaterThan(0)
      }
      expect(pkg.findings.filter((f) => f.ruleId === 'completed-on-exit')).toEqual([])
    }
    expect(exitCode).toBe(0)
  }, 900_000)

  test('cornerstone: every walk of all four targets; no failure carries completion: true', async () => {
    const { packages, exitCode } = await playProfile('cornerstone')
    expect(packages.map((p) => [p.standard, played(p).length])).toEqual([
      ['scorm12', 6],
      ['scorm2004', 6],
      ['xapi', 7],
      ['cmi5', 9]
    ])
    for (const pkg of packages) for (const result of pkg.results) assertOutcome(pkg.standard, result)
    const fail = packages.find((p) => p.standard === 'xapi')?.results.find((r) => r.walk === 'fail')
    expect(fail?.recorded).toMatchObject({ success: 'failed', score: { raw: 60 } })
    expect(exitCode).toBe(0)
  }, 900_000)

  test('strict-minimal: empty mode, no _count, 2-second commits and suspend data cut at 1024, in a popup; walks needing browse or review are not run', async () => {
    const { packages, exitCode } = await playProfile('strict-minimal', { suspendLimit: 1024 })
    for (const pkg of packages) {
      expect(pkg.results.filter((r) => r.notRun !== undefined).map((r) => [r.walk, r.notRun])).toEqual([
        ['browse-then-normal', 'strict-minimal cannot launch a course in browse mode'],
        ['review-after-pass', 'strict-minimal cannot launch a course in review mode']
      ])
      for (const result of played(pkg)) {
        const label = `${pkg.standard} ${result.walk}`
        assertOutcome(pkg.standard, result)
        const longest = Number(/longest task (\d+) ms/.exec(result.recorded.notes?.join('\n') ?? '')?.[1])
        expect(longest, label).toBeGreaterThanOrEqual(2000)
        expect(longest, label).toBeLessThanOrEqual(3000)
        expect(result.recorded.suspendData?.limit, label).toBe(1024)
        expect(result.recorded.suspendData?.length, label).toBeLessThanOrEqual(1024)
        expect(result.recorded.calls.some((c) => c.byLms !== undefined && /_count$/.test(c.args[0] ?? '')), label).toBe(true)
      }
    }
    expect(exitCode).toBe(0)
  }, 900_000)

  test('docebo: every walk; our packages hold no blocked file; the 2004 edition is named', async () => {
    const { packages, exitCode } = await playProfile('docebo')
    for (const pkg of packages) for (const result of pkg.results) assertOutcome(pkg.standard, result)
    expect(packages.flatMap((p) => p.findings.filter((f) => f.ruleId === 'blocked-extension'))).toEqual([])
    expect(packages[1]?.findings).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'scorm2004-edition' })])
    expect(exitCode).toBe(0)
  }, 900_000)
})
