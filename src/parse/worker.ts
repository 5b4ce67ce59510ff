/**
 * Parse worker: parses the files it is sent and returns their trees, front matter nodes
 * and messages. Runs in a worker thread, so a large course parses on every core.
 */
import { parentPort } from 'node:worker_threads'
import { VFile } from 'vfile'
import { parseFile } from './index.js'
import type { ParseRequest, ParseResponse } from './parallel.js'

/** Messages `readFrontmatter` makes; the main thread reads the front matter again. */
const frontmatterRules = new Set(['frontmatter-syntax', 'frontmatter-tag', 'frontmatter-limit'])

parentPort?.on('message', (request: ParseRequest) => {
  const results: ParseResponse['results'] = request.files.map(({ path, value }) => {
    const file = new VFile({ path, value })
    const parsed = parseFile(file)
    return {
      path,
      tree: parsed.tree,
      yaml: parsed.frontmatter?.node,
      // Front matter messages are made again on the main thread, from the node.
      messages: file.messages
        .filter((m) => !frontmatterRules.has(m.ruleId ?? ''))
        .map((m) => ({ reason: m.reason, ruleId: m.ruleId ?? '', place: m.place ?? undefined, note: m.note }))
    }
  })
  parentPort?.postMessage({ id: request.id, results } satisfies ParseResponse)
})
