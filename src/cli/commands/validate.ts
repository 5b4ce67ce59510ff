/** `coursepack validate`: every diagnostic of one or more courses; nothing is written. */
import { Command, Option } from 'commander'
import { validate } from '../../pipeline.js'
import { ExitError, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { addReportOptions, commandConfig, exitCodesHelp, given, parseTargets, type ReportFlags } from '../options.js'
import { writeReport } from '../report.js'

interface ValidateFlags extends ReportFlags {
  target: string
}

export function validateCommand(io: Io): Command {
  const command = new Command('validate')
    .description('report every problem of course folders, in every language (nothing is written)')
    .argument('[course-dir...]', 'course folders (default: every folder of ./courses holding a course.md)')
    .addOption(new Option('-t, --target <targets>', 'targets whose limits apply (comma-separated, or all)').default('all'))
  addReportOptions(command)
    .addHelpText('after', `\nExample:\n  coursepack validate courses/my-course --format github --max-warnings 0\n${exitCodesHelp}`)
    .action(async (dirs: string[], flags: ValidateFlags, self: Command) => {
      const config = commandConfig(io, flags, 'validate', { courses: [] })
      const targetFlag = given<string>(self, 'target')
      const targets = targetFlag !== undefined ? parseTargets(targetFlag) : (config.targets ?? parseTargets(flags.target))
      const strict = given<boolean>(self, 'strict') ?? config.strict ?? false
      const courseDirs = dirs.length > 0 ? dirs : await io.defaultCourses()
      if (courseDirs.length === 0) throw new UsageError('Cannot find any course, expected a course folder argument or folders in `./courses`')
      const result = await validate(courseDirs, {
        cwd: io.cwd,
        targets,
        strict,
        ...(flags.maxWarnings !== undefined ? { maxWarnings: flags.maxWarnings } : {}),
        ...(config.rules ? { rules: config.rules } : {})
      })
      writeReport(io, result, {
        format: flags.format,
        quiet: flags.quiet,
        strict,
        maxWarnings: flags.maxWarnings,
        stream: 'stdout',
        clean: courseDirs.length === 1 ? 'no problems' : `no problems in ${courseDirs.length} courses`,
        command: 'validate',
        fields: { courses: result.courses }
      })
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
  return command
}
