/** The registry of question types in the browser (see ./cores.ts for adding a type). */
import { choiceView } from './choice/view.js'
import type { QuestionData, QuestionType } from './data.js'
import type { QuestionView } from './view.js'

type Views = { [T in QuestionType]: QuestionView<QuestionData & { type: T }> }

const views: Views = {
  single: choiceView,
  multiple: choiceView
}

export function viewOf<Q extends QuestionData>(question: Q): QuestionView<Q> {
  return views[question.type as QuestionType] as unknown as QuestionView<Q>
}
