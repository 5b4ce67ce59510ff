#!/usr/bin/env node
// Thin launcher. The CLI is bundled into build/coursepack.cjs by `npm run build` (which
// `npm ci` runs through `prepare`), with a V8 code cache that spares compiling it again.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import vm from 'node:vm'

const file = new URL('../build/coursepack.cjs', import.meta.url).pathname
if (!existsSync(file)) {
  console.error('coursepack: the tool is not built yet; run `npm run build` (npm ci does it through `prepare`)')
  process.exit(2)
}
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
const module = { exports: {} }
script.runInThisContext()(module.exports, createRequire(file), module, file, new URL('../build/', import.meta.url).pathname)
await module.exports.main()
