/** Likert in the browser: one radio button per scale label; shown without a verdict, as no answer is right. */
import { optionsView } from '../choice/view.js'
import type { LikertData } from './core.js'

export const likertView = optionsView<LikertData>()
