/** Size limits on what a course may make coursepack read (README, "Limits"). */

/** At most 5 MB of Markdown per source file. */
export const maxMarkdownBytes = 5_000_000

/** At most 100 MB per asset (image or other referenced file). */
export const maxAssetBytes = 100_000_000

/** `6000000` → `6 MB`, `1234` → `0.001 MB`, for messages. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000
  return `${Number.isInteger(mb) ? mb : Number(mb.toPrecision(3))} MB`
}
