/**
 * `coursepack preview`: serves the course on 127.0.0.1 inside an LMS frame run by the
 * real scorm-again runtime, rebuilds on every save and tells the page over Server-Sent
 * Events: reload after a good build, an error overlay (file:line:column) after a bad one.
 * The server keeps running whatever the content does.
 */
import { type FSWatcher, readFileSync, watch } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { scaledPassing } from '../package/xml.js'
import { createParseCache } from '../parse/index.js'
import type { TargetName } from '../shared/course-data.js'
import { type PreviewBuild, previewBuild } from './build.js'
import { previewPage } from './page.js'
import { contentType, contentTypes, sendFile } from './send-file.js'
import { UsageError } from '../errors.js'
import { scormAgainDir } from '../paths.js'

export interface PreviewOptions {
  dir: string
  cwd?: string
  /** Port on 127.0.0.1 (default: 0, any free port). A busy port is passed over for the next free one. */
  port?: number
  /** Refuse a busy port instead of taking the next free one (a `UsageError`). */
  strictPort?: boolean
  target?: 'scorm12' | 'scorm2004'
  /** Called after each build (the CLI prints the time it took). */
  onBuild?: (build: PreviewBuild) => void
}

export interface PreviewServer {
  url: string
  /** The port served on: the one asked for, or the next free one when it was busy. */
  port: number
  /** The latest build. */
  latest(): PreviewBuild
  /** Rebuild now (the watcher calls this after a save). */
  rebuild(): Promise<PreviewBuild>
  close(): Promise<void>
}

const types = contentTypes

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const cwd = options.cwd ?? process.cwd()
  const target: TargetName = options.target ?? 'scorm12'
  const dir = path.resolve(cwd, options.dir)
  // Only files that changed since the last build are parsed again.
  const parser = createParseCache()
  let language: string | undefined
  let current = await previewBuild(dir, target, cwd, undefined, parser)
  const sourceLanguage = current.sourceLanguage
  options.onBuild?.(current)
  const clients = new Set<http.ServerResponse>()
  const scormAgain = readFileSync(path.join(scormAgainDir, `${target}.js`))

  const courseTitle = () => /<title>([^<]*)<\/title>/.exec(current.files.get('index.html')?.toString() ?? '')?.[1] ?? path.basename(dir)
  const passing = () => {
    const data = /id="cp-data">([\s\S]*?)<\/script>/.exec(current.files.get('index.html')?.toString() ?? '')?.[1]
    const score = data ? (JSON.parse(data) as { passingScore: number }).passingScore : 70
    return target === 'scorm12' ? String(score) : scaledPassing(score)
  }

  const send = (build: PreviewBuild, reload: boolean) => {
    const payload = `event: build\ndata: ${JSON.stringify({ ok: build.ok, milliseconds: build.milliseconds, diagnostics: build.diagnostics, reload })}\n\n`
    for (const client of clients) client.write(payload)
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/') {
      // `?language=ar` switches the preview to a translation (and back with the source language).
      const wanted = url.searchParams.get('language')
      if (wanted !== null && wanted !== (language ?? sourceLanguage)) {
        language = wanted === sourceLanguage || !current.languages.includes(wanted) ? undefined : wanted
        void rebuild().then(() => {
          response.writeHead(302, { location: '/' })
          response.end()
        })
        return
      }
      response.writeHead(200, { 'content-type': types['.html'] ?? 'text/html', 'cache-control': 'no-store' })
      response.end(
        previewPage({
          title: courseTitle(),
          target: target === 'scorm2004' ? 'scorm2004' : 'scorm12',
          languages: current.languages.length > 0 ? [sourceLanguage, ...current.languages] : [],
          language: language ?? sourceLanguage,
          mastery: passing()
        })
      )
      return
    }
    if (url.pathname === '/__preview/scorm-again.js') {
      response.writeHead(200, { 'content-type': types['.js'] ?? 'text/javascript' })
      response.end(scormAgain)
      return
    }
    if (url.pathname === '/__preview/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      clients.add(response)
      // The state of the latest build, so a fresh page shows the overlay too.
      response.write(`event: build\ndata: ${JSON.stringify({ ok: current.ok, milliseconds: current.milliseconds, diagnostics: current.diagnostics, reload: false })}\n\n`)
      request.on('close', () => clients.delete(response))
      return
    }
    if (url.pathname.startsWith('/course/')) {
      let name: string | undefined
      try {
        name = decodeURIComponent(url.pathname.slice('/course/'.length))
      } catch {
        name = undefined // a malformed escape (`%zz`): no such file
      }
      const file = name === undefined ? undefined : current.files.get(name)
      if (file) {
        // Byte ranges, so that a video can be sought before it is all loaded.
        sendFile(request, response, file, contentType(url.pathname), { 'cache-control': 'no-store' })
        return
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' })
    response.end('Not found')
  })

  let building: Promise<PreviewBuild> | undefined
  let again = false
  const rebuild = async (): Promise<PreviewBuild> => {
    if (building) {
      again = true
      return building
    }
    building = (async () => {
      let result: PreviewBuild
      do {
        again = false
        result = await previewBuild(dir, target, cwd, current.files, parser, language)
        current = result
        options.onBuild?.(result)
        send(result, result.ok)
      } while (again)
      return result
    })()
    try {
      return await building
    } finally {
      building = undefined
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer)
      timer = setTimeout(() => void rebuild(), 30)
    })
  } catch {
    watcher = undefined // recursive watching unsupported: rebuild() still works on demand
  }

  let port: number
  try {
    port = await listen(server, options.port ?? 0, options.strictPort ?? false)
  } catch (cause) {
    watcher?.close()
    throw cause
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    latest: () => current,
    rebuild,
    close: async () => {
      clearTimeout(timer)
      watcher?.close()
      for (const client of clients) client.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** Listen on 127.0.0.1 at `port`, or at the next free port after it unless `strict`. */
async function listen(server: http.Server, port: number, strict: boolean): Promise<number> {
  for (let candidate = port; ; candidate++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(candidate, '127.0.0.1', () => {
          server.off('error', reject)
          resolve()
        })
      })
      return (server.address() as AddressInfo).port
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code
      if (code === 'EACCES') throw new UsageError(`Cannot listen on port ${candidate} (EACCES), expected a port this user may open, such as one above 1023`)
      if (code !== 'EADDRINUSE') throw cause
      if (strict || candidate === 0 || candidate >= 65535) {
        throw new UsageError(`Port ${port} is in use, expected a free port${strict ? ': drop --strict-port to take the next free one' : ''}`)
      }
    }
  }
}
