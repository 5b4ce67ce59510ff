/**
 * A course's own `templates/` folder is read by the render stage (layouts, partials,
 * locales, and every file of `assets/`, which is copied into each package). The load
 * stage looks at those files first, without opening them, so that a FIFO there cannot
 * hang a build and a link cannot ship a file from outside the course: each problem is
 * an error on `course.md`, and a course with errors is never rendered.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import { maxAssetBytes } from './limits.js'
import { type FileProblem, inspectFile, inspectFolder, problemMessage, problemNote } from './safe-file.js'
import { listFolder } from './scan.js'

/** The sub-folders the render stage reads, and which of their files (src/render/templates.ts). */
const read: ReadonlyArray<readonly [folder: string, wanted: (name: string) => boolean]> = [
  ['layouts', (name) => name.endsWith('.hbs')],
  ['partials', (name) => name.endsWith('.hbs')],
  ['locales', (name) => name.endsWith('.json')],
  ['assets', () => true]
]

/**
 * Check the files of `<root>/templates/` the render stage would read.
 *
 * @param root
 *   Course folder.
 * @param real
 *   Its real path.
 * @param course
 *   `course.md`, which carries the errors.
 */
export function checkTemplates(root: string, real: string, course: VFile): void {
  const report = (relative: string, problem: Exclude<FileProblem, { kind: 'missing' }>, expected?: string) => {
    const note = problemNote(problem)
    error(course, problemMessage(problem, `\`${relative}\``, path.basename(root), 'per template file', expected), { ruleId: problem.ruleId, ...(note ? { note } : {}) })
  }
  for (const [folder, wanted] of read) {
    const relative = `templates/${folder}`
    const dir = path.join(root, 'templates', folder)
    const found = inspectFolder(dir, real)
    if (found.kind === 'missing') continue
    if (found.kind !== 'folder') {
      report(relative, found, 'a folder')
      continue
    }
    // Hidden files too: the render stage copies every file of `assets/`.
    const names = listFolder(dir, { hidden: true })
    if (!Array.isArray(names)) {
      report(relative, { kind: 'unreadable', ruleId: 'unreadable-file', reason: names.reason }, 'a readable folder')
      continue
    }
    for (const name of names.filter(wanted)) {
      const file = inspectFile(path.join(dir, name), real, maxAssetBytes)
      if (file.kind !== 'file' && file.kind !== 'missing') report(`${relative}/${name}`, file)
    }
  }
}
