/** The XLIFF formats, by `--format` name; a file read is given to the one its root's `version` names. */
import type { XliffFormat } from './types.js'
import { xliff12 } from './xliff12.js'
import { xliff2 } from './xliff2.js'

export type { XliffDocument, XliffFile, XliffFormat, XliffProblem, XliffRead, XliffUnit } from './types.js'

export const formats: Record<string, XliffFormat> = { xliff2, xliff12 }

export const formatNames = Object.keys(formats)

/** The format of an XLIFF file's text, from its root's `version` (`2.0` or `1.2`); XLIFF 2.0 when it says neither. */
export function formatOf(text: string): XliffFormat {
  const root = /<(?:\w+:)?xliff\b[^>]*\bversion\s*=\s*["']([^"']*)["']/.exec(text)
  return Object.values(formats).find((f) => f.version === root?.[1]) ?? xliff2
}
