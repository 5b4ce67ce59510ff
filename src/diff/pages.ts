/**
 * Pages: added, removed, moved (the learner state names pages by their ids, so a visit follows
 * its page wherever it goes), retitled or of another kind.
 */
import { change, code, pageName, quote } from './change.js'
import type { CourseData } from '../shared/course-data.js'
import type { Change, LearnerMapping, PackageSide } from './types.js'

/** Indexes (into `values`) of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []
  const previous: number[] = []
  values.forEach((value, i) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1
      else high = mid
    }
    previous[i] = low > 0 ? (tails[low - 1] ?? -1) : -1
    tails[low] = i
  })
  const kept = new Set<number>()
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i] ?? -1) kept.add(i)
  return kept
}

/** The module a page belongs to, if one. */
const moduleOf = (data: CourseData, page: string): string | null => data.modules.find((m) => m.pages.includes(page))?.id ?? null

const after = (pages: readonly string[], id: string): string => {
  const index = pages.indexOf(id)
  return index > 0 ? `after ${code(pages[index - 1] ?? '')}` : 'first'
}

/** The changes of pages, in the new package's order (removed pages in the old one's). */
export function pageChanges(before: PackageSide, now: PackageSide, learners: LearnerMapping): Change[] {
  const a = before.data
  const b = now.data
  const changes: Change[] = []
  const oldPages = new Set(a.pages)
  const newPages = new Set(b.pages)
  // The pages both have, in the old order; those off one longest run in the new order moved.
  const common = a.pages.filter((id) => newPages.has(id))
  const stay = longestIncreasing(common.map((id) => b.pages.indexOf(id)))
  const moved = new Set(common.filter((_, i) => !stay.has(i)))
  for (const id of b.pages) {
    if (!oldPages.has(id)) {
      changes.push(change('pages', 'page-added', 'care', `${pageName(b, id)} added ${after(b.pages, id)}: learners in progress find it unvisited in the contents, and their module’s progress counts it`, { page: id, module: moduleOf(b, id) }))
      continue
    }
    if (moved.has(id)) {
      changes.push(change('pages', 'page-moved', 'care', `${pageName(b, id)} moved: now ${after(b.pages, id)}, was ${after(a.pages, id)}; its visits are kept, the contents and Next follow the new order`, { page: id, module: moduleOf(b, id) }))
    }
    const i = a.pages.indexOf(id)
    const j = b.pages.indexOf(id)
    if (a.titles[i] !== b.titles[j]) {
      changes.push(change('pages', 'page-title', 'safe', `page ${code(id)}: title ${quote(a.titles[i] ?? '')} → ${quote(b.titles[j] ?? '')}`, { page: id, module: moduleOf(b, id), before: a.titles[i] ?? null, after: b.titles[j] ?? null }))
    }
    if (a.kinds[i] !== b.kinds[j]) {
      changes.push(change('pages', 'page-kind', 'safe', `page ${code(id)}: kind ${a.kinds[i] ?? '?'} → ${b.kinds[j] ?? '?'}; its visits are kept`, { page: id, module: moduleOf(b, id), before: a.kinds[i] ?? null, after: b.kinds[j] ?? null }))
    }
  }
  for (const id of a.pages) {
    if (newPages.has(id)) continue
    const to = learners.bookmarks.find((bookmark) => bookmark.from === id)?.to
    // A lesson that moved to another module keeps its file name, not its page id.
    const lesson = id.includes('--') && !id.endsWith('--quiz') ? id.slice(id.indexOf('--')) : undefined
    const twin = lesson && b.pages.find((page) => !oldPages.has(page) && page.endsWith(lesson))
    const hint = twin ? ` (${code(twin)} may be the same page: another id is another page to the learner state)` : ''
    changes.push(change('pages', 'page-removed', 'care', `${pageName(a, id)} removed${hint}: its visits are dropped${to ? `, and a learner whose bookmark is there resumes at ${code(to)}` : ''}`, { page: id, module: moduleOf(a, id) }))
  }
  return changes
}
