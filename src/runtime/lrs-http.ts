/**
 * HTTP to the LRS (xAPI 1.0.3 Communication §1–2): the queue's requests (statements as one
 * POST of an array, State documents by PUT), an adapter for @xapi/xapi that reports
 * failures with their status, and the keepalive sender used on `pagehide`.
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

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). A
 * cross-origin LRS must list it in Access-Control-Expose-Headers for the page to read it.
 */
export function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined
}

/** The Fetch standard's cap on the bodies of a page's in-flight keepalive requests, in total (with a margin). */
const keepaliveBudget = 63 * 1024
const bytes = (text: string) => new TextEncoder().encode(text).length
/** Bytes of this page's keepalive requests in flight. */
let keepaliveInFlight = 0

/**
 * fetch, with failures as SendErrors carrying the status, the LRS's reason (body) and
 * Retry-After. A body that fits in what is left of the keepalive budget goes as a
 * keepalive request, so that it is not cancelled when the page goes away mid-request.
 */
async function request(url: string, init: RequestInit): Promise<Response> {
  const size = typeof init.body === 'string' ? bytes(init.body) : 0
  const keepalive = size > 0 && size <= keepaliveBudget - keepaliveInFlight
  if (keepalive) keepaliveInFlight += size
  let response: Response
  try {
    response = await fetch(url, { ...init, keepalive })
  } catch (error) {
    throw new SendError(0, String(error))
  } finally {
    if (keepalive) keepaliveInFlight -= size
  }
  if (!response.ok) throw new SendError(response.status, (await response.text().catch(() => '')).slice(0, 500), retryAfter(response.headers.get('Retry-After')))
  return response
}

/** An @xapi/xapi adapter on `fetch` whose errors carry the HTTP status (0: network error). */
export async function fetchAdapter<T>(req: { url: string; method: string; data?: unknown; headers?: Record<string, string> }): Promise<{ data: T; headers: Record<string, string>; status: number }> {
  const headers = req.headers ?? {}
  const json = /json/i.test(headers['Content-Type'] ?? headers['content-type'] ?? '')
  const response = await request(req.url, {
    method: req.method,
    headers,
    ...(req.data === undefined ? {} : { body: json && typeof req.data !== 'string' ? JSON.stringify(req.data) : (req.data as BodyInit) })
  })
  const text = await response.text()
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

const headersOf = (target: LrsTarget) => ({ Authorization: target.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' })

/** One request of the queue: a run of statements as one POST of an array, or one State PUT. */
export async function sendJobs(target: LrsTarget, jobs: readonly Job[]): Promise<void> {
  const head = jobs[0]
  if (!head) return
  const headers = headersOf(target)
  const response =
    head.kind === 'state'
      ? await request(stateUrl(target, head.stateId), { method: 'PUT', headers, body: JSON.stringify(head.body) })
      : await request(`${target.endpoint}statements`, { method: 'POST', headers, body: JSON.stringify(jobs.flatMap((job) => (job.kind === 'statement' ? [job.statement] : []))) })
  await response.body?.cancel()
}

/**
 * Send jobs with `keepalive` fetches within the 64 KiB the Fetch standard allows in total:
 * the State documents first (small, and the next launch resumes from them), then as many
 * statements as fit, from the oldest, as one batch. What does not fit stays queued for the
 * next launch.
 */
export function sendKeepalive(target: LrsTarget, jobs: readonly Job[]): void {
  const headers = headersOf(target)
  let budget = keepaliveBudget - keepaliveInFlight
  const send = (url: string, method: string, body: string) => {
    budget -= bytes(body)
    try {
      void fetch(url, { method, keepalive: true, headers, body }).catch(() => undefined)
    } catch {
      // keepalive refused: the job stays queued for the next launch
    }
  }
  for (const job of jobs) {
    if (job.kind !== 'state') continue
    const body = JSON.stringify(job.body)
    if (bytes(body) <= budget) send(stateUrl(target, job.stateId), 'PUT', body)
  }
  const statements: string[] = []
  let size = 2 // the array's brackets
  for (const job of jobs) {
    if (job.kind !== 'statement') continue
    const json = JSON.stringify(job.statement)
    const more = bytes(json) + (statements.length > 0 ? 1 : 0)
    if (size + more > budget) break
    statements.push(json)
    size += more
  }
  if (statements.length > 0) send(`${target.endpoint}statements`, 'POST', `[${statements.join(',')}]`)
}
