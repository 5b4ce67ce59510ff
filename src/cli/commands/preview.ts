/** `coursepack preview`: the course in a live LMS frame, rebuilt on every save. */
import { Command, Option } from 'commander'
import { startPreview } from '../../preview/server.js'
import { UsageError } from '../errors.js'
import type { Io } from '../index.js'

export function previewCommand(io: Io): Command {
  return new Command('preview')
    .description('serve a course on 127.0.0.1 in an LMS frame (scorm-again), rebuilding on every save')
    .argument('<course-dir>', 'course folder')
    .option('-p, --port <port>', '[number] port on 127.0.0.1 (default: any free port)', '0')
    .addOption(new Option('-t, --target <target>', '[string] LMS standard to play').choices(['scorm12', 'scorm2004']).default('scorm12'))
    .action(async (dir: string, options: { port: string; target: 'scorm12' | 'scorm2004' }) => {
      const port = Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Unexpected port \`${options.port}\`, expected a number from 0 to 65535`)
      const preview = await startPreview({
        dir,
        cwd: io.cwd,
        port,
        target: options.target,
        onBuild: (build) => {
          const errors = build.diagnostics.filter((d) => d.severity === 'error')
          io.stderr(`${build.ok ? 'built' : `build failed (${errors.length} ${errors.length === 1 ? 'error' : 'errors'})`} in ${Math.round(build.milliseconds)} ms\n`)
          for (const d of errors) io.stderr(`  ${d.file}:${d.line}:${d.column}  ${d.message}\n`)
        }
      })
      io.stdout(`Preview: ${preview.url}\n`)
      // Runs until interrupted.
      await new Promise<void>((resolve) => {
        const stop = () => void preview.close().then(resolve)
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
}
