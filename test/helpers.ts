/** Shared test helpers: fixture courses in temporary folders, the real CLI, zip reading. */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import yauzl from 'yauzl'
import type { QuizState } from '../src/shared/attempts.js'
import type { CourseData, QuizData } from '../src/shared/course-data.js'
import type { LearnerState } from '../src/shared/suspend.js'
import { coreOf } from '../src/questions/cores.js'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const fixtures = path.join(repoRoot, 'test', 'fixtures')
export const sampleCourse = path.join(repoRoot, 'courses', 'child-online-protection-industry')

const made: string[] = []

/** A fresh temporary folder, removed by `cleanup()`. */
export function tempDir(prefix = 'coursepack-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/**
 * Copy the minimal fixture course into a temporary workspace (`<ws>/course`), with the
 * files of overlays (error scenarios or `overlays/<name>`, joined by `+`) laid over it.
 */
export function fixtureCourse(overlay?: string): { workspace: string; course: string } {
  const workspace = tempDir()
  const course = path.join(workspace, 'course')
  cpSync(path.join(fixtures, 'minimal'), course, { recursive: true })
  for (const name of overlay ? overlay.split('+') : []) {
    const dir = [path.join(fixtures, 'errors', name), path.join(fixtures, 'overlays', name)].find((d) => existsSync(d))
    if (!dir) throw new Error(`No fixture overlay ${name}`)
    cpSync(dir, course, { recursive: true })
  }
  return { workspace, course }
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Run the real `coursepack` bin. */
export function runCli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'bin', 'coursepack.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** Read every entry of a zip: name → contents. */
export function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>()
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error)
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err)
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      })
      zip.on('end', () => resolve(entries))
      zip.on('error', reject)
      zip.readEntry()
    })
  })
}

/** A quiz record with one submitted attempt that asked every question (a quiz without banks). */
export function answeredState(quiz: QuizData, answers: string[][]): QuizState {
  return { used: 1, last: { n: 1, asked: quiz.questions.map((_, i) => i), answers }, best: undefined, seen: quiz.questions.map(() => true) }
}

/**
 * A quiz record with two submitted attempts that asked every question with these answers, the
 * first one counting: the longest record a quiz without banks can have (src/shared/suspend.ts).
 */
export function twoAttempts(quiz: QuizData, answers: string[][]): QuizState {
  const asked = quiz.questions.map((_, i) => i)
  return { used: 2, last: { n: 2, asked, answers }, best: { n: 1, asked, answers }, seen: quiz.questions.map(() => true) }
}

/**
 * The longest state of a course (src/shared/suspend.ts): every page visited, at the last page,
 * every quiz with two attempts, the first module's answered with `first` and the others right.
 */
export function longestState(data: CourseData, first: string[][]): LearnerState {
  const quizzes = data.modules.map((module, i) => {
    const quiz = module.quiz
    if (!quiz) return undefined
    return twoAttempts(quiz, i === 0 ? first : quiz.questions.map((q) => [...coreOf(q).example(q, true)]))
  })
  return { page: data.pages.length - 1, visited: data.pages.map(() => true), seed: 2 ** 32 - 1, quizzes, changed: data.modules.map(() => true), carried: true, media: data.media.map(() => 100) }
}
