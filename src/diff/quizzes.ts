/**
 * Quizzes: a quiz's record (answers, attempts, result) is kept exactly when its scoring
 * identity is unchanged (src/shared/suspend.ts `quizHash` over `quizIdentity`), as the runtime
 * decides it; the reasons say what changed, question by question. Rewording (prompts, labels),
 * feedback, `reveal` and `shuffle` leave the identity alone.
 */
import { coreOf } from '../questions/cores.js'
import { displayFields } from '../questions/types.js'
import type { BankData, CourseData, ModuleData, QuestionData, QuizData, QuizPolicy } from '../shared/course-data.js'
import { quizHash } from '../shared/suspend.js'
import { change, code, quote, reason } from './change.js'
import type { Change, Reason } from './types.js'

const attemptsText = (n: number) => (n === 0 ? 'unlimited' : String(n))

/** A value in a message: an id list by its length, text quoted, others as written. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(', ')}]`
  if (typeof value === 'string') return code(value)
  return String(value)
}

/** What rewording a display field means, for the message. */
const displayNames: Record<string, string> = { text: 'prompt', labels: 'option labels', sourceLabels: 'left column', targetLabels: 'right column' }

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Why one question (the same id in both) changed what its saved answers mean. */
function questionReasons(old: QuestionData, now: QuestionData): Reason[] {
  const id = now.id
  const name = `question ${code(id)}`
  if (old.type !== now.type) return [reason('question-type', 'care', `${name}: type ${code(old.type)} → ${code(now.type)}`, id)]
  const reasons: Reason[] = []
  if (old.points !== now.points) reasons.push(reason('question-points', 'care', `${name}: points ${old.points} → ${now.points}`, id))
  const core = coreOf(now)
  const shaped = coreOf(old).shape(old) !== core.shape(now)
  const a = old as unknown as Record<string, unknown>
  const b = now as unknown as Record<string, unknown>
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !displayFields.includes(f) && f !== 'id' && f !== 'type' && f !== 'points').sort()
  let keyChanged = false
  for (const field of fields) {
    if (same(a[field], b[field])) continue
    if ((core.keyFields as readonly string[]).includes(field)) {
      keyChanged = true
      continue
    }
    const before = a[field]
    const after = b[field]
    if (Array.isArray(before) && Array.isArray(after) && before.length !== after.length) {
      reasons.push(reason('question-shape', 'care', `${name}: ${before.length} ${field} → ${after.length}; saved answers have the old count`, id))
    } else if (shaped && !Array.isArray(before)) {
      reasons.push(reason('question-shape', 'care', `${name}: ${code(field)} ${valueText(before)} → ${valueText(after)}; saved answers have the old size`, id))
    } else {
      reasons.push(reason('question-field', 'care', `${name}: ${code(field)} ${valueText(before)} → ${valueText(after)}`, id))
    }
  }
  if (keyChanged) {
    const was = coreOf(old).key(old)
    const is = core.key(now)
    reasons.push(reason('question-key', 'care', `${name} changed its answer key (${core.keyName}${was !== is ? `: ${was} → ${is}` : ''}): saved answers would score differently`, id))
  }
  return reasons
}

/** The rewording of one question: safe, its saved answers mean the same. */
function rewording(old: QuestionData, now: QuestionData): Reason | undefined {
  const a = old as unknown as Record<string, unknown>
  const b = now as unknown as Record<string, unknown>
  const changed = displayFields.filter((field) => !same(a[field], b[field]))
  if (changed.length === 0 || old.type !== now.type) return undefined
  return reason('question-text', 'safe', `question ${code(now.id)} reworded (${changed.map((f) => displayNames[f] ?? f).join(', ')}): answers saved keep their meaning`, now.id)
}

/** Indexes (into `values`) of one longest strictly increasing subsequence, by a quadratic walk (a quiz has few questions). */
function increasing(values: readonly number[]): Set<number> {
  const length = values.map(() => 1)
  const previous = values.map(() => -1)
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if ((values[j] ?? 0) < (values[i] ?? 0) && (length[j] ?? 0) + 1 > (length[i] ?? 0)) {
        length[i] = (length[j] ?? 0) + 1
        previous[i] = j
      }
    }
  }
  let best = -1
  length.forEach((n, i) => {
    if (best === -1 || n > (length[best] ?? 0)) best = i
  })
  const kept = new Set<number>()
  for (let i = best; i !== -1; i = previous[i] ?? -1) kept.add(i)
  return kept
}

function policyReasons(old: QuizPolicy, now: QuizPolicy): Reason[] {
  const reasons: Reason[] = []
  if (old.attempts !== now.attempts) reasons.push(reason('policy', 'care', `attempts ${attemptsText(old.attempts)} → ${attemptsText(now.attempts)}: saved attempt counts are of the old limit`))
  if (old.keep !== now.keep) reasons.push(reason('policy', 'care', `keep ${code(old.keep)} → ${code(now.keep)}: another attempt would count`))
  if (old.repeat !== now.repeat) reasons.push(reason('policy', 'care', `repeat ${code(old.repeat)} → ${code(now.repeat)}: the bank questions seen are kept only under \`avoid\``))
  return reasons
}

function safePolicyReasons(old: QuizPolicy, now: QuizPolicy): Reason[] {
  const reasons: Reason[] = []
  if (old.reveal !== now.reveal) reasons.push(reason('policy', 'safe', `reveal ${code(old.reveal)} → ${code(now.reveal)}: it decides only what the page shows`))
  if (old.shuffle !== now.shuffle) reasons.push(reason('policy', 'safe', `shuffle ${code(old.shuffle)} → ${code(now.shuffle)}: answers are saved by id, not by place`))
  return reasons
}

function bankReasons(old: QuizData, now: QuizData): Reason[] {
  const ids = (quiz: QuizData, bank: BankData) => bank.questions.map((i) => quiz.questions[i]?.id ?? '')
  const reasons: Reason[] = []
  for (const bank of old.banks) {
    const twin = now.banks.find((b) => b.id === bank.id)
    if (!twin) {
      reasons.push(reason('bank-removed', 'care', `bank ${code(bank.id)} removed`))
      continue
    }
    if (bank.draw !== twin.draw) reasons.push(reason('bank-draw', 'care', `bank ${code(bank.id)}: draw ${bank.draw} → ${twin.draw}`))
    const before = ids(old, bank)
    const after = ids(now, twin)
    if (!same(before, after)) {
      const added = after.filter((id) => !before.includes(id))
      const removed = before.filter((id) => !after.includes(id))
      const parts = [...(added.length ? [`now holds ${added.map(code).join(', ')}`] : []), ...(removed.length ? [`no longer holds ${removed.map(code).join(', ')}`] : [])]
      reasons.push(reason('bank-questions', 'care', `bank ${code(bank.id)}: ${parts.length ? parts.join(', ') : 'its questions are in another order'}`))
    }
  }
  for (const bank of now.banks) if (!old.banks.some((b) => b.id === bank.id)) reasons.push(reason('bank-added', 'care', `bank ${code(bank.id)} added (draw ${bank.draw})`))
  return reasons
}

/** Why a quiz's identity changed: questions added, removed, moved or changed, the policy, the banks. */
export function resetReasons(old: QuizData, now: QuizData): Reason[] {
  const reasons: Reason[] = []
  const newIds = now.questions.map((q) => q.id)
  const oldIds = old.questions.map((q) => q.id)
  for (const [i, question] of now.questions.entries()) {
    if (oldIds.includes(question.id)) continue
    // A question without `<Question id>` is named by its heading: rewording the heading renames it.
    const twin = old.questions[i]
    const renamed = twin && !newIds.includes(twin.id) && twin.type === question.type ? `; if it is \`${twin.id}\` reworded, its id came from its heading: give it \`<Question id>\` to keep one` : ''
    reasons.push(reason('question-added', 'care', `question ${code(question.id)} added (place ${i + 1})${renamed}`, question.id))
  }
  for (const question of old.questions) {
    if (!newIds.includes(question.id)) reasons.push(reason('question-removed', 'care', `question ${code(question.id)} removed: its saved answers are dropped`, question.id))
  }
  const common = oldIds.filter((id) => newIds.includes(id))
  const stay = increasing(common.map((id) => newIds.indexOf(id)))
  common.forEach((id, i) => {
    if (!stay.has(i)) reasons.push(reason('question-moved', 'care', `question ${code(id)} moved from place ${oldIds.indexOf(id) + 1} to ${newIds.indexOf(id) + 1}`, id))
  })
  for (const id of common) {
    const before = old.questions.find((q) => q.id === id)
    const after = now.questions.find((q) => q.id === id)
    if (before && after) reasons.push(...questionReasons(before, after))
  }
  reasons.push(...policyReasons(old.policy, now.policy), ...bankReasons(old, now))
  if (reasons.length === 0) reasons.push(reason('identity', 'care', 'what its saved answers mean changed (its scoring identity differs)'))
  return reasons
}

/** Why a quiz whose identity is unchanged still differs: safe changes only. */
function keptReasons(old: QuizData, now: QuizData, textChanged: boolean): Reason[] {
  const reasons: Reason[] = []
  if (old.title !== now.title) reasons.push(reason('quiz-title', 'safe', `title ${quote(old.title)} → ${quote(now.title)}`))
  for (const question of now.questions) {
    const before = old.questions.find((q) => q.id === question.id)
    const reworded = before && rewording(before, question)
    if (reworded) reasons.push(reworded)
  }
  reasons.push(...safePolicyReasons(old.policy, now.policy))
  if (textChanged && reasons.length === 0) reasons.push(reason('quiz-text', 'safe', 'the text of its page changed (its introduction or feedback): answers saved keep their meaning'))
  return reasons
}

const quizName = (module: ModuleData, quiz: QuizData) => `quiz of module ${code(module.id)} (${code(quiz.page)})`

/**
 * The changes of quizzes, by module, in the new package's order (removed ones after).
 *
 * @param textChanged
 *   Whether a page's HTML differs between the two packages (feedback is in the page, not in the course data).
 */
export function quizChanges(a: CourseData, b: CourseData, textChanged: (page: string) => boolean): Change[] {
  const changes: Change[] = []
  for (const module of b.modules) {
    const quiz = module.quiz
    const before = a.modules.find((m) => m.id === module.id)?.quiz
    if (!quiz) continue
    const fields = { module: module.id, page: quiz.page }
    if (!before) {
      changes.push(change('quizzes', 'quiz-added', 'care', `${quizName(module, quiz)} is new: learners who had taken every quiz must take it before their course result changes, and the LMS keeps the result it holds until then`, fields))
    } else if (quizHash(before) !== quizHash(quiz)) {
      changes.push(change('quizzes', 'quiz-reset', 'care', `${quizName(module, quiz)} is reset: learners who took it start it over, with a notice that it changed, and the LMS keeps the result it holds until they submit it again`, { ...fields, reasons: resetReasons(before, quiz) }))
    } else {
      const reasons = keptReasons(before, quiz, textChanged(quiz.page))
      if (reasons.length > 0) changes.push(change('quizzes', 'quiz-kept', 'safe', `${quizName(module, quiz)} keeps learners’ answers, attempts and result`, { ...fields, reasons }))
    }
  }
  for (const module of a.modules) {
    const quiz = module.quiz
    if (!quiz || b.modules.find((m) => m.id === module.id)?.quiz) continue
    changes.push(change('quizzes', 'quiz-removed', 'care', `${quizName(module, quiz)} removed: its answers are dropped and the course score no longer counts it; the LMS keeps the result it holds until the learner submits a quiz`, { module: module.id, page: quiz.page }))
  }
  return changes
}
