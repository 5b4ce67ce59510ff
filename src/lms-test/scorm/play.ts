/**
 * Plays one walk of a SCORM package: each session in a fresh page of the LMS frame, with the CMI
 * data the profile's LMS loads (the kept data of the previous session, as an LMS hands it on),
 * the course driven by the learner driver, then what the LMS holds read back.
 */
import type { BrowserContext, Page } from 'playwright-core'
import type { CourseData } from '../../shared/course-data.js'
import { lmsPage } from '../lms-page.js'
import { type CourseScope, playSession } from '../player.js'
import type { TestServer } from '../server.js'
import type { ApiCall, Profile, Recorded, SessionPlan, WalkPlan } from '../types.js'
import { callProblems, type Cmi, defaultCmi, modeProblems, readRecorded, type ScormManifest, type ScormStandard, suspendLimits } from './cmi.js'

export interface ScormContext {
  context: BrowserContext
  server: TestServer
  files: Map<string, Buffer>
  data: CourseData
  standard: ScormStandard
  profile: Profile
  manifest: ScormManifest
  /** The launch file inside the package (the first SCO's href). */
  launch: string
  suspendLimit?: number
  /** Milliseconds each learner step may take. */
  timeout: number
}

// In the LMS page (src/lms-test/lms-page.ts); this side has no DOM types, so the page is read by expression.
const callsOf = async (page: Page): Promise<ApiCall[]> => (await page.evaluate('window.lmsCalls')) as ApiCall[]
const dataOf = async (page: Page): Promise<Cmi> => (await page.evaluate('window.lmsData()')) as Cmi
/** What the profile's frame script noticed (src/lms-test/types.ts `frameScript`). */
const profileReportOf = async (page: Page): Promise<{ problems: string[]; notes: string[] }> => {
  const report = (await page.evaluate('window.lmsProfileReport || null')) as { problems?: unknown; notes?: unknown } | null
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : [])
  return { problems: strings(report?.problems), notes: strings(report?.notes) }
}

const ended = (standard: ScormStandard, calls: readonly ApiCall[]) => calls.some((c) => c.name === (standard === 'scorm12' ? 'LMSFinish' : 'Terminate'))

async function waitForEnd(page: Page, standard: ScormStandard, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    if (ended(standard, await callsOf(page))) return true
    await page.waitForTimeout(50)
  }
  return false
}

/** The learner closes the course: the frame goes (pagehide), the LMS frame stays, as when leaving for the LMS's own page. */
async function leave(page: Page, popup: Page | undefined): Promise<void> {
  if (popup) await popup.close({ runBeforeUnload: true })
  else
    await page.evaluate("document.getElementById('course').src = 'about:blank'")
}

interface SessionOutcome {
  stored: Cmi
  calls: ApiCall[]
  problems: string[]
  notes: string[]
}

async function playOne(ctx: ScormContext, session: SessionPlan, kept: Cmi | undefined): Promise<SessionOutcome> {
  const manifest = { ...ctx.manifest, standard: ctx.standard }
  const cmi = ctx.profile.scorm?.cmi?.(session, kept, manifest) ?? defaultCmi(ctx.standard, session, kept, manifest)
  const launch = ctx.profile.scorm?.launch ?? 'frame'
  const origin = launch === 'sandboxed-cross-origin-frame' ? ctx.server.otherUrl : ctx.server.url
  ctx.server.setPackage(ctx.files)
  ctx.server.setLmsPage(
    lmsPage({
      standard: ctx.standard,
      cmi,
      launchUrl: `${origin}/pkg/${ctx.launch.split('/').map(encodeURIComponent).join('/')}`,
      launch,
      ...(ctx.profile.scorm?.frameScript !== undefined ? { frameScript: ctx.profile.scorm.frameScript } : {}),
      settings: { suspendLimit: ctx.suspendLimit ?? null, mode: session.mode }
    })
  )
  const page = await ctx.context.newPage()
  page.setDefaultTimeout(ctx.timeout)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  let popup: Page | undefined
  try {
    const popupEvent = launch === 'popup' ? ctx.context.waitForEvent('page', { timeout: ctx.timeout }) : undefined
    await page.goto(`${ctx.server.url}/lms.html`)
    popup = popupEvent ? await popupEvent : undefined
    popup?.setDefaultTimeout(ctx.timeout)
    popup?.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    const course: CourseScope = popup ?? page.frameLocator('#course')
    await course.locator('body.cp-js').waitFor()
    try {
      await playSession(course, ctx.data, session)
    } catch (cause) {
      problems.push(`the learner could not go on: ${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? ''}`)
    }
    if (session.end === 'abandon') {
      // The page dies with no pagehide: the LMS keeps what it had been sent.
      const stored = await dataOf(page)
      const calls = await callsOf(page)
      const report = await profileReportOf(page)
      return { stored, calls, problems: [...problems, ...report.problems], notes: report.notes }
    }
    // After Finish the package ends the session itself; else (leave, or a Finish that did not end it) the learner closes the course.
    if (session.end !== 'finish' || !(await waitForEnd(page, ctx.standard, 2000))) {
      await leave(page, popup)
      if (!(await waitForEnd(page, ctx.standard, 5000))) problems.push(`the course did not call ${ctx.standard === 'scorm12' ? 'LMSFinish' : 'Terminate'} when it was closed`)
    }
    const stored = await dataOf(page)
    const calls = await callsOf(page)
    const report = await profileReportOf(page)
    return { stored, calls, problems: [...problems, ...report.problems], notes: report.notes }
  } finally {
    await popup?.close().catch(() => undefined)
    await page.close().catch(() => undefined)
  }
}

/** Play every session of the walk and return what the LMS holds at the end. */
export async function playScormWalk(ctx: ScormContext, walk: WalkPlan): Promise<Recorded> {
  const calls: ApiCall[] = []
  const problems: string[] = []
  const notes: string[] = []
  const interactions = new Map<string, Recorded['interactions'][number]>()
  let kept: Cmi | undefined
  let last: Cmi = {}
  for (const [index, session] of walk.sessions.entries()) {
    const outcome = await playOne(ctx, session, kept)
    const label = walk.sessions.length > 1 ? `session ${index + 1} (${session.mode}): ` : ''
    calls.push(...outcome.calls)
    problems.push(...[...outcome.problems, ...callProblems(outcome.calls), ...modeProblems(ctx.standard, session.mode, outcome.calls)].map((p) => label + p))
    notes.push(...outcome.notes.map((n) => label + n))
    const held = ctx.profile.scorm?.held?.(index > 0 ? last : undefined, outcome.stored, outcome.calls) ?? outcome.stored
    const stored = ctx.profile.scorm?.onFinish?.(held, ctx.manifest) ?? held
    for (const interaction of readRecorded(ctx.standard, stored, 0).interactions) interactions.set(interaction.id, interaction)
    last = stored
    kept = (ctx.profile.scorm?.keepsData?.(stored) ?? true) ? stored : undefined
  }
  const recorded = readRecorded(ctx.standard, last, ctx.suspendLimit ?? suspendLimits[ctx.standard])
  return { ...recorded, interactions: [...interactions.values()], calls, problems, ...(notes.length > 0 ? { notes } : {}) }
}
