#!/usr/bin/env node
// Thin launcher for the bundled CLI (build/coursepack.cjs, made by `npm run build`, which
// `npm pack` and `npm ci` run). Node 22.1 and later keep their own compile cache
// (`module.enableCompileCache`); on Node 20 the V8 code cache built beside the bundle
// spares compiling it again (V8 rejects a cache of another version, and the bundle is
// then compiled as usual).
import { existsSync, readFileSync } from 'node:fs'
import module, { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

const file = fileURLToPath(new URL('../build/coursepack.cjs', import.meta.url))
if (!existsSync(file)) {
  console.error('coursepack: this copy is not built; in a clone of its repository, run `npm run build` (npm ci does it)')
  process.exit(2)
}
let tool
if (typeof module.enableCompileCache === 'function') {
  module.enableCompileCache()
  tool = createRequire(import.meta.url)(file)
} else {
  let cachedData
  try {
    cachedData = readFileSync(new URL('../build/coursepack.cache', import.meta.url))
  } catch {
    cachedData = undefined // no cache: compile as usual
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
  })
  if (process.env.COURSEPACK_DEBUG_CACHE) console.error(`coursepack: code cache ${cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used'}`)
  tool = { exports: {} }
  script.runInThisContext()(tool.exports, createRequire(file), tool, file, fileURLToPath(new URL('../build/', import.meta.url)))
  tool = tool.exports
}
await tool.main()
