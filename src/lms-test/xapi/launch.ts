/**
 * One launch of an xAPI or cmi5 package, as an LMS makes it: the TinCan launch parameters
 * (`endpoint`, `auth`, `actor`, `registration`, `activity_id`, Rustici's launch document), or a
 * cmi5 session from the LRS's LMS side (cmi5 §8.1: `endpoint`, `fetch`, `actor`, `registration`,
 * `activityId`, with LMS.LaunchData written first).
 */
import { randomUUID } from 'node:crypto'
import type { Agent, TestLrs } from '../lrs/index.js'
import type { SessionPlan } from '../types.js'
import type { XapiPackage } from './package.js'

export interface Learner {
  actor: Agent
  registration: string
}

export const newLearner = (): Learner => ({
  actor: { objectType: 'Agent', name: 'Test Learner', account: { homePage: 'http://127.0.0.1', name: `learner-${randomUUID()}` } },
  registration: randomUUID()
})

const launchModes = { normal: 'Normal', browse: 'Browse', review: 'Review' } as const

/** The launch URL of one session, and its cmi5 session id. */
export async function launchSession(lrs: TestLrs, pkg: XapiPackage, learner: Learner, session: SessionPlan): Promise<{ url: string; sessionId?: string }> {
  if (pkg.standard === 'cmi5') {
    const launch = await lrs.createCmi5Launch({
      registration: learner.registration,
      actor: learner.actor,
      activityId: pkg.activityId,
      publisherId: pkg.activityId,
      launchMode: launchModes[session.mode],
      ...(pkg.masteryScore === undefined ? {} : { masteryScore: pkg.masteryScore }),
      ...(pkg.moveOn === undefined ? {} : { moveOn: pkg.moveOn }),
      returnURL: lrs.returnUrl,
      auUrl: pkg.launchUrl
    })
    return { url: launch.url, sessionId: launch.sessionId }
  }
  // TinCan has no launch mode: every session is a normal one.
  const url = new URL(pkg.launchUrl)
  url.searchParams.set('endpoint', lrs.endpoint)
  url.searchParams.set('auth', lrs.basicAuth)
  url.searchParams.set('actor', JSON.stringify(learner.actor))
  url.searchParams.set('registration', learner.registration)
  url.searchParams.set('activity_id', pkg.activityId)
  return { url: url.href }
}
