/**
 * The learner's state and its compact encoding for `cmi.suspend_data`.
 *
 * SCORM 1.2 allows 4,096 characters of ASCII (RTE 3.4.4, CMIString4096), so the state is
 * a bit field in base64url: one bit per page visited, the learner's 32-bit seed (draws and
 * shuffled orders), then per quiz the attempts submitted and, once there is one, the last
 * attempt, the bank questions seen so far (`repeat: avoid`) and, when another attempt counts
 * (`keep: best`), that one too. An attempt is one bit per bank question (drawn or not), then
 * each question it asked in exactly the bits its type says (src/questions/<type>/core.ts
 * `bits`). The longest state a course can reach is known at build time (`encodedLength`:
 * every attempt used, the largest draws), so the compiler refuses a course that cannot fit.
 *
 * Format: `2.<fingerprint>.<page index, base 36>.<bits, base64url>`.
 */
import { coreOf } from '../questions/cores.js'
import { type BitReader, type BitWriter, bitsFor } from '../questions/types.js'
import { type Attempt, emptyQuizState, fixedQuestions, maxCountedAttempts, type QuizState } from './attempts.js'
import type { CourseData, QuizData } from './course-data.js'

export interface LearnerState {
  /** Index of the current page. */
  page: number
  /** Visited flag per page. */
  visited: boolean[]
  /** The learner's seed of draws and shuffled orders (from the LMS's learner id), kept so a relaunch deals the same. */
  seed: number
  /** Per module: its quiz's attempts, or undefined where the module has no quiz. */
  quizzes: Array<QuizState | undefined>
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const seedBits = 32

/** An empty state: first page, nothing visited or submitted. */
export function initialState(data: CourseData, seed = 0): LearnerState {
  return { page: 0, visited: data.pages.map(() => false), seed: seed >>> 0, quizzes: data.modules.map((m) => m.quiz && emptyQuizState(m.quiz)) }
}

/** Bits of the attempt counter: up to the quiz's limit, or `maxCountedAttempts` when unlimited. */
const counterBits = (quiz: QuizData): number => bitsFor(quiz.policy.attempts === 0 ? maxCountedAttempts : quiz.policy.attempts)

const bankSize = (quiz: QuizData): number => quiz.banks.reduce((sum, bank) => sum + bank.questions.length, 0)
const tracksSeen = (quiz: QuizData): boolean => quiz.policy.repeat === 'avoid' && quiz.banks.length > 0
/** Another attempt than the last may count (`keep: best` with more than one attempt): it is written too. */
const countsAnother = (quiz: QuizData): boolean => quiz.policy.attempts !== 1 && quiz.policy.keep === 'best'

/** The most bits one attempt takes: its draw marks, every fixed question, and each bank's largest draw. */
function attemptBits(quiz: QuizData): number {
  const bits = (i: number) => {
    const question = quiz.questions[i]
    return question ? coreOf(question).bits(question) : 0
  }
  let total = bankSize(quiz)
  for (const i of fixedQuestions(quiz)) total += bits(i)
  for (const bank of quiz.banks) total += bank.questions.map(bits).sort((a, b) => b - a).slice(0, bank.draw).reduce((sum, n) => sum + n, 0)
  return total
}

/** The most bits one quiz's record takes. */
function quizBits(quiz: QuizData): number {
  return counterBits(quiz) + attemptBits(quiz) + (tracksSeen(quiz) ? bankSize(quiz) : 0) + (countsAnother(quiz) ? 1 + counterBits(quiz) + attemptBits(quiz) : 0)
}

/** The most bits the state of this course takes (every attempt used, the largest draws). */
export function stateBits(data: CourseData): number {
  let bits = data.pages.length + seedBits
  for (const module of data.modules) if (module.quiz) bits += quizBits(module.quiz)
  return bits
}

/**
 * A short hash of the course's structure (pages, questions, options, attempt limits, banks),
 * so that state saved by another version of the course is recognised and not misread.
 */
export function fingerprint(data: CourseData): string {
  let hash = 0x811c9dc5
  const parts = [...data.pages]
  for (const module of data.modules) {
    const quiz = module.quiz
    if (!quiz) continue
    parts.push(`${quiz.policy.attempts}:${quiz.policy.keep}:${quiz.policy.repeat}`, ...quiz.banks.map((b) => `${b.id}:${b.draw}:${b.questions.join(',')}`))
    for (const q of quiz.questions) parts.push(`${q.id}:${coreOf(q).shape(q)}`)
  }
  for (const char of parts.join('|')) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return (hash % 1679616).toString(36).padStart(4, '0')
}

/** The length of the longest encoded state of this course (every attempt used, the largest draws, at the last page). */
export function encodedLength(data: CourseData): number {
  return 2 + 4 + 1 + Math.max(1, (data.pages.length - 1).toString(36).length) + 1 + Math.ceil(stateBits(data) / 6)
}

function writeAttempt(quiz: QuizData, attempt: Attempt, out: BitWriter): void {
  const asked = new Set(attempt.asked)
  for (const bank of quiz.banks) for (const i of bank.questions) out.write(asked.has(i) ? 1 : 0, 1)
  quiz.questions.forEach((question, i) => {
    if (asked.has(i)) coreOf(question).encode(question, attempt.answers[i] ?? [], out)
  })
}

/** An attempt as written, or undefined when its draw is not one the quiz can make. */
function readAttempt(quiz: QuizData, n: number, input: BitReader): Attempt | undefined {
  const asked = new Set(fixedQuestions(quiz))
  let valid = true
  for (const bank of quiz.banks) {
    let drawn = 0
    for (const i of bank.questions) {
      if (input.read(1) === 1) {
        asked.add(i)
        drawn++
      }
    }
    if (drawn !== bank.draw) valid = false
  }
  const answers = quiz.questions.map((question, i) => (asked.has(i) ? [...coreOf(question).decode(question, input)] : []))
  return valid ? { n, asked: [...asked].sort((a, b) => a - b), answers } : undefined
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
  out.write(state.seed >>> 0, seedBits)
  data.modules.forEach((module, index) => {
    const quiz = module.quiz
    if (!quiz) return
    const record = state.quizzes[index] ?? emptyQuizState(quiz)
    const last = record.used > 0 ? record.last : undefined
    out.write(last ? record.used : 0, counterBits(quiz))
    if (!last) return
    writeAttempt(quiz, last, out)
    if (tracksSeen(quiz)) for (const bank of quiz.banks) for (const i of bank.questions) out.write(record.seen[i] ? 1 : 0, 1)
    if (!countsAnother(quiz)) return
    out.write(record.best ? 1 : 0, 1)
    if (record.best) {
      out.write(record.best.n, counterBits(quiz))
      writeAttempt(quiz, record.best, out)
    }
  })
  let text = ''
  for (let i = 0; i < bits.length; i += 6) {
    let value = 0
    for (let j = 0; j < 6; j++) value = (value << 1) | (bits[i + j] ?? 0)
    text += alphabet[value]
  }
  return `2.${fingerprint(data)}.${state.page.toString(36)}.${text}`
}

/** Decode a state; undefined when it is empty, malformed or from another course structure. */
export function decodeState(data: CourseData, text: string): LearnerState | undefined {
  const match = /^2\.([0-9a-z]{4})\.([0-9a-z]+)\.([A-Za-z0-9_-]*)$/.exec(text.trim())
  if (!match || match[1] !== fingerprint(data)) return undefined
  const encoded = match[3] ?? ''
  const bits: number[] = []
  for (const char of encoded) {
    const value = alphabet.indexOf(char)
    for (let j = 5; j >= 0; j--) bits.push((value >> j) & 1)
  }
  let at = 0
  let overrun = false
  const input: BitReader = {
    read(count) {
      let value = 0
      for (let j = 0; j < count; j++) {
        if (at >= bits.length) overrun = true
        value = value * 2 + (bits[at++] ?? 0)
      }
      return value
    }
  }
  const state = initialState(data)
  state.page = Math.min(parseInt(match[2] ?? '0', 36) || 0, data.pages.length - 1)
  state.visited = data.pages.map(() => input.read(1) === 1)
  state.seed = input.read(seedBits)
  let valid = true
  data.modules.forEach((module, index) => {
    const quiz = module.quiz
    if (!quiz || !valid) return
    const record = emptyQuizState(quiz)
    record.used = input.read(counterBits(quiz))
    if (quiz.policy.attempts !== 0 && record.used > quiz.policy.attempts) valid = false
    if (record.used > 0) {
      record.last = readAttempt(quiz, record.used, input)
      if (tracksSeen(quiz)) for (const bank of quiz.banks) for (const i of bank.questions) record.seen[i] = input.read(1) === 1
      for (const i of record.last?.asked ?? []) record.seen[i] = true
      if (countsAnother(quiz) && input.read(1) === 1) {
        const n = input.read(counterBits(quiz))
        record.best = n >= 1 && n < record.used ? readAttempt(quiz, n, input) : undefined
        if (!record.best) valid = false
      }
      if (!record.last) valid = false
    }
    state.quizzes[index] = record
  })
  // Every bit read was written, and nothing but padding follows.
  if (!valid || overrun || Math.ceil(at / 6) !== encoded.length) return undefined
  return state
}
