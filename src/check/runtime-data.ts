/**
 * Recognising our own packages: their launch page embeds the runtime data
 * (`<script type="application/json" id="cp-data">`, src/shared/course-data.ts).
 */
import type { CourseData } from '../shared/course-data.js'

export type RuntimeData =
  | { found: false }
  | { found: true; line: number; error: string }
  | { found: true; line: number; data: Pick<CourseData, 'passingScore' | 'target'> & { hasQuiz: boolean }; value: Record<string, unknown> }

// Bounded and without a lazy `[\s\S]*?` up to `</script>`: a hostile page is read in linear time.
const script = /<script\b[^>]{0,1000}?\bid\s*=\s*["']?cp-data["']?[^>]{0,1000}>/i

export function readRuntimeData(html: string): RuntimeData {
  const match = script.exec(html)
  if (!match) return { found: false }
  const line = html.slice(0, match.index).split('\n').length
  const start = match.index + match[0].length
  const end = html.slice(start).search(/<\/script\s*>/i)
  if (end === -1) return { found: true, line, error: 'Cannot find the end of the runtime data, expected `</script>`' }
  let value: unknown
  try {
    value = JSON.parse(html.slice(start, start + end))
  } catch (cause) {
    return { found: true, line, error: `Unexpected runtime data, expected JSON: ${cause instanceof Error ? cause.message : String(cause)}` }
  }
  if (typeof value !== 'object' || value === null) return { found: true, line, error: 'Unexpected runtime data, expected a JSON object' }
  const data = value as Partial<Record<keyof CourseData, unknown>>
  if (typeof data.passingScore !== 'number') return { found: true, line, error: 'Cannot find `passingScore` in the runtime data, expected a number' }
  if (typeof data.target !== 'string') return { found: true, line, error: 'Cannot find `target` in the runtime data, expected a target name' }
  const modules = Array.isArray(data.modules) ? (data.modules as Array<{ quiz?: unknown }>) : []
  return {
    found: true,
    line,
    data: { passingScore: data.passingScore, target: data.target as CourseData['target'], hasQuiz: modules.some((m) => m.quiz !== undefined && m.quiz !== null) },
    // The whole object, for the checks that read the questions (./answer-keys.ts).
    value: value as Record<string, unknown>
  }
}

/** A passing score as the page text states it (`You need 70% to pass.`). */
export interface StatedScore {
  /** The number as written, before `%`. */
  text: string
  /** The element that states it, such as `<p class="cp-quiz-meta">`. */
  element: string
  line: number
}

/**
 * The welcome page's pass rule and each quiz's heading state the passing score
 * (templates/partials/page-welcome.hbs, page-quiz.hbs: `{score}%` in every locale).
 */
const stating = /<p\b[^>]{0,200}?\bclass\s*=\s*["'][^"'>]{0,200}?\b(cp-pass-rule|cp-quiz-meta)\b[^>]{0,200}>/gi
/** `70%`, `72.5 %`, `72,5&nbsp;%` (a decimal comma), `70٪` (the Arabic percent sign), `70％`. */
const percent = /(\d+(?:[.,]\d+)?)(?:\s|&nbsp;|&#160;|&#xa0;|\u00a0|\u202f)*[%\u066a\uff05]/gi
/** A paragraph's text is read up to this many characters, so a page without `</p>` costs linear time. */
const paragraphLimit = 4096
/** Our pages state the score once per quiz and once on the welcome page: more is not ours, or hostile. */
const statedLimit = 1000

export function statedPassingScores(html: string): StatedScore[] {
  const found: StatedScore[] = []
  let line = 1
  let counted = 0
  for (const match of html.matchAll(stating)) {
    for (let i = html.indexOf('\n', counted); i !== -1 && i < match.index; i = html.indexOf('\n', i + 1)) line++
    counted = match.index
    const start = match.index + match[0].length
    const window = html.slice(start, start + paragraphLimit)
    // An unclosed paragraph ends where the next one starts.
    const end = window.search(/<\/?p\b/i)
    const text = (end === -1 ? window : window.slice(0, end)).replace(/<[^>]*>/g, '')
    for (const score of text.matchAll(percent)) {
      found.push({ text: (score[1] ?? '').replace(',', '.'), element: `<p class="${match[1] ?? ''}">`, line })
      if (found.length >= statedLimit) return found
    }
  }
  return found
}
