/**
 * Chromium for `coursepack test`, through playwright-core: an optional peer dependency, loaded on
 * first use (kept out of the bundle, scripts/build.mjs). Nothing is downloaded: the browser is
 * `--chromium <path>`, else `CHROMIUM_PATH`, else one installed on the system.
 */
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { UsageError } from '../errors.js'

type Playwright = typeof import('playwright-core')

/** Test-only: `COURSEPACK_TEST_NO_PLAYWRIGHT=1` behaves as if playwright-core were not installed. */
const pretendMissing = (env: NodeJS.ProcessEnv): boolean => env.COURSEPACK_TEST_NO_PLAYWRIGHT === '1'

export const missingPlaywright = 'coursepack test needs playwright-core: npm i -D playwright-core'

/** playwright-core, from the project that runs coursepack (or coursepack's own install). */
export function loadPlaywright(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Playwright {
  if (pretendMissing(env)) throw new UsageError(missingPlaywright)
  for (const from of [path.join(cwd, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)('playwright-core') as Playwright
    } catch {
      // try the next place
    }
  }
  throw new UsageError(missingPlaywright)
}

const systemNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** The Chromium to run: the option, else CHROMIUM_PATH, else /usr/bin/chromium or one of the usual names on PATH. */
export function findChromium(option: string | undefined, env: NodeJS.ProcessEnv = process.env, system: readonly string[] = ['/usr/bin/chromium']): string {
  const given = option ?? (env.CHROMIUM_PATH || undefined)
  if (given !== undefined) {
    if (executable(given)) return given
    throw new UsageError(`Cannot run Chromium at \`${given}\`, expected an executable file: give another --chromium or CHROMIUM_PATH`)
  }
  const candidates = [...system, ...(env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => systemNames.map((name) => path.join(dir, name)))]
  const found = candidates.find(executable)
  if (found) return found
  throw new UsageError('Cannot find Chromium, expected one installed (Debian: apt-get install chromium) or its path in --chromium or CHROMIUM_PATH')
}

/** Flags for a quiet, local, headless run: no sandbox (containers), no GPU, no network of its own. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export interface RunningBrowser {
  context: BrowserContext
  close(): Promise<void>
}

/** Start Chromium with a fresh user-data folder, removed on close. */
export async function startBrowser(playwright: Playwright, executablePath: string): Promise<RunningBrowser> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coursepack-chromium-'))
  try {
    // Reduced motion: the course's smooth scrolling (coursepack.css) would keep each link moving
    // for most of a second after a page change, and a click waits until its target stands still.
    // What the LMS records does not depend on it.
    const context = await playwright.chromium.launchPersistentContext(dataDir, { executablePath, args: chromiumArgs, headless: true, reducedMotion: 'reduce' })
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined)
        rmSync(dataDir, { recursive: true, force: true })
      }
    }
  } catch (cause) {
    rmSync(dataDir, { recursive: true, force: true })
    throw cause
  }
}
