/**
 * Reading course files safely: only regular files whose real path (every symbolic link
 * followed) stays inside the course folder's real path, and never more than a size limit.
 * Everything is looked at with `lstat`, `realpath` and `stat` before anything is opened:
 * opening a FIFO blocks until a writer comes, so a FIFO, socket or device is never opened.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, type Stats, statSync } from 'node:fs'
import path from 'node:path'
import { megabytes } from './limits.js'

/** Why a file cannot be used; `reason` completes a sentence about the file. */
export type FileProblem =
  | { kind: 'missing' }
  | { kind: 'outside'; ruleId: 'reference-outside-course'; real: string }
  | { kind: 'unreadable'; ruleId: 'unreadable-file'; reason: string }
  | { kind: 'too-large'; ruleId: 'file-too-large'; bytes: number | undefined; limit: number }

export interface FoundFile {
  kind: 'file'
  /** The real path: the one to open. */
  real: string
  size: number
}

/** `realpath` of the course folder; the folder itself when it cannot be resolved. */
export function realRoot(root: string): string {
  try {
    return realpathSync.native(root)
  } catch {
    return path.resolve(root)
  }
}

/** Real paths of folders, by path: one `realpath` per folder during one load. */
export type RealFolders = Map<string, string>

function realFolder(dir: string, folders: RealFolders | undefined): string {
  const known = folders?.get(dir)
  if (known !== undefined) return known
  const real = realpathSync.native(dir)
  folders?.set(dir, real)
  return real
}

/** Whether `real` is `root` or inside it (both real paths). */
export function isWithin(root: string, real: string): boolean {
  const relative = path.relative(root, real)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** The system's reason for a failed call: `too many symbolic links encountered (ELOOP)`. */
export function systemReason(cause: unknown): string {
  const error = cause as NodeJS.ErrnoException | undefined
  const code = typeof error?.code === 'string' ? error.code : undefined
  const text = typeof error?.message === 'string' ? error.message : String(cause)
  // Node's messages read `ELOOP: too many symbolic links encountered, stat '/x'`.
  const described = /^[A-Z0-9_]+: (.+?)(?:, \w+ '.*)?$/s.exec(text)?.[1] ?? text
  const reason = described.trim() || 'unknown error'
  return code && !reason.includes(code) ? `${reason} (${code})` : reason
}

/** What a non-regular file is, for messages. */
export function describeKind(stats: Stats): string {
  if (stats.isFile()) return 'a file'
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

function unreadable(reason: string): FileProblem {
  return { kind: 'unreadable', ruleId: 'unreadable-file', reason }
}

/**
 * Look at a file without opening it.
 *
 * @param file
 *   Absolute path as the course names it.
 * @param root
 *   Real path of the course folder (`realRoot`).
 * @param limit
 *   Largest size allowed, in bytes.
 * @param folders
 *   Real paths of folders already resolved, kept for one load (optional).
 */
export function inspectFile(file: string, root: string, limit: number, folders?: RealFolders): FoundFile | FileProblem {
  let link: Stats
  try {
    link = lstatSync(file)
  } catch (cause) {
    // ENOTDIR: a parent is a file (a course "folder" that is a file): nothing there.
    const code = (cause as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : unreadable(systemReason(cause))
  }
  let real: string
  let stats: Stats
  try {
    // Not a link itself: its real path is its folder's (one realpath per folder), and lstat was stat.
    real = link.isSymbolicLink() ? realpathSync.native(file) : path.join(realFolder(path.dirname(file), folders), path.basename(file))
  } catch (cause) {
    if (link.isSymbolicLink() && (cause as NodeJS.ErrnoException).code === 'ENOENT') {
      return unreadable(`it is a symbolic link to \`${readlinkSync(file)}\`, which does not exist`)
    }
    return unreadable(systemReason(cause))
  }
  if (!isWithin(root, real)) return { kind: 'outside', ruleId: 'reference-outside-course', real }
  try {
    stats = link.isSymbolicLink() ? statSync(real) : link
  } catch (cause) {
    return unreadable(systemReason(cause))
  }
  if (!stats.isFile()) return unreadable(`it is ${describeKind(stats)}`)
  if (stats.size > limit) return { kind: 'too-large', ruleId: 'file-too-large', bytes: stats.size, limit }
  return { kind: 'file', real, size: stats.size }
}

/** Like `inspectFile`, for a folder: missing, outside the course, not a folder, or found. */
export function inspectFolder(dir: string, root: string): { kind: 'folder'; real: string } | FileProblem {
  const found = inspectFile(dir, root, Number.POSITIVE_INFINITY)
  if (found.kind !== 'unreadable') return found.kind === 'file' ? unreadable('it is a file') : found
  try {
    const real = realpathSync.native(dir)
    if (statSync(real).isDirectory()) return { kind: 'folder', real }
  } catch {
    // the reason inspectFile gave stands
  }
  return found
}

/**
 * Read a regular file, never more than `limit + 1` bytes. Opened without following a
 * final symbolic link and without blocking, then checked again on the open descriptor,
 * so a file swapped for a FIFO or a link after `inspectFile` is refused, not waited on.
 */
export function readLimited(real: string, limit: number): Buffer | FileProblem {
  let fd: number
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  } catch (cause) {
    return unreadable(systemReason(cause))
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) return unreadable(`it is ${describeKind(stats)}`)
    if (stats.size > limit) return { kind: 'too-large', ruleId: 'file-too-large', bytes: stats.size, limit }
    const chunks: Buffer[] = []
    let total = 0
    // The whole file in one read when its size holds; a file still growing reads on, to limit + 1.
    let want = stats.size + 1
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(want, limit + 1 - total))
      const read = readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read))
      total += read
      want = 1 << 20
    }
    if (total > limit) return { kind: 'too-large', ruleId: 'file-too-large', bytes: undefined, limit }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total)
  } catch (cause) {
    return unreadable(systemReason(cause))
  } finally {
    closeSync(fd)
  }
}

/** Inspect, then read: the contents, or why there are none. */
export function readCourseFile(file: string, root: string, limit: number, folders?: RealFolders): Buffer | FileProblem {
  const found = inspectFile(file, root, limit, folders)
  return found.kind === 'file' ? readLimited(found.real, limit) : found
}

/**
 * The sentence for a problem, about `subject` (such as "`01-basics/01-intro.md`" or
 * "image `../images/a.png`"); `limitText` names the limit (such as "of Markdown per file").
 */
export function problemMessage(problem: Exclude<FileProblem, { kind: 'missing' }>, subject: string, rootName: string, limitText: string, expected = 'a readable regular file'): string {
  switch (problem.kind) {
    case 'outside':
      return `Unexpected ${subject} leading outside the course folder (to \`${problem.real}\`), expected a path inside \`${rootName}\``
    case 'unreadable':
      return `Cannot read ${subject}: ${problem.reason}, expected ${expected}`
    case 'too-large':
      return `Unexpected size of ${subject} (${sizeText(problem.bytes, problem.limit)}), expected at most ${megabytes(problem.limit)} ${limitText}`
  }
}

/** A size over `limit`, in MB unless that rounds to the limit itself; "over" when a read stopped at limit + 1 (`bytes` undefined). */
function sizeText(bytes: number | undefined, limit: number): string {
  if (bytes === undefined) return `over ${megabytes(limit)}`
  return megabytes(bytes) === megabytes(limit) ? `${bytes.toLocaleString('en')} bytes` : megabytes(bytes)
}

/** A note for the problem, or undefined. */
export function problemNote(problem: FileProblem): string | undefined {
  return problem.kind === 'outside' ? 'Symbolic links may point only inside the course folder: only its files are read and packaged.' : undefined
}

/**
 * Read an asset for a package: it was checked when the course was modelled, so a problem
 * now means the file changed in between; that is an error of the run, not of the content.
 */
export function readAsset(real: string, limit: number): Buffer {
  const data = readLimited(real, limit)
  if (Buffer.isBuffer(data)) return data
  const reason = data.kind === 'missing' ? 'it no longer exists' : problemMessage(data, `\`${real}\``, path.dirname(real), 'per asset')
  throw new Error(`Cannot package asset \`${real}\`, which changed during the build: ${reason}`)
}
