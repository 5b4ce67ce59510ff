/** `coursepack build`: check courses and write their packages. */
import { Command, Option } from 'commander'
import { build } from '../../pipeline.js'
import { targetNames, type TargetName } from '../../package/index.js'
import { UsageError, ExitError } from '../errors.js'
import type { Io } from '../index.js'
import { collectDiagnostics, formatReport } from '../report.js'

const round = (ms: number) => Math.round(ms * 10) / 10

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

export function buildCommand(io: Io): Command {
  return new Command('build')
    .description('check course folders and write their packages')
    .argument('[course-dir...]', 'course folders (default: every folder of ./courses)')
    .option('-o, --out <dir>', '[string] output folder', 'dist')
    .addOption(new Option('-t, --target <targets>', `[string] comma-separated targets: ${targetNames.join(', ')} or all`).default('scorm12'))
    .option('-l, --language <languages>', '[string] languages to build: comma-separated translation languages, `source`, or all (default: the source language)')
    .option('--strict', 'fail on warnings too', false)
    .option('--json', 'print one JSON report on stdout (packages, durations, diagnostics)', false)
    .action(async (dirs: string[], options: { out: string; target: string; language?: string; strict: boolean; json: boolean }) => {
      const targets = parseTargets(options.target)
      const courseDirs = dirs.length > 0 ? dirs : await io.defaultCourses()
      if (courseDirs.length === 0) throw new UsageError('Cannot find any course, expected a course folder argument or folders in `./courses`')
      const started = performance.now()
      const progress = !options.json && io.interactive && courseDirs.length * targets.length > 1
      const result = await build(courseDirs, {
        cwd: io.cwd,
        out: options.out,
        targets,
        strict: options.strict,
        ...(options.language ? { languages: options.language === 'all' ? ('all' as const) : options.language.split(',').map((l) => l.trim()).filter(Boolean) } : {}),
        ...(progress ? { onProgress: (e) => io.stderr(`\r\u001B[2K[${e.done}/${e.total}] ${e.course} → ${e.target}`) } : {})
      })
      if (progress) io.stderr('\r\u001B[2K')
      const files = result.courses.flatMap((c) => c.files)
      if (options.json) {
        const report = {
          exitCode: result.exitCode,
          durationMs: round(performance.now() - started),
          packages: result.packages,
          courses: result.courses.map((c) => ({
            dir: c.dir,
            id: c.course.id,
            durationsMs: Object.fromEntries(Object.entries(c.timings).map(([stage, ms]) => [stage, round(ms)]))
          })),
          diagnostics: collectDiagnostics(files, io.cwd)
        }
        io.stdout(`${JSON.stringify(report, null, 2)}\n`)
      } else {
        io.stderr(formatReport(files, io.cwd, io.color))
        for (const pkg of result.packages) io.stdout(`wrote ${pkg.path} (${(pkg.bytes / 1024).toFixed(1)} KiB)\n`)
        if (result.exitCode !== 0) io.stderr('Nothing was written: fix the errors above' + (options.strict ? ' (warnings count as errors with --strict)' : '') + '.\n')
      }
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
}
