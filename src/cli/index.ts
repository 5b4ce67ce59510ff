/**
 * The coursepack command line. `run` is the in-process entry (tests use it);
 * `main` is the only place that sets the exit code.
 * Exit codes: 0 success, 1 content errors, 2 usage or internal errors; `diff` exits 0, 1 or 2
 * for its verdicts and 3 for usage or internal errors.
 */
import { Command, CommanderError } from 'commander'
import { buildCommand } from './commands/build.js'
import { checkCommand } from './commands/check.js'
import { diffCommand } from './commands/diff.js'
import { newCommand } from './commands/new.js'
import { previewCommand } from './commands/preview.js'
import { testCommand } from './commands/test.js'
import { translateCommand } from './commands/translate.js'
import { validateCommand } from './commands/validate.js'
import { ExitError, UsageError } from './errors.js'
import { type Io, nodeIo } from './io.js'
import { version } from '../version.js'

export type { Io, StreamColors } from './io.js'
export { nodeIo } from './io.js'

/** `--color` / `--no-color` anywhere on the command line: the last one wins over the environment. */
function colorFlag(argv: readonly string[]): boolean | undefined {
  let flag: boolean | undefined
  for (const arg of argv) {
    if (arg === '--') break
    if (arg === '--color') flag = true
    else if (arg === '--no-color') flag = false
  }
  return flag
}

/** One line for a bug, the version, and how to report it; the stack only when debugging. */
function internalError(io: Io, cause: unknown, debug: boolean): void {
  const message = cause instanceof Error ? cause.message : String(cause)
  io.stderr(`coursepack ${version}: internal error: ${message}\n`)
  io.stderr(`This is a bug in coursepack: please report it with the command you ran and this output${debug ? '' : ' (run again with --debug or DEBUG=coursepack for the stack)'}.\n`)
  if (debug && cause instanceof Error && cause.stack) io.stderr(`${cause.stack}\n`)
}

/** The exit code of a usage error or a bug: 2, but 3 for `diff`, whose 0, 1 and 2 are its verdicts. */
const usageCodeOf = (command: string | undefined): 2 | 3 => (command === 'diff' ? 3 : 2)

/** Run the CLI with these arguments (without `node` and the script), returning the exit code. */
export async function run(argv: string[], io: Io = nodeIo()): Promise<0 | 1 | 2 | 3> {
  const flag = colorFlag(argv)
  if (flag !== undefined) io = { ...io, color: { stdout: flag, stderr: flag } }
  const debug = io.debug === true || argv.includes('--debug')
  const program = new Command('coursepack')
    .description('Compile Markdown course folders into e-learning packages (SCORM 1.2, SCORM 2004, xAPI, cmi5)')
    .version(version, '-v, --version')
    .option('--color', 'colour the output, even when it is not a terminal')
    .option('--no-color', 'no colour (also NO_COLOR=1); FORCE_COLOR=1 forces it')
    .option('--debug', 'print the stack of an internal error (also DEBUG=coursepack)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  program.addCommand(buildCommand(io)).addCommand(validateCommand(io)).addCommand(checkCommand(io)).addCommand(diffCommand(io)).addCommand(newCommand(io)).addCommand(previewCommand(io)).addCommand(testCommand(io)).addCommand(translateCommand(io))
  // Known before the subcommand parses its options, so that its own misuse gets its code.
  let usageCode: 2 | 3 = 2
  program.hook('preSubcommand', (_program, subcommand) => {
    usageCode = usageCodeOf(subcommand.name())
  })
  // Every command and subcommand (`translate export`): their misuse is a usage error too.
  const nested = (command: Command, names: string[]): Array<[Command, string[]]> => [[command, names], ...command.commands.flatMap((c) => nested(c, [...names, c.name()]))]
  for (const [command, names] of nested(program, [])) {
    command
      .exitOverride()
      .configureHelp({ showGlobalOptions: true })
      .showHelpAfterError(`(run \`${['coursepack', ...names].join(' ')} --help\` for the options)`)
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (cause) {
    if (cause instanceof ExitError) return cause.code
    if (cause instanceof CommanderError) {
      if (cause.code === 'commander.helpDisplayed' || cause.code === 'commander.version' || cause.code === 'commander.help') return 0
      return usageCode
    }
    if (cause instanceof UsageError) {
      io.stderr(`coursepack: ${cause.message}\n`)
      return usageCode
    }
    internalError(io, cause, debug)
    return usageCode
  }
}

/** Process entry point. */
export async function main(): Promise<void> {
  const code = await run(process.argv.slice(2))
  process.exitCode = code
}
