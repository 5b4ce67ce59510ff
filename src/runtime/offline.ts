/**
 * No LMS found: the course still runs and keeps the learner's progress in this
 * browser's `localStorage`, keyed by course id and version.
 */
import type { Launch, Tracker } from './tracker.js'

interface Saved {
  s: string
  l: string
}

export class OfflineTracker implements Tracker {
  readonly connected = false
  private readonly key: string

  constructor(courseId: string, version: string) {
    this.key = `coursepack:${courseId}@${version}`
  }

  private storage(): Storage | undefined {
    try {
      return window.localStorage
    } catch {
      return undefined // storage blocked (sandboxed frame, privacy settings)
    }
  }

  start(): Launch {
    let saved: Saved | undefined
    try {
      saved = JSON.parse(this.storage()?.getItem(this.key) ?? 'null') as Saved | undefined
    } catch {
      saved = undefined
    }
    return { mode: 'normal', suspendData: saved?.s ?? '', location: saved?.l ?? '', passing: undefined }
  }

  save(suspendData: string, location: string): void {
    try {
      this.storage()?.setItem(this.key, JSON.stringify({ s: suspendData, l: location } satisfies Saved))
    } catch {
      // Quota exceeded or storage blocked: progress lasts for this visit only.
    }
  }

  quiz(): void {}
  result(): void {}
  /** No LMS to report to: nothing is owed. */
  holds(): boolean {
    return true
  }
  holdsVerdict(): boolean {
    return false
  }
  finish(): void {}
  pagehide(): void {}
}
