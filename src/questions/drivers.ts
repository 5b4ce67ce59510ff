/** The registry of question types for `coursepack test`'s learner (see ./cores.ts for adding a type). */
import { choiceDriver } from './choice/drive.js'
import { fillInDriver } from './fill-in/drive.js'
import { numericDriver } from './numeric/drive.js'
import { trueFalseDriver } from './true-false/drive.js'
import { likertDriver } from './likert/drive.js'
import { matchingDriver } from './matching/drive.js'
import { orderingDriver } from './ordering/drive.js'
import type { QuestionData, QuestionType } from './data.js'
import type { QuestionDriver } from './driver.js'

type Drivers = { [T in QuestionType]: QuestionDriver<QuestionData & { type: T }> }

const drivers: Drivers = {
  single: choiceDriver,
  multiple: choiceDriver,
  'true-false': trueFalseDriver,
  'fill-in': fillInDriver,
  numeric: numericDriver,
  matching: matchingDriver,
  ordering: orderingDriver,
  likert: likertDriver
}

export function driverOf<Q extends QuestionData>(question: Q): QuestionDriver<Q> {
  return drivers[question.type as QuestionType] as unknown as QuestionDriver<Q>
}
