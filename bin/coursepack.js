#!/usr/bin/env node
// Thin launcher: the CLI is bundled into build/ by `npm run build` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs'

const entry = new URL('../build/coursepack.js', import.meta.url)
if (!existsSync(entry)) {
  console.error('coursepack: the tool is not built yet; run `npm run build` (npm ci does it through `prepare`)')
  process.exit(2)
}
const { main } = await import(entry.href)
await main()
