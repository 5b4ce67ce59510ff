/** True or false in the browser: two radio buttons, the first standing for true. */
import { optionsView } from '../choice/view.js'
import type { TrueFalseData } from './core.js'

export const trueFalseView = optionsView<TrueFalseData>({ isRight: (question, value) => question.correct === value })
