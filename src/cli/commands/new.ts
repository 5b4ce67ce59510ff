/** `coursepack new`: scaffold a minimal course that builds and validates. */
import path from 'node:path'
import { Command } from 'commander'
import { scaffold } from '../../scaffold/index.js'
import { UsageError } from '../errors.js'
import type { Io } from '../io.js'

export function newCommand(io: Io): Command {
  return new Command('new')
    .description('create a minimal course (a module, a lesson, a 4Cs lesson and a quiz)')
    .argument('<dir>', 'folder to create, such as courses/my-course')
    .action(async (dir: string) => {
      const target = path.resolve(io.cwd, dir)
      let files: string[]
      try {
        files = await scaffold(target)
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error))
      }
      for (const file of files) io.stdout(`created ${path.join(dir, file)}\n`)
      io.stdout(`\nNext: coursepack validate ${dir} && coursepack build ${dir}\n`)
    })
}
