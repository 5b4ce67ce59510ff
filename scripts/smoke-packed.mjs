// The tool as users get it: `npm pack`, install the tarball into an empty folder outside
// the repository (no ../shared visible from there), and run every command from that
// folder: new, validate, build --target all, check --strict, diff, translate (export, a
// filled XLIFF file imported, status), preview (HTTP 200 on the page and the course, then a
// clean stop) and a script that builds through the API.
// Prints what the install weighs. Run by `.ci/run` (and `npm run smoke`); exits non-zero
// at the first failure, naming it.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-smoke-'))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const quiet = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }

function step(name, fn) {
  const started = performance.now()
  try {
    const result = fn()
    console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`)
    return result
  } catch (cause) {
    console.error(`FAIL ${name}\n${cause?.stdout ?? ''}${cause?.stderr ?? ''}${cause instanceof Error ? cause.message : cause}`)
    process.exitCode = 1
    throw cause
  }
}

function du(dir) {
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) bytes += du(full)
    else if (entry.isFile()) bytes += statSync(full).size
  }
  return bytes
}

/** Installed packages: every folder holding a package.json under node_modules (scoped ones too). */
function packages(dir) {
  const found = []
  const modules = path.join(dir, 'node_modules')
  if (!existsSync(modules)) return found
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const names = entry.name.startsWith('@') ? readdirSync(path.join(modules, entry.name)).map((n) => `${entry.name}/${n}`) : [entry.name]
    for (const name of names) {
      found.push(name)
      found.push(...packages(path.join(modules, name)).map((n) => `${name} > ${n}`))
    }
  }
  return found
}

const coursepack = (args, options = {}) => execFileSync(path.join(work, 'node_modules', '.bin', 'coursepack'), args, { cwd: work, ...quiet, ...options })

async function preview() {
  const child = spawn(path.join(work, 'node_modules', '.bin', 'coursepack'), ['preview', 'courses/demo', '--port', '0'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no preview URL after 30 s:\n${output}`)), 30_000)
      const look = () => {
        const match = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(match[1])
        }
      }
      child.stdout.on('data', look)
      child.on('exit', () => reject(new Error(`preview exited early:\n${output}`)))
    })
    for (const page of ['', 'course/index.html', '__preview/scorm-again.js']) {
      const response = await fetch(new URL(page, url))
      if (response.status !== 200) throw new Error(`GET /${page}: HTTP ${response.status}`)
      await response.arrayBuffer()
    }
  } finally {
    child.kill('SIGTERM')
  }
  const { code, signal } = await exited
  if (code !== 0) throw new Error(`preview stopped with ${signal ?? `exit code ${code}`}:\n${output}`)
}

try {
  const tarball = step('npm pack', () => {
    const name = execFileSync(npm, ['pack', '--silent', '--pack-destination', work], { cwd: root, ...quiet }).trim().split('\n').pop()
    return path.join(work, name)
  })
  console.log(`     tarball ${path.basename(tarball)}: ${(statSync(tarball).size / 1024).toFixed(0)} KiB`)
  const listing = execFileSync('tar', ['-tzf', tarball], quiet).split('\n').filter(Boolean)
  step('the tarball holds no tests, fixtures, sources, maps or builder paths', () => {
    const unwanted = listing.filter((f) => /^package\/(test|src|scripts|courses|\.ci)\/|\.map$|\.tmp$/.test(f))
    if (unwanted.length) throw new Error(`unexpected files:\n${unwanted.join('\n')}`)
    for (const needed of ['package/build/coursepack.cjs', 'package/build/index.d.ts', 'package/build/runtime/scorm12.js', 'package/build/schemas/scorm12edition/imscp_rootv1p1p2.xsd', 'package/build/vendor/scorm-again/scorm2004.js', 'package/build/vendor/xmllint-wasm/xmllint.wasm', 'package/templates/layouts/shell.hbs']) {
      if (!listing.includes(needed)) throw new Error(`missing ${needed}`)
    }
    const content = execFileSync('tar', ['-xzOf', tarball], { maxBuffer: 256 * 1024 * 1024 })
    if (content.includes(Buffer.from(root))) throw new Error(`the tarball contains this machine's path ${root}`)
  })
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }))
  step('npm i <tarball> in an empty folder', () => execFileSync(npm, ['install', '--no-audit', '--no-fund', tarball], { cwd: work, ...quiet }))
  const installed = packages(work)
  console.log(`     installed: ${installed.length} package${installed.length === 1 ? '' : 's'} (${installed.join(', ')}), ${(du(path.join(work, 'node_modules')) / 1e6).toFixed(1)} MB in node_modules`)
  step('coursepack --version', () => coursepack(['--version']))
  step('coursepack new courses/demo', () => coursepack(['new', 'courses/demo']))
  step('coursepack validate courses/demo --strict', () => coursepack(['validate', 'courses/demo', '--strict']))
  step('coursepack build courses/demo --target all', () => coursepack(['build', 'courses/demo', '--target', 'all']))
  const zips = readdirSync(path.join(work, 'dist')).filter((f) => f.endsWith('.zip'))
  step(`coursepack check --strict (${zips.length} zips)`, () => {
    if (zips.length !== 4) throw new Error(`expected 4 zips, found ${zips.join(', ')}`)
    return coursepack(['check', '--strict', ...zips.map((z) => path.join('dist', z))])
  })
  step('coursepack diff (a zip against its own source folder: safe, exit 0)', () => coursepack(['diff', path.join('dist', zips.find((z) => z.endsWith('-scorm12.zip')) ?? ''), 'courses/demo']))
  step('coursepack translate export courses/demo --language fr', () => coursepack(['translate', 'export', 'courses/demo', '--language', 'fr', '--out', 'xliff']))
  step('coursepack translate import (every target filled), then status: fr complete', () => {
    const file = path.join(work, 'xliff', readdirSync(path.join(work, 'xliff')).find((f) => f.endsWith('.fr.xlf')) ?? '')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/<source>([\s\S]*?)<\/source>/g, '<source>$1</source><target>$1</target>'))
    coursepack(['translate', 'import', path.relative(work, file), '--course', 'courses/demo'])
    const status = JSON.parse(coursepack(['translate', 'status', 'courses/demo', '--format', 'json']))
    const fr = status.languages.find((l) => l.language === 'fr')
    if (!fr || fr.translated === 0 || fr.missing !== 0 || fr.stale !== 0) throw new Error(`fr is not complete: ${JSON.stringify(fr && { ...fr, files: undefined })}`)
    return `fr: ${fr.translated} units translated`
  })
  const started = performance.now()
  await preview()
  console.log(`ok   coursepack preview: 200 on the page and the course, stopped cleanly (${Math.round(performance.now() - started)} ms)`)
  writeFileSync(
    path.join(work, 'api.mjs'),
    `import { build } from 'coursepack'
const result = await build(['courses/demo'], { out: 'api-dist', targets: ['cmi5'] })
if (result.exitCode !== 0 || result.packages.length !== 1) { console.error(JSON.stringify(result.packages)); process.exit(1) }
console.log(result.packages[0].path)
`
  )
  step('a Node script imports coursepack and builds through the API', () => execFileSync(process.execPath, ['api.mjs'], { cwd: work, ...quiet }))
  writeFileSync(path.join(work, 'api.mts'), `import { build, type BuildOptions } from 'coursepack'\nconst options: BuildOptions = { out: 'typed-dist' }\nconst result = await build(['courses/demo'], options)\nconst code: number = result.exitCode\nconsole.log(code)\n`)
  // A strict project with Node's types (from this repository) and no other package.
  const tsconfig = { compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, typeRoots: [path.join(root, 'node_modules', '@types')], types: ['node'] }, files: ['api.mts'] }
  writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify(tsconfig))
  step('the API types compile in a strict TypeScript project', () => execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: work, ...quiet }))
  writeFileSync(path.join(work, 'api.cjs'), `const { build } = require('coursepack'); if (typeof build !== 'function') process.exit(1)\n`)
  step('require("coursepack") works too', () => execFileSync(process.execPath, ['api.cjs'], { cwd: work, ...quiet }))
  const prefix = path.join(work, 'global')
  step('npm i -g <tarball> (into a temporary prefix), then coursepack build from the PATH', () => {
    execFileSync(npm, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: work, ...quiet })
    const env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` }
    return execFileSync('coursepack', ['build', 'courses/demo', '--out', 'global-dist'], { cwd: work, env, ...quiet })
  })
  console.log('smoke test of the packed tool: passed')
} catch {
  process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
