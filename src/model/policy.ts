/**
 * A quiz's policy: how many attempts, which one counts, when right answers are shown,
 * what is shuffled and whether banks repeat questions (`quiz.md` front matter). The
 * course's one passing score stays in `course.md`.
 */
import { error, warn } from '../diagnostics.js'
import type { ParsedFile } from '../parse/index.js'
import { defaultPolicy, type QuizPolicy } from '../shared/course-data.js'
import { keyPosition, quizSchema, readFrontmatter } from './frontmatter.js'
import type { Bank } from './types.js'

export interface QuizMeta {
  title: string | undefined
  policy: QuizPolicy
  /** The policy keys the author wrote (the others are defaults). */
  written: ReadonlySet<keyof QuizPolicy>
}

const policyKeys = Object.keys(defaultPolicy) as Array<keyof QuizPolicy>

/**
 * Read the front matter of a `quiz.md`. An invalid value is reported (`frontmatter-invalid`)
 * and the whole policy falls back to the defaults, as the title does.
 */
export function readQuizMeta(parsed: ParsedFile): QuizMeta {
  const fm = parsed.frontmatter
  const data = fm?.data
  let readable = parsed
  if (data && typeof data === 'object' && !Array.isArray(data) && 'passingScore' in data) {
    error(parsed.file, 'Unexpected `passingScore` in `quiz.md`, expected the passing score in `course.md`: a course has one passing score, for every quiz', {
      ruleId: 'quiz-passing-score',
      place: keyPosition(parsed, 'passingScore'),
      note: 'Set `passingScore` in `course.md`, and `passRule: every-module` to require it in every quiz.'
    })
    const rest = Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'passingScore'))
    readable = { ...parsed, frontmatter: fm && { ...fm, data: rest } }
  }
  const meta = readFrontmatter(readable, quizSchema, '`quiz.md`')
  const written = new Set(policyKeys.filter((key) => meta?.[key] !== undefined))
  const policy: QuizPolicy = { ...defaultPolicy }
  if (meta) {
    if (meta.attempts !== undefined) policy.attempts = meta.attempts
    if (meta.keep) policy.keep = meta.keep
    if (meta.reveal) policy.reveal = meta.reveal
    if (meta.shuffle) policy.shuffle = meta.shuffle
    if (meta.repeat) policy.repeat = meta.repeat
  }
  return { title: meta?.title, policy, written }
}

/** Warn about written options that can never act: the author meant something else. */
export function checkPolicy(parsed: ParsedFile, meta: QuizMeta, banks: readonly Bank[]): void {
  const { policy, written } = meta
  const at = (key: keyof QuizPolicy) => keyPosition(parsed, key, 'value')
  const inert = (key: keyof QuizPolicy, reason: string, note: string) =>
    warn(parsed.file, `Unexpected \`${key}: ${policy[key]}\` ${reason}`, { ruleId: 'quiz-policy-inert', place: at(key), note })
  if (written.has('reveal') && policy.reveal === 'after-last-attempt' && policy.attempts === 0) {
    inert('reveal', 'with unlimited attempts, expected `attempts: <n>`: there is no last attempt, so right answers are never shown', 'Set `attempts`, or write `reveal: never` if answers are never to be shown.')
  }
  if (policy.attempts === 1) {
    if (written.has('keep')) inert('keep', 'with `attempts: 1`, expected more than one attempt: with one attempt there is no other score to keep', 'Remove `keep`, or allow more attempts.')
    if (written.has('repeat') && banks.length > 0) inert('repeat', 'with `attempts: 1`, expected more than one attempt: with one attempt no question can come back', 'Remove `repeat`, or allow more attempts.')
  }
  if (written.has('repeat') && banks.length === 0) {
    inert('repeat', 'in a quiz without `<Bank>`, expected a bank to draw from: every attempt asks the same questions', 'Remove `repeat`, or put questions in a `<Bank id="…" draw={n}>`.')
  }
}
