/**
 * Question banks (`<Bank id draw>`): what a bank must be, and what one attempt of a quiz
 * with banks asks. A bank's questions stay in the quiz's `questions`, in the author's order;
 * the bank lists their indexes.
 */
import type { VFile } from 'vfile'
import { error, related } from '../diagnostics.js'
import { type JsxElement, readAttributes } from './content.js'
import type { Bank, Question, Quiz } from './types.js'

/**
 * Check a `<Bank>` whose questions were just read (from index `first` of `questions`; `starts`
 * of them began in it, built or not) and return it, or undefined when it has no usable id or draw.
 */
export function readBank(file: VFile, node: JsxElement, questions: readonly Question[], first: number, starts: number, banks: readonly Bank[]): Bank | undefined {
  const attributes = readAttributes(file, node)
  const id = typeof attributes.id === 'string' ? attributes.id : undefined
  const draw = typeof attributes.draw === 'number' ? attributes.draw : undefined
  const members = questions.slice(first).map((_, i) => first + i)
  if (starts === 0) {
    error(file, `Cannot find any question in \`<Bank${id ? ` id="${id}"` : ''}>\`, expected level-2 headings (\`## …\`) or \`<Question>\` elements inside it`, {
      ruleId: 'quiz-bank-empty',
      place: node.position
    })
    return undefined
  }
  const earlier = banks.find((b) => b.id === id)
  if (id !== undefined && earlier) {
    error(file, `Unexpected bank id \`${id}\` used by two banks, expected ids unique in the quiz`, {
      ruleId: 'quiz-bank-duplicate-id',
      place: node.position,
      cause: related(file, `First bank \`${id}\``, earlier.position)
    })
  }
  if (draw !== undefined && draw > starts) {
    error(file, `Unexpected \`draw={${draw}}\` on \`<Bank${id ? ` id="${id}"` : ''}>\`, expected at most ${starts}, the number of questions in the bank`, {
      ruleId: 'quiz-bank-draw',
      place: node.position
    })
  }
  // Every attempt must be worth the same: the questions an attempt draws must weigh alike.
  const [head, ...others] = members.map((i) => questions[i]).filter((q) => q !== undefined)
  const odd = head && others.find((q) => q.points !== head.points)
  if (head && odd) {
    error(file, `Unexpected ${odd.points} points for \`${odd.text}\` in \`<Bank${id ? ` id="${id}"` : ''}>\`, expected ${head.points} as for the bank's first question: every question of a bank has the same points`, {
      ruleId: 'quiz-bank-points',
      place: odd.position,
      cause: related(file, `First question of the bank, with ${head.points} points`, head.position),
      note: 'Otherwise two attempts drawing different questions could be worth different scores.'
    })
  }
  if (id === undefined || draw === undefined || earlier) return undefined
  return { id, draw, questions: members, position: node.position }
}

/** What one attempt asks: the fixed questions and each bank's draw, with its points. */
export function attemptSize(quiz: Pick<Quiz, 'questions' | 'banks'>): { questions: number; points: number } {
  const inBank = new Set(quiz.banks.flatMap((b) => b.questions))
  let questions = 0
  let points = 0
  quiz.questions.forEach((q, i) => {
    if (inBank.has(i)) return
    questions++
    points += q.points
  })
  for (const bank of quiz.banks) {
    questions += bank.draw
    points += bank.draw * (quiz.questions[bank.questions[0] ?? -1]?.points ?? 0)
  }
  return { questions, points }
}
