/** Mistakes get one clear line and exit 2, through the real bin; a bug gets the version and a plea to report it. */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { debugEnabled, type Io } from '../src/cli/io.js'
import { run } from '../src/cli/index.js'
import { cleanup, fixtureCourse, fixtures, repoRoot, runCli, tempDir } from './helpers.js'

afterAll(cleanup)

const bin = path.join(repoRoot, 'bin', 'coursepack.js')

async function expectUsage(args: string[], cwd: string, line: string): Promise<void> {
  const result = await runCli(args, cwd)
  expect(result.stderr).toBe(`coursepack: ${line}\n`)
  expect(result.stdout).toBe('')
  expect(result.code).toBe(2)
}

describe('usage mistakes: exit 2 and one line', () => {
  test('a missing course folder', async () => {
    const { workspace } = fixtureCourse()
    await expectUsage(['build', 'nowhere'], workspace, 'Cannot find the course folder `nowhere`, expected a folder holding `course.md`')
    await expectUsage(['validate', 'course', 'nowhere'], workspace, 'Cannot find the course folder `nowhere`, expected a folder holding `course.md`')
  })

  test('a file given instead of a folder', async () => {
    const { workspace } = fixtureCourse()
    await expectUsage(['build', 'course/course.md'], workspace, 'Unexpected file `course/course.md`, expected a course folder: give its folder, `course`')
    await expectUsage(['validate', 'course/01-basics/quiz.md'], workspace, 'Unexpected file `course/01-basics/quiz.md`, expected a course folder (the folder holding `course.md`)')
  })

  test('--out pointing at a file, or below one', async () => {
    const { workspace } = fixtureCourse()
    writeFileSync(path.join(workspace, 'dist'), 'a file')
    await expectUsage(['build', 'course'], workspace, 'Unexpected file `dist` for the output folder, expected a folder: give another --out')
    await expectUsage(['build', 'course', '--out', 'dist/zips'], workspace, 'Cannot make the output folder `dist/zips`, `dist` is a file: give another --out')
  })

  test('the same course given twice', async () => {
    const { workspace } = fixtureCourse()
    await expectUsage(['build', 'course', './course/'], workspace, 'Unexpected course `./course/` given twice (also as `course`), expected each course folder once')
  })

  test('two courses that would write the same zip: nothing is written', async () => {
    const workspace = tempDir()
    cpSync(path.join(fixtures, 'minimal'), path.join(workspace, 'a'), { recursive: true })
    cpSync(path.join(fixtures, 'minimal'), path.join(workspace, 'b'), { recursive: true })
    await expectUsage(['build', 'a', 'b'], workspace, 'Cannot write `dist/minimal-course-1.2.0-scorm12.zip` for both `a` and `b`, expected distinct course ids or versions')
    expect(existsSync(path.join(workspace, 'dist'))).toBe(false)
  })

  test('validate and build with no course found', async () => {
    const workspace = tempDir()
    await expectUsage(['validate'], workspace, 'Cannot find any course, expected a course folder argument or folders in `./courses`')
    await expectUsage(['build'], workspace, 'Cannot find any course, expected a course folder argument or folders in `./courses`')
  })

  test('preview on a missing folder', async () => {
    await expectUsage(['preview', 'nowhere'], tempDir(), 'Cannot find the course folder `nowhere`, expected a folder holding `course.md`')
  })

  test('an unknown target or a bad --max-warnings', async () => {
    const { workspace } = fixtureCourse()
    await expectUsage(['build', 'course', '--target', 'scorm3'], workspace, 'Unexpected target `scorm3`, expected `scorm12`, `scorm2004`, `xapi`, `cmi5` or `all`')
    const bad = await runCli(['validate', 'course', '--max-warnings', 'many'], workspace)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error: option '--max-warnings <n>' argument 'many' is invalid\. expected a whole number such as 0\n/)
  })
})

describe('preview --port on a busy port', () => {
  /** Hold a port on 127.0.0.1 for the test. */
  async function occupy(): Promise<{ port: number; close: () => Promise<void> }> {
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as net.AddressInfo
    return { port, close: () => new Promise((resolve) => server.close(() => resolve())) }
  }

  test('takes the next free port and says which', async () => {
    const { workspace } = fixtureCourse()
    const busy = await occupy()
    const child = spawn(process.execPath, [bin, 'preview', 'course', '--port', String(busy.port)], { cwd: workspace, env: { ...process.env, NO_COLOR: '1' } })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    try {
      await expect.poll(() => out, { timeout: 15_000 }).toMatch(/^Preview: http:\/\/127\.0\.0\.1:\d+\/\n$/)
      const taken = Number(/Port \d+ is in use, using (\d+) instead\n/.exec(err)?.[1])
      expect(err).toContain(`Port ${busy.port} is in use, using ${taken} instead\n`)
      expect(taken).toBeGreaterThan(busy.port)
      expect(out).toBe(`Preview: http://127.0.0.1:${taken}/\n`)
      expect((await fetch(`http://127.0.0.1:${taken}/`)).status).toBe(200)
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      await busy.close()
    }
  })

  test('--strict-port refuses it: exit 2 and one line', async () => {
    const { workspace } = fixtureCourse()
    const busy = await occupy()
    try {
      const result = await runCli(['preview', 'course', '--port', String(busy.port), '--strict-port'], workspace)
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(new RegExp(`\\ncoursepack: Port ${busy.port} is in use, expected a free port: drop --strict-port to take the next free one\\n$`))
      expect(result.stderr).not.toMatch(/\n\s+at /)
    } finally {
      await busy.close()
    }
  })
})

describe('internal errors', () => {
  function io(debug = false): Io & { err: () => string } {
    let err = ''
    return {
      cwd: tempDir(),
      stdout: () => {},
      stderr: (text) => void (err += text),
      color: { stdout: false, stderr: false },
      interactive: false,
      debug,
      defaultCourses: () => Promise.reject(new TypeError('boom')),
      err: () => err
    }
  }

  test('one line with the version and a line asking to report it; no stack', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default
    const target = io()
    expect(await run(['build'], target)).toBe(2)
    expect(target.err()).toBe(
      `coursepack ${version}: internal error: boom\n` +
        'This is a bug in coursepack: please report it with the command you ran and this output (run again with --debug or DEBUG=coursepack for the stack).\n'
    )
  })

  test('the stack with --debug or DEBUG=coursepack', async () => {
    const flagged = io()
    expect(await run(['build', '--debug'], flagged)).toBe(2)
    expect(flagged.err()).toMatch(/internal error: boom\n.*report it.*\nTypeError: boom\n\s+at /)
    const env = io(true)
    expect(await run(['validate'], env)).toBe(2)
    expect(env.err()).toMatch(/\nTypeError: boom\n\s+at /)
    expect(debugEnabled({ DEBUG: 'coursepack' })).toBe(true)
    expect(debugEnabled({ DEBUG: 'express,coursepack:*' })).toBe(true)
    expect(debugEnabled({ DEBUG: '*' })).toBe(true)
    expect(debugEnabled({ DEBUG: 'express' })).toBe(false)
    expect(debugEnabled({})).toBe(false)
  })
})
