/** Making a change and naming things in its message, the same way in every group. */
import type { CourseData } from '../shared/course-data.js'
import type { Change, ChangeGroup, ChangeKind, Reason, Verdict } from './types.js'

type Fields = Partial<Pick<Change, 'page' | 'module' | 'file' | 'before' | 'after' | 'reasons'>>

/** A change, every field present (`null` where there is no value). */
export function change(group: ChangeGroup, kind: ChangeKind, verdict: Verdict, message: string, fields: Fields = {}): Change {
  return { group, kind, verdict, message, page: null, module: null, file: null, before: null, after: null, reasons: [], ...fields }
}

export function reason(kind: Reason['kind'], verdict: Verdict, message: string, question: string | null = null): Reason {
  return { kind, verdict, question, message }
}

/** An id or value in a message: `` `x` ``. */
export const code = (value: string | number): string => `\`${value}\``

/** A title or text in a message: “x”. */
export const quote = (text: string): string => `“${text}”`

/** A page as messages name it: its id, kind and title (`` `m-a--b` (lesson “B”) ``). */
export function pageName(data: CourseData, id: string): string {
  const index = data.pages.indexOf(id)
  const kind = data.kinds[index]
  const title = data.titles[index]
  return `page ${code(id)}${kind !== undefined && title !== undefined ? ` (${kind} ${quote(title)})` : ''}`
}
