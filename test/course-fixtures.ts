/** Course folders made for browser tests: copies of the sample course, and large synthetic courses. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sampleCourse, tempDir } from './helpers.js'

/** A copy of the sample course with some front matter of `course.md` replaced (or added, for a key it does not have). */
export function sampleVariant(replace: Record<string, string>): string {
  const dir = path.join(tempDir(), 'course')
  cpSync(sampleCourse, dir, { recursive: true })
  const file = path.join(dir, 'course.md')
  let text = readFileSync(file, 'utf8')
  for (const [key, value] of Object.entries(replace)) {
    const line = new RegExp(`^${key}:.*$`, 'm')
    text = line.test(text) ? text.replace(line, `${key}: ${value}`) : text.replace(/^---\n/, `---\n${key}: ${value}\n`)
  }
  writeFileSync(file, text)
  return dir
}

/**
 * A synthetic course: `modules` modules of `lessons` lessons and a quiz of `questions`
 * questions with `options` options each, with long headings (so long question ids).
 */
export function syntheticCourse(shape: { modules: number; lessons: number; questions: number; options: number }): string {
  const dir = path.join(tempDir(), 'course')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    path.join(dir, 'course.md'),
    `---\nid: synthetic\ntitle: Synthetic course\nversion: 1.0.0\npassRule: every-module\n---\n\nA generated course.\n`
  )
  const pad = (n: number) => String(n).padStart(2, '0')
  for (let m = 1; m <= shape.modules; m++) {
    const moduleDir = path.join(dir, `${pad(m)}-module-number-${m}`)
    mkdirSync(moduleDir)
    writeFileSync(path.join(moduleDir, 'module.md'), `---\ntitle: Module ${m}\n---\n\nIntroduction to module ${m}.\n`)
    for (let l = 1; l <= shape.lessons; l++) {
      const paragraph = `Lesson ${l} of module ${m} explains one idea in plain words, with an example and a short summary. `.repeat(12)
      writeFileSync(path.join(moduleDir, `${pad(l)}-lesson-${l}.md`), `---\ntitle: Lesson ${m}.${l}\n---\n\n## Part one\n\n${paragraph}\n\n## Part two\n\n${paragraph}\n`)
    }
    let quiz = `---\ntitle: Quiz ${m}\n---\n\n`
    for (let q = 1; q <= shape.questions; q++) {
      quiz += `## Question ${q} of module ${m}: which statement about the responsibilities of a business is accurate here?\n\n`
      for (let o = 1; o <= shape.options; o++) quiz += `- [${o === ((q + m) % shape.options) + 1 ? 'x' : ' '}] Statement ${o} for question ${q}\n`
      quiz += '\n> Feedback.\n\n'
    }
    writeFileSync(path.join(moduleDir, 'quiz.md'), quiz)
  }
  return dir
}
