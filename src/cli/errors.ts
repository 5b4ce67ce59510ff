/** Typed failures that the CLI's single exit point turns into exit codes. */
export { UsageError } from '../errors.js'

/** Leave with this exit code; the message (if any) was already printed. */
export class ExitError extends Error {
  constructor(readonly code: 0 | 1 | 2 | 3) {
    super(`exit ${code}`)
  }
}
