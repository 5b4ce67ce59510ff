/**
 * Interaction records of any question, built from its type's core: what the four trackers
 * write and what `tincan.xml` declares. A scored question's result is right or wrong; an
 * unscored one (likert) is `neutral` in SCORM and carries no `success` in xAPI.
 */
import { coreOf } from './cores.js'
import type { QuestionData } from './data.js'
import type { Answer, ScormInteraction } from './types.js'

export interface ScormRecord extends ScormInteraction {
  result: string
}

/** The interaction of an answer in SCORM 1.2 (`wrong`, RTE 3.4.4.8.6) or 2004 (`incorrect`, RTE 4.2.9.1). */
export function scormRecord(standard: 'scorm12' | 'scorm2004', question: QuestionData, answer: Answer): ScormRecord {
  const core = coreOf(question)
  const parts = standard === 'scorm12' ? core.scorm12(question, answer) : core.scorm2004(question, answer)
  const result = !core.scored ? 'neutral' : core.isCorrect(question, answer) ? 'correct' : standard === 'scorm12' ? 'wrong' : 'incorrect'
  return { ...parts, result }
}

type LanguageMap = Record<string, string>

/**
 * The context extension of an `answered` statement naming the quiz attempt it belongs to (an
 * integer from 1), from the xAPI extension registry (id.tincanapi.com): xAPI 1.0.3, 2.4.6
 * Context, `extensions`.
 */
export const attemptExtension = 'http://id.tincanapi.com/extension/attempt-id'

/** An xAPI interaction activity definition (xAPI 1.0.3, 2.4.4.1) in one language. */
export function xapiDefinition(question: QuestionData, lang: string): Record<string, unknown> {
  const parts = coreOf(question).xapi(question)
  const map = (text: string): LanguageMap => ({ [lang]: text })
  const components = Object.fromEntries(
    Object.entries(parts.components ?? {}).map(([name, list]) => [name, (list ?? []).map((c) => ({ id: c.id, description: map(c.description) }))])
  )
  return {
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
    name: map(question.text),
    description: map(question.text),
    interactionType: parts.interactionType,
    ...(parts.correctResponsesPattern ? { correctResponsesPattern: parts.correctResponsesPattern } : {}),
    ...components
  }
}

/** The statement's `result` for an answer: the response, and `success` for a scored question. */
export function xapiResult(question: QuestionData, answer: Answer): { response: string; success?: boolean } {
  const core = coreOf(question)
  const response = core.xapiResponse(question, answer)
  return core.scored ? { response, success: core.isCorrect(question, answer) } : { response }
}
