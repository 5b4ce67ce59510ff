/**
 * What `coursepack check` is willing to read from one package, so that any zip, however
 * hostile, is checked in bounded time and memory. Each limit is enforced while reading
 * (entries as the central directory streams, bytes as an entry inflates, elements as the
 * descriptor is scanned) and reported as its own finding.
 */

export const limits = {
  /** Entries in the central directory (the declared count is checked first). */
  entries: 100_000,
  /** Bytes of entry names, extra fields and comments in the central directory, as held in memory. */
  directoryBytes: 16 * 1024 * 1024,
  /** Uncompressed bytes of any one entry read (descriptor, launch page). */
  entryBytes: 16 * 1024 * 1024,
  /** Uncompressed bytes read from the whole package. */
  totalBytes: 24 * 1024 * 1024,
  /** Element nesting depth of the descriptor. */
  xmlDepth: 256,
  /** Elements in the descriptor. */
  xmlElements: 1_000_000,
  /** Findings kept per rule; the rest are counted in one `findings-capped` finding. */
  findingsPerRule: 100
} as const

/** The rule each limit reports (written out on one line for the rule catalogue's scan). */
export interface LimitFinding {
  ruleId: 'limit-entries' | 'limit-entry-size' | 'limit-total-size' | 'limit-xml-depth' | 'limit-xml-elements'
}
export type LimitRule = LimitFinding['ruleId']

/** A limit was reached: the check stops reading and reports `rule`. */
export class LimitError extends Error {
  constructor(
    readonly ruleId: LimitRule,
    message: string,
    readonly file?: string
  ) {
    super(message)
    this.name = 'LimitError'
  }
}

/** `16 MB`, `100,000`: limits as messages state them. */
export const bytes = (value: number): string => `${value / (1024 * 1024)} MB`
export const count = (value: number): string => value.toLocaleString('en-US')
