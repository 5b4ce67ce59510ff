/**
 * Positioned diagnostics. Every problem in course content becomes a VFileMessage on
 * the file it is about, stamped with a rule id, so that the reporter, `--json` and
 * the exit code all derive from the same data (the unified-engine pattern).
 */
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'

/** Where a message points: a node position, a point, or nothing (the file's start). */
export type Place = Position | Point | undefined

export interface MessageOptions {
  /** Stable rule id, listed in the README. */
  ruleId: string
  /** Node position or point the message is about (optional). */
  place?: Place
  /** An earlier related place, such as the first of two duplicates (optional). */
  cause?: VFileMessage
  /** Extra help shown under the message (optional). */
  note?: string
}

const source = 'coursepack'

function attach(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = file.message(reason, {
    ruleId: options.ruleId,
    source,
    ...(options.place ? { place: options.place } : { place: { line: 1, column: 1 } }),
    ...(options.cause ? { cause: options.cause } : {})
  })
  if (options.note) message.note = options.note
  return message
}

/** Report an error: the build fails, later stages do not run for this course. */
export function error(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = attach(file, reason, options)
  message.fatal = true
  return message
}

/** Report a warning: the build goes on, unless `--strict`. */
export function warn(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = attach(file, reason, options)
  message.fatal = false
  return message
}

/** Count errors and warnings over a set of files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return { errors, warnings }
}

/** The exit code of a run over these files: 1 on errors (or on warnings when strict), else 0. */
export function exitCodeFor(files: readonly VFile[], strict: boolean): 0 | 1 {
  const { errors, warnings } = countMessages(files)
  return errors > 0 || (strict && warnings > 0) ? 1 : 0
}

/** A related place, such as the first of two duplicates, to pass as `cause`; not reported on its own. */
export function related(file: VFile, reason: string, place?: Place): VFileMessage {
  const message = new VFileMessage(reason, { place: place ?? { line: 1, column: 1 }, source })
  message.file = file.path
  return message
}
