/**
 * The data of a question in the package, one member per type (each defined in its folder's
 * `core.ts`). Shared by the compiler and the runtime (src/shared/course-data.ts).
 */
import type { ChoiceData } from './choice/core.js'
import type { FillInData } from './fill-in/core.js'
import type { NumericData } from './numeric/core.js'
import type { TrueFalseData } from './true-false/core.js'
import type { LikertData } from './likert/core.js'
import type { MatchingData } from './matching/core.js'
import type { OrderingData } from './ordering/core.js'

export type QuestionData = ChoiceData | TrueFalseData | FillInData | NumericData | MatchingData | OrderingData | LikertData
export type QuestionType = QuestionData['type']
