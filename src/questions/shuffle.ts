/**
 * Seeded shuffling for question types that show their items in a learner's own order
 * (matching's targets, ordering's items). Shared and browser-safe: the runtime bundles it,
 * and the tests check the orders it gives. The same learner seed and question id always give
 * the same order, so a relaunch shows what the learner saw before; answers record ids, never
 * positions, so the order never reaches the LMS.
 */

/** mulberry32: a small 32-bit PRNG, good enough to deal a few items, with no state but its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The learner's seed mixed with a question's id (FNV-1a), so two questions get different orders. */
export function questionSeed(seed: number, questionId: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0
  for (const char of questionId) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
  return hash
}

/**
 * The items in a shuffled order (Fisher–Yates), a permutation of them that depends only on
 * the seed. With `moved`, an order of two or more items never equals the given one (it is
 * rotated by one place if the deal gave it back), so an ordering question never starts solved.
 */
export function shuffled<T>(items: readonly T[], seed: number, options: { moved?: boolean } = {}): T[] {
  const random = mulberry32(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = out[i] as T
    out[i] = out[j] as T
    out[j] = swap
  }
  if (options.moved && out.length > 1 && out.every((item, i) => item === items[i])) out.push(out.shift() as T)
  return out
}

/**
 * Which author position each id stands for, for the types whose key would otherwise be their
 * ids' order (ordering's items, matching's targets): id number k is given to the author's
 * item `permutation[k]`. Seeded by the question's deal seed only (its module and place, src/model/quiz.ts `dealSeedOf`), so every build and translation gives the same ids.
 */
export function idPermutation(count: number, dealSeed: string): number[] {
  return shuffled(
    Array.from({ length: count }, (_, i) => i),
    questionSeed(0x6b657973, dealSeed)
  )
}
