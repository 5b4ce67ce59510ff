/**
 * Options shared by build, validate and check: the report's format, `--quiet`,
 * `--max-warnings`, `--strict` and the configuration file, whose values are defaults
 * that command-line flags override.
 */
import { type Command, InvalidArgumentError, Option } from 'commander'
import { type Config, ConfigError, loadConfig } from '../config/index.js'
import { collectDiagnostics, countDiagnostics } from '../diagnostics.js'
import { targetNames, type TargetName } from '../package/index.js'
import { ExitError, UsageError } from './errors.js'
import type { Io } from './io.js'
import { formats, type Format, type ReportOptions, writeReport } from './report.js'

export interface ReportFlags {
  format: Format
  quiet?: boolean
  maxWarnings?: number
  strict?: boolean
  /** `--config <file>`, or false for `--no-config`. */
  config?: string | false
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number such as 0')
  return Number(value)
}

/** Add the shared options to a command. */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'report format').choices(formats).default('text'))
    .option('-q, --quiet', 'report errors only (and warnings, with --strict)')
    .option('--max-warnings <n>', 'fail when there are more than n warnings', wholeNumber)
    .option('--strict', 'treat warnings as errors')
    .option('-c, --config <file>', 'configuration file (default: coursepack.config.json, or the "coursepack" key of package.json)')
    .option('--no-config', 'ignore any configuration file')
}

/** A flag's value when given on the command line, else undefined (so the configuration's applies). */
export function given<T>(command: Command, name: string): T | undefined {
  return command.getOptionValueSource(name) === 'cli' ? (command.getOptionValue(name) as T) : undefined
}

/**
 * The configuration this command runs with. A file with errors is reported like any
 * diagnostics, in the command's format, and stops the command with exit 2.
 */
export function commandConfig(io: Io, flags: ReportFlags, command: ReportOptions['command'], fields: Record<string, unknown>): Config {
  try {
    return loadConfig(io.cwd, flags.config).config
  } catch (cause) {
    if (!(cause instanceof ConfigError)) throw cause
    const diagnostics = collectDiagnostics([cause.file], io.cwd)
    writeReport(io, { diagnostics, ...countDiagnostics(diagnostics), exitCode: 2 }, { format: flags.format, stream: 'stderr', command, fields })
    throw new ExitError(2)
  }
}

/** Parse `--target a,b` (or `all`) into target names. */
export function parseTargets(value: string): TargetName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean)
  if (names.includes('all')) return [...targetNames]
  for (const name of names) {
    if (!(targetNames as readonly string[]).includes(name)) {
      throw new UsageError(`Unexpected target \`${name}\`, expected ${targetNames.map((t) => `\`${t}\``).join(', ')} or \`all\``)
    }
  }
  return [...new Set(names)] as TargetName[]
}

/** Parse `--language ar,fr`, `source` or `all`. */
export function parseLanguages(value: string): string[] | 'all' {
  return value === 'all' ? 'all' : value.split(',').map((l) => l.trim()).filter(Boolean)
}

/** Exit codes, for every command's help. */
export const exitCodesHelp = `
Exit codes:
  0  success
  1  content errors, or warnings with --strict or beyond --max-warnings (nothing written)
  2  usage error (bad option, missing folder, invalid configuration) or internal error
`
