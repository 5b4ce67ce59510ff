/**
 * The registry of question types on the shared side (scoring, suspend data, interaction
 * records): the compiler, the package writers and the browser runtime ask it, and know no
 * type by name. Adding a type: its folder, a line here, a line in ./index.ts (the compiler's
 * side), ./views.ts (the browser's), ./drivers.ts (`coursepack test`'s), and its locale strings.
 */
import { choiceCore } from './choice/core.js'
import { fillInCore } from './fill-in/core.js'
import { numericCore } from './numeric/core.js'
import { trueFalseCore } from './true-false/core.js'
import { likertCore } from './likert/core.js'
import { matchingCore } from './matching/core.js'
import { orderingCore } from './ordering/core.js'
import type { QuestionData, QuestionType } from './data.js'
import type { Answer, QuestionCore } from './types.js'

type Cores = { [T in QuestionType]: QuestionCore<QuestionData & { type: T }> }

const cores: Cores = {
  single: choiceCore('single'),
  multiple: choiceCore('multiple'),
  'true-false': trueFalseCore,
  'fill-in': fillInCore,
  numeric: numericCore,
  matching: matchingCore,
  ordering: orderingCore,
  likert: likertCore
}

/** Every type's name, in the registry's order. */
export const questionTypes = Object.keys(cores) as QuestionType[]

/** The core of a question's type. */
export function coreOf<Q extends QuestionData>(question: Q): QuestionCore<Q> {
  return cores[question.type as QuestionType] as unknown as QuestionCore<Q>
}

/** Is a question scored (counted in its quiz's points)? */
export const isScored = (question: QuestionData): boolean => coreOf(question).scored

/** Is an answer right? An unscored question is never right nor wrong. */
export const isCorrect = (question: QuestionData, answer: Answer): boolean => coreOf(question).scored && coreOf(question).isCorrect(question, answer)
