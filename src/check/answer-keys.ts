/**
 * `answer-key-exposed`: does one of our packages give its answer keys away in plain text?
 * Since issue 14 the compiler writes every question's key fields encoded (src/questions/keys.ts)
 * and declares interactions in `tincan.xml` without correct-response patterns. This reports what
 * view-source or grep would still find: a key field in the clear in the runtime data, a
 * `"correct":` JSON key in any HTML, JSON, JS or XML entry, a correct-response pattern in a
 * descriptor (SCORM 1.2 RTE 3.4.4.8 and 2004 RTE 4.2.9 `correct_responses`, xAPI 1.0.3 2.4.4.1
 * `correctResponsesPattern`), or an accepted fill-in or numeric answer in the quiz's data or in a
 * descriptor (found by opening the keys, as the runtime does).
 */
import { code, type Findings } from './findings.js'
import { coreOf, questionTypes } from '../questions/cores.js'
import type { QuestionData } from '../questions/data.js'
import { openQuestion, type PackagedQuestion } from '../questions/keys.js'

const descriptors = new Set(['imsmanifest.xml', 'cmi5.xml', 'tincan.xml'])
/** Entries whose text a learner's browser or an LMS reads (and view-source shows). */
const textEntry = /\.(?:html?|json|js|mjs|xml)$/i
/** A JSON key (after `{` or `,`): the runtime's minified code has the word in `?"correct":` ternaries. */
const correctKey = /[{,]\s*"correct"\s*:/
/** Correct-response patterns as a descriptor would hold them: xAPI's element and property, SCORM's data model element. */
const patternWords = /correctResponsesPattern|correctResponsePattern|correct_responses/i

/** The line of a character offset, 1-based. */
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length

/** Every string a JSON value holds, at any depth. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

/** Where `text` holds `word` on its own (not inside a longer word or number), or -1. */
function find(text: string, word: string, caseSensitive: boolean): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.search(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu'))
}

/** The texts whose presence gives a typed answer away: fill-in's accepted answers (3 characters or more), numeric's range pattern. */
function typedKeys(question: QuestionData): Array<{ text: string; caseSensitive: boolean }> {
  if (question.type === 'fill-in') return question.answers.filter((a) => a.length >= 3).map((text) => ({ text, caseSensitive: question.caseSensitive }))
  if (question.type === 'numeric') return [{ text: `${question.min}[:]${question.max}`, caseSensitive: true }]
  return []
}

export interface AnswerKeyInput {
  /** The launch page's name and text. */
  page: string
  html: string
  /** The runtime data as the page holds it (parsed JSON), and its line. */
  data: { id?: unknown; modules?: unknown }
  line: number
  /** Reads a text entry of the package; undefined when it cannot be read (already reported). */
  read(name: string): Promise<string | undefined>
  files: readonly string[]
}

export async function checkAnswerKeys(input: AnswerKeyInput, findings: Findings): Promise<void> {
  const { page, data, line } = input
  const courseId = typeof data.id === 'string' ? data.id : ''
  const modules = Array.isArray(data.modules) ? (data.modules as Array<{ quiz?: { questions?: unknown } | null }>) : []
  const opened: QuestionData[] = []
  for (const module of modules) {
    const questions = Array.isArray(module.quiz?.questions) ? (module.quiz.questions as PackagedQuestion[]) : []
    for (const packed of questions) {
      if (!packed || typeof packed !== 'object' || !questionTypes.includes(packed.type as QuestionData['type'])) continue
      const fields = coreOf(packed as unknown as QuestionData).keyFields as readonly string[]
      const clear = fields.filter((field) => field in packed)
      if (clear.length > 0) {
        findings.error('answer-key-exposed', `Unexpected answer key ${clear.map(code).join(', ')} in plain text in the runtime data of question ${code(String(packed.id))}, expected it encoded in \`k\` (coursepack writes it so)`, { file: page, line })
      }
      let question: QuestionData
      try {
        question = openQuestion(packed, courseId)
      } catch {
        continue
      }
      opened.push(question)
      // The page may show any public field: none may hold an accepted answer.
      const shown = Object.entries(packed).filter(([name]) => name !== 'k' && name !== 'id' && name !== 'type').map(([, value]) => value)
      for (const key of typedKeys(question)) {
        if (strings(shown).some((text) => find(text, key.text, key.caseSensitive) !== -1)) {
          findings.error('answer-key-exposed', `Unexpected accepted answer of question ${code(question.id)} in plain text in its runtime data, expected it only in the encoded key`, { file: page, line })
        }
      }
    }
  }
  for (const name of input.files) {
    if (!textEntry.test(name)) continue
    const text = name === page ? input.html : await input.read(name)
    if (text === undefined) continue
    const key = correctKey.exec(text)
    if (key) findings.error('answer-key-exposed', `Unexpected \`"correct":\` in ${code(name)}, expected no answer key in plain text`, { file: name, line: lineOf(text, key.index) })
    if (!descriptors.has(name)) continue
    const pattern = patternWords.exec(text)
    if (pattern) findings.error('answer-key-exposed', `Unexpected ${code(pattern[0])} in ${code(name)}, expected no correct-response pattern in a descriptor: the runtime sends them to the LMS`, { file: name, line: lineOf(text, pattern.index) })
    // Ids name questions as their authors chose (`…/interactions/m3-fingerprint-technique`): not looked in, at the same length so lines stay right.
    const described = text.replace(/\b(?:id|identifier|identifierref|idref)="[^"]*"/g, (attribute) => ' '.repeat(attribute.length))
    for (const question of opened) {
      for (const typed of typedKeys(question)) {
        const at = find(described, typed.text, typed.caseSensitive)
        if (at !== -1) findings.error('answer-key-exposed', `Unexpected accepted answer of question ${code(question.id)} in ${code(name)}, expected no answer key in a descriptor`, { file: name, line: lineOf(text, at) })
      }
    }
  }
}
