/** The JSON report: the results per package (PackageResult, src/lms-test/types.ts) under a version and the tool. */
import { version } from '../../version.js'
import type { PackageResult } from '../types.js'

export function jsonReport(packages: readonly PackageResult[], exitCode: number): string {
  return `${JSON.stringify({ version: 1, tool: { name: 'coursepack', version }, command: 'test', packages, exitCode }, null, 2)}\n`
}
