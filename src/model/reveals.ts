/**
 * Does a feedback text give the right answer away? It does when it quotes one of the
 * question's revealing texts (`QuestionCore.revealing`) as a whole word or phrase, in any case.
 */

/** Revealing words shorter than this are too common to tell (`no`, `ja`); a number of two digits or more (`80`) is specific enough. */
const shortest = 3
const number = /^[+-]?\d{2,}([.,]\d+)?$|^[+-]?\d+[.,]\d+$/

/** Scripts written without spaces between words: a quote there needs no word boundary. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u
const wordChar = /[\p{L}\p{N}\p{M}]/u

const normalize = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase()

/**
 * The first revealing text the feedback quotes, or undefined.
 *
 * @param feedback
 *   The feedback as plain text.
 */
export function quotedAnswer(feedback: string, revealing: readonly string[]): string | undefined {
  const haystack = normalize(feedback)
  for (const original of revealing) {
    const needle = normalize(original)
    if ([...needle].length < shortest && !number.test(needle)) continue
    let from = haystack.indexOf(needle)
    while (from !== -1) {
      if (bounded(haystack, from, needle)) return original.trim()
      from = haystack.indexOf(needle, from + 1)
    }
  }
  return undefined
}

/** Is the match at `at` a whole word: no letter or digit glued to either end? */
function bounded(haystack: string, at: number, needle: string): boolean {
  // Two code units either side hold the neighbouring code point, surrogate pairs included.
  const before = at === 0 ? undefined : [...haystack.slice(Math.max(0, at - 2), at)].at(-1)
  const after = [...haystack.slice(at + needle.length, at + needle.length + 2)][0]
  const first = [...needle][0] ?? ''
  const last = [...needle].at(-1) ?? ''
  const free = (neighbour: string | undefined, edge: string) =>
    neighbour === undefined || !wordChar.test(neighbour) || !wordChar.test(edge) || unspaced.test(neighbour) || unspaced.test(edge)
  return free(before, first) && free(after, last)
}
