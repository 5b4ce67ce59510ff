/**
 * Fill in the blank: the learner types a short text, right when it equals one of the accepted
 * answers after Unicode normalisation (NFC), trimming and collapsing white space, and, unless
 * the question is case-sensitive, case folding.
 *
 * Suspend data: the typed text as UTF-16 code units, at most `maxLength` of them (the input's
 * `maxlength` counts the same units), behind a length field: `bitsFor(maxLength)` +
 * 16 × `maxLength` bits for every learner, whatever they typed.
 *
 * Records: `fill-in`, one correct-response pattern per accepted answer. SCORM 1.2 takes the
 * bare text (RTE 3.4.4.8.4); SCORM 2004 (RTE 4.2.9.1) and xAPI (1.0.3, 2.4.4.1) prefix the
 * pattern with `{case_matters=true|false}`, which says how the text is compared.
 */
import { type Answer, bitsFor, type QuestionBase, type QuestionCore } from '../types.js'

export interface FillInData extends QuestionBase {
  type: 'fill-in'
  /** The accepted answers, in the author's case, NFC-normalised, trimmed, white space collapsed. */
  answers: string[]
  caseSensitive: boolean
  /** Most UTF-16 code units an answer may have (the input's `maxlength`). */
  maxLength: number
}

/** The default and the largest `maxLength`: SCORM 2004 keeps 250 characters per fill-in string (RTE 4.2.9.1). */
export const defaultMaxLength = 60
export const largestMaxLength = 250

/** A text as it is recorded and compared: NFC, trimmed, each run of white space one space. */
export function tidy(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ')
}

/** A text as it is compared: tidied and, unless case matters, folded (upper then lower case folds `ß` with `SS`, `ς` with `σ`). */
export function comparable(text: string, caseSensitive: boolean): string {
  const tidied = tidy(text)
  return caseSensitive ? tidied : tidied.toUpperCase().toLowerCase().normalize('NFC')
}

const typed = (answer: Answer): string => answer[0] ?? ''

export const fillInCore: QuestionCore<FillInData> = {
  type: 'fill-in',
  scored: true,
  keyFields: ['answers'],
  answered: (_q, answer) => tidy(typed(answer)) !== '',
  isCorrect: (q, answer) => {
    const given = comparable(typed(answer), q.caseSensitive)
    return given !== '' && q.answers.some((accepted) => comparable(accepted, q.caseSensitive) === given)
  },
  bits: (q) => bitsFor(q.maxLength) + 16 * q.maxLength,
  encode: (q, answer, out) => {
    const text = typed(answer).slice(0, q.maxLength)
    out.write(text.length, bitsFor(q.maxLength))
    for (let i = 0; i < q.maxLength; i++) out.write(i < text.length ? text.charCodeAt(i) : 0, 16)
  },
  decode: (q, input) => {
    // A length beyond maxLength can only come from damaged data: read what the field holds, keep what fits.
    const length = Math.min(input.read(bitsFor(q.maxLength)), q.maxLength)
    let text = ''
    for (let i = 0; i < q.maxLength; i++) {
      const unit = input.read(16)
      if (i < length) text += String.fromCharCode(unit)
    }
    return length === 0 ? [] : [text]
  },
  shape: (q) => `fill-in:${q.maxLength}`,
  // Translated answers are other texts: what stays is how many there are and how they are compared.
  key: (q) => `${q.answers.length} ${q.answers.length === 1 ? 'answer' : 'answers'}, ${q.caseSensitive ? 'case-sensitive' : 'not case-sensitive'}, at most ${q.maxLength} characters`,
  revealing: (q) => [...q.answers],
  keyName: 'answers',
  example: (q, right) => {
    if (right) return [q.answers[0] ?? '']
    // One character no accepted answer equals (so it fits any maxLength), else the shortest run of `#` that none equals.
    const single = [...'#?*~'].find((c) => !fillInCore.isCorrect(q, [c]))
    if (single) return [single]
    let wrong = '##'
    while (fillInCore.isCorrect(q, [wrong])) wrong += '#'
    return [wrong]
  },
  scorm12: (q, answer) => ({ type: 'fill-in', response: tidy(typed(answer)), patterns: [...q.answers] }),
  scorm2004: (q, answer) => ({ type: 'fill-in', response: tidy(typed(answer)), patterns: q.answers.map((a) => `{case_matters=${String(q.caseSensitive)}}${a}`) }),
  xapi: (q) => ({ interactionType: 'fill-in', correctResponsesPattern: q.answers.map((a) => `{case_matters=${String(q.caseSensitive)}}${a}`) }),
  xapiResponse: (_q, answer) => tidy(typed(answer))
}
