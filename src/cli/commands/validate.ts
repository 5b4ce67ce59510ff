/** `coursepack validate`: every diagnostic of one or more courses; nothing is written. */
import path from 'node:path'
import { Command, Option } from 'commander'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { exitCodeFor } from '../../diagnostics.js'
import { checkCourse } from '../../pipeline.js'
import { ExitError } from '../errors.js'
import type { Io } from '../index.js'
import { collectDiagnostics } from '../report.js'
import { parseTargets } from './build.js'

export function validateCommand(io: Io): Command {
  return new Command('validate')
    .description('report every problem of course folders (nothing is written)')
    .argument('[course-dir...]', 'course folders (default: every folder of ./courses)')
    .addOption(new Option('-f, --format <format>', '[string] report format').choices(['text', 'json']).default('text'))
    .addOption(new Option('-t, --target <targets>', '[string] targets whose limits apply (comma-separated, or all)').default('all'))
    .option('--strict', 'fail on warnings too', false)
    .action(async (dirs: string[], options: { format: 'text' | 'json'; target: string; strict: boolean }) => {
      const targets = parseTargets(options.target)
      const courseDirs = dirs.length > 0 ? dirs : await io.defaultCourses()
      const results = []
      for (const dir of courseDirs) {
        const source = await checkCourse(dir, io.cwd, targets)
        results.push(source)
        // Every translation too: untranslated files, and questions that differ between languages.
        for (const language of source.languages) results.push(await checkCourse(dir, io.cwd, targets, language))
      }
      const files = results.flatMap((r) => r.files)
      const code = exitCodeFor(files, options.strict)
      if (options.format === 'json') {
        const diagnostics = collectDiagnostics(files, io.cwd)
        const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length
        io.stdout(`${JSON.stringify({ courses: courseDirs, errors: count('error'), warnings: count('warning'), diagnostics }, null, 2)}\n`)
      } else {
        // Report paths relative to the working folder, as the build report does.
        const byPath = new Map<string, VFile>()
        for (const f of files.filter((file) => file.messages.length > 0)) {
          const shownPath = path.relative(io.cwd, f.path) || f.path
          const shownFile = byPath.get(shownPath) ?? new VFile({ path: shownPath })
          for (const m of f.messages) if (!shownFile.messages.some((n) => n.reason === m.reason && n.line === m.line && n.column === m.column)) shownFile.messages.push(m)
          byPath.set(shownPath, shownFile)
        }
        const shown = [...byPath.values()]
        const text = reporter(shown, { color: io.color, verbose: true })
        io.stdout(text ? `${text}\n` : `✔ ${courseDirs.length === 1 ? 'no problems' : `no problems in ${courseDirs.length} courses`}\n`)
      }
      if (code !== 0) throw new ExitError(code)
    })
}
