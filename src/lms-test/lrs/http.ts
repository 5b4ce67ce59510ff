/**
 * HTTP plumbing of the embedded LRS (xAPI 1.0.3 Part Three): the version header, CORS for a
 * package served from another loopback origin, bounded bodies and the error answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export const xapiVersion = '1.0.3'
/** The largest request body read (a quiz's batch of statements is a few tens of KiB). */
const bodyLimit = 8 * 1024 * 1024

/** An answer other than 2xx, with the reason in its body. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly problem?: string) {
    super(message)
  }
}

/**
 * CORS (Fetch standard) for the package's origin: a course served from another port of
 * 127.0.0.1 sends Authorization and X-Experience-API-Version, and reads ETag and the version.
 */
export function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE, OPTIONS')
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match')
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Last-Modified, Content-Type, X-Experience-API-Version, X-Experience-API-Consistent-Through')
  res.setHeader('Access-Control-Max-Age', '600')
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > bodyLimit) {
        reject(new HttpError(413, `the request body is over ${bodyLimit} bytes`))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, `${what} is not JSON`)
  }
}

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.setHeader('X-Experience-API-Version', xapiVersion)
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  if (body === undefined) {
    res.statusCode = status
    res.end()
    return
  }
  const text = typeof body === 'string' && headers['Content-Type'] !== undefined ? body : JSON.stringify(body)
  if (headers['Content-Type'] === undefined) res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.statusCode = status
  res.end(text)
}

/** The LMS page a learner returns to (cmi5 returnURL). */
export const returnedPage = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title></head><body><p>Back in the LMS.</p></body></html>'
