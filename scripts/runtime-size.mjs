// Prints the size of each target's browser runtime as shipped in a package: the bundled
// script plus the default stylesheet as packages carry it (without its comments), raw and
// gzipped (level 9, as the package zips). Run by tsx, for the build's own comment stripper.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { stripCssComments } from '../src/render/css.ts'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const runtime = path.join(root, 'build', 'runtime')
const css = Buffer.from(stripCssComments(readFileSync(path.join(root, 'templates', 'assets', 'coursepack.css'), 'utf8')))
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`

let names
try {
  names = readdirSync(runtime).filter((n) => n.endsWith('.js')).sort()
} catch {
  console.error('No runtime bundles: run `npm run build` first.')
  process.exit(1)
}
const rows = [['target', 'JS raw', 'JS gzip', 'CSS raw', 'CSS gzip', 'JS+CSS raw', 'JS+CSS gzip']]
for (const name of names) {
  const js = readFileSync(path.join(runtime, name))
  rows.push([name.replace(/\.js$/, ''), kb(js.length), kb(gz(js)), kb(css.length), kb(gz(css)), kb(js.length + css.length), kb(gz(js) + gz(css))])
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
