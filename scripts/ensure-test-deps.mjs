// Makes sure the system tools the tests use are present: Debian's `chromium` (browser
// tests, driven by playwright-core; never a downloaded browser) and `xmllint`
// (libxml2-utils, XSD validation). Installs them with apt-get when running as root.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const needs = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/xmllint', pkg: 'libxml2-utils' }
]
const missing = needs.filter((n) => !existsSync(n.bin)).map((n) => n.pkg)
if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).stdout.trim()
  if (!root || !apt) {
    console.error(`The tests need ${missing.join(', ')}: install ${missing.length > 1 ? 'them' : 'it'} (Debian: apt-get install ${missing.join(' ')}) and run again.`)
    process.exit(1)
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env })
}
