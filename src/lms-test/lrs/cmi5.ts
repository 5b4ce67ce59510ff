/**
 * The LMS side of cmi5 launches, with the session rules a conformant LMS enforces (cmi5
 * Quartz §8.1–8.2 launch and fetch, §9.3 verbs and their order, §10 LMS.LaunchData), as ADL's
 * CATAPULT player does, with its rule ids:
 *
 * - `8.1.2.0-2`: the auth token belongs to one session (one fetch URL); a token of a session
 *   the LMS has closed (a newer launch of the registration, or abandoned) is refused (401).
 * - `10.2.1.0-6`: every statement follows the session's contextTemplate (the session id
 *   extension, the publisher grouping) and carries its registration.
 * - `9.3.0.0-4`: `initialized` is the first statement of a session; `9.3.0.0-5`: nothing after `terminated`.
 * - §9.3.6: a session that ended without `terminated` is recorded `abandoned` by the LMS
 *   (on the next launch of its registration, or when asked), and its token then closes.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { type Agent, agentKey } from './agents.js'
import type { Statement } from './statements.js'

export const cmi5 = {
  sessionExtension: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  launchModeExtension: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  moveOnExtension: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  masteryExtension: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned'
} as const

export interface Cmi5LaunchOptions {
  registration: string
  actor: Agent
  /** The AU's activity id in the LMS (the launch's `activityId`). */
  activityId: string
  /** The AU's publisher id (cmi5.xml `<au id>`), in the grouping of the context template (default: activityId). */
  publisherId?: string
  launchMode?: 'Normal' | 'Browse' | 'Review'
  masteryScore?: number
  moveOn?: string
  returnURL?: string
  /** The AU's own URL (the package's launch page); the launch parameters are added to its query. */
  auUrl: string
}

export interface Cmi5Launch {
  sessionId: string
  /** The AU's URL with `endpoint`, `fetch`, `actor`, `registration` and `activityId`. */
  url: string
  fetchUrl: string
}

export interface Session {
  id: string
  registration: string
  actorKey: string | undefined
  activityId: string
  token: string
  fetched: boolean
  contextTemplate: { contextActivities: { grouping: Array<{ objectType: 'Activity'; id: string }> }; extensions: Record<string, unknown> }
  launchMode: string
  launchedAt: number
  initialized: boolean
  terminated: boolean
  abandoned: boolean
  /** The LMS no longer takes requests with this session's token. */
  closed: boolean
}

/** A rule the AU broke: the request is refused with this status and recorded. */
export interface Refusal {
  rule: string
  status: number
  message: string
}

export class Cmi5Sessions {
  private readonly sessions = new Map<string, Session>()
  private readonly byToken = new Map<string, Session>()
  private readonly byFetch = new Map<string, Session>()

  /** A new session for the launch, with its token and one-time fetch id; earlier open sessions of the registration are returned to be closed. */
  open(options: Cmi5LaunchOptions): { session: Session; fetchId: string; earlier: Session[] } {
    const earlier = [...this.sessions.values()].filter((s) => s.registration === options.registration && s.activityId === options.activityId && !s.closed)
    const session: Session = {
      id: randomUUID(),
      registration: options.registration,
      actorKey: agentKey(options.actor),
      activityId: options.activityId,
      // The AU sends `Basic <token>` (§8.2.3): a Basic credential of its own.
      token: Buffer.from(`cmi5-${randomBytes(6).toString('hex')}:${randomBytes(18).toString('hex')}`).toString('base64'),
      fetched: false,
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: options.publisherId ?? options.activityId }] },
        extensions: { [cmi5.sessionExtension]: '' }
      },
      launchMode: options.launchMode ?? 'Normal',
      launchedAt: Date.now(),
      initialized: false,
      terminated: false,
      abandoned: false,
      closed: false
    }
    session.contextTemplate.extensions[cmi5.sessionExtension] = session.id
    const fetchId = randomBytes(12).toString('hex')
    this.sessions.set(session.id, session)
    this.byToken.set(session.token, session)
    this.byFetch.set(fetchId, session)
    return { session, fetchId, earlier }
  }

  get(sessionId: string): Session | undefined {
    return this.sessions.get(sessionId)
  }

  all(): Session[] {
    return [...this.sessions.values()]
  }

  /** The session of an `Authorization: Basic <token>` header, if it is a cmi5 token. */
  byAuthorization(header: string | undefined): Session | undefined {
    const token = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1]
    return token === undefined ? undefined : this.byToken.get(token)
  }

  /**
   * The fetch URL's answer (§8.2.3): the token once, then the error document (error-code 1,
   * "already used"); an unknown id is error-code 1 too.
   */
  fetch(fetchId: string): { 'auth-token': string } | { 'error-code': string; 'error-text': string } {
    const session = this.byFetch.get(fetchId)
    if (!session || session.fetched || session.closed) return { 'error-code': '1', 'error-text': 'This fetch URL has already been used, or its session is over' }
    session.fetched = true
    return { 'auth-token': session.token }
  }

  /** A request with a closed session's token (§8.1.2: the token is for its own session only). */
  checkToken(session: Session): Refusal | undefined {
    if (!session.closed) return undefined
    return { rule: '8.1.2.0-2', status: 401, message: `the auth token of session ${session.id}, which the LMS has closed${session.abandoned ? ' (abandoned)' : ''}, was used again` }
  }

  /**
   * Check a batch sent with a session's token, statement by statement in order, and apply
   * what it changes (initialized, terminated) only when every statement passes.
   */
  checkBatch(session: Session, batch: Statement[]): Refusal | undefined {
    let initialized = session.initialized
    let terminated = session.terminated
    for (const statement of batch) {
      const refusal = this.checkStatement(session, statement, initialized, terminated)
      if (refusal) return refusal
      if (statement.verb.id === cmi5.initialized) initialized = true
      if (statement.verb.id === cmi5.terminated) terminated = true
    }
    session.initialized = initialized
    session.terminated = terminated
    return undefined
  }

  private checkStatement(session: Session, statement: Statement, initialized: boolean, terminated: boolean): Refusal | undefined {
    const context = statement.context as { registration?: unknown; contextActivities?: { grouping?: Array<{ id?: unknown }> }; extensions?: Record<string, unknown> } | undefined
    const id = statement.id
    const template = session.contextTemplate
    const grouping = context?.contextActivities?.grouping ?? []
    const followsTemplate =
      String(context?.registration ?? '').toLowerCase() === session.registration.toLowerCase() &&
      template.contextActivities.grouping.every((activity, i) => grouping[i]?.id === activity.id) &&
      Object.entries(template.extensions).every(([key, value]) => context?.extensions?.[key] === value)
    if (!followsTemplate) {
      const sent = context?.extensions?.[cmi5.sessionExtension]
      const why = sent !== undefined && sent !== session.id ? `its session id is ${String(sent)}, not this session's ${session.id}` : 'its context does not follow the session\'s contextTemplate and registration'
      return { rule: '10.2.1.0-6', status: 403, message: `statement ${id} (${verbName(statement)}): ${why}` }
    }
    if (terminated) return { rule: '9.3.0.0-5', status: 403, message: `statement ${id} (${verbName(statement)}) was sent after terminated in session ${session.id}` }
    if (!initialized && statement.verb.id !== cmi5.initialized) return { rule: '9.3.0.0-4', status: 403, message: `statement ${id} (${verbName(statement)}) was sent before initialized in session ${session.id}` }
    return undefined
  }

  /**
   * The `abandoned` statement the LMS records for a session that ended without `terminated`
   * (§9.3.6, with the duration since launch), or undefined when it terminated; the session closes either way.
   */
  close(session: Session, actor: Agent): Statement | undefined {
    session.closed = true
    if (session.terminated || session.abandoned) return undefined
    session.abandoned = true
    const seconds = Math.max(0, (Date.now() - session.launchedAt) / 1000)
    return {
      id: randomUUID(),
      actor,
      verb: { id: cmi5.abandoned, display: { 'en-US': 'abandoned' } },
      object: { objectType: 'Activity', id: session.activityId },
      result: { duration: `PT${seconds.toFixed(2)}S` },
      context: {
        ...structuredClone(session.contextTemplate),
        registration: session.registration,
        contextActivities: { ...structuredClone(session.contextTemplate.contextActivities), category: [{ id: cmi5.category }] }
      },
      timestamp: new Date().toISOString()
    }
  }
}

export const verbName = (statement: { verb?: { id?: unknown } }): string => String(statement.verb?.id ?? '').replace(/^.*\//, '')
