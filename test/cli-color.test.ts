/** Colour is decided per output stream: NO_COLOR, FORCE_COLOR, --color/--no-color, and whether the stream is a terminal. */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { streamColor } from '../src/cli/io.js'
import { cleanup, fixtureCourse, repoRoot } from './helpers.js'

afterAll(cleanup)

const bin = path.join(repoRoot, 'bin', 'coursepack.js')
const escape = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`)

/** The environment without any colour setting of the test runner's. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const rest = { ...process.env }
  delete rest.NO_COLOR
  delete rest.FORCE_COLOR
  return { ...rest, TERM: 'xterm-256color', ...extra }
}

function sh(file: string, args: string[], cwd: string, environment: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: environment }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }))
  })
}

let workspace = ''
beforeAll(() => {
  workspace = fixtureCourse().workspace
  // One warning (an image without alternative text), so that the report has a coloured severity.
  writeFileSync(path.join(workspace, 'course', '02-more', '01-only.md'), '---\ntitle: x\n---\n\n![](../images/square.svg)\n')
})

describe('through the real bin, on a pipe', () => {
  const validate = (extra: Record<string, string>, ...flags: string[]) => sh(process.execPath, [bin, 'validate', 'course', ...flags], workspace, env(extra))

  test('a pipe gets no escape codes', async () => {
    const result = await validate({})
    expect(result.stdout).toContain('warning')
    expect(result.stdout).not.toMatch(escape)
  })

  test('FORCE_COLOR forces colour on a pipe, and wins over NO_COLOR', async () => {
    expect((await validate({ FORCE_COLOR: '1' })).stdout).toMatch(escape)
    expect((await validate({ FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).toMatch(escape)
    expect((await validate({ FORCE_COLOR: '0' })).stdout).not.toMatch(escape)
  })

  test('--color forces it, --no-color refuses it, whatever the environment says', async () => {
    expect((await validate({}, '--color')).stdout).toMatch(escape)
    expect((await validate({ NO_COLOR: '1' }, '--color')).stdout).toMatch(escape)
    expect((await validate({ FORCE_COLOR: '1' }, '--no-color')).stdout).not.toMatch(escape)
    expect((await validate({ FORCE_COLOR: '1' }, '--color', '--no-color')).stdout).not.toMatch(escape)
  })
})

describe('on a terminal (script(1) gives the command a pseudo-terminal)', () => {
  const inTerminal = (command: string, extra: Record<string, string> = {}) =>
    sh('script', ['-q', '-e', '-c', command, '/dev/null'], workspace, env(extra))
  const node = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)}`

  test('a terminal gets colour; NO_COLOR takes it away', async () => {
    expect((await inTerminal(`${node} validate course`)).stdout).toMatch(escape)
    expect((await inTerminal(`${node} validate course`, { NO_COLOR: '1' })).stdout).not.toMatch(escape)
    expect((await inTerminal(`${node} validate course --no-color`)).stdout).not.toMatch(escape)
  })

  test('`validate | cat` on a terminal writes none: stdout is a pipe even though stderr is a terminal', async () => {
    const result = await inTerminal(`${node} validate course | cat`)
    expect(result.stdout).toContain('warning')
    expect(result.stdout).not.toMatch(escape)
  })

  test("build's report on a terminal's stderr is coloured while its stdout goes to a pipe", async () => {
    const result = await inTerminal(`${node} build course --out out | cat >/dev/null`)
    expect(result.stdout).toContain('warning')
    expect(result.stdout).toMatch(escape)
  })
})

test('the decision for one stream', () => {
  expect(streamColor({}, true)).toBe(true)
  expect(streamColor({}, false)).toBe(false)
  expect(streamColor({ TERM: 'dumb' }, true)).toBe(false)
  expect(streamColor({ NO_COLOR: '1' }, true)).toBe(false)
  expect(streamColor({ NO_COLOR: '' }, true)).toBe(true)
  expect(streamColor({ FORCE_COLOR: '1' }, false)).toBe(true)
  expect(streamColor({ FORCE_COLOR: 'false' }, true)).toBe(false)
  expect(streamColor({ FORCE_COLOR: '' }, false)).toBe(false)
})
