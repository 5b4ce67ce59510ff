/**
 * Parse many files on every core: worker threads take a share of the files while the
 * main thread parses its own. Small courses parse on the main thread only, where a
 * worker's start-up (loading the parser) would cost more than it saves.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Root, Yaml } from 'mdast'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import { toolRoot } from '../paths.js'
import { type ParsedFile, parseFile, readFrontmatter } from './index.js'

export interface ParseRequest {
  id: number
  files: Array<{ path: string; value: string }>
}

export interface ParseResponse {
  id: number
  results: Array<{
    path: string
    tree: Root
    yaml: Yaml | undefined
    messages: Array<{ reason: string; ruleId: string; place: Position | Point | undefined; note: string | undefined }>
  }>
}

/** Below this much Markdown, one thread is faster (measured: a worker starts in about 0.1 s). */
const minimumBytes = 600 * 1024
const workerScript = path.join(toolRoot, 'build', 'parse-worker.js')

/**
 * Parse files, in parallel when they are many.
 *
 * @returns
 *   The parse of each file.
 */
export async function parseAll(files: readonly VFile[]): Promise<Map<VFile, ParsedFile>> {
  const parsed = new Map<VFile, ParsedFile>()
  const bytes = files.reduce((sum, file) => sum + String(file.value).length, 0)
  const threads = Math.min(availableParallelism(), 4)
  if (threads < 2 || bytes < minimumBytes || !existsSync(workerScript)) {
    for (const file of files) parsed.set(file, parseFile(file))
    return parsed
  }
  // Deal the files out by size: the main thread keeps one share, each worker gets one.
  const shares: VFile[][] = Array.from({ length: threads }, () => [])
  const load = new Array<number>(threads).fill(0)
  for (const file of [...files].sort((a, b) => String(b.value).length - String(a.value).length)) {
    const lightest = load.indexOf(Math.min(...load))
    shares[lightest]?.push(file)
    load[lightest] = (load[lightest] ?? 0) + String(file.value).length
  }
  const workers = shares.slice(1).map((share, index) => {
    const worker = new Worker(workerScript)
    const byPath = new Map(share.map((file) => [file.path, file]))
    return new Promise<void>((resolve, reject) => {
      worker.once('message', (response: ParseResponse) => {
        for (const result of response.results) {
          const file = byPath.get(result.path)
          if (!file) continue
          for (const m of result.messages) error(file, m.reason, { ruleId: m.ruleId, place: m.place, ...(m.note ? { note: m.note } : {}) })
          parsed.set(file, { file, tree: result.tree, frontmatter: result.yaml ? readFrontmatter(file, result.yaml) : undefined })
        }
        void worker.terminate()
        resolve()
      })
      worker.once('error', reject)
      worker.postMessage({ id: index, files: share.map((file) => ({ path: file.path, value: String(file.value) })) } satisfies ParseRequest)
    })
  })
  for (const file of shares[0] ?? []) parsed.set(file, parseFile(file))
  await Promise.all(workers)
  return parsed
}
