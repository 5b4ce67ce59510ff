/**
 * Answer keys out of plain sight (issue 14). The package's course data keeps each question's
 * key fields (its type's `keyFields`, ./types.ts) apart from what the page may show: they are
 * written as one field `k`, their JSON XORed with a mulberry32 keystream seeded by the course
 * id and the question id, in base64url. Neither view-source nor grep shows a key; anyone who
 * runs the page's script can still read them, since scoring runs in the learner's browser.
 *
 * Deterministic, so the same sources give byte-identical zips. Shared: no Node or DOM APIs
 * (the runtime opens the keys in `readCourseData`).
 */
import { coreOf } from './cores.js'
import type { QuestionData } from './data.js'
import { mulberry32, questionSeed } from './shuffle.js'
import type { CourseData, ModuleData, QuizData } from '../shared/course-data.js'

/** A question as the package stores it: its public data, and its key fields encoded in `k` (absent when its type has none). */
export type PackagedQuestion = { id: string; type: string; k?: string } & Record<string, unknown>

export type PackagedQuizData = Omit<QuizData, 'questions'> & { questions: PackagedQuestion[] }
export type PackagedModuleData = Omit<ModuleData, 'quiz'> & { quiz: PackagedQuizData | undefined }
/** The course data as written into a package: every question's key encoded. */
export type PackagedCourseData = Omit<CourseData, 'modules'> & { modules: PackagedModuleData[] }

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** UTF-8 bytes of a text (TextEncoder is in every browser and in Node, but the runtime targets ES2019 without it). */
function utf8(text: string): number[] {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
  }
  return bytes
}

function fromUtf8(bytes: readonly number[]): string {
  let text = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0
    const more = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0
    let code = more === 0 ? b : b & (0x3f >> more)
    for (let j = 1; j <= more; j++) code = (code << 6) | ((bytes[i + j] ?? 0) & 63)
    text += String.fromCodePoint(code)
    i += more + 1
  }
  return text
}

function toBase64url(bytes: readonly number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, bytes.length - i + 1)
    for (let c = 0; c < chars; c++) out += alphabet.charAt((n >> (18 - 6 * c)) & 63)
  }
  return out
}

function fromBase64url(text: string): number[] {
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const char of text) {
    const digit = alphabet.indexOf(char)
    if (digit === -1) continue
    value = ((value << 6) | digit) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >> bits) & 0xff)
    }
  }
  return bytes
}

/** XOR with the keystream of a course and question: the same call encodes and decodes. */
function xor(bytes: readonly number[], courseId: string, questionId: string): number[] {
  const random = mulberry32(questionSeed(questionSeed(0x636b6579, courseId), `\u0000${questionId}`))
  return bytes.map((byte) => byte ^ Math.floor(random() * 256))
}

/** A question's public data and its key fields encoded (`k`), for a course id. */
export function hideQuestion(question: QuestionData, courseId: string): PackagedQuestion {
  const fields = coreOf(question).keyFields as readonly string[]
  const record = question as unknown as Record<string, unknown>
  const shown: PackagedQuestion = { id: question.id, type: question.type }
  const key: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(record)) {
    if (fields.includes(name)) key[name] = value
    else shown[name] = value
  }
  if (fields.length > 0) shown.k = toBase64url(xor(utf8(JSON.stringify(key)), courseId, question.id))
  return shown
}

/** A packaged question with its key fields restored (a question without `k` is returned as it is). */
export function openQuestion(packed: PackagedQuestion, courseId: string): QuestionData {
  const { k, ...shown } = packed
  if (typeof k !== 'string') return shown as unknown as QuestionData
  const key = JSON.parse(fromUtf8(xor(fromBase64url(k), courseId, packed.id))) as Record<string, unknown>
  return { ...shown, ...key } as unknown as QuestionData
}

/** The course data to write into a package: every question's key fields encoded in `k`. */
export function hideKeys(data: CourseData): PackagedCourseData {
  return {
    ...data,
    modules: data.modules.map((module) => ({
      ...module,
      quiz: module.quiz && { ...module.quiz, questions: module.quiz.questions.map((question) => hideQuestion(question, data.id)) }
    }))
  }
}

/** The full course data of a package's (hidden) data: every question's key fields restored. */
export function openKeys(packed: PackagedCourseData): CourseData {
  return {
    ...packed,
    modules: (packed.modules ?? []).map((module) => ({
      ...module,
      quiz: module.quiz && { ...module.quiz, questions: module.quiz.questions.map((question) => openQuestion(question, packed.id)) }
    }))
  }
}
