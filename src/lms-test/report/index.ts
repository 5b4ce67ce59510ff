/** The report formats of `coursepack test`, by name; the HTML compatibility sheet is html.ts (`--report`). */
import type { PackageResult } from '../types.js'
import { jsonReport } from './json.js'
import { junitReport } from './junit.js'
import { textReport } from './text.js'

export const testFormats = ['text', 'json', 'junit'] as const
export type TestFormat = (typeof testFormats)[number]

export const reporters: Record<TestFormat, (packages: readonly PackageResult[], context: { color: boolean; exitCode: number }) => string> = {
  text: (packages, { color }) => textReport(packages, color),
  json: (packages, { exitCode }) => jsonReport(packages, exitCode),
  junit: (packages) => junitReport(packages)
}
