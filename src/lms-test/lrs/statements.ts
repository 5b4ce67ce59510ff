/**
 * The Statements resource (xAPI 1.0.3 Part Three §2.1): ids kept for ever, a reused id with
 * other content refused (409), voided statements answered on voidedStatementId only, and a
 * simple filtered list. Statements are validated by the caller before they are stored.
 */
import { randomUUID } from 'node:crypto'
import { agentKey, canonical } from './agents.js'
import { HttpError } from './http.js'

export interface Statement {
  id: string
  actor: unknown
  verb: { id: string; display?: Record<string, string> }
  object: { id?: string; objectType?: string; [k: string]: unknown }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result?: any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  context?: any
  timestamp?: string
  stored?: string
  authority?: unknown
  version?: string
  [k: string]: unknown
}

const voided = 'http://adlnet.gov/expapi/verbs/voided'
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface StatementQuery {
  agent?: string
  verb?: string
  activity?: string
  registration?: string
  since?: string
  until?: string
  limit?: number
  ascending?: boolean
}

export class StatementStore {
  private readonly byId = new Map<string, { statement: Statement; sent: string; voided: boolean }>()
  private readonly order: Statement[] = []

  constructor(private readonly authority: unknown) {}

  /** Every stored statement, in stored order. */
  all(): Statement[] {
    return [...this.order]
  }

  /**
   * The ids a POST or PUT would store, or a 409/400 for a reused id with other content or a
   * malformed one; nothing is stored (the caller checks the batch first, then calls `store`).
   */
  prepare(batch: Statement[]): Statement[] {
    const seen = new Map<string, string>()
    return batch.map((input) => {
      const statement = { ...input, id: typeof input.id === 'string' ? input.id.toLowerCase() : randomUUID() }
      if (!uuidPattern.test(statement.id)) throw new HttpError(400, `statement id ${JSON.stringify(input.id)} is not a UUID`)
      const sent = canonical(statement)
      const before = this.byId.get(statement.id)?.sent ?? seen.get(statement.id)
      // xAPI 1.0.3 Part Three §2.1.2: a statement id already used by other content is a conflict.
      if (before !== undefined && before !== sent) throw new HttpError(409, `statement id ${statement.id} is already used by another statement`)
      seen.set(statement.id, sent)
      return statement
    })
  }

  /** Store prepared statements (those already stored with the same content are skipped); returns their ids. */
  store(batch: Statement[]): string[] {
    const now = new Date().toISOString()
    for (const input of batch) {
      if (this.byId.has(input.id)) continue
      const statement: Statement = { ...input, timestamp: input.timestamp ?? now, stored: now, authority: this.authority, version: input.version ?? '1.0.0' }
      this.byId.set(statement.id, { statement, sent: canonical(input), voided: false })
      this.order.push(statement)
      const target = statement.verb.id === voided ? (statement.object as { id?: string }).id : undefined
      const entry = target === undefined ? undefined : this.byId.get(target.toLowerCase())
      if (entry && entry.statement.verb.id !== voided) entry.voided = true
    }
    return batch.map((s) => s.id)
  }

  /** GET with statementId (not voided) or voidedStatementId (voided only), else 404. */
  get(id: string, wantVoided: boolean): Statement {
    const entry = this.byId.get(id.toLowerCase())
    if (!entry || entry.voided !== wantVoided) throw new HttpError(404, `no ${wantVoided ? 'voided ' : ''}statement ${id}`)
    return entry.statement
  }

  /** The filtered list (xAPI 1.0.3 Part Three §2.1.3), voided statements left out; `more` is always empty. */
  list(query: StatementQuery): Statement[] {
    const agent = query.agent === undefined ? undefined : agentKey(JSON.parse(query.agent))
    const since = query.since === undefined ? undefined : Date.parse(query.since)
    const until = query.until === undefined ? undefined : Date.parse(query.until)
    const found = this.order.filter((s) => {
      if (this.byId.get(s.id)?.voided) return false
      if (agent !== undefined && agentKey(s.actor) !== agent) return false
      if (query.verb !== undefined && s.verb.id !== query.verb) return false
      if (query.activity !== undefined && s.object.id !== query.activity) return false
      if (query.registration !== undefined && String(s.context?.registration ?? '').toLowerCase() !== query.registration.toLowerCase()) return false
      const stored = Date.parse(s.stored ?? '')
      if (since !== undefined && !(stored > since)) return false
      if (until !== undefined && !(stored <= until)) return false
      return true
    })
    if (!query.ascending) found.reverse()
    return query.limit ? found.slice(0, query.limit) : found
  }
}
