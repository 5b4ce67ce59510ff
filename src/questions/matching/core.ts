/**
 * Matching: pairs of a source (the table's left cell) and its target (the right cell); the
 * learner picks a target for each source, all or nothing. The `matching` interaction of each
 * standard: SCORM 1.2 (RTE 3.4.4.8.4) writes `source.target` pairs of single characters
 * joined by commas (`1.a,2.b`), so sources are `1`–`9`, `a`–`z`, `0` and targets `a`–`z`,
 * `0`–`9` there (hence at most 36 rows); SCORM 2004 (RTE 4.2.9.1) and xAPI (2.4.4.1) join
 * the stable ids `s1`, `t1`, … with `[.]` and `[,]`, and xAPI lists them as `source`/`target`.
 *
 * Sources are numbered in the table's order; target ids are dealt to the matches by a
 * permutation seeded with the question's place (../shuffle.ts `idPermutation`), and the data lists
 * targets in id order, so `s1` does not pair with `t1` by rule. The key is `match`.
 */
import { bitsFor, type QuestionBase, type QuestionCore } from '../types.js'

export interface MatchingData extends QuestionBase {
  type: 'matching'
  /** Source ids (`s1`, `s2`, …), in the table's order. */
  sources: string[]
  /** Source texts (plain), in the same order. */
  sourceLabels: string[]
  /** Target ids (`t1`, `t2`, …), in id order. */
  targets: string[]
  /** Target texts (plain), in the same order. */
  targetLabels: string[]
  /** The key: the right target id of each source, in source order. */
  match: string[]
}

/** Most rows a matching question may have: SCORM 1.2 has 36 single-character ids. */
export const maxPairs = 36
const sources12 = '123456789abcdefghijklmnopqrstuvwxyz0'
const targets12 = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** The chosen target of each source, `''` for none, always one per source. */
const chosen = (q: MatchingData, answer: readonly string[]): string[] => q.sources.map((_, i) => (q.targets.includes(answer[i] ?? '') ? (answer[i] ?? '') : ''))

/** The answered pairs as `[source index, target index]`. */
const pairs = (q: MatchingData, answer: readonly string[]): Array<[number, number]> =>
  chosen(q, answer).flatMap((target, i): Array<[number, number]> => (target ? [[i, q.targets.indexOf(target)]] : []))

const pattern2004 = (q: MatchingData, list: Array<[number, number]>) => list.map(([s, t]) => `${q.sources[s]}[.]${q.targets[t]}`).join('[,]')
const pattern12 = (list: Array<[number, number]>) => list.map(([s, t]) => `${sources12[s]}.${targets12[t]}`).join(',')
const rightPairs = (q: MatchingData): Array<[number, number]> => q.sources.map((_, i) => [i, q.targets.indexOf(q.match[i] ?? '')])

export const matchingCore: QuestionCore<MatchingData> = {
  type: 'matching',
  scored: true,
  keyFields: ['match'],
  answered: (q, answer) => chosen(q, answer).every((target) => target !== ''),
  isCorrect: (q, answer) => chosen(q, answer).every((target, i) => target === q.match[i]),
  // Per source: 0 for none, else the target's index + 1.
  bits: (q) => q.sources.length * bitsFor(q.targets.length),
  encode: (q, answer, out) => {
    for (const target of chosen(q, answer)) out.write(target ? q.targets.indexOf(target) + 1 : 0, bitsFor(q.targets.length))
  },
  decode: (q, input) => {
    const answer = q.sources.map(() => q.targets[input.read(bitsFor(q.targets.length)) - 1] ?? '')
    return answer.every((target) => target === '') ? [] : answer
  },
  shape: (q) => `${q.sources.length}x${q.targets.length}`,
  // Each row is a pair and the target ids are dealt by the question id: what a translation keeps is the number of pairs.
  key: (q) => `${q.sources.length} pairs`,
  revealing: () => [],
  keyName: 'pairs',
  // A wrong answer swaps the matches of the first two sources (a table has at least two rows).
  example: (q, right) => (right ? [...q.match] : q.match.map((_, i) => q.match[i < 2 ? 1 - i : i] ?? '')),
  scorm12: (q, answer) => ({ type: 'matching', response: pattern12(pairs(q, answer)), patterns: [pattern12(rightPairs(q))] }),
  scorm2004: (q, answer) => ({ type: 'matching', response: pattern2004(q, pairs(q, answer)), patterns: [pattern2004(q, rightPairs(q))] }),
  xapi: (q) => ({
    interactionType: 'matching',
    correctResponsesPattern: [pattern2004(q, rightPairs(q))],
    components: {
      source: q.sources.map((id, i) => ({ id, description: q.sourceLabels[i] ?? id })),
      target: q.targets.map((id, i) => ({ id, description: q.targetLabels[i] ?? id }))
    }
  }),
  xapiResponse: (q, answer) => pattern2004(q, pairs(q, answer))
}
