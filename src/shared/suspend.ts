/**
 * The learner's state and its compact encoding for `cmi.suspend_data` (and the xAPI state
 * document), readable by later versions of the course.
 *
 * SCORM 1.2 allows 4,096 characters of ASCII (RTE 3.4.4, CMIString4096), so the state is a
 * bit field in base64url (./bits.ts). It names what it is about, so that a package built after
 * the course changed can map it (README, "Updating a course that learners are taking"):
 * - each page of the version that wrote it, in order: visited or not, and a 20-bit hash of its id;
 * - the learner's 32-bit seed (draws and shuffled orders), and whether the state was carried
 *   over from another version with no quiz submitted since (see `LearnerState.carried`);
 * - per quiz: a 20-bit hash of its module's id, a 24-bit hash of everything its saved
 *   answers depend on (`quizIdentity`: question ids, types, options, keys, points, the attempt
 *   policy and banks), whether it was reset by an update, and its record behind its length:
 *   the attempts submitted and, once there is one, the last attempt, the bank questions seen
 *   so far (`repeat: avoid`) and, when another attempt counts (`keep: best`), that one too. An
 *   attempt is one bit per bank question (drawn or not), then each question it asked in exactly
 *   the bits its type says (src/questions/<type>/core.ts `bits`);
 * - then sections, each behind its kind and length, so that a runtime skips a kind it does not
 *   know: kind 1 holds each required video or audio (a 20-bit hash of its id) and how far it was
 *   played, in percent (7 bits).
 *
 * A newer package keeps the visits of pages that still exist, and a quiz's record where its
 * identity is unchanged; a quiz whose identity changed starts over, with a notice; removed pages
 * and quizzes are dropped; the bookmark moves to the nearest page that still exists. The longest
 * state a course can reach is known at build time (`encodedLength`: every page visited, every
 * attempt used, the largest draws), so the compiler refuses a course that cannot fit.
 *
 * Format: `3.<version>.<page index, base 36>.<bits, base64url>`, where `version` hashes the
 * whole structure (`fingerprint`). States of formats 1 and 2 (coursepack 0.1) are read by
 * ./legacy-state.ts, whose `restoreState` reads any of them.
 */
import { coreOf } from '../questions/cores.js'
import { bitsFor, displayFields } from '../questions/types.js'
import { type Attempt, emptyQuizState, fixedQuestions, maxCountedAttempts, type QuizState } from './attempts.js'
import { BitInput, BitOutput, countBits } from './bits.js'
import type { CourseData, QuestionData, QuizData } from './course-data.js'

export interface LearnerState {
  /** Index of the current page. */
  page: number
  /** Visited flag per page. */
  visited: boolean[]
  /** The learner's seed of draws and shuffled orders (from the LMS's learner id), kept so a relaunch deals the same. */
  seed: number
  /** Per module: its quiz's attempts, or undefined where the module has no quiz. */
  quizzes: Array<QuizState | undefined>
  /** Per module: its quiz changed since the learner's last visit and starts over; cleared when they submit it. */
  changed: boolean[]
  /**
   * The state comes from another version of the course and no quiz was submitted since: a
   * result it adds up to is not written over a verdict the LMS holds (README, "Updating a
   * course that learners are taking"). Cleared by the next submission.
   */
  carried: boolean
  /** Per media of the course (`CourseData.media`): how far a required one was played, 0–100 (0 for the others). */
  media: number[]
}

const seedBits = 32
const idHashBits = 20
const quizHashBits = 24

/** An empty state: first page, nothing visited or submitted. */
export function initialState(data: CourseData, seed = 0): LearnerState {
  return {
    page: 0,
    visited: data.pages.map(() => false),
    seed: seed >>> 0,
    quizzes: data.modules.map((m) => m.quiz && emptyQuizState(m.quiz)),
    changed: data.modules.map(() => false),
    carried: false,
    media: data.media.map(() => 0)
  }
}

/** FNV-1a over UTF-16 code units. */
function hash32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  return hash
}

/** The 20-bit hash a state names a page by. */
export const pageHash = (id: string): number => hash32(`page\u0000${id}`) >>> (32 - idHashBits)

/** The 20-bit hash a state names a video or audio by. */
export const mediaHash = (id: string): number => hash32(`media\u0000${id}`) >>> (32 - idHashBits)

/** The 20-bit hash a state names a module's quiz by. */
export const moduleHash = (id: string): number => hash32(`module\u0000${id}`) >>> (32 - idHashBits)

/** A question's scoring identity: its data without display text (src/questions/types.ts `displayFields`), members sorted. */
export function questionIdentity(question: QuestionData): string {
  const record = question as unknown as Record<string, unknown>
  return JSON.stringify(
    Object.keys(record)
      .filter((name) => !displayFields.includes(name))
      .sort()
      .map((name) => [name, record[name]])
  )
}

/** Everything a quiz's saved record depends on: its questions' identities, the attempt policy and the banks. Not its texts, reveal or shuffle. */
export function quizIdentity(quiz: QuizData): string {
  const { attempts, keep, repeat } = quiz.policy
  const banks = quiz.banks.map((bank) => [bank.id, bank.draw, bank.questions.map((i) => quiz.questions[i]?.id ?? '')])
  return JSON.stringify([attempts, keep, repeat, banks, quiz.questions.map(questionIdentity)])
}

/** The 24-bit hash a state names a quiz's identity by. */
export const quizHash = (quiz: QuizData): number => hash32(quizIdentity(quiz)) >>> (32 - quizHashBits)

/** The course's structure as the state sees it: a state of another version is carried over (`LearnerState.carried`). */
export function fingerprint(data: CourseData): string {
  const parts = [...data.pages]
  for (const module of data.modules) if (module.quiz) parts.push(`${module.quiz.page}:${quizIdentity(module.quiz)}`)
  return (hash32(parts.join('\u0000')) % 1679616).toString(36).padStart(4, '0')
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
export function recordBits(quiz: QuizData): number {
  return counterBits(quiz) + attemptBits(quiz) + (tracksSeen(quiz) ? bankSize(quiz) : 0) + (countsAnother(quiz) ? 1 + counterBits(quiz) + attemptBits(quiz) : 0)
}

/** The most bits the state of this course takes (every page visited, every attempt used, the largest draws). */
export function stateBits(data: CourseData): number {
  const pages = data.pages.length
  const quizzes = data.modules.flatMap((m) => (m.quiz ? [m.quiz] : []))
  let bits = countBits(pages) + pages * (1 + idHashBits) + seedBits + 1 + countBits(quizzes.length)
  for (const quiz of quizzes) bits += idHashBits + quizHashBits + 1 + countBits(recordBits(quiz)) + recordBits(quiz)
  const media = mediaBits(data)
  return bits + (media === 0 ? countBits(0) : countBits(1) + countBits(mediaSection) + countBits(media) + media)
}

const mediaSection = 1
const percentBits = 7
const requiredMedia = (data: CourseData) => data.media.flatMap((media, index) => (media.required ? [{ media, index }] : []))

/** Bits of the media section: none without required media. */
function mediaBits(data: CourseData): number {
  const count = requiredMedia(data).length
  return count === 0 ? 0 : countBits(count) + count * (idHashBits + percentBits)
}

/** The length of the longest encoded state of this course (every attempt used, the largest draws, at the last page). */
export function encodedLength(data: CourseData): number {
  return 2 + 4 + 1 + Math.max(1, (data.pages.length - 1).toString(36).length) + 1 + Math.ceil(stateBits(data) / 6)
}

function writeAttempt(quiz: QuizData, attempt: Attempt, out: BitOutput): void {
  const asked = new Set(attempt.asked)
  for (const bank of quiz.banks) for (const i of bank.questions) out.write(asked.has(i) ? 1 : 0, 1)
  quiz.questions.forEach((question, i) => {
    if (!asked.has(i)) return
    // Each type writes exactly its `bits(question)`, which the size known at build time counts on.
    const start = out.length
    coreOf(question).encode(question, attempt.answers[i] ?? [], out)
    if (out.length - start !== coreOf(question).bits(question)) throw new RangeError(`question ${question.id} wrote ${out.length - start} bits`)
  })
}

/** An attempt as written, or undefined when its draw is not one the quiz can make. */
function readAttempt(quiz: QuizData, n: number, input: BitInput): Attempt | undefined {
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

/** A quiz's record: the attempt counter, then (once there is one) the last attempt, the bank questions seen, the kept attempt. */
export function writeRecord(quiz: QuizData, record: QuizState, out: BitOutput): void {
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
}

/** A record as `writeRecord` wrote it for this quiz; undefined when it is not one the quiz can have. */
export function readRecord(quiz: QuizData, input: BitInput): QuizState | undefined {
  const record = emptyQuizState(quiz)
  record.used = input.read(counterBits(quiz))
  if (quiz.policy.attempts !== 0 && record.used > quiz.policy.attempts) return undefined
  if (record.used === 0) return record
  record.last = readAttempt(quiz, record.used, input)
  if (!record.last) return undefined
  if (tracksSeen(quiz)) for (const bank of quiz.banks) for (const i of bank.questions) record.seen[i] = input.read(1) === 1
  for (const i of record.last.asked) record.seen[i] = true
  if (countsAnother(quiz) && input.read(1) === 1) {
    const n = input.read(counterBits(quiz))
    record.best = n >= 1 && n < record.used ? readAttempt(quiz, n, input) : undefined
    if (!record.best) return undefined
  }
  return record
}

/** Encode a state. */
export function encodeState(data: CourseData, state: LearnerState): string {
  return `3.${fingerprint(data)}.${state.page.toString(36)}.${encodeBits(data, state).text()}`
}

/** The bit field of a state (what `encodeState` writes after its header). */
export function encodeBits(data: CourseData, state: LearnerState): BitOutput {
  const out = new BitOutput()
  out.writeCount(data.pages.length)
  data.pages.forEach((id, index) => {
    out.write(state.visited[index] ? 1 : 0, 1)
    out.write(pageHash(id), idHashBits)
  })
  out.write(state.seed >>> 0, seedBits)
  out.write(state.carried ? 1 : 0, 1)
  const quizzes = data.modules.flatMap((module, index) => (module.quiz ? [{ quiz: module.quiz, module, index }] : []))
  out.writeCount(quizzes.length)
  for (const { quiz, module, index } of quizzes) {
    out.write(moduleHash(module.id), idHashBits)
    out.write(quizHash(quiz), quizHashBits)
    out.write(state.changed[index] ? 1 : 0, 1)
    const record = new BitOutput()
    writeRecord(quiz, state.quizzes[index] ?? emptyQuizState(quiz), record)
    out.writeCount(record.length)
    out.append(record)
  }
  const required = requiredMedia(data)
  out.writeCount(required.length > 0 ? 1 : 0)
  if (required.length > 0) {
    const section = new BitOutput()
    section.writeCount(required.length)
    for (const { media, index } of required) {
      section.write(mediaHash(media.id), idHashBits)
      section.write(Math.max(0, Math.min(100, Math.round(state.media[index] ?? 0))), percentBits)
    }
    out.writeCount(mediaSection)
    out.writeCount(section.length)
    out.append(section)
  }
  return out
}

/** A state as written, before it is mapped onto the course at hand. */
interface WrittenState {
  version: string
  page: number
  pages: Array<{ visited: boolean; hash: number }>
  seed: number
  carried: boolean
  quizzes: Array<{ module: number; hash: number; changed: boolean; record: BitInput }>
  /** How far each required media was played, by the hash of its id. */
  media: Map<number, number>
}

function readWritten(text: string): WrittenState | undefined {
  const match = /^3\.([0-9a-z]{4})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]*)$/.exec(text)
  const input = match && BitInput.of(match[3] ?? '')
  if (!match || !input) return undefined
  const pageCount = input.readCount()
  if (pageCount === 0) return undefined
  const pages: WrittenState['pages'] = []
  for (let i = 0; i < pageCount && !input.overrun; i++) pages.push({ visited: input.read(1) === 1, hash: input.read(idHashBits) })
  const seed = input.read(seedBits)
  const carried = input.read(1) === 1
  const quizCount = input.readCount()
  const quizzes: WrittenState['quizzes'] = []
  for (let i = 0; i < quizCount && !input.overrun; i++) {
    const module = input.read(idHashBits)
    const hash = input.read(quizHashBits)
    const changed = input.read(1) === 1
    const record = input.take(input.readCount())
    if (!record) return undefined
    quizzes.push({ module, hash, changed, record })
  }
  const media = new Map<number, number>()
  const sections = input.readCount()
  for (let i = 0; i < sections && !input.overrun; i++) {
    const kind = input.readCount()
    const section = input.take(input.readCount())
    if (!section) return undefined
    if (kind !== mediaSection) continue // a later runtime's section: skipped
    const count = section.readCount()
    for (let j = 0; j < count && !section.overrun; j++) {
      const hash = section.read(idHashBits)
      const percent = section.read(percentBits)
      if (percent > 100) return undefined
      media.set(hash, percent)
    }
    if (!section.consumed) return undefined
  }
  if (!input.exhausted) return undefined
  return { version: match[1] ?? '', page: Math.min(parseInt(match[2] ?? '0', 36) || 0, pageCount - 1), pages, seed, carried, quizzes, media }
}

/**
 * The page of `data` nearest to the written page `from` that still exists (the written page
 * itself when it does; on a tie the earlier page, so that "next" leads through what replaced it).
 */
function nearestPage(data: CourseData, written: WrittenState['pages'], from: number): number {
  const index = new Map<number, number>()
  data.pages.forEach((id, i) => {
    if (!index.has(pageHash(id))) index.set(pageHash(id), i)
  })
  for (let distance = 0; distance < written.length; distance++) {
    for (const j of [from - distance, from + distance]) {
      const found = j >= 0 && j < written.length ? index.get(written[j]?.hash ?? -1) : undefined
      if (found !== undefined) return found
    }
  }
  return 0
}

/** Decode a format 3 state, mapped onto this version of the course; undefined when it is empty or malformed. */
export function decodeState(data: CourseData, text: string): LearnerState | undefined {
  const written = readWritten(text.trim())
  if (!written) return undefined
  const same = written.version === fingerprint(data)
  const state = initialState(data, written.seed)
  const visited = new Set(written.pages.filter((page) => page.visited).map((page) => page.hash))
  state.visited = data.pages.map((id) => visited.has(pageHash(id)))
  state.page = nearestPage(data, written.pages, written.page)
  state.carried = written.carried || !same
  state.media = data.media.map((media) => (media.required ? (written.media.get(mediaHash(media.id)) ?? 0) : 0))
  for (const [index, module] of data.modules.entries()) {
    const quiz = module.quiz
    if (!quiz) continue
    const old = written.quizzes.find((q) => q.module === moduleHash(module.id))
    if (!old) continue
    if (old.hash === quizHash(quiz)) {
      const record = readRecord(quiz, old.record)
      // The same quiz, yet a record it cannot have: the state is not what it claims to be.
      if (!record || !old.record.consumed) return undefined
      state.quizzes[index] = record
      state.changed[index] = old.changed
    } else {
      // What the record's answers meant changed: the quiz starts over, and says so if it had been taken.
      state.changed[index] = old.changed || old.record.anySet()
    }
  }
  return state
}
