/**
 * What the quiz page tells the learner before they start: the attempts allowed, which
 * score counts, when right answers are shown and, for a quiz with banks, how many
 * questions one attempt asks. One sentence each, from the player strings.
 */
import type { QuizPolicy } from '../shared/course-data.js'
import { format, type Strings } from './templates.js'

const revealKeys: Record<QuizPolicy['reveal'], string> = {
  never: 'rulesRevealNever',
  'after-passing': 'rulesRevealAfterPassing',
  'after-last-attempt': 'rulesRevealAfterLastAttempt',
  always: 'rulesRevealAlways'
}

/**
 * The rules of a quiz as one line of text.
 *
 * @param drawn
 *   The number of questions one attempt asks when the quiz has banks, else undefined.
 */
export function quizRules(policy: QuizPolicy, drawn: number | undefined, strings: Strings): string {
  const say = (key: string, values: Record<string, unknown> = {}) => format(strings[key] ?? key, values)
  const sentences: string[] = []
  sentences.push(policy.attempts === 0 ? say('rulesAttemptsUnlimited') : policy.attempts === 1 ? say('rulesAttemptsOne') : say('rulesAttempts', { n: policy.attempts }))
  // With one attempt there is no other score to keep.
  if (policy.attempts !== 1) sentences.push(say(policy.keep === 'best' ? 'rulesKeepBest' : 'rulesKeepLast'))
  sentences.push(say(revealKeys[policy.reveal]))
  if (drawn !== undefined) sentences.push(say('rulesAttemptQuestions', { n: drawn }))
  return sentences.join(' ')
}
