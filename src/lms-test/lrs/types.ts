/** What `coursepack test` needs of an LRS, whether the embedded one or the user's own (`--lrs`). */
import type { Agent } from './agents.js'
import type { Cmi5Launch, Cmi5LaunchOptions } from './cmi5.js'
import type { Statement } from './statements.js'

export type { Agent, Cmi5Launch, Cmi5LaunchOptions, Statement }

/** A request the LRS refused for a rule, or a rule break it noticed (cmi5 rule ids as CATAPULT reports them). */
export interface LrsProblem {
  /** A cmi5 rule id (`8.1.2.0-2`, `10.2.1.0-6`, `9.3.0.0-4`, `9.3.0.0-5`), `xapi-invalid` for a statement the validator refused, or the section broken. */
  rule: string
  status: number
  message: string
  sessionId?: string
  registration?: string
}

/** One request the LRS answered (for the report's call list). */
export interface LrsRequest {
  method: string
  path: string
  status: number
  sessionId?: string
  registration?: string
  /** The refusal's reason, for a 4xx. */
  error?: string
}

export interface StateParams {
  activityId: string
  agent: Agent
  registration?: string
  stateId: string
}

export interface TestLrs {
  /** The xAPI endpoint, ending with `/`. */
  endpoint: string
  /** The Authorization header value of the LMS's own client (what a TinCan launch passes as `auth`). */
  basicAuth: string
  /** An LMS page to return to: the cmi5 `returnURL`, and where a tab goes when the learner leaves the course for the LMS. */
  returnUrl: string
  /** Whether the cmi5 session rules are enforced (the embedded LRS) or not (the user's LRS). */
  enforcesSessions: boolean
  /** The statements stored, in stored order (of one registration, when given). */
  statements(registration?: string): Promise<Statement[]>
  getState(params: StateParams): Promise<unknown>
  /** Rule breaks refused or noticed (of one registration, when given). */
  problems(registration?: string): LrsProblem[]
  /** Requests answered (of one registration, when given); empty for the user's LRS. */
  requests(registration?: string): LrsRequest[]
  /** Act as the LMS for one cmi5 session: LMS.LaunchData, `launched`, a one-time fetch URL. */
  createCmi5Launch(options: Cmi5LaunchOptions): Promise<Cmi5Launch>
  /** Record `abandoned` for a session that ended without `terminated` (cmi5 §9.3.6), and close it. */
  abandon(sessionId: string): Promise<void>
  close(): Promise<void>
}
