/** `coursepack diff`: may a new package of a course replace the old one in place on an LMS? */
import { Command, Option } from 'commander'
import { diff } from '../../api/diff.js'
import { targetNames, type TargetName } from '../../package/index.js'
import { diffJson, diffText } from '../diff-report.js'
import { ExitError } from '../errors.js'
import type { Io } from '../io.js'
import { writeReport } from '../report.js'

interface DiffFlags {
  format: 'text' | 'json'
  target?: TargetName
}

const help = `
Each side is a package zip or a course folder. A folder is built in memory (nothing is
written) for --target, by default the other side's target when that side is a zip, else
scorm12. Two packages are of one course when they share the course id or the activity id,
or, when both changed, at least half of their pages.

Verdicts:
  safe to replace in place   the same identifiers, launch file, passing score, pass rule and
                             structure; only text, styling or assets changed: every learner
                             state of the old package maps without loss
  replace with care          what learners in progress lose (a quiz reset, the visits of a
                             removed page) or meet (pages added or moved, a new quiz, another
                             launch file), page by page and quiz by quiz
  publish as a new activity  the target, course id, language, passing score, pass rule or a
                             manifest or activity identifier changed: LMS records would be
                             inconsistent

Examples:
  coursepack diff dist/my-course-1.0.0-scorm12.zip dist/my-course-1.1.0-scorm12.zip
  coursepack diff dist/my-course-1.0.0-scorm12.zip courses/my-course --format json

Exit codes:
  0  safe to replace in place
  1  replace with care
  2  publish as a new activity
  3  usage error (a missing or unreadable file, a package coursepack did not build, two
     different courses, a bad option), a course folder with errors, or internal error
`

export function diffCommand(io: Io): Command {
  return new Command('diff')
    .description('compare two packages of one course (zips or course folders): may the new one replace the old one in place?')
    .argument('<old>', 'the package learners are taking: a zip or a course folder')
    .argument('<new>', 'the package to replace it with: a zip or a course folder')
    .addOption(new Option('-t, --target <name>', 'the target a course folder is built for (default: the zip\'s, else scorm12)').choices(targetNames))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', help)
    .action(async (before: string, after: string, flags: DiffFlags) => {
      const result = await diff(before, after, { cwd: io.cwd, ...(flags.target !== undefined ? { target: flags.target } : {}) })
      if (result.verdict === undefined) {
        // A course folder with errors: its diagnostics, as `validate` prints them.
        writeReport(io, result, { format: flags.format, stream: 'stderr', command: 'diff', fields: { courses: result.courses } })
        if (flags.format === 'text') io.stderr('Nothing was compared: fix the problems above.\n')
        throw new ExitError(3)
      }
      io.stdout(flags.format === 'json' ? diffJson(result) : diffText(result, io.color.stdout))
      if (result.exitCode !== 0) throw new ExitError(result.exitCode)
    })
}
