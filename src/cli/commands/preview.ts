/** `coursepack preview`: the course in a live LMS frame, rebuilt on every save. */
import { Command, InvalidArgumentError, Option } from 'commander'
import { preview } from '../../api/preview.js'
import type { Io } from '../io.js'
import { exitCodesHelp } from '../options.js'

function port(value: string): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || number > 65535) throw new InvalidArgumentError('expected a number from 0 to 65535')
  return number
}

export function previewCommand(io: Io): Command {
  return new Command('preview')
    .description('serve a course on 127.0.0.1 in an LMS frame (scorm-again), rebuilding on every save')
    .argument('<course-dir>', 'course folder')
    .addOption(new Option('-p, --port <port>', 'port on 127.0.0.1; a busy port is passed over for the next free one').argParser(port).default(0, 'any free port'))
    .option('--strict-port', 'exit if the port is in use instead of taking the next free one')
    .addOption(new Option('-t, --target <target>', 'LMS standard to play').choices(['scorm12', 'scorm2004']).default('scorm12'))
    .addHelpText('after', `\nExample:\n  coursepack preview courses/my-course --port 8080 --target scorm2004\n${exitCodesHelp.replace(/\n {2}1 {2}.*\n/, '\n')}`)
    .action(async (dir: string, options: { port: number; strictPort?: boolean; target: 'scorm12' | 'scorm2004' }) => {
      const server = await preview({
        dir,
        cwd: io.cwd,
        port: options.port,
        strictPort: options.strictPort === true,
        target: options.target,
        onBuild: (build) => {
          const errors = build.diagnostics.filter((d) => d.severity === 'error')
          io.stderr(`${build.ok ? 'built' : `build failed (${errors.length} ${errors.length === 1 ? 'error' : 'errors'})`} in ${Math.round(build.milliseconds)} ms\n`)
          for (const d of errors) io.stderr(`  ${d.file}:${d.line}:${d.column}  ${d.message}\n`)
        }
      })
      if (options.port !== 0 && server.port !== options.port) io.stderr(`Port ${options.port} is in use, using ${server.port} instead\n`)
      io.stdout(`Preview: ${server.url}\n`)
      // Runs until interrupted.
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve)
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
}
