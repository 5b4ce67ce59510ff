/**
 * HTTP to the LRS (xAPI 1.0.3 Communication §1–2): an adapter for @xapi/xapi that
 * reports failures with their status, and the keepalive sender used on `pagehide`.
 */
import type { Job } from './lrs-queue.js'
import { SendError } from './lrs-queue.js'

export interface LrsTarget {
  /** Endpoint ending with `/`. */
  endpoint: string
  /** Full Authorization header value. */
  auth: string
  /** Query parameters of the learner's State documents. */
  state: { activityId: string; agent: object; registration?: string | undefined }
}

/** Normalize an endpoint to end with exactly one `/` (TinCan launch endpoints may lack it). */
export function normalizeEndpoint(endpoint: string): string {
  return endpoint.replace(/\/*$/, '/')
}

/** An @xapi/xapi adapter on `fetch` whose errors carry the HTTP status (0: network error). */
export async function fetchAdapter<T>(request: { url: string; method: string; data?: unknown; headers?: Record<string, string> }): Promise<{ data: T; headers: Record<string, string>; status: number }> {
  const headers = request.headers ?? {}
  const json = /json/i.test(headers['Content-Type'] ?? headers['content-type'] ?? '')
  let response: Response
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(request.data === undefined ? {} : { body: json && typeof request.data !== 'string' ? JSON.stringify(request.data) : (request.data as BodyInit) })
    })
  } catch (error) {
    throw new SendError(0, String(error))
  }
  const text = await response.text()
  if (!response.ok) throw new SendError(response.status, text.slice(0, 300))
  let data: unknown = text
  try {
    data = text ? JSON.parse(text) : text
  } catch {
    // not JSON: keep the text
  }
  const out: Record<string, string> = {}
  response.headers.forEach((value, key) => {
    out[key] = value
  })
  return { data: data as T, headers: out, status: response.status }
}

function stateUrl(target: LrsTarget, stateId: string): string {
  const query = new URLSearchParams({ activityId: target.state.activityId, agent: JSON.stringify(target.state.agent), stateId })
  if (target.state.registration) query.set('registration', target.state.registration)
  return `${target.endpoint}activities/state?${query}`
}

/** Send jobs with `keepalive` fetches: statements as one ordered batch, then State documents. */
export function sendKeepalive(target: LrsTarget, jobs: readonly Job[]): void {
  const headers = { Authorization: target.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }
  const statements = jobs.flatMap((job) => (job.kind === 'statement' ? [job.statement] : []))
  try {
    if (statements.length > 0) void fetch(`${target.endpoint}statements`, { method: 'POST', keepalive: true, headers, body: JSON.stringify(statements) }).catch(() => undefined)
    for (const job of jobs) {
      if (job.kind === 'state') void fetch(stateUrl(target, job.stateId), { method: 'PUT', keepalive: true, headers, body: JSON.stringify(job.body) }).catch(() => undefined)
    }
  } catch {
    // keepalive quota exceeded: the jobs stay queued for the next launch
  }
}
