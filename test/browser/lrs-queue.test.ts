/**
 * The runtime's LRS queue and HTTP module, run in Node against the real loopback LRS
 * (test/lrs/lrs.ts) with its faults: the parts whose timing a browser test cannot reach
 * quickly (the Retry-After cap, a 413 on a batch) and the Retry-After parsing.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { type LrsTarget, retryAfter, sendJobs } from '../../src/runtime/lrs-http.js'
import { type Job, LrsQueue } from '../../src/runtime/lrs-queue.js'
import { type Lrs, startLrs } from '../lrs/lrs.js'

let lrs: Lrs
beforeEach(async () => {
  lrs = await startLrs()
})
afterEach(() => lrs.close())

const actor = { objectType: 'Agent', mbox: `mailto:queue-${randomUUID()}@example.org` }
const statement = (): Job => ({
  kind: 'statement',
  statement: { id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } }, object: { objectType: 'Activity', id: 'urn:coursepack:queue-test' } }
})
const target = (): LrsTarget => ({ endpoint: lrs.endpoint, auth: lrs.auth, state: { activityId: 'urn:coursepack:queue-test', agent: actor } })
const queue = (options: { maxRetryAfter?: number; onBlocked?: (status: number) => void } = {}) =>
  new LrsQueue({ key: `queue-test-${randomUUID()}`, send: (jobs) => sendJobs(target(), jobs), sendKeepalive: () => undefined, ...options })

describe('Retry-After', () => {
  test('delay-seconds and HTTP dates become milliseconds; anything else is ignored', () => {
    expect(retryAfter('2')).toBe(2000)
    expect(retryAfter(' 0 ')).toBe(0)
    const date = retryAfter(new Date(Date.now() + 10_000).toUTCString()) ?? -1
    expect(date).toBeGreaterThan(8000)
    expect(date).toBeLessThanOrEqual(10_000)
    expect(retryAfter(new Date(Date.now() - 10_000).toUTCString())).toBe(0)
    expect(retryAfter('soon')).toBeUndefined()
    expect(retryAfter(null)).toBeUndefined()
  })
})

describe('LrsQueue against the loopback LRS', () => {
  test('a Retry-After of an hour is capped (here at 1 s): the statement is stored soon after', async () => {
    lrs.setFault({ status: 429, retryAfter: '3600', times: 1 })
    const q = queue({ maxRetryAfter: 1000 })
    const job = statement()
    const start = Date.now()
    q.push(job)
    await q.drained()
    expect(Date.now() - start).toBeGreaterThanOrEqual(900)
    expect(Date.now() - start).toBeLessThan(5000)
    expect((await lrs.statements()).map((s) => s.id)).toEqual([job.kind === 'statement' ? job.statement.id : ''])
  })

  test('statements pushed in one task are one POST; a 413 on it sends them one at a time, in order', async () => {
    lrs.setFault({ status: 413, method: 'POST', times: 1 })
    const q = queue()
    const jobs = [statement(), statement(), statement()]
    for (const job of jobs) q.push(job)
    await q.drained()
    expect(lrs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 413', 'POST 200', 'POST 200', 'POST 200'])
    expect((await lrs.statements()).map((s) => s.id)).toEqual(jobs.map((job) => (job.kind === 'statement' ? job.statement.id : '')))
  })

  test('a 401 stops the queue and reports it once; the jobs stay pending', async () => {
    lrs.setFault({ status: 401 })
    const blocked: number[] = []
    const q = queue({ onBlocked: (status) => blocked.push(status) })
    q.push(statement())
    await expect.poll(() => blocked).toEqual([401])
    q.push(statement())
    q.retryNow()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(blocked).toEqual([401])
    expect(lrs.requests).toHaveLength(1)
    expect(q.pending).toHaveLength(2)
  })
})
