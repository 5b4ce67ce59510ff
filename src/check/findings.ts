/** The result shape of `coursepack check`: findings with a severity and a stable rule id. */

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

/** Collects findings; `at` is optional so checks can report package-wide problems. */
export class Findings {
  readonly list: Finding[] = []

  add(severity: Severity, ruleId: string, message: string, at: At = {}): void {
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

  /** Package-wide findings first, then by file (in order of first mention), then by line. */
  sorted(): Finding[] {
    const files = [...new Set(this.list.map((f) => f.file ?? ''))]
    const rank = (f: Finding) => (f.file === undefined ? -1 : files.indexOf(f.file))
    return [...this.list].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0))
  }
}

/** Inline code for messages: `x`. */
export const code = (value: string): string => `\`${value}\``
