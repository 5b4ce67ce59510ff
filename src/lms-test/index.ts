/**
 * `coursepack test`: plays each package the way an LMS would, in headless Chromium, and compares
 * what the LMS (or LRS) records with what each walk expects. Our packages get the walks made from
 * their own course data; any package gets `check`'s findings and the profiles' inspections.
 */
import path from 'node:path'
import { checkPackage } from '../check/package.js'
import type { CourseData } from '../shared/course-data.js'
import { findChromium, loadPlaywright, type RunningBrowser, startBrowser } from './browser.js'
import { compare } from './compare.js'
import { courseDataOf, launchFile, manifestScores } from './course.js'
import { selectProfiles } from './profiles/index.js'
import { writeHtmlReport } from './report/html.js'
import { playScormWalk } from './scorm/play.js'
import { startTestServer, type TestServer } from './server.js'
import type { Finding, PackageResult, Profile, Recorded, Standard, TestOptions, TestRun, Walk, WalkPlan, WalkResult } from './types.js'
import { readPackageFiles } from './unzip.js'
import { xapiSide, type XapiSide } from './xapi/index.js'
import { selectWalks, walksFor } from './walks/index.js'

export type * from './types.js'

const emptyRecorded = (): Recorded => ({ interactions: [], objectives: [], calls: [], problems: [] })
const message = (cause: unknown): string => ((cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '').trim()

interface Shared {
  browser: RunningBrowser
  server: TestServer
  options: TestOptions
  cwd: string
  xapi: XapiSide
}

async function runWalks(shared: Shared, zip: string, standard: Standard, files: Map<string, Buffer>, data: CourseData, launch: string, profiles: Profile[], walks: Walk[]): Promise<WalkResult[]> {
  const results: WalkResult[] = []
  const manifest = standard === 'scorm12' || standard === 'scorm2004' ? manifestScores(files.get('imsmanifest.xml')?.toString('utf8') ?? '') : {}
  for (const profile of profiles.filter((p) => p.standards.includes(standard))) {
    for (const walk of walksFor(walks, standard)) {
      const plan = walk.plan(data)
      if (!plan) continue
      const expected = profile.expect?.(plan.expected, plan) ?? plan.expected
      const missing = plan.sessions.find((s) => profile.modes !== undefined && !profile.modes.includes(s.mode))
      if (missing) {
        const notRun = `${profile.name} cannot launch a course in ${missing.mode} mode`
        results.push({ profile: profile.name, walk: walk.name, expected, recorded: emptyRecorded(), pass: false, reasons: [], notRun })
        continue
      }
      shared.options.onProgress?.(`${zip}: ${profile.name} · ${walk.name}`)
      try {
        const recorded =
          standard === 'scorm12' || standard === 'scorm2004'
            ? await playScormWalk(
                {
                  context: shared.browser.context,
                  server: shared.server,
                  files,
                  data,
                  standard,
                  profile,
                  manifest,
                  launch,
                  timeout: 15_000,
                  ...(shared.options.suspendLimit !== undefined ? { suspendLimit: shared.options.suspendLimit } : {})
                },
                plan
              )
            : await playXapi(shared, files, data, plan, profile)
        const reasons = compare(expected, recorded)
        results.push({ profile: profile.name, walk: walk.name, expected, recorded, pass: reasons.length === 0, reasons })
      } catch (cause) {
        results.push({ profile: profile.name, walk: walk.name, expected, recorded: emptyRecorded(), pass: false, reasons: [`the walk stopped: ${message(cause)}`] })
      }
    }
  }
  return results
}

/** xAPI and cmi5: the package served by the same loopback server, played against the LRS. */
function playXapi(shared: Shared, files: Map<string, Buffer>, data: CourseData, plan: WalkPlan, profile: Profile): Promise<Recorded> {
  shared.server.setPackage(files)
  return shared.xapi.play(shared.browser.context, files, data, shared.server.url, plan, profile)
}

async function testOne(shared: Shared, zip: string, profiles: Profile[], walks: Walk[]): Promise<PackageResult> {
  const report = await checkPackage(zip, { cwd: shared.cwd })
  const findings: Finding[] = report.findings.map(({ severity, ruleId, message: text, file, line }) => ({ severity, ruleId, message: text, ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}) }))
  const standard = report.kind
  const result: PackageResult = { path: zip, standard, ours: report.ours, results: [], findings }
  if (standard === 'unknown') return result
  let files: Map<string, Buffer>
  try {
    files = await readPackageFiles(path.resolve(shared.cwd, zip))
  } catch (cause) {
    findings.push({ severity: 'error', ruleId: 'test-not-played', message: `Cannot unpack the package to play it: ${message(cause)}` })
    return result
  }
  for (const profile of profiles.filter((p) => p.standards.includes(standard))) {
    for (const finding of profile.inspect?.([...files.keys()], (entry) => files.get(entry)?.toString('utf8')) ?? []) {
      if (!findings.some((f) => f.ruleId === finding.ruleId && f.file === finding.file)) findings.push({ ...finding, message: `${profile.name}: ${finding.message}` })
    }
  }
  const launch = report.launch ?? ''
  const data = report.ours ? courseDataOf(files.get(launchFile(launch))?.toString('utf8') ?? '') : undefined
  if (!report.ours) {
    findings.push({ severity: 'info', ruleId: 'test-not-ours', message: 'Not made by coursepack: only the checks that need no knowledge of the course were run, no walks' })
    return result
  }
  if (!data) {
    findings.push({ severity: 'error', ruleId: 'test-not-played', message: 'Cannot read the course data of the launch page, expected the runtime data of a coursepack package: no walks' })
    return result
  }
  result.course = { id: data.id, title: data.title, version: data.version, passingScore: data.passingScore, passRule: data.passRule }
  result.results = await runWalks(shared, zip, standard, files, data, launch, profiles, walks)
  return result
}

/** Test package zips as LMSs would play them. Throws UsageError for a missing playwright-core or Chromium, or an unknown walk or profile. */
export async function testPackages(zips: readonly string[], options: TestOptions = {}): Promise<TestRun> {
  const cwd = options.cwd ?? process.cwd()
  const env = options.env ?? process.env
  const profiles = selectProfiles(options.lms)
  const walks = selectWalks(options.walks)
  const playwright = loadPlaywright(env, cwd)
  const chromium = findChromium(options.chromium, env)
  const xapi = xapiSide({ lrs: options.lrs, lrsAuth: options.lrsAuth })
  const server = await startTestServer()
  let browser: RunningBrowser | undefined
  try {
    browser = await startBrowser(playwright, chromium)
    const shared: Shared = { browser, server, options, cwd, xapi }
    const packages: PackageResult[] = []
    for (const zip of zips) packages.push(await testOne(shared, zip, profiles, walks))
    if (options.report !== undefined) await writeHtmlReport(path.resolve(cwd, options.report), packages)
    const failed = packages.some((p) => p.findings.some((f) => f.severity === 'error') || p.results.some((r) => !r.pass && r.notRun === undefined))
    return { packages, exitCode: failed ? 1 : 0 }
  } finally {
    await browser?.close()
    await xapi.close()
    await server.close()
  }
}
