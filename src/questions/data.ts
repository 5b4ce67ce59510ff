/**
 * The data of a question in the package, one member per type (each defined in its folder's
 * `core.ts`). Shared by the compiler and the runtime (src/shared/course-data.ts).
 */
import type { ChoiceData } from './choice/core.js'

export type QuestionData = ChoiceData
export type QuestionType = QuestionData['type']
