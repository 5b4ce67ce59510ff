/** `coursepack build`: check courses and write their packages. */
import { Command, Option } from 'commander'
import { build } from '../../pipeline.js'
import { targetNames } from '../../package/index.js'
import { ExitError, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { addReportOptions, commandConfig, exitCodesHelp, given, parseLanguages, parseTargets, type ReportFlags } from '../options.js'
import { writeReport } from '../report.js'

export { parseTargets } from '../options.js'

const round = (ms: number) => Math.round(ms * 10) / 10

interface BuildFlags extends ReportFlags {
  out: string
  target: string
  language?: string
  json?: boolean
}

export function buildCommand(io: Io): Command {
  const command = new Command('build')
    .description('check course folders and write their packages')
    .argument('[course-dir...]', 'course folders (default: every folder of ./courses holding a course.md)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .addOption(new Option('-t, --target <targets>', `comma-separated targets (${targetNames.join(', ')}) or all`).default('scorm12'))
    .option('-l, --language <languages>', 'translation languages to build (ar,fr), source, or all (default: the source language)')
  addReportOptions(command)
    .option('--json', 'the same as --format json')
    .addHelpText('after', `\nExample:\n  coursepack build courses/my-course --target scorm12,cmi5 --out dist\n${exitCodesHelp}`)
    .action(async (dirs: string[], flags: BuildFlags, self: Command) => {
      const format = flags.json ? 'json' : flags.format
      const config = commandConfig(io, { ...flags, format }, 'build', { packages: [], courses: [] })
      const targetFlag = given<string>(self, 'target')
      const targets = targetFlag !== undefined ? parseTargets(targetFlag) : (config.targets ?? parseTargets(flags.target))
      const languageFlag = given<string>(self, 'language')
      const languages = languageFlag !== undefined ? parseLanguages(languageFlag) : config.languages
      const strict = given<boolean>(self, 'strict') ?? config.strict ?? false
      const courseDirs = dirs.length > 0 ? dirs : await io.defaultCourses()
      if (courseDirs.length === 0) throw new UsageError('Cannot find any course, expected a course folder argument or folders in `./courses`')
      const started = performance.now()
      const progress = format === 'text' && io.interactive && courseDirs.length * targets.length > 1
      const result = await build(courseDirs, {
        cwd: io.cwd,
        out: given<string>(self, 'out') ?? config.out ?? flags.out,
        targets,
        strict,
        ...(flags.maxWarnings !== undefined ? { maxWarnings: flags.maxWarnings } : {}),
        ...(config.rules ? { rules: config.rules } : {}),
        ...(languages ? { languages } : {}),
        ...(progress ? { onProgress: (e) => io.stderr(`\r\u001B[2K[${e.done}/${e.total}] ${e.course} → ${e.target}`) } : {})
      })
      if (progress) io.stderr('\r\u001B[2K')
      const fields = {
        durationMs: round(performance.now() - started),
        packages: result.packages,
        courses: result.courses.map((c) => ({
          dir: c.dir,
          id: c.course.id,
          durationsMs: Object.fromEntries(Object.entries(c.timings).map(([stage, ms]) => [stage, round(ms)]))
        }))
      }
      writeReport(io, result, { format, quiet: flags.quiet, strict, maxWarnings: flags.maxWarnings, stream: 'stderr', command: 'build', fields })
      if (format !== 'json') {
        for (const pkg of result.packages) io.stdout(`wrote ${pkg.path} (${(pkg.bytes / 1024).toFixed(1)} KiB)\n`)
      }
      if (format === 'text' && result.exitCode !== 0) {
        io.stderr('Nothing was written: fix the problems above' + (strict ? ' (warnings count as errors with --strict)' : '') + '.\n')
      }
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
  return command
}
