/** `check`: package zips checked, their findings as diagnostics, one exit code. */
import { type CheckOptions as PackageOptions, checkPackage, type PackageKind } from '../check/package.js'
import { assertRuleSettings } from '../rules.js'
import { applyRuleSettings, countDiagnostics, type Diagnostic, exitCodeOf, packageDiagnostics, type RuleSettings } from '../diagnostics.js'

export interface CheckOptions extends PackageOptions {
  /** Fail on warnings too (default: false). */
  strict?: boolean
  /** Fail when there are more warnings than this (default: no limit). */
  maxWarnings?: number
  /** Severity per rule id (`off` drops its findings). */
  rules?: RuleSettings
}

export interface CheckedPackage {
  /** The zip's path, as given. */
  path: string
  kind: PackageKind
  /** True when the package embeds coursepack's runtime data. */
  ours: boolean
  /** The launch URL as the descriptor writes it. */
  launch?: string
}

export interface PackageCheckResult {
  packages: CheckedPackage[]
  /** Every finding: `file` is `<zip>/<entry>`, or the zip for package-wide findings. */
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  exitCode: 0 | 1
}

/** Check SCORM 1.2, SCORM 2004, xAPI and cmi5 zips, ours or not. Never throws for a bad zip. */
export async function check(zips: string[], options: CheckOptions = {}): Promise<PackageCheckResult> {
  assertRuleSettings(options.rules)
  const packages: CheckedPackage[] = []
  const diagnostics: Diagnostic[] = []
  for (const zip of zips) {
    const { findings, path, kind, ours, launch } = await checkPackage(zip, options)
    packages.push({ path, kind, ours, ...(launch !== undefined ? { launch } : {}) })
    diagnostics.push(...applyRuleSettings(packageDiagnostics({ path: zip, findings }), options.rules))
  }
  const counts = countDiagnostics(diagnostics)
  return { packages, diagnostics, ...counts, exitCode: exitCodeOf(counts, options) }
}
