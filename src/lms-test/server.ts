/**
 * The loopback HTTP side of `coursepack test`: the LMS frame page, scorm-again, commits, and the
 * package's files, on 127.0.0.1 (port 0). A second listener on another port is a second origin,
 * for the profiles that launch the package cross-origin.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { scormAgainDir } from '../paths.js'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.pdf': 'application/pdf'
}

export interface Commit {
  body: string
}

export interface TestServer {
  /** The LMS origin (`http://127.0.0.1:<port>`). */
  url: string
  /** The second origin serving the same package files. */
  otherUrl: string
  setPackage(files: Map<string, Buffer>): void
  /** The LMS page served at /lms.html for the next launch. */
  setLmsPage(html: string): void
  commits: Commit[]
  /** Extra routes (the xAPI/cmi5 side may add its own). */
  route(pathname: string, handler: http.RequestListener): void
  close(): Promise<void>
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

export async function startTestServer(): Promise<TestServer> {
  let files = new Map<string, Buffer>()
  let page = ''
  const commits: Commit[] = []
  const routes = new Map<string, http.RequestListener>()
  const send = (response: http.ServerResponse, status: number, type: string, body: string | Buffer) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
    response.end(body)
  }
  const servePackage = (pathname: string, response: http.ServerResponse): boolean => {
    if (!pathname.startsWith('/pkg/')) return false
    let name: string
    try {
      name = decodeURIComponent(pathname.slice('/pkg/'.length))
    } catch {
      send(response, 400, 'text/plain', 'bad path')
      return true
    }
    const data = files.get(name)
    if (data === undefined) send(response, 404, 'text/plain', 'not found')
    else send(response, 200, types[path.extname(name).toLowerCase()] ?? 'application/octet-stream', data)
    return true
  }
  const lms = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const routed = routes.get(url.pathname)
    if (routed) return routed(request, response)
    if (request.method === 'POST' && url.pathname === '/commit') {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        commits.push({ body: Buffer.concat(chunks).toString('utf8') })
        send(response, 200, 'application/json', JSON.stringify({ result: true, errorCode: 0 }))
      })
      return
    }
    if (url.pathname === '/lms.html') return send(response, 200, 'text/html; charset=utf-8', page)
    const vendor = /^\/scorm-again\/(scorm12|scorm2004)\.js$/.exec(url.pathname)
    if (vendor) return send(response, 200, types['.js'] ?? '', readFileSync(path.join(scormAgainDir, `${vendor[1]}.js`)))
    if (!servePackage(url.pathname, response)) send(response, 404, 'text/plain', 'not found')
  })
  const other = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (!servePackage(url.pathname, response)) send(response, 404, 'text/plain', 'not found')
  })
  const url = await listen(lms)
  let otherUrl: string
  try {
    otherUrl = await listen(other)
  } catch (cause) {
    await close(lms)
    throw cause
  }
  return {
    url,
    otherUrl,
    setPackage: (next) => {
      files = next
    },
    setLmsPage: (html) => {
      page = html
    },
    commits,
    route: (pathname, handler) => void routes.set(pathname, handler),
    close: async () => {
      await Promise.all([close(lms), close(other)])
    }
  }
}
