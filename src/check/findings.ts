/** The result shape of `coursepack check`: findings with a severity and a stable rule id. */
import { count, limits } from './limits.js'

export type Severity = 'error' | 'warning' | 'info'

export interface Finding {
  severity: Severity
  /** Stable rule id, listed in the README. */
  ruleId: string
  message: string
  /** Entry inside the zip the finding is about. */
  file?: string
  /** 1-based line in `file`. */
  line?: number
  /** On a `findings-capped` summary: the rule whose findings it counts, and how many were left out. */
  capped?: { ruleId: string; count: number }
}

export type PackageKind = 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'unknown'

export interface PackageReport {
  /** The zip's path, as given. */
  path: string
  kind: PackageKind
  /** True when the package embeds coursepack's runtime data (`cp-data` in its launch page). */
  ours: boolean
  /** The launch URL as the descriptor writes it (first launchable item, `<launch>`, AU `<url>`). */
  launch?: string
  findings: Finding[]
}

/** Where a finding points inside the package. */
export interface At {
  file?: string | undefined
  line?: number | undefined
}

interface Omitted {
  count: number
  severity: Severity
  /** The one file every omitted finding is about, `null` once they differ. */
  file: string | undefined | null
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 }

/**
 * Collects findings; `at` is optional so checks can report package-wide problems. Keeps at
 * most `limits.findingsPerRule` per rule and counts the rest, so that a manifest listing
 * 700,000 missing files costs 100 findings and a counter.
 */
export class Findings {
  readonly list: Finding[] = []
  private readonly kept = new Map<string, number>()
  private readonly omitted = new Map<string, Omitted>()

  add(severity: Severity, ruleId: string, message: string, at: At = {}): void {
    const kept = this.kept.get(ruleId) ?? 0
    if (kept >= limits.findingsPerRule) {
      const omitted = this.omitted.get(ruleId)
      if (!omitted) this.omitted.set(ruleId, { count: 1, severity, file: at.file })
      else {
        omitted.count++
        if (rank[severity] > rank[omitted.severity]) omitted.severity = severity
        if (omitted.file !== at.file) omitted.file = null
      }
      return
    }
    this.kept.set(ruleId, kept + 1)
    const finding: Finding = { severity, ruleId, message }
    if (at.file !== undefined) finding.file = at.file
    if (at.line !== undefined) finding.line = at.line
    this.list.push(finding)
  }

  error(ruleId: string, message: string, at?: At): void {
    this.add('error', ruleId, message, at)
  }

  warning(ruleId: string, message: string, at?: At): void {
    this.add('warning', ruleId, message, at)
  }

  info(ruleId: string, message: string, at?: At): void {
    this.add('info', ruleId, message, at)
  }

  /** One `findings-capped` finding per rule that went over the cap, with its worst severity. */
  private summaries(): Finding[] {
    return [...this.omitted].map(([ruleId, omitted]) => {
      const finding: Finding = {
        severity: omitted.severity,
        ruleId: 'findings-capped',
        message: `… and ${count(omitted.count)} more ${code(ruleId)} findings, not listed: at most ${limits.findingsPerRule} per rule are`,
        capped: { ruleId, count: omitted.count }
      }
      if (typeof omitted.file === 'string') finding.file = omitted.file
      return finding
    })
  }

  /** Package-wide findings first, then by file (in order of first mention), then by line; summaries last. */
  sorted(): Finding[] {
    const order = new Map<string, number>()
    for (const f of this.list) if (!order.has(f.file ?? '')) order.set(f.file ?? '', order.size)
    const place = (f: Finding) => (f.file === undefined ? -1 : (order.get(f.file) ?? 0))
    return [...[...this.list].sort((a, b) => place(a) - place(b) || (a.line ?? 0) - (b.line ?? 0)), ...this.summaries()]
  }
}

/** Inline code for messages: `x`. */
export const code = (value: string): string => `\`${value}\``
