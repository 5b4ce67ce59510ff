/** `coursepack test`: play package zips as LMSs would, in headless Chromium, and report what they record. */
import { Command, InvalidArgumentError, Option } from 'commander'
import { packageDiagnostics } from '../../diagnostics.js'
import { testPackages } from '../../lms-test/index.js'
import { reporters, testFormats, type TestFormat } from '../../lms-test/report/index.js'
import { allWalks } from '../../lms-test/walks/index.js'
import { ExitError } from '../errors.js'
import type { Io } from '../io.js'
import { textReport } from '../report.js'

interface TestFlags {
  lms?: string
  walk?: string
  format: TestFormat
  report?: string
  chromium?: string
  lrs?: string
  lrsAuth?: string
  suspendLimit?: number
}

const list = (value: string | undefined): string[] | undefined => value?.split(',').map((s) => s.trim()).filter(Boolean)

function positive(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0) throw new InvalidArgumentError('expected a whole number of characters such as 1024')
  return Number(value)
}

export function testCommand(io: Io): Command {
  return new Command('test')
    .description('play package zips in headless Chromium as an LMS would (scorm-again, an LRS) and report what it records')
    .argument('<package.zip...>', 'package zips to play')
    .option('--lms <profiles>', 'LMS profiles, comma-separated', 'generic')
    .option('--walk <walks>', `walks, comma-separated: ${allWalks().map((w) => w.name).join(', ')} (default: all)`)
    .addOption(new Option('-f, --format <format>', 'report format').choices(testFormats).default('text'))
    .option('--report <file.html>', 'also write the HTML compatibility sheet here')
    .option('--chromium <path>', 'Chromium to run (default: CHROMIUM_PATH, else the system one)')
    .option('--lrs <url>', 'xAPI/cmi5: your own LRS (a loopback or private URL) instead of the embedded one')
    .option('--lrs-auth <value>', 'xAPI/cmi5: the Authorization header value for --lrs')
    .option('--suspend-limit <n>', 'strict-minimal: truncate suspend_data beyond n characters', positive)
    .addHelpText(
      'after',
      `\nExample:\n  coursepack test dist/*.zip --lms generic --format junit --report compat.html\n\nNeeds playwright-core (npm i -D playwright-core) and a Chromium; nothing is downloaded.\n\nExit codes:\n  0  every walk passed and no package has an error\n  1  a walk failed, or a package has an error finding\n  2  a usage error (no playwright-core, no Chromium, an unknown walk or profile), or a bug\n`
    )
    .action(async (zips: string[], flags: TestFlags) => {
      const lms = list(flags.lms)
      const walks = list(flags.walk)
      const run = await testPackages(zips, {
        cwd: io.cwd,
        ...(lms ? { lms } : {}),
        ...(walks ? { walks } : {}),
        ...(flags.report !== undefined ? { report: flags.report } : {}),
        ...(flags.chromium !== undefined ? { chromium: flags.chromium } : {}),
        ...(flags.lrs !== undefined ? { lrs: flags.lrs } : {}),
        ...(flags.lrsAuth !== undefined ? { lrsAuth: flags.lrsAuth } : {}),
        ...(flags.suspendLimit !== undefined ? { suspendLimit: flags.suspendLimit } : {}),
        ...(io.interactive && flags.format === 'text' ? { onProgress: (line: string) => io.stderr(`${line}\n`) } : {})
      })
      if (flags.format === 'text') {
        // Package findings through the one reporter of every command; the walks as a table.
        const findings = run.packages.flatMap((p) => packageDiagnostics({ path: p.path, findings: p.findings }))
        const text = textReport(findings, io.color.stdout)
        if (text) io.stdout(text)
      }
      io.stdout(reporters[flags.format](run.packages, { color: io.color.stdout, exitCode: run.exitCode }))
      if (flags.report !== undefined && flags.format === 'text') io.stdout(`wrote ${flags.report}\n`)
      if (run.exitCode !== 0) throw new ExitError(run.exitCode)
    })
}
