/**
 * Text and files: pages whose HTML changed, and the package's other files (assets, the
 * stylesheet, the player) added, removed or changed. None of it touches a learner's state.
 */
import { change, code, pageName } from './change.js'
import type { Change, PackageSide } from './types.js'

/** What a package file is, for the message. */
function fileRole(name: string): string {
  if (name === 'coursepack.js') return 'the player: another coursepack release or target'
  if (name === 'coursepack.css') return 'the stylesheet'
  if (name.startsWith('assets/')) return 'an asset'
  if (/\.(xsd|dtd)$/i.test(name)) return 'a schema file'
  return 'a file'
}

/** Pages (both packages have) whose text changed. */
export function textChanged(before: PackageSide, after: PackageSide, page: string): boolean {
  const a = before.pageTexts.get(page)
  const b = after.pageTexts.get(page)
  return a !== undefined && b !== undefined && a !== b
}

/** The changes of text and files, in the new package's page order, then by file name. */
export function contentChanges(before: PackageSide, after: PackageSide): Change[] {
  const changes: Change[] = []
  for (const page of after.data.pages) {
    if (textChanged(before, after, page)) changes.push(change('content', 'page-text', 'safe', `${pageName(after.data, page)}: text changed`, { page, module: after.data.modules.find((m) => m.pages.includes(page))?.id ?? null }))
  }
  const names = [...new Set([...before.files.keys(), ...after.files.keys()])].sort()
  for (const name of names) {
    const a = before.files.get(name)
    const b = after.files.get(name)
    if (a === b) continue
    const kind = a === undefined ? 'file-added' : b === undefined ? 'file-removed' : 'file-changed'
    const verb = { 'file-added': 'added', 'file-removed': 'removed', 'file-changed': 'changed' }[kind]
    changes.push(change('content', kind, 'safe', `file ${code(name)} ${verb}: ${fileRole(name)}`, { file: name }))
  }
  return changes
}
