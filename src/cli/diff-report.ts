/**
 * `coursepack diff`'s output: the comparison as text (the verdict on the first line, then the
 * changes grouped, then what learners in progress keep) or as one JSON object
 * (schemas/diff.schema.json). Both print the same data.
 */
import type { DiffComparison } from '../api/diff.js'
import { type Change, changeGroups, type ChangeGroup, type DiffSide, type LearnerMapping, type Verdict } from '../diff/index.js'
import { version } from '../version.js'

const paint = (color: boolean, code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text)

const labels: Record<Verdict, { text: string; color: number }> = {
  safe: { text: 'safe', color: 32 },
  care: { text: 'care', color: 33 },
  'new-activity': { text: 'new activity', color: 31 }
}

const headings: Record<ChangeGroup, string> = { lms: 'Identifiers and LMS records', pages: 'Pages', quizzes: 'Quizzes', content: 'Text and files' }

const ids = (list: readonly string[]) => list.map((id) => `\`${id}\``).join(', ')
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The first line: the verdict, and in a few words why. */
function verdictLine(result: DiffComparison): string {
  const { learners } = result
  switch (result.verdict) {
    case 'safe':
      return 'safe to replace in place: every learner state maps as it is'
    case 'new-activity': {
      const what = [...new Set(result.changes.filter((c) => c.verdict === 'new-activity').map((c) => c.kind.replace(/-/g, ' ')))]
      return `publish as a new activity: the records an LMS holds would not match the new package (${what.join(', ')})`
    }
    case 'care': {
      const lost = [
        ...(learners.quizzesReset.length + learners.quizzesDropped.length > 0 ? [`their answers to ${plural(learners.quizzesReset.length + learners.quizzesDropped.length, 'quiz', 'quizzes')}`] : []),
        ...(learners.visitsDropped.length > 0 ? [`their visits of ${plural(learners.visitsDropped.length, 'page')}`] : [])
      ]
      return `replace with care: ${lost.length > 0 ? `learners in progress lose ${lost.join(' and ')}` : 'learners in progress lose nothing, but meet a changed course'}`
    }
  }
}

function sideLine(name: string, side: DiffSide): string {
  const source = side.source === 'folder' ? ` (course folder, built for ${side.target})` : ''
  return `  ${name}  ${side.path}${source}: ${side.course} ${side.version}, ${side.target}, ${side.language}`
}

function changeLines(change: Change, color: boolean): string[] {
  const label = labels[change.verdict]
  const margin = paint(color, label.color, label.text.padEnd(13))
  return [`  ${margin} ${change.message}`, ...change.reasons.map((reason) => `  ${' '.repeat(13)}   ${reason.message}`)]
}

/** What learners in progress keep, in one sentence. */
function learnersLine(learners: LearnerMapping, verdict: Verdict): string {
  if (verdict === 'new-activity') return 'As a new activity, it starts afresh for every learner; the old activity keeps their records.'
  if (learners.exact) return 'Learners in progress keep everything: their visits, answers, attempts and results map as they are.'
  const pages = learners.visitsKept.length + learners.visitsDropped.length
  const quizzes = learners.quizzesKept.length + learners.quizzesReset.length + learners.quizzesDropped.length
  const parts = [`the visits of ${learners.visitsKept.length} of ${plural(pages, 'page')}${learners.visitsDropped.length ? ` (dropped: ${ids(learners.visitsDropped)})` : ''}`]
  if (quizzes > 0) {
    const lost = [...(learners.quizzesReset.length ? [`reset: ${ids(learners.quizzesReset)}`] : []), ...(learners.quizzesDropped.length ? [`dropped: ${ids(learners.quizzesDropped)}`] : [])]
    parts.push(`the records of ${learners.quizzesKept.length} of ${plural(quizzes, 'quiz', 'quizzes')}${lost.length ? ` (${lost.join('; ')})` : ''}`)
  }
  const added = [...(learners.pagesAdded.length ? [`${plural(learners.pagesAdded.length, 'page')} (${ids(learners.pagesAdded)})`] : []), ...(learners.quizzesAdded.length ? [`the quizzes of ${ids(learners.quizzesAdded)}`] : [])]
  return `Learners in progress keep ${parts.join(' and ')}${added.length ? `; new to them: ${added.join(' and ')}` : ''}.`
}

/** The comparison as text. */
export function diffText(result: DiffComparison, color: boolean): string {
  const label = labels[result.verdict]
  const lines = [paint(color, label.color, verdictLine(result)), sideLine('old', result.old), sideLine('new', result.new)]
  for (const group of changeGroups) {
    const changes = result.changes.filter((c) => c.group === group)
    if (changes.length === 0) continue
    lines.push('', headings[group], ...changes.flatMap((c) => changeLines(c, color)))
  }
  if (result.changes.length === 0) lines.push('', 'No differences.')
  lines.push('', learnersLine(result.learners, result.verdict))
  return `${lines.join('\n')}\n`
}

/** The comparison as JSON: `{ version: 1, tool, command: 'diff', verdict, old, new, changes, learners, exitCode }`. */
export function diffJson(result: DiffComparison): string {
  const report = {
    version: 1,
    tool: { name: 'coursepack', version },
    command: 'diff',
    verdict: result.verdict,
    old: result.old,
    new: result.new,
    changes: result.changes,
    learners: result.learners,
    exitCode: result.exitCode
  }
  return `${JSON.stringify(report, null, 2)}\n`
}
