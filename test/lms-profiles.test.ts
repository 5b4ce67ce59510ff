/**
 * The LMS profiles of `coursepack test` (src/lms-test/profiles/): each profile's hooks on their
 * own, the registry, the blocked extensions refused by `build` and `check` (Docebo), and
 * strict-minimal's sandboxed cross-origin launch in Chromium. Every walk under every profile:
 * lms-matrix.test.ts.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { blockedExtension } from '../src/model/blocked-files.js'
import { cornerstone, failedAsCompleted } from '../src/lms-test/profiles/cornerstone.js'
import { docebo } from '../src/lms-test/profiles/docebo.js'
import { heldAfter } from '../src/lms-test/profiles/held.js'
import { getProfile, profileNames, profiles, selectProfiles } from '../src/lms-test/profiles/index.js'
import { moodle, moodleFinish12 } from '../src/lms-test/profiles/moodle.js'
import { strictMinimal } from '../src/lms-test/profiles/strict-minimal.js'
import { setByContentProblems, successfactors } from '../src/lms-test/profiles/successfactors.js'
import { findChromium, loadPlaywright, startBrowser } from '../src/lms-test/browser.js'
import { courseDataOf, manifestScores } from '../src/lms-test/course.js'
import { playScormWalk } from '../src/lms-test/scorm/play.js'
import { startTestServer } from '../src/lms-test/server.js'
import type { ApiCall, Profile, SessionPlan } from '../src/lms-test/types.js'
import { readPackageFiles } from '../src/lms-test/unzip.js'
import { allCorrect } from '../src/lms-test/walks/all-correct.js'
import { UsageError } from '../src/errors.js'
import { build } from '../src/pipeline.js'
import { cleanup, fixtureCourse, readZip, runCli, sampleCourse, tempDir } from './helpers.js'
import { rawZip } from './raw-zip.js'

afterAll(cleanup)

const normal: SessionPlan = { mode: 'normal', answers: [], visitAll: false, end: 'finish' }
const set = (element: string, value: string, error = '0'): ApiCall => ({ name: 'SetValue', args: [element, value], result: error === '0' ? 'true' : 'false', error })

describe('the registry', () => {
  test('names every profile once, generic first; an unknown name is a usage error listing them', () => {
    expect(profileNames).toEqual(['generic', 'moodle', 'successfactors', 'cornerstone', 'strict-minimal', 'docebo'])
    expect(new Set(profileNames).size).toBe(profiles.length)
    expect(getProfile('moodle')).toBe(moodle)
    expect(selectProfiles(undefined).map((p) => p.name)).toEqual(['generic'])
    expect(selectProfiles(['docebo', 'moodle', 'docebo']).map((p) => p.name)).toEqual(['docebo', 'moodle'])
    expect(() => getProfile('blackboard')).toThrow(UsageError)
    expect(() => getProfile('blackboard')).toThrow(/^Unexpected LMS profile `blackboard`, expected one of `generic`, `moodle`, `successfactors`, `cornerstone`, `strict-minimal`, `docebo`$/)
  })

  test('every profile cites a source and names the standards it plays', () => {
    for (const profile of profiles) {
      expect(profile.source.length, profile.name).toBeGreaterThan(10)
      expect(profile.standards.length, profile.name).toBeGreaterThan(0)
    }
  })
})

describe('moodle', () => {
  const finished12 = (status: string, raw: string, mode = 'normal', credit = 'credit') => ({ core: { lesson_status: status, lesson_mode: mode, credit, score: { raw } } })

  test('SCORM 1.2 at LMSFinish: a status contradicting raw >= masteryscore is rewritten; not attempted becomes completed', () => {
    const status = (cmi: Record<string, unknown>) => (cmi.core as { lesson_status: string }).lesson_status
    expect(status(moodleFinish12(finished12('failed', '80'), '70'))).toBe('passed')
    expect(status(moodleFinish12(finished12('passed', '60'), '70'))).toBe('failed')
    expect(status(moodleFinish12(finished12('passed', '70'), '70'))).toBe('passed')
    // Browse mode, no credit, no mastery score or no raw score: no override.
    expect(status(moodleFinish12(finished12('passed', '60', 'browse'), '70'))).toBe('passed')
    expect(status(moodleFinish12(finished12('passed', '60', 'normal', 'no-credit'), '70'))).toBe('passed')
    expect(status(moodleFinish12(finished12('failed', '60'), undefined))).toBe('failed')
    expect(status(moodleFinish12(finished12('incomplete', ''), '70'))).toBe('incomplete')
    // The mastery score the LMS loaded counts when the manifest gives none.
    expect(status(moodleFinish12({ ...finished12('passed', '60'), student_data: { mastery_score: '70' } }, undefined))).toBe('failed')
    expect(status(moodleFinish12(finished12('not attempted', ''), '70'))).toBe('completed')
    expect(status(moodle.scorm!.onFinish!(finished12('not attempted', ''), { mastery: '70' }))).toBe('completed')
  })

  test('SCORM 2004: no mastery override; the data comes back only after exit=suspend', () => {
    const cmi = { completion_status: 'completed', success_status: 'failed', score: { raw: '90' }, exit: 'normal' }
    expect(moodle.scorm!.onFinish!(cmi, { mastery: '70' })).toBe(cmi)
    expect(moodle.scorm!.keepsData!(cmi)).toBe(false)
    expect(moodle.scorm!.keepsData!({ ...cmi, exit: 'suspend' })).toBe(true)
    expect(moodle.scorm!.keepsData!(finished12('passed', '90'))).toBe(true)
  })

  test('SCORM 2004 re-entry with a fresh data model: each element sent is stored over the attempt', () => {
    const previous = { completion_status: 'completed', success_status: 'passed', score: { raw: '100' }, suspend_data: '{"q":1}', location: 'results', exit: 'normal' }
    const fresh = { completion_status: 'unknown', success_status: 'unknown', mode: 'review', suspend_data: '', location: 'welcome' }
    const calls = [set('cmi.location', 'welcome'), set('cmi.suspend_data', ''), set('cmi.exit', 'suspend'), set('cmi.score.raw', '5', '403'), set('cmi.objectives._count', '3')]
    const held = moodle.scorm!.held!(previous, fresh, calls)
    expect(held).toEqual({ completion_status: 'completed', success_status: 'passed', score: { raw: '100' }, suspend_data: '', location: 'welcome', exit: 'suspend' })
    expect(previous.location).toBe('results')
    // After exit=suspend Moodle handed the data back, so what the runtime holds is the attempt.
    expect(moodle.scorm!.held!({ ...previous, exit: 'suspend' }, fresh, calls)).toBe(fresh)
    expect(moodle.scorm!.held!(undefined, fresh, calls)).toBe(fresh)
  })

  test('held data: nested elements and arrays as scorm-again writes them, data-model keywords ignored', () => {
    const held = heldAfter({ objectives: [{ id: 'a', success_status: 'unknown' }] }, [
      set('cmi.objectives.0.success_status', 'passed'),
      set('cmi.objectives.1.id', 'b'),
      set('cmi.__proto__.polluted', 'x'),
      { name: 'LMSSetValue', args: ['cmi.core.lesson_status', 'passed'], result: 'true', error: '0' }
    ])
    expect(held).toEqual({ objectives: { 0: { id: 'a', success_status: 'passed' }, 1: { id: 'b' } }, core: { lesson_status: 'passed' } })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('successfactors', () => {
  const manifest = (controls: string) => `<manifest><metadata><schemaversion>2004 4th Edition</schemaversion></metadata><imsss:sequencing>${controls}</imsss:sequencing></manifest>`

  test('a SCORM 2004 manifest must set completionSetByContent and objectiveSetByContent on every SCO', () => {
    expect(setByContentProblems(manifest('<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>'))).toEqual([])
    expect(setByContentProblems(manifest('<imsss:deliveryControls completionSetByContent="true"/>'))).toEqual(['objectiveSetByContent'])
    expect(setByContentProblems(manifest(''))).toEqual(['completionSetByContent', 'objectiveSetByContent'])
    const files = new Map([['imsmanifest.xml', manifest('<imsss:deliveryControls objectiveSetByContent="true"/>')]])
    const found = successfactors.inspect!([...files.keys()], (name) => files.get(name))
    expect(found).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'completed-on-exit', file: 'imsmanifest.xml' })])
    expect(found[0]!.message).toMatch(/completionSetByContent="true".*SuccessFactors marks the SCO complete when the learner exits/)
    // SCORM 1.2 has no such attributes.
    expect(successfactors.inspect!(['imsmanifest.xml'], () => '<manifest><schemaversion>1.2</schemaversion></manifest>')).toEqual([])
  })

  test("coursepack's own SCORM 2004 manifest sets both", async () => {
    const { workspace, course } = fixtureCourse()
    const result = await runCli(['build', course, '--target', 'scorm2004', '--out', 'dist'], workspace)
    expect(result.code).toBe(0)
    const files = await readZip(path.join(workspace, 'dist', 'minimal-course-1.2.0-scorm2004.zip'))
    const text = files.get('imsmanifest.xml')!.toString('utf8')
    expect(setByContentProblems(text)).toEqual([])
    expect(successfactors.inspect!([...files.keys()], (name) => files.get(name)?.toString('utf8'))).toEqual([])
  })

  test('the session expiry is a frame script that refuses writes after the first commit, then renews', () => {
    const script = successfactors.scorm!.frameScript!
    expect(script).toMatch(/\+\+commits === 1\) expired = true/)
    expect(script).toMatch(/did not say that progress could not be saved/)
    expect(successfactors.scorm!.launch).toBeUndefined()
  })
})

describe('cornerstone', () => {
  const statement = (id: string, verb: string, result?: Record<string, unknown>) => ({ id, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, ...(result ? { result } : {}) })

  test('a failure carrying completion: true is refused; completed and failed as separate statements are not', () => {
    const check = cornerstone.xapi!.checkStatements!
    expect(check([statement('1', 'completed', { completion: true }), statement('2', 'failed', { success: false })])).toEqual([])
    expect(check([statement('1', 'passed', { success: true, completion: true })])).toEqual([])
    expect(check([statement('3', 'failed', { success: false, completion: true })])).toEqual([
      'cornerstone: statement 3 (failed) reports a failure with `completion: true`: Cornerstone shows it as "completed"'
    ])
    expect(failedAsCompleted([statement('4', 'scored', { success: false, completion: true })])).toHaveLength(1)
    expect(cornerstone.standards).toContain('xapi')
  })
})

describe('strict-minimal', () => {
  test('lesson_mode / mode empty and no mastery score; popup launch; _count, slow commits and the suspend cut in the frame script', () => {
    const cmi12 = strictMinimal.scorm!.cmi!(normal, undefined, { mastery: '70', standard: 'scorm12' } as { mastery?: string })
    expect((cmi12.core as Record<string, unknown>).lesson_mode).toBe('')
    expect((cmi12.core as Record<string, unknown>).credit).toBe('credit')
    expect(cmi12.student_data).toBeUndefined()
    const cmi2004 = strictMinimal.scorm!.cmi!(normal, undefined, { mastery: '0.7', standard: 'scorm2004' } as { mastery?: string })
    expect(cmi2004.mode).toBe('')
    expect(cmi2004.scaled_passing_score).toBeUndefined()
    // The kept attempt still comes back.
    const kept = { core: { lesson_status: 'incomplete', exit: 'suspend', lesson_location: 'm1' }, suspend_data: 'x' }
    const again = strictMinimal.scorm!.cmi!(normal, kept, { standard: 'scorm12' } as { mastery?: string })
    expect(again).toMatchObject({ core: { entry: 'resume', lesson_location: 'm1', lesson_mode: '' }, suspend_data: 'x' })
    expect(strictMinimal.scorm!.launch).toBe('popup')
    const script = strictMinimal.scorm!.frameScript!
    expect(script).toMatch(/scorm12 \? '401' : '402'/)
    expect(script).toMatch(/Date\.now\(\) \+ 2000/)
    expect(script).toMatch(/\|\| 1024/)
    expect(script).toMatch(/'longtask'/)
  })
})

describe('docebo', () => {
  test('refuses entries with blocked extensions, in any folder and case; names a 4th-edition manifest', () => {
    const found = docebo.inspect!(['index.html', 'assets/run.PHP', 'assets/.htaccess', 'a/b/tool.py', 'lib/x.php.txt', 'docs/readme.sh.md', 'deploy.sh'], () => undefined)
    expect(found.map((f) => f.file)).toEqual(['assets/run.PHP', 'assets/.htaccess', 'a/b/tool.py', 'deploy.sh'])
    expect(found.every((f) => f.ruleId === 'blocked-extension' && f.severity === 'error')).toBe(true)
    const edition = docebo.inspect!(['imsmanifest.xml'], () => '<manifest><schemaversion>2004 4th Edition</schemaversion></manifest>')
    expect(edition).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'scorm2004-edition' })])
    expect(docebo.inspect!(['imsmanifest.xml'], () => '<manifest><schemaversion>1.2</schemaversion></manifest>')).toEqual([])
  })

  test("the blocked list is Docebo's", () => {
    for (const ext of ['htaccess', 'phps', 'php5', 'php4', 'ph3', 'php', 'cgi', 'sh', 'shtml', 'asp', 'aspx', 'jsp', 'py', 'rb', 'pl']) expect(blockedExtension(`x/file.${ext.toUpperCase()}`), ext).toBe(ext)
    for (const name of ['index.html', 'a.js', 'b.svg', 'php', 'notes.phpx', 'x.pdf', 'y.json']) expect(blockedExtension(name), name).toBeUndefined()
  })

  test('build refuses an asset with a blocked extension at its reference (exit 1, nothing written)', async () => {
    const { workspace, course } = fixtureCourse()
    writeFileSync(path.join(course, 'images', 'tool.php'), '<?php echo 1;')
    appendFileSync(path.join(course, '01-basics', '01-first.md'), '\nDownload [the tool](../images/tool.php).\n')
    const lines = readFileSync(path.join(course, '01-basics', '01-first.md'), 'utf8').split('\n')
    const line = lines.findIndex((l) => l.includes('tool.php')) + 1
    const result = await runCli(['build', course, '--out', 'dist', '--format', 'json'], workspace)
    expect(result.code).toBe(1)
    expect(existsSync(path.join(workspace, 'dist'))).toBe(false)
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ ruleId: string; severity: string; file: string; line: number; column: number; message: string }> }
    const found = report.diagnostics.filter((d) => d.ruleId === 'blocked-extension')
    expect(found).toEqual([expect.objectContaining({ severity: 'error', line, column: 10 })])
    expect(found[0]!.file).toMatch(/01-basics[/\\]01-first\.md$/)
    expect(found[0]!.message).toMatch(/^Unexpected reference `\.\.\/images\/tool\.php` to a `\.php` file/)
    const text = await runCli(['validate', course, '--target', 'scorm12'], workspace)
    expect(text.code).toBe(1)
    expect(text.stdout + text.stderr).toMatch(new RegExp(`01-first\\.md\\n${line}:10-.*error .*blocked-extension`))
  })

  test('check reports a zip entry with a blocked extension as an error (exit 1)', async () => {
    const { workspace, course } = fixtureCourse()
    expect((await runCli(['build', course, '--out', 'dist'], workspace)).code).toBe(0)
    const zip = path.join(workspace, 'dist', 'minimal-course-1.2.0-scorm12.zip')
    const entries = await readZip(zip)
    const hostile = path.join(workspace, 'with-php.zip')
    writeFileSync(hostile, rawZip([...[...entries].map(([name, data]) => ({ name, data })), { name: 'assets/shell.php', data: '<?php system($_GET[1]);' }, { name: 'cgi-bin/', data: '' }]))
    const result = await runCli(['check', hostile, '--format', 'json'], workspace)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ ruleId: string; severity: string; file: string; message: string }> }
    const found = report.diagnostics.filter((d) => d.ruleId === 'blocked-extension')
    expect(found).toEqual([expect.objectContaining({ severity: 'error', file: expect.stringMatching(/assets\/shell\.php$/) })])
    expect((await runCli(['check', zip], workspace)).code).toBe(0)
  })
})

// The sample course's packages played under each profile, every walk: test/lms-matrix.test.ts.

/**
 * strict-minimal's other launch: the package in a sandboxed iframe of another origin
 * (sandbox without allow-same-origin), where no LMS API can be reached (a SecurityError on
 * every parent access). The course must guard that, run without an LMS, and let the learner
 * answer every quiz; the LMS records nothing.
 */
test('strict-minimal in a sandboxed cross-origin frame: the course runs without an LMS and the LMS records nothing', async () => {
  const dir = tempDir()
  const built = await build([sampleCourse], { cwd: dir, out: dir, targets: ['scorm12'] })
  expect(built.exitCode).toBe(0)
  const files = await readPackageFiles(path.join(dir, 'child-online-protection-industry-1.0.0-scorm12.zip'))
  const data = courseDataOf(files.get('index.html')!.toString('utf8'))!
  // Without an LMS the results page has no Finish button: the learner answers everything, then closes the course.
  const all = allCorrect.plan(data)!
  const plan = { ...all, sessions: all.sessions.map((session) => ({ ...session, end: 'leave' as const })) }
  const sandboxed: Profile = { ...strictMinimal, scorm: { ...strictMinimal.scorm, launch: 'sandboxed-cross-origin-frame' } }
  const server = await startTestServer()
  const browser = await startBrowser(loadPlaywright(), findChromium(undefined))
  try {
    const recorded = await playScormWalk(
      { context: browser.context, server, files, data, standard: 'scorm12', profile: sandboxed, manifest: manifestScores(files.get('imsmanifest.xml')!.toString('utf8')), launch: 'index.html', timeout: 15_000 },
      plan
    )
    expect(recorded.calls).toEqual([])
    expect(recorded.problems.filter((p) => /page error|could not go on/.test(p))).toEqual([])
    expect(recorded.problems).toEqual(['the course did not call LMSFinish when it was closed'])
    // No call reached the LMS: it holds the status it started the attempt with.
    expect(recorded.lessonStatus).toBe('not attempted')
    expect(recorded.score?.raw).toBeUndefined()
  } finally {
    await browser.close()
    await server.close()
  }
}, 120_000)
