/**
 * Sequential navigation (`course.md` `navigation: sequential`): a module opens once the one
 * before is done (src/shared/progress.ts `moduleProgress`). The player asks `open` before it
 * shows a page; for a page of a locked module it gets the notice instead, which says in words
 * what opens the module and links there. `update` marks what is locked after every change:
 * the module's group in the contents (`data-locked`, each link `aria-disabled="true"` and
 * described by the reason), every other link into it, and the previous/next links, which are
 * hidden while they would lead into a locked module (the reason shows in their place).
 * Under `navigation: free`, and in browse and review modes, everything is open and nothing
 * here touches the page.
 */
import type { CourseData } from '../shared/course-data.js'
import { moduleProgress, type ModuleProgress } from '../shared/progress.js'
import type { Decimal } from '../shared/scoring.js'
import type { LearnerState } from '../shared/suspend.js'

export interface Gate {
  /** Whether the page may be shown; false when it is in a locked module, and the notice is shown instead. */
  open(index: number, focus: boolean): boolean
  /** Mark what is locked now (after a page is viewed or a quiz submitted). */
  update(): void
}

export interface GateOptions {
  data: CourseData
  /** The learner's state, as the player keeps it up to date. */
  state: LearnerState
  passing: Decimal
  mode: 'normal' | 'browse' | 'review'
  /** A player string with its placeholders filled. */
  t: (key: string, values?: Record<string, string | number>) => string
}

const noticeId = 'cp-locked'
const reasonId = (module: number) => `cp-lock-${module}`

/** The gate of a course; one that opens everything unless the course is sequential and the mode normal. */
export function createGate({ data, state, passing, mode, t }: GateOptions): Gate {
  if (data.navigation !== 'sequential' || mode !== 'normal') return { open: () => true, update: () => {} }
  const moduleOfPage = new Map<string, number>()
  data.modules.forEach((module, m) => module.pages.forEach((page) => moduleOfPage.set(page, m)))
  const progress = (): ModuleProgress[] => moduleProgress(data, state, passing, mode)

  /** What opens a locked module, in words, and the page that leads there. */
  function reason(progress: ModuleProgress[], m: number): { text: string; page: number } | undefined {
    const by = progress[m]?.lockedBy
    const module = by === undefined ? undefined : data.modules[by]
    if (by === undefined || !module) return undefined
    const values = { n: by + 1, title: module.title }
    // A quiz to pass: its page; pages to view: the first not viewed yet.
    if (module.quiz) return { text: t('lockedByQuiz', values), page: data.pages.indexOf(module.quiz.page) }
    return { text: t('lockedByPages', values), page: progress[by]?.resume ?? 0 }
  }

  /** The notice shown in place of a locked page: a page of its own in the main area. */
  function notice(): HTMLElement {
    const existing = document.getElementById(noticeId)
    if (existing) return existing
    const section = document.createElement('section')
    section.className = 'cp-page cp-page-locked'
    section.id = noticeId
    section.dataset.lockedNotice = ''
    section.setAttribute('aria-labelledby', `${noticeId}-title`)
    const heading = document.createElement('h1')
    heading.className = 'cp-page-title'
    heading.id = `${noticeId}-title`
    heading.tabIndex = -1
    const text = document.createElement('p')
    text.className = 'cp-locked-reason'
    const go = document.createElement('p')
    go.append(document.createElement('a'))
    section.append(heading, text, go)
    const main = document.querySelector('.cp-page')?.parentElement ?? document.getElementById('cp-main') ?? document.body
    main.append(section)
    return section
  }

  function hideNotice(): void {
    document.getElementById(noticeId)?.classList.remove('cp-current')
  }

  function showNotice(index: number, focus: boolean): void {
    const m = moduleOfPage.get(data.pages[index] ?? '') ?? 0
    const why = reason(progress(), m)
    const section = notice()
    for (const page of document.querySelectorAll('.cp-page.cp-current')) page.classList.remove('cp-current')
    for (const link of document.querySelectorAll('a[aria-current="page"]')) link.removeAttribute('aria-current')
    section.dataset.module = data.modules[m]?.id ?? ''
    const heading = section.querySelector<HTMLElement>('h1')
    if (heading) heading.textContent = t('lockedTitle', { n: m + 1, title: data.modules[m]?.title ?? '' })
    const text = section.querySelector('.cp-locked-reason')
    if (text) text.textContent = why?.text ?? ''
    const link = section.querySelector('a')
    const target = why ? data.pages[why.page] : undefined
    if (link && target) {
      link.href = `#${target}`
      link.textContent = t('lockedGo', { title: data.titles[why?.page ?? 0] ?? target })
    }
    section.classList.add('cp-current')
    if (focus && heading) {
      heading.focus({ preventScroll: true })
      heading.scrollIntoView({ block: 'start' })
    }
  }

  /** The module a same-document link leads into, or undefined (the welcome and results pages, other links). */
  function moduleOfLink(link: HTMLAnchorElement): number | undefined {
    const href = link.getAttribute('href') ?? ''
    if (!href.startsWith('#')) return undefined
    let id = href.slice(1)
    try {
      id = decodeURIComponent(id)
    } catch {
      return undefined
    }
    const page = document.getElementById(id)?.closest('.cp-page')?.id
    return page === undefined ? undefined : moduleOfPage.get(page)
  }

  function update(): void {
    const now = progress()
    const reasons = data.modules.map((_, m) => (now[m]?.locked ? reason(now, m) : undefined))
    // The module's group in the contents: marked, with its reason in words (and for the links' descriptions).
    data.modules.forEach((module, m) => {
      const group = document.querySelector<HTMLElement>(`#cp-toc [data-module="${CSS.escape(module.id)}"]`)
      if (!group) return
      const why = reasons[m]
      let note = document.getElementById(reasonId(m))
      if (why) {
        group.dataset.locked = 'true'
        if (!note) {
          note = document.createElement('span')
          note.className = 'cp-toc-lock'
          note.id = reasonId(m)
          group.querySelector('.cp-toc-module-title')?.after(note)
          if (!note.isConnected) group.prepend(note)
        }
        note.textContent = why.text
        note.hidden = false
      } else {
        delete group.dataset.locked
        if (note) note.hidden = true
      }
    })
    for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
      if (link.closest(`#${noticeId}`)) continue
      const m = moduleOfLink(link)
      const why = m === undefined ? undefined : reasons[m]
      const pager = link.closest('.cp-pager')
      if (pager) {
        // Previous and next never lead into a locked module: hidden, with the reason in their place.
        link.hidden = why !== undefined
        const which = link.rel || 'link'
        let note = pager.querySelector<HTMLElement>(`.cp-pager-lock[data-for="${CSS.escape(which)}"]`)
        if (why && !note) {
          note = document.createElement('p')
          note.className = 'cp-pager-lock'
          note.dataset.for = which
          link.after(note)
        }
        if (note) {
          note.textContent = why?.text ?? ''
          note.hidden = why === undefined
        }
        continue
      }
      if (why && m !== undefined) {
        link.setAttribute('aria-disabled', 'true')
        // The reason in the contents, or (a template without the module's group there) none.
        if (document.getElementById(reasonId(m))) link.setAttribute('aria-describedby', reasonId(m))
        link.dataset.locked = 'true'
      } else if (link.dataset.locked) {
        link.removeAttribute('aria-disabled')
        link.removeAttribute('aria-describedby')
        delete link.dataset.locked
      }
    }
  }

  return {
    open(index, focus) {
      const m = moduleOfPage.get(data.pages[index] ?? '')
      if (m !== undefined && progress()[m]?.locked) {
        showNotice(index, focus)
        // The player updates nothing else for a page it does not show (the first one of a launch, say).
        update()
        return false
      }
      hideNotice()
      return true
    },
    update
  }
}
