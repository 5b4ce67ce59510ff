/**
 * The preview's build: check and lay out the course in memory (no zip, nothing written),
 * reusing the parse of files that did not change since the last build.
 */
import type { VFile } from 'vfile'
import type { ParsedFile } from '../parse/index.js'
import { exitCodeFor } from '../diagnostics.js'
import { packageCourse } from '../package/index.js'
import { checkCourse } from '../pipeline.js'
import type { JsonDiagnostic } from '../cli/report.js'
import { collectDiagnostics } from '../cli/report.js'
import type { TargetName } from '../shared/course-data.js'

export interface PreviewBuild {
  ok: boolean
  /** Package files by path (the last good build's when this one failed). */
  files: Map<string, Buffer>
  diagnostics: JsonDiagnostic[]
  milliseconds: number
  /** The languages the course has translations for. */
  languages: string[]
  /** The course's source language. */
  sourceLanguage: string
}

export async function previewBuild(
  dir: string,
  target: TargetName,
  cwd: string,
  previous?: Map<string, Buffer>,
  parser?: (file: VFile) => ParsedFile,
  /** A translation language; undefined for the source language. */
  language?: string
): Promise<PreviewBuild> {
  const start = performance.now()
  const result = await checkCourse(dir, cwd, [target], language, parser)
  const files: VFile[] = result.files
  const ok = exitCodeFor(files, false) === 0
  let out = previous ?? new Map<string, Buffer>()
  if (ok) {
    out = new Map()
    for (const file of packageCourse(result.course, target).files) out.set(file.path, typeof file.data === 'string' ? Buffer.from(file.data) : file.data)
  }
  return {
    ok,
    files: out,
    diagnostics: collectDiagnostics(files, cwd),
    milliseconds: performance.now() - start,
    languages: result.languages,
    sourceLanguage: language ? (result.course.language === language ? '' : result.course.language) : result.course.language
  }
}
