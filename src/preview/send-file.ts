/**
 * Serving a file of the package from memory, as a web server of an LMS does: its content
 * type by extension, and byte ranges (RFC 9110 §14), so that a video or audio can be
 * sought before it is all loaded. One range per request (`bytes=0-99`, `bytes=100-`,
 * `bytes=-100`); a request for several gets the whole file (200), which §14.2 allows.
 */
import type http from 'node:http'
import path from 'node:path'

/** Content types by extension: the page's own files, images, media, captions and fonts. */
export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.oga': 'audio/ogg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.vtt': 'text/vtt; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf'
}

/** The content type of a file name (`application/octet-stream` when unknown). */
export function contentType(name: string): string {
  return contentTypes[path.extname(name).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The byte range a `Range` header asks of a file of `size` bytes: `full` (no range, another
 * unit, or several ranges), a satisfiable range, or `unsatisfiable` (malformed, or outside the file).
 */
export function byteRange(header: string | undefined, size: number): { kind: 'full' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' } {
  if (header === undefined) return { kind: 'full' }
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header)
  // Another unit is ignored (RFC 9110 §14.2).
  if (!match) return { kind: 'full' }
  const set = match[1] ?? ''
  if (set.includes(',')) return { kind: 'full' }
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(set)
  if (!spec || (spec[1] === '' && spec[2] === '')) return { kind: 'unsatisfiable' }
  if (spec[1] === '') {
    // A suffix: the last n bytes.
    const length = Number(spec[2])
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(spec[1])
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1)
  if (start >= size || (spec[2] !== '' && Number(spec[2]) < start)) return { kind: 'unsatisfiable' }
  return { kind: 'range', start, end }
}

/**
 * Answer a GET or HEAD for a file held in memory: 200 with the whole file, 206 with the range
 * asked (`Content-Range: bytes start-end/size`), or 416 (`Content-Range: bytes *\/size`).
 */
export function sendFile(request: http.IncomingMessage, response: http.ServerResponse, data: Buffer, type: string, headers: Record<string, string> = {}): void {
  const common = { 'content-type': type, 'accept-ranges': 'bytes', ...headers }
  const range = byteRange(request.headers.range, data.length)
  const body = (part: Buffer): void => {
    if (request.method === 'HEAD') response.end()
    else response.end(part)
  }
  switch (range.kind) {
    case 'full':
      response.writeHead(200, { ...common, 'content-length': String(data.length) })
      return body(data)
    case 'range':
      response.writeHead(206, { ...common, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${data.length}` })
      return body(data.subarray(range.start, range.end + 1))
    case 'unsatisfiable':
      response.writeHead(416, { ...common, 'content-range': `bytes */${data.length}`, 'content-length': '0' })
      response.end()
  }
}
