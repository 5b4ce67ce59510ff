/** `coursepack translate`: XLIFF export and import of a course's text, and each language's status. */
import { Command, Option } from 'commander'
import { translateExport, translateImport, translateStatus } from '../../api/translate.js'
import { formatNames } from '../../translate/formats/index.js'
import { ExitError } from '../errors.js'
import type { Io } from '../io.js'
import { exitCodesHelp } from '../options.js'
import { writeReport } from '../report.js'

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean)

export function translateCommand(io: Io): Command {
  const command = new Command('translate').description('export a course\'s text to XLIFF, import translations from it, and show where each language stands')
  command
    .command('export')
    .description('write one XLIFF file per language, pre-filled from the existing translations')
    .argument('<course>', 'the course folder')
    .requiredOption('-l, --language <list>', 'languages to export (comma-separated: fr,ar)')
    .option('-o, --out <dir>', 'folder the XLIFF files are written to', 'dist/xliff')
    .addOption(new Option('-f, --format <format>', 'XLIFF version').choices(formatNames).default('xliff2'))
    .addHelpText('after', `\nExample:\n  coursepack translate export courses/my-course --language fr,ar\n${exitCodesHelp}`)
    .action(async (dir: string, flags: { language: string; out: string; format: string }) => {
      const result = await translateExport(dir, { cwd: io.cwd, languages: list(flags.language), out: flags.out, format: flags.format })
      writeReport(io, result, { format: 'text', stream: 'stderr', command: 'translate', fields: {} })
      for (const file of result.files) io.stdout(`wrote ${file.path} (${file.units} units, ${file.prefilled} pre-filled)\n`)
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
  command
    .command('import')
    .description('write translated Markdown and captions files from XLIFF targets, and record the source hash of each unit')
    .argument('<file...>', 'XLIFF files (2.0 or 1.2)')
    .option('--course <dir>', 'the course folder (default: the one of ./courses or . holding the files they name)')
    .addHelpText('after', `\nExample:\n  coursepack translate import dist/xliff/my-course.fr.xlf --course courses/my-course\n${exitCodesHelp}`)
    .action(async (files: string[], flags: { course?: string }) => {
      const result = await translateImport(files, { cwd: io.cwd, ...(flags.course !== undefined ? { course: flags.course } : {}), candidates: await io.defaultCourses() })
      writeReport(io, result, { format: 'text', stream: 'stderr', command: 'translate', fields: {} })
      for (const file of result.written) io.stdout(`wrote ${file}\n`)
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
  command
    .command('status')
    .description('list per language the units translated, stale (the source changed since) and missing')
    .argument('<course>', 'the course folder')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `\nExample:\n  coursepack translate status courses/my-course --format json\n${exitCodesHelp}`)
    .action(async (dir: string, flags: { format: 'text' | 'json' }) => {
      const result = await translateStatus(dir, { cwd: io.cwd })
      if (flags.format === 'json') {
        writeReport(io, result, { format: 'json', stream: 'stdout', command: 'translate', fields: { course: result.course, sourceLanguage: result.sourceLanguage, languages: result.languages } })
      } else {
        writeReport(io, result, { format: 'text', stream: 'stderr', command: 'translate', fields: {} })
        if (result.exitCode === 0 && result.languages.length === 0) io.stdout(`${dir}: no translations (source language ${result.sourceLanguage})\n`)
        for (const l of result.languages) {
          const unrecorded = l.unrecorded > 0 ? `, ${l.unrecorded} translated (unrecorded)` : ''
          io.stdout(`${l.language}: ${l.translated} translated${unrecorded}, ${l.stale} stale, ${l.missing} missing\n`)
          for (const f of l.files) {
            if (f.stale === 0 && f.missing === 0) continue
            const stale = f.staleUnits.map((u) => `\n    stale ${f.source}:${u.line}:${u.column} ${u.id}`).join('')
            io.stdout(`  ${f.translation}: ${f.exists ? `${f.missing} missing` : 'no translation'}${f.stale > 0 ? `, ${f.stale} stale` : ''}${stale}\n`)
          }
        }
      }
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
  return command
}
