/**
 * The learner's state and its compact encoding for `cmi.suspend_data`.
 *
 * SCORM 1.2 allows 4,096 characters of ASCII (RTE 3.4.4, CMIString4096), so the state is
 * a fixed-length bit field in base64url: one bit per page visited, then per quiz one
 * "submitted" bit and each question's answer in the fixed number of bits its type says
 * (src/questions/<type>/core.ts `bits`; one bit per option for choice questions).
 * Its length depends only on the course's structure, so the compiler knows the exact
 * size for every learner and refuses courses that cannot fit (see `encodedLength`).
 *
 * Format: `1.<fingerprint>.<page index, base 36>.<bits, base64url>`.
 */
import { coreOf } from '../questions/cores.js'
import type { BitReader, BitWriter } from '../questions/types.js'
import type { CourseData } from './course-data.js'

export interface LearnerState {
  /** Index of the current page. */
  page: number
  /** Visited flag per page. */
  visited: boolean[]
  /** Per module: the submitted answers of its quiz (one answer per question, src/questions/types.ts), or undefined. */
  quizzes: Array<Array<string[]> | undefined>
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** An empty state: first page, nothing visited or submitted. */
export function initialState(data: CourseData): LearnerState {
  return { page: 0, visited: data.pages.map(() => false), quizzes: data.modules.map(() => undefined) }
}

/** Number of bits the state of this course takes. */
export function stateBits(data: CourseData): number {
  let bits = data.pages.length
  for (const module of data.modules) {
    if (!module.quiz) continue
    bits += 1
    for (const question of module.quiz.questions) bits += coreOf(question).bits(question)
  }
  return bits
}

/**
 * A short hash of the course's structure (pages, questions, options), so that state
 * saved by another version of the course is recognised and not misread.
 */
export function fingerprint(data: CourseData): string {
  let hash = 0x811c9dc5
  const parts = [...data.pages]
  for (const module of data.modules) for (const q of module.quiz?.questions ?? []) parts.push(`${q.id}:${coreOf(q).shape(q)}`)
  for (const char of parts.join('|')) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return (hash % 1679616).toString(36).padStart(4, '0')
}

/** The exact length of the encoded state of this course (the same for every learner, at the last page). */
export function encodedLength(data: CourseData): number {
  return 2 + 4 + 1 + Math.max(1, (data.pages.length - 1).toString(36).length) + 1 + Math.ceil(stateBits(data) / 6)
}

/** Encode a state. */
export function encodeState(data: CourseData, state: LearnerState): string {
  const bits: number[] = []
  const out: BitWriter = {
    write(value, count) {
      for (let j = count - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2)
    }
  }
  data.pages.forEach((_, index) => bits.push(state.visited[index] ? 1 : 0))
  data.modules.forEach((module, index) => {
    if (!module.quiz) return
    const answers = state.quizzes[index]
    bits.push(answers ? 1 : 0)
    for (const [q, question] of module.quiz.questions.entries()) {
      // Each type writes exactly its `bits(question)`, answered or not, so the length never varies.
      const start = bits.length
      coreOf(question).encode(question, answers?.[q] ?? [], out)
      if (bits.length - start !== coreOf(question).bits(question)) throw new RangeError(`question ${question.id} wrote ${bits.length - start} bits`)
    }
  })
  let text = ''
  for (let i = 0; i < bits.length; i += 6) {
    let value = 0
    for (let j = 0; j < 6; j++) value = (value << 1) | (bits[i + j] ?? 0)
    text += alphabet[value]
  }
  return `1.${fingerprint(data)}.${state.page.toString(36)}.${text}`
}

/** Decode a state; undefined when it is empty, malformed or from another course structure. */
export function decodeState(data: CourseData, text: string): LearnerState | undefined {
  const match = /^1\.([0-9a-z]{4})\.([0-9a-z]+)\.([A-Za-z0-9_-]*)$/.exec(text.trim())
  if (!match || match[1] !== fingerprint(data)) return undefined
  const encoded = match[3] ?? ''
  if (encoded.length !== Math.ceil(stateBits(data) / 6)) return undefined
  const bits: number[] = []
  for (const char of encoded) {
    const value = alphabet.indexOf(char)
    for (let j = 5; j >= 0; j--) bits.push((value >> j) & 1)
  }
  let at = 0
  const next = () => bits[at++] === 1
  const input: BitReader = {
    read(count) {
      let value = 0
      for (let j = 0; j < count; j++) value = value * 2 + (bits[at++] ?? 0)
      return value
    }
  }
  const state = initialState(data)
  state.page = Math.min(parseInt(match[2] ?? '0', 36) || 0, data.pages.length - 1)
  state.visited = data.pages.map(() => next())
  data.modules.forEach((module, index) => {
    if (!module.quiz) return
    const submitted = next()
    const answers = module.quiz.questions.map((question) => [...coreOf(question).decode(question, input)])
    state.quizzes[index] = submitted ? answers : undefined
  })
  return state
}
