/**
 * The State and Agent Profile resources (xAPI 1.0.3 Part Three §2.3, §2.6): documents with
 * their content type and an ETag, PUT replacing, POST merging JSON objects, conditional
 * requests (If-Match / If-None-Match, 412), and id lists.
 */
import { createHash } from 'node:crypto'
import { HttpError } from './http.js'

export interface StoredDocument {
  content: string
  contentType: string
  etag: string
  updated: string
}

export interface WriteRequest {
  method: 'PUT' | 'POST'
  content: string
  contentType: string
  ifMatch?: string | undefined
  ifNoneMatch?: string | undefined
  /** Agent Profile: a PUT without a concurrency header may not replace a document (xAPI 1.0.3 Part Three §2.6). */
  requireConcurrency?: boolean
}

const isJson = (type: string) => /^application\/json\b/i.test(type)
const etagOf = (content: string) => `"${createHash('sha1').update(content).digest('hex')}"`
const tags = (header: string) => header.split(',').map((t) => t.trim().replace(/^W\//, ''))

function asObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Documents under string keys; the key's parts are the caller's (activity, agent, registration, id). */
export class DocumentStore {
  private readonly docs = new Map<string, StoredDocument>()

  get(key: string): StoredDocument | undefined {
    return this.docs.get(key)
  }

  /** The ids of documents whose key starts with `prefix`, updated after `since` when given. */
  ids(prefix: string, since?: string): string[] {
    const after = since === undefined ? undefined : Date.parse(since)
    return [...this.docs].filter(([key, doc]) => key.startsWith(prefix) && (after === undefined || Date.parse(doc.updated) > after)).map(([key]) => key.slice(prefix.length))
  }

  write(key: string, request: WriteRequest): void {
    const current = this.docs.get(key)
    if (request.ifMatch !== undefined && (!current || !(request.ifMatch.trim() === '*' || tags(request.ifMatch).includes(current.etag)))) {
      throw new HttpError(412, 'If-Match does not match the current document')
    }
    if (request.ifNoneMatch !== undefined && current && (request.ifNoneMatch.trim() === '*' || tags(request.ifNoneMatch).includes(current.etag))) {
      throw new HttpError(412, 'If-None-Match: the document exists')
    }
    if (request.requireConcurrency && request.method === 'PUT' && current && request.ifMatch === undefined && request.ifNoneMatch === undefined) {
      throw new HttpError(409, 'the document exists: send If-Match or If-None-Match')
    }
    let content = request.content
    let contentType = request.contentType
    if (request.method === 'POST' && current) {
      // §2.3 / §1.3.6.2: POST merges two JSON objects at the top level; anything else is refused.
      const before = isJson(current.contentType) ? asObject(current.content) : undefined
      const after = isJson(request.contentType) ? asObject(request.content) : undefined
      if (!before || !after) throw new HttpError(400, 'POST can only merge a JSON object into a JSON object')
      content = JSON.stringify({ ...before, ...after })
      contentType = 'application/json'
    } else if (request.method === 'POST' && !(isJson(request.contentType) && asObject(request.content))) {
      throw new HttpError(400, 'POST takes a JSON object')
    }
    this.docs.set(key, { content, contentType, etag: etagOf(content), updated: new Date().toISOString() })
  }

  delete(key: string, ifMatch?: string): void {
    const current = this.docs.get(key)
    if (ifMatch !== undefined && (!current || !(ifMatch.trim() === '*' || tags(ifMatch).includes(current.etag)))) throw new HttpError(412, 'If-Match does not match the current document')
    this.docs.delete(key)
  }

  deletePrefix(prefix: string): void {
    for (const key of [...this.docs.keys()]) if (key.startsWith(prefix)) this.docs.delete(key)
  }
}
