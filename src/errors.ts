/**
 * A mistake in how coursepack was called (a missing folder, a file given for a folder, a
 * busy port, two courses writing one zip): the CLI prints its message on one line and
 * exits 2; API callers can tell it from a bug with `instanceof`.
 */
export class UsageError extends Error {
  override name = 'UsageError'
}
