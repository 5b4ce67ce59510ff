/**
 * The coursepack command line. `run` is the in-process entry (tests use it);
 * `main` is the only place that calls `process.exit`.
 * Exit codes: 0 success, 1 content errors, 2 usage or internal errors.
 */
import { readdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Command, CommanderError } from 'commander'
import { buildCommand } from './commands/build.js'
import { checkCommand } from './commands/check.js'
import { newCommand } from './commands/new.js'
import { previewCommand } from './commands/preview.js'
import { validateCommand } from './commands/validate.js'
import { ExitError, UsageError } from './errors.js'
import { version } from '../version.js'

export interface Io {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  color: boolean
  /** stderr is a terminal: progress may redraw a line. */
  interactive: boolean
  /** Course folders used when none is given: `./courses/*` holding a `course.md`. */
  defaultCourses: () => Promise<string[]>
}

export function nodeIo(): Io {
  const cwd = process.cwd()
  return {
    cwd,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    color: process.stderr.isTTY === true && !('NO_COLOR' in process.env),
    interactive: process.stderr.isTTY === true,
    defaultCourses: async () => {
      const dir = path.join(cwd, 'courses')
      if (!existsSync(dir)) return []
      const names = (await readdir(dir)).sort()
      return names.filter((name) => existsSync(path.join(dir, name, 'course.md'))).map((name) => path.join('courses', name))
    }
  }
}

/** Run the CLI with these arguments (without `node` and the script), returning the exit code. */
export async function run(argv: string[], io: Io = nodeIo()): Promise<0 | 1 | 2> {
  const program = new Command('coursepack')
    .description('Compile Markdown course folders into e-learning packages (SCORM 1.2, SCORM 2004, xAPI, cmi5)')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  program.addCommand(buildCommand(io)).addCommand(validateCommand(io)).addCommand(checkCommand(io)).addCommand(newCommand(io)).addCommand(previewCommand(io))
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (cause) {
    if (cause instanceof ExitError) return cause.code
    if (cause instanceof CommanderError) {
      if (cause.code === 'commander.helpDisplayed' || cause.code === 'commander.version' || cause.code === 'commander.help') return 0
      return 2
    }
    if (cause instanceof UsageError) {
      io.stderr(`coursepack: ${cause.message}\n`)
      return 2
    }
    io.stderr(`coursepack: internal error: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`)
    return 2
  }
}

/** Process entry point. */
export async function main(): Promise<void> {
  const code = await run(process.argv.slice(2))
  process.exitCode = code
}
