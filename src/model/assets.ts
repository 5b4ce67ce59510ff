/**
 * Files a course's content refers to by a relative path: resolved inside the course folder
 * by their real path and checked as package assets (README, "Trust and hostile input").
 */
import path from 'node:path'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import { maxAssetBytes } from '../load/limits.js'
import { inspectFile, problemMessage, problemNote, realRoot } from '../load/safe-file.js'
import { refuseBlockedAsset } from './blocked-files.js'
import type { CourseContext } from './content.js'
import type { Asset } from './types.js'

/** A reference is local when it has no scheme, is not protocol-relative and is not a bare fragment. */
export function isLocal(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) && !url.startsWith('//')
}

/** Resolve a relative path, reporting paths that escape the course folder. */
export function insideCourse(file: VFile, context: CourseContext, url: string, place: Position | undefined): string | undefined {
  const clean = decodeURIComponent(url.split(/[?#]/, 1)[0] ?? '')
  const absolute = path.resolve(path.dirname(file.path), clean)
  const relative = path.relative(context.root, absolute)
  if (clean.startsWith('/') || relative.startsWith('..') || path.isAbsolute(relative)) {
    error(file, `Unexpected reference \`${url}\` outside the course folder, expected a path inside \`${path.basename(context.root)}\``, {
      ruleId: 'reference-outside-course',
      place,
      note: 'Only files inside the course folder are copied into the package.'
    })
    return undefined
  }
  return absolute
}

/**
 * A relative reference as a package asset: the file must exist inside the course folder by
 * its real path, be a regular file within the asset size limit, and not be of a blocked
 * type; each problem is reported at the reference. Undefined when it is refused.
 *
 * @param what
 *   What the file is, for messages (`image`, `file`, `video`, …).
 */
export function courseAsset(file: VFile, context: CourseContext, url: string, place: Position | undefined, what: string): Asset | undefined {
  const absolute = insideCourse(file, context, url, place)
  if (!absolute) return undefined
  // By real path, without opening: a link leaving the course, a FIFO or a huge file is refused here.
  const found = inspectFile(absolute, realRoot(context.root), maxAssetBytes)
  if (found.kind !== 'file') {
    const note = problemNote(found)
    const reason =
      found.kind === 'missing'
        ? `Cannot find ${what} \`${url}\` (looked for \`${path.relative(file.cwd, absolute)}\`), expected an existing file`
        : problemMessage(found, `${what} \`${url}\``, path.basename(context.root), 'per asset')
    error(file, reason, { ruleId: found.kind === 'missing' ? 'missing-reference' : found.ruleId, place, ...(note ? { note } : {}) })
    return undefined
  }
  if (refuseBlockedAsset(file, url, place)) return undefined
  const target = 'assets/' + path.relative(context.root, absolute).split(path.sep).join('/')
  const asset = { target, source: found.real }
  context.assets.set(target, asset)
  return asset
}
