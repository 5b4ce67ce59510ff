/** `coursepack check`: check SCORM 1.2, SCORM 2004, xAPI and cmi5 package zips, ours or not. */
import { Command } from 'commander'
import { check } from '../../api/check.js'
import { ExitError } from '../errors.js'
import type { Io } from '../io.js'
import { addReportOptions, commandConfig, exitCodesHelp, given, type ReportFlags } from '../options.js'
import { writeReport } from '../report.js'

export function checkCommand(io: Io): Command {
  const command = new Command('check')
    .description('check SCORM 1.2, SCORM 2004, xAPI (TinCan) and cmi5 package zips, ours or not')
    .argument('<package.zip...>', 'package zips to check')
  addReportOptions(command)
    .addHelpText('after', `\nExample:\n  coursepack check dist/*.zip --format json\n${exitCodesHelp}`)
    .action(async (zips: string[], flags: ReportFlags, self: Command) => {
      const config = commandConfig(io, flags, 'check', { packages: [] })
      const strict = given<boolean>(self, 'strict') ?? config.strict ?? false
      const result = await check(zips, {
        cwd: io.cwd,
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
        // A zip without findings is listed as `no issues found`.
        listed: zips.map((zip) => zip.split('\\').join('/')).filter((zip) => !result.diagnostics.some((d) => d.file === zip || d.file.startsWith(`${zip}/`))),
        clean: zips.length === 1 ? 'no problems' : `no problems in ${zips.length} packages`,
        command: 'check',
        fields: { packages: result.packages }
      })
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
  return command
}
