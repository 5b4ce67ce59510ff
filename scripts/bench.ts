/**
 * `npm run bench`: builds synthetic courses of 1, 10, 100 and 400 modules (3 lessons of
 * realistic length, a 10-question quiz and an image per module) for every target with
 * the real CLI, and prints medians: wall time, time per module, peak memory, zip bytes,
 * and the runtime shipped per target. Node's own start (`node -e ''`) is the floor.
 * Figures only: nothing here is asserted.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { stripCssComments } from '../src/render/css.js'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const bin = path.join(root, 'bin', 'coursepack.js')
const runs = Number(process.env.BENCH_RUNS ?? 3)
const sizes = (process.env.BENCH_SIZES ?? '1,10,100,400').split(',').map(Number).filter((n) => n > 0)
/** Another coursepack (a folder holding its `bin/coursepack.js`, such as an installed older version) to time on the sample course in the same run. */
const compare = process.env.BENCH_COMPARE

const words = 'children rights online safety digital product design business responsibility policy platform risk harm report privacy data age appropriate moderation community guidance parents educators industry'.split(' ')
function prose(seed: number, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += (i % 14 === 0 ? (i ? '. ' : '') + 'The' : '') + ' ' + words[(seed * 7 + i * 13) % words.length]
  return text + '.'
}

/** A lesson of about 550 words: headings, paragraphs, a list, a callout. */
function lesson(m: number, l: number): string {
  return `---\ntitle: Lesson ${m}.${l}\n---\n\n## Why it matters\n\n${prose(m + l, 120)}\n\n${prose(m * l, 90)}\n\n## What to do\n\n- ${prose(l, 14)}\n- ${prose(m, 16)}\n- ${prose(m + 2 * l, 12)}\n\n<Callout type="tip">\n\n${prose(m + 3, 40)}\n\n</Callout>\n\n### In practice\n\n${prose(m + 5, 150)}\n\n![Diagram for module ${m}](../images/diagram-${m}.svg)\n\n${prose(l + 9, 110)}\n`
}

function quiz(m: number): string {
  let text = `---\ntitle: Quiz ${m}\n---\n\n`
  for (let q = 1; q <= 10; q++) {
    const right = (q + m) % 4
    text += `## In module ${m}, which statement ${q} about online safety is accurate?\n\n`
    for (let o = 0; o < 4; o++) text += `- [${o === right || (q === 3 && o === (right + 1) % 4) ? 'x' : ' '}] ${prose(q * 4 + o + m, 9)}\n`
    text += `\n> ${prose(q + m, 20)}\n\n`
  }
  return text
}

/** Write a synthetic course of `modules` modules into `dir`; returns its source bytes. */
export function makeCourse(dir: string, modules: number): number {
  mkdirSync(path.join(dir, 'images'), { recursive: true })
  writeFileSync(path.join(dir, 'course.md'), `---\nid: bench-${modules}\ntitle: Benchmark course of ${modules} modules\nversion: 1.0.0\n---\n\n${prose(1, 150)}\n`)
  for (let m = 1; m <= modules; m++) {
    const moduleDir = path.join(dir, `${String(m).padStart(3, '0')}-module-${m}`)
    mkdirSync(moduleDir)
    writeFileSync(path.join(dir, 'images', `diagram-${m}.svg`), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"><title>Diagram ${m}</title>${Array.from({ length: 12 }, (_, i) => `<rect x="${i * 32}" y="${(i * 37 + m) % 150}" width="28" height="40" fill="#${((m * 4099 + i * 997) % 0xffffff).toString(16).padStart(6, '0')}"/>`).join('')}</svg>`)
    writeFileSync(path.join(moduleDir, 'module.md'), `---\ntitle: Module ${m}\nobjectives:\n  - Explain idea ${m}\n---\n\n${prose(m, 80)}\n`)
    for (let l = 1; l <= 3; l++) writeFileSync(path.join(moduleDir, `0${l}-lesson-${l}.md`), lesson(m, l))
    writeFileSync(path.join(moduleDir, 'quiz.md'), quiz(m))
  }
  let bytes = 0
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name))
      else bytes += statSync(path.join(d, e.name)).size
    }
  }
  walk(dir)
  return bytes
}

/** Run a command; wall milliseconds and peak RSS (VmHWM from /proc, sampled) in bytes. */
function measure(command: string, args: string[]): Promise<{ ms: number; rss: number; code: number; stderr: string }> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint()
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let rss = 0
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
        rss = Math.max(rss, kb * 1024)
      } catch {
        // the process has ended
      }
    }
    const timer = setInterval(sample, 5)
    child.on('exit', (code) => {
      clearInterval(timer)
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      resolve({ ms, rss, code: code ?? 1, stderr })
    })
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`

async function main(): Promise<void> {
  if (spawnSync(process.execPath, [bin, '--version']).status !== 0) throw new Error('Build the tool first: npm run build')
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-bench-'))
  try {
    const floor: number[] = []
    for (let i = 0; i < Math.max(5, runs); i++) floor.push((await measure(process.execPath, ['-e', ''])).ms)
    const floorMs = median(floor)
    console.log(`coursepack benchmark · ${cpus().length} cores · Node ${process.version} · ${runs} runs per row, medians · all four targets per build`)
    console.log(`node -e '' (the floor): ${floorMs.toFixed(0)} ms\n`)
    const rows = [['modules', 'source', 'wall', 'per module', 'x floor', 'peak RSS', 'zips']]
    const cases: Array<{ name: string; dir: string; modules: number; bytes: number }> = []
    const notes: string[] = []
    cases.push({ name: 'sample', dir: path.join(root, 'courses', 'child-online-protection-industry'), modules: 4, bytes: 0 })
    for (const modules of sizes) {
      const dir = path.join(work, `course-${modules}`)
      cases.push({ name: String(modules), dir, modules, bytes: makeCourse(dir, modules) })
    }
    for (const c of cases) {
      const out = path.join(work, `out-${c.name}`)
      const times: number[] = []
      const peaks: number[] = []
      // SCORM 1.2's 4,096 characters of suspend data cannot hold the learner state of a course
      // with hundreds of pages; the build refuses that target (scorm12-suspend-data), so such a
      // row builds the other three, and says so.
      let targets = 'all'
      for (let r = 0; r < runs; r++) {
        rmSync(out, { recursive: true, force: true })
        const result = await measure(process.execPath, [bin, 'build', c.dir, '--target', targets, '--out', out])
        if (result.code !== 0 && targets === 'all' && result.stderr.includes('scorm12-suspend-data')) {
          targets = 'scorm2004,xapi,cmi5'
          r--
          continue
        }
        if (result.code !== 0) {
          process.stderr.write(result.stderr)
          throw new Error(`build of ${c.name} failed`)
        }
        times.push(result.ms)
        peaks.push(result.rss)
      }
      if (targets !== 'all') notes.push(`${c.name} modules: ${targets} only (the learner state of ${c.modules} modules does not fit SCORM 1.2's suspend data)`)
      const zipBytes = readdirSync(out).reduce((sum, f) => sum + statSync(path.join(out, f)).size, 0)
      const wall = median(times)
      rows.push([c.name === 'sample' ? 'sample (4)' : c.name, c.bytes ? kib(c.bytes) : '—', `${(wall / 1000).toFixed(2)} s`, `${(wall / c.modules).toFixed(1)} ms`, `${(wall / floorMs).toFixed(1)}×`, mib(median(peaks)), kib(zipBytes)])
      const sizesPerTarget = readdirSync(out).map((f) => `${f.replace(/^.*-(\w+)\.zip$/, '$1')} ${kib(statSync(path.join(out, f)).size)}`)
      if (c.name === 'sample') console.log(`sample course zips: ${sizesPerTarget.join(', ')}`)
    }
    if (compare) {
      const other = path.join(path.resolve(compare), 'bin', 'coursepack.js')
      const sample = cases[0]!
      const timesOf = async (script: string) => {
        const times: number[] = []
        for (let r = 0; r < Math.max(5, runs); r++) {
          const out = path.join(work, 'out-compare')
          rmSync(out, { recursive: true, force: true })
          const result = await measure(process.execPath, [script, 'build', sample.dir, '--target', 'all', '--out', out])
          if (result.code !== 0) throw new Error(`build of the sample course with ${script} failed`)
          times.push(result.ms)
        }
        return median(times)
      }
      // Interleaved would be fairer still; alternating whole series keeps each one warm.
      const theirs = await timesOf(other)
      const ours = await timesOf(bin)
      console.log(`sample course, all targets: this version ${(ours / 1000).toFixed(2)} s, ${compare} ${(theirs / 1000).toFixed(2)} s (ratio ${(ours / theirs).toFixed(2)}; floor ${floorMs.toFixed(0)} ms)`)
    }
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
    console.log('')
    for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '))
    for (const note of notes) console.log(`  ${note}`)

    console.log('\nruntime shipped per package (JS + CSS):')
    const css = Buffer.from(stripCssComments(readFileSync(path.join(root, 'templates', 'assets', 'coursepack.css'), 'utf8')))
    for (const target of ['scorm12', 'scorm2004', 'xapi', 'cmi5']) {
      const js = readFileSync(path.join(root, 'build', 'runtime', `${target}.js`))
      const gz = gzipSync(js, { level: 9 }).length + gzipSync(css, { level: 9 }).length
      console.log(`  ${target.padEnd(9)} raw ${kib(js.length + css.length).padStart(10)}   gzipped ${kib(gz).padStart(9)}`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
