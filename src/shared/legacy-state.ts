/**
 * States written by coursepack 0.1 (formats 1 and 2), read so that learners in progress keep
 * it when their course is rebuilt with this version. Neither format names its pages or
 * questions: each is a fixed layout behind a hash of the structure it was written for, so it is
 * read when that hash matches the course at hand (the same pages, questions and, for format 2,
 * policies) and ignored otherwise, as 0.1 itself did.
 *
 * - Format 1 (`1.<hash>.<page>.<bits>`): a bit per page visited, then per quiz a "submitted"
 *   bit and every question's answer in its type's bits. A submitted quiz becomes one attempt
 *   that asked every question; where the quiz now has banks, that is not an attempt it can
 *   make, so it starts over with the "changed" notice.
 * - Format 2 (`2.<hash>.<page>.<bits>`): a bit per page visited, the 32-bit seed, then each
 *   quiz's record exactly as format 3 writes it (./suspend.ts `writeRecord`).
 */
import { coreOf } from '../questions/cores.js'
import { emptyQuizState } from './attempts.js'
import { BitInput } from './bits.js'
import type { CourseData } from './course-data.js'
import { decodeState, initialState, type LearnerState, readRecord } from './suspend.js'

/** The structure hashes of formats 1 and 2: FNV-1a over `|`-joined parts, mod 36^4, in base 36. */
function structureHash(parts: readonly string[]): string {
  let hash = 0x811c9dc5
  for (const char of parts.join('|')) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return (hash % 1679616).toString(36).padStart(4, '0')
}

/** Format 1's hash: page ids, and each question's id and shape. */
export function format1Hash(data: CourseData): string {
  const parts = [...data.pages]
  for (const module of data.modules) for (const q of module.quiz?.questions ?? []) parts.push(`${q.id}:${coreOf(q).shape(q)}`)
  return structureHash(parts)
}

/** Format 2's hash: page ids, each quiz's attempt policy and banks, and each question's id and shape. */
export function format2Hash(data: CourseData): string {
  const parts = [...data.pages]
  for (const module of data.modules) {
    const quiz = module.quiz
    if (!quiz) continue
    parts.push(`${quiz.policy.attempts}:${quiz.policy.keep}:${quiz.policy.repeat}`, ...quiz.banks.map((b) => `${b.id}:${b.draw}:${b.questions.join(',')}`))
    for (const q of quiz.questions) parts.push(`${q.id}:${coreOf(q).shape(q)}`)
  }
  return structureHash(parts)
}

/**
 * A saved state of any format, in today's shape; undefined when it is empty, malformed, or of
 * format 1 or 2 and another structure. `seed` is the learner's, for a format 1 state (which has none).
 */
export function restoreState(data: CourseData, saved: string, seed = 0): LearnerState | undefined {
  const text = saved.trim()
  return text.startsWith('3.') ? decodeState(data, text) : readLegacyState(data, text, seed)
}

/** A format 1 or 2 state of this very structure, in today's shape; undefined otherwise. */
export function readLegacyState(data: CourseData, text: string, seed = 0): LearnerState | undefined {
  const match = /^([12])\.([0-9a-z]{4})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]*)$/.exec(text)
  const input = match && BitInput.of(match[4] ?? '')
  if (!match || !input) return undefined
  const format = match[1]
  if (match[2] !== (format === '1' ? format1Hash(data) : format2Hash(data))) return undefined
  const state = initialState(data, seed)
  state.page = Math.min(parseInt(match[3] ?? '0', 36) || 0, data.pages.length - 1)
  state.visited = data.pages.map(() => input.read(1) === 1)
  if (format === '2') state.seed = input.read(32)
  for (const [index, module] of data.modules.entries()) {
    const quiz = module.quiz
    if (!quiz) continue
    if (format === '2') {
      const record = readRecord(quiz, input)
      if (!record) return undefined
      state.quizzes[index] = record
      continue
    }
    const submitted = input.read(1) === 1
    const answers = quiz.questions.map((question) => [...coreOf(question).decode(question, input)])
    if (!submitted) continue
    if (quiz.banks.length > 0) {
      state.changed[index] = true
      state.carried = true
      continue
    }
    const asked = quiz.questions.map((_, i) => i)
    state.quizzes[index] = { ...emptyQuizState(quiz), used: 1, last: { n: 1, asked, answers }, seen: asked.map(() => true) }
  }
  return input.exhausted ? state : undefined
}
