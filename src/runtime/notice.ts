/**
 * Notices in the page header's status region (`#cp-status`, a polite live region, so that
 * screen readers announce them). Text only: a notice never carries markup.
 */

/** Show (or replace) the notice `id` with `text`. */
export function showNotice(id: string, text: string, className = 'cp-notice'): void {
  const status = document.getElementById('cp-status')
  if (!status || !text) return
  let notice = status.querySelector<HTMLElement>(`[data-notice="${id}"]`)
  if (!notice) {
    notice = document.createElement('p')
    notice.className = className
    notice.dataset.notice = id
    status.append(notice)
  }
  notice.textContent = text
}
