/** The registry of question types in the browser (see ./cores.ts for adding a type). */
import { choiceView } from './choice/view.js'
import { fillInView } from './fill-in/view.js'
import { numericView } from './numeric/view.js'
import { trueFalseView } from './true-false/view.js'
import { likertView } from './likert/view.js'
import { matchingView } from './matching/view.js'
import { orderingView } from './ordering/view.js'
import type { QuestionData, QuestionType } from './data.js'
import type { QuestionView } from './view.js'

type Views = { [T in QuestionType]: QuestionView<QuestionData & { type: T }> }

const views: Views = {
  single: choiceView,
  multiple: choiceView,
  'true-false': trueFalseView,
  'fill-in': fillInView,
  numeric: numericView,
  matching: matchingView,
  ordering: orderingView,
  likert: likertView
}

export function viewOf<Q extends QuestionData>(question: Q): QuestionView<Q> {
  return views[question.type as QuestionType] as unknown as QuestionView<Q>
}
