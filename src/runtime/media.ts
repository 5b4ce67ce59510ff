/**
 * Required media (`<Video required>`, `<Audio required>`): how far each was played, kept in
 * the learner state (`LearnerState.media`, percent) and saved with it, and reported once it
 * reaches `watchedPercent`. Media that are not required are not tracked at all.
 *
 * Only what was played counts: the element's `played` ranges (HTML, "Media elements": the
 * ranges the user agent has rendered) that join up with what was reached before, from the
 * start or from where an earlier session stopped. Seeking ahead and playing from there adds
 * nothing until the gap is played too.
 */
import type { CourseData, MediaData } from '../shared/course-data.js'
import { watchedPercent } from '../shared/progress.js'
import type { LearnerState } from '../shared/suspend.js'

export interface MediaHooks {
  /** Format a player string. */
  t(key: string, values?: Record<string, string | number>): string
  /** Save the learner state (the player's own save). */
  save(): void
  /** A required media was played to `watchedPercent` for the first time. */
  watched(media: MediaData, percent: number): void
  /** How far a media was played changed (the progress shown elsewhere). */
  changed?(): void
}

/**
 * The furthest point reached by playing without a gap: from `from` (seconds already reached),
 * each played range that starts at or before it (with `tolerance` seconds of slack) takes it
 * to that range's end.
 */
export function reachedSeconds(ranges: ReadonlyArray<readonly [number, number]>, from: number, tolerance: number): number {
  let reached = from
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) if (start <= reached + tolerance && end > reached) reached = end
  return reached
}

const rangesOf = (played: TimeRanges): Array<[number, number]> => Array.from({ length: played.length }, (_, i) => [played.start(i), played.end(i)])

/**
 * Follow every required media of the page.
 *
 * @param state
 *   The learner state; its `media` is updated in place.
 */
export function watchMedia(data: CourseData, state: LearnerState, hooks: MediaHooks): void {
  data.media.forEach((media, index) => {
    if (!media.required) return
    const element = document.querySelector<HTMLMediaElement>(`[data-media="${CSS.escape(media.id)}"]`)
    const status = document.querySelector<HTMLElement>(`[data-media-status="${CSS.escape(media.id)}"]`)
    if (!element) return
    /** The percent last saved: saving is throttled to every tenth, the crossing of `watchedPercent`, and pauses. */
    let saved = state.media[index] ?? 0

    const showStatus = () => {
      if (!status) return
      const percent = state.media[index] ?? 0
      const done = percent >= watchedPercent
      const required = hooks.t(media.kind === 'video' ? 'mediaRequiredVideo' : 'mediaRequiredAudio', { percent: watchedPercent })
      status.textContent = done ? hooks.t('mediaDone', { percent }) : percent > 0 ? `${required} ${hooks.t('mediaPlayed', { percent })}` : required
      status.classList.toggle('cp-media-done', done)
    }

    const update = (settle: boolean) => {
      const duration = element.duration
      const before = state.media[index] ?? 0
      if (Number.isFinite(duration) && duration > 0) {
        const from = (before / 100) * duration
        const reached = reachedSeconds(rangesOf(element.played), from, Math.max(1, duration / 100))
        // At the end the played range ends at the duration: 100%.
        const percent = Math.min(100, Math.floor((reached / duration) * 100 + 1e-6))
        if (percent > before) {
          state.media[index] = percent
          showStatus()
          hooks.changed?.()
          if (before < watchedPercent && percent >= watchedPercent) hooks.watched(media, percent)
        }
      }
      const now = state.media[index] ?? 0
      if (now > saved && (settle || Math.floor(now / 10) > Math.floor(saved / 10) || (now >= watchedPercent && saved < watchedPercent))) {
        saved = now
        hooks.save()
      }
    }

    showStatus()
    element.addEventListener('timeupdate', () => update(false))
    for (const type of ['pause', 'ended', 'seeking']) element.addEventListener(type, () => update(true))
    // Before the player ends the session on pagehide (its listener is added after this one).
    window.addEventListener('pagehide', () => update(true))
  })
}
