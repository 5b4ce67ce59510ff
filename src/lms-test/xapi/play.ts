/**
 * Play one walk of an xAPI or cmi5 package in Chromium against an LRS (the embedded one or the
 * user's): each session is launched as an LMS launches it, played by the shared driver
 * (../player.ts), and ended as the walk says: Finish; leave (the tab goes back to the LMS, or the
 * page closes: `pagehide`); or abandon (the renderer dies: no `pagehide`, and for cmi5 the LMS
 * records `abandoned`, §9.3.6). The next session is launched in the same tab or a new one.
 */
import type { BrowserContext, Page } from 'playwright-core'
import type { TestLrs } from '../lrs/index.js'
import { playSession } from '../player.js'
import type { Profile, Recorded, SessionPlan, WalkPlan } from '../types.js'
import { type Learner, launchSession, newLearner } from './launch.js'
import type { XapiPackage } from './package.js'
import { recordedOf, verbOf } from './record.js'

const sessionExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid'

/** `promise`, or an error naming the step once `ms` have passed: a walk stops with a reason, it never hangs. */
async function within<T>(ms: number, step: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: no answer within ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

async function poll(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > until) return false
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
}

/** The runtime's queue for this learner is empty (src/runtime/lrs-queue.ts keeps it in localStorage under a key naming the registration). */
async function drained(page: Page, registration: string): Promise<boolean> {
  return poll(
    () =>
      within(
        5_000,
        'reading the queue',
        page.evaluate((reg) => {
          const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } & Record<string, unknown> }).localStorage
          return Object.keys(storage).every((key) => !(key.startsWith('coursepack:') && key.includes(reg) && (storage.getItem(key) ?? '[]') !== '[]'))
        }, registration)
      ).catch(() => true),
    15_000
  )
}

/** How many `terminated` the LRS holds for this learner (of one cmi5 session, when given). */
async function terminatedCount(lrs: TestLrs, learner: Learner, sessionId: string | undefined): Promise<number> {
  const statements = await lrs.statements(learner.registration)
  return statements.filter((s) => verbOf(s) === 'terminated' && (sessionId === undefined || s.context?.extensions?.[sessionExtension] === sessionId)).length
}

/** End the page's life without `pagehide`: the renderer crashes (Chrome DevTools Protocol `Page.crash`). */
async function crash(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()))
  // The command never answers: the renderer it would answer from is gone.
  void cdp.send('Page.crash').catch(() => undefined)
  await Promise.race([crashed, new Promise((resolve) => setTimeout(resolve, 5000))])
  await page.close().catch(() => undefined)
}

export async function playXapiWalk(context: BrowserContext, pkg: XapiPackage, plan: WalkPlan, profile: Profile, lrs: TestLrs): Promise<Recorded> {
  const learner = newLearner()
  const pageProblems: string[] = []
  let page: Page | undefined
  const openPage = async (): Promise<Page> => {
    const next = await context.newPage()
    next.setDefaultTimeout(20_000)
    next.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`))
    return next
  }
  try {
    let previous: SessionPlan | undefined
    for (const session of plan.sessions) {
      const n = plan.sessions.indexOf(session) + 1
      const { url, sessionId } = await within(30_000, `session ${n}: the launch`, launchSession(lrs, pkg, learner, session))
      if (!page || previous?.relaunch !== 'same-page') {
        await within(10_000, `session ${n}: closing the last page`, page?.close().catch(() => undefined) ?? Promise.resolve())
        page = await within(30_000, `session ${n}: a new page`, openPage())
      }
      const current: Page = page
      await within(30_000, `session ${n}: loading the course`, current.goto(url).then(() => current.locator('body.cp-js').waitFor()))
      const before = await within(30_000, `session ${n}: reading the statements`, terminatedCount(lrs, learner, sessionId))
      // cmi5: Finish goes to the LMS's returnURL, so the player's own confirmation is not waited for.
      await within(120_000, `session ${n}: playing it`, playSession(current, pkg.data, session, { confirmation: pkg.standard !== 'cmi5' }))
      if (session.end === 'finish' && pkg.standard === 'cmi5') {
        // Finish hands the learner back to the LMS's returnURL (cmi5 §8.2) once the queue is sent.
        // The LMS's next step (closing the tab, or the next launch in it) waits for that: a page
        // closed or navigated while it leaves can hang in Chromium.
        await within(30_000, `session ${n}: back to the LMS's returnURL after Finish`, current.waitForURL((at) => at.href.startsWith(lrs.returnUrl), { timeout: 25_000 }))
      }
      if (session.end === 'abandon') {
        await drained(page, learner.registration)
        await within(30_000, `session ${n}: the page dying`, crash(page))
        page = undefined
        if (sessionId !== undefined) await lrs.abandon(sessionId)
      } else {
        if (session.end === 'leave') {
          await drained(page, learner.registration)
          // Back to the LMS in the same tab, or the tab closed: either way `pagehide`.
          if (session.relaunch === 'same-page') await within(30_000, `session ${n}: back to the LMS`, page.goto(lrs.returnUrl))
          else {
            await within(30_000, `session ${n}: closing the page`, page.close({ runBeforeUnload: true }))
            page = undefined
          }
        }
        // The session's `terminated` is stored before the LMS makes the next launch.
        await within(30_000, `session ${n}: waiting for terminated`, poll(async () => (await terminatedCount(lrs, learner, sessionId)) > before, 15_000))
      }
      previous = session
    }
  } finally {
    await within(10_000, 'closing the last page', page?.close().catch(() => undefined) ?? Promise.resolve()).catch(() => undefined)
  }
  return recordedOf(lrs, profile, learner, pkg.activityId, pageProblems)
}
