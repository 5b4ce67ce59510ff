// Build the tool and the runtime bundles once before any test: the CLI tests run the
// real bin, and packages embed the bundled runtime.
import { execFileSync } from 'node:child_process'

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--no-types'], { stdio: 'inherit' })
}
