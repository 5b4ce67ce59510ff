/** What the CLI reads and writes besides its arguments, so tests can run it in-process. */
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'

/** Whether to write ANSI colours, decided for each output stream. */
export interface StreamColors {
  stdout: boolean
  stderr: boolean
}

export interface Io {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Colours per stream, from the environment and the terminal (`--color`/`--no-color` override it). */
  color: StreamColors
  /** stderr is a terminal: progress may redraw a line. */
  interactive: boolean
  /** `DEBUG=coursepack`: print the stack of an internal error. */
  debug?: boolean
  /** Course folders used when none is given: `./courses/*` holding a `course.md`. */
  defaultCourses: () => Promise<string[]>
}

/**
 * Colour for one stream: `FORCE_COLOR` (any value but `0` or `false`) forces it and wins
 * over `NO_COLOR` (any non-empty value), as in Node.js; else a terminal that is not
 * `TERM=dumb` gets colour and a pipe or file does not.
 */
export function streamColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY && env.TERM !== 'dumb'
}

/** `DEBUG=coursepack`, `coursepack:*` or `*` (the `debug` package's patterns). */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.DEBUG ?? '').split(/[\s,]+/).some((pattern) => pattern === '*' || pattern === 'coursepack' || pattern.startsWith('coursepack:'))
}

export function nodeIo(): Io {
  const cwd = process.cwd()
  return {
    cwd,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    color: { stdout: streamColor(process.env, process.stdout.isTTY === true), stderr: streamColor(process.env, process.stderr.isTTY === true) },
    interactive: process.stderr.isTTY === true,
    debug: debugEnabled(process.env),
    defaultCourses: async () => {
      const dir = path.join(cwd, 'courses')
      if (!existsSync(dir)) return []
      const names = (await readdir(dir)).sort()
      return names.filter((name) => existsSync(path.join(dir, name, 'course.md'))).map((name) => path.join('courses', name))
    }
  }
}
