/**
 * Front matter schemas and their checking. Each problem points at the offending key
 * (or value) in the YAML, so the author sees the exact line.
 */
import type { Position } from 'unist'
import { isMap, isScalar, type Node as YamlNode } from 'yaml'
import { z } from 'zod'
import { error, warn } from '../diagnostics.js'
import { type ParsedFile, parseFailures, pointAt } from '../parse/index.js'

/** `completion` and `navigation` of `course.md` (README, "`course.md`"; src/shared/course-data.ts). */
export const completionRules = ['quizzes', 'pages', 'pages-and-quizzes'] as const
export const navigationRules = ['free', 'sequential'] as const

const text = z.string().trim().min(1, 'expected a non-empty text')
const objectives = z.array(text).default([])

export const courseSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, 'expected letters, digits, `.`, `-` or `_`, starting with a letter'),
  title: text,
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/, 'expected a version such as `1.0.0` (quote it in YAML)'),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as `en` or `pt-BR`')
    .default('en'),
  passingScore: z.number().min(0, 'expected a percentage from 0 to 100').max(100, 'expected a percentage from 0 to 100').default(70),
  passRule: z.enum(['overall', 'every-module']).default('overall'),
  completion: z.enum(completionRules).default('quizzes'),
  navigation: z.enum(navigationRules).default('free'),
  description: z.string().default(''),
  objectives,
  activityId: z.string().regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/, 'expected an IRI such as `https://example.org/courses/my-course`').optional()
})

/**
 * What a translated `course.md` may set: its text. The rest comes from the source; the
 * completion and navigation rules may be repeated, and must then agree with it.
 */
export const courseTextSchema = z.object({
  title: text,
  description: z.string().optional(),
  objectives: z.array(text).optional(),
  completion: z.enum(completionRules).optional(),
  navigation: z.enum(navigationRules).optional()
})

export const moduleSchema = z.object({ title: text, objectives })
export const lessonSchema = z.object({ title: text, kind: z.enum(['lesson', 'risks']).default('lesson') })
const wholeAttempts = z.custom<number>(
  (value) => typeof value === 'number' && Number.isInteger(value) && value >= 1,
  'expected a whole number of 1 or more (leave `attempts` out for unlimited attempts)'
)
/** A quiz's title and policy (README, "Quiz policy"); `toPolicy` fills in the defaults. */
export const quizSchema = z.object({
  title: text,
  attempts: wholeAttempts.optional(),
  keep: z.enum(['best', 'last']).optional(),
  reveal: z.enum(['never', 'after-passing', 'after-last-attempt', 'always']).optional(),
  shuffle: z.enum(['none', 'options', 'questions', 'both']).optional(),
  repeat: z.enum(['avoid', 'allow']).optional()
})

/** Position of a top-level key (or its value) in the front matter; the file start when absent. */
export function keyPosition(parsed: ParsedFile, key: string | undefined, part: 'key' | 'value' = 'key'): Position | undefined {
  const fm = parsed.frontmatter
  if (!fm) return undefined
  let node: YamlNode | null | undefined
  const contents = fm.doc.contents
  if (key !== undefined && isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key) && pair.key.value === key) {
        node = (part === 'value' ? (pair.value as YamlNode | null) : null) ?? (pair.key as YamlNode)
      }
    }
  }
  const range = node?.range ?? contents?.range
  if (!range) return undefined
  return { start: pointAt(parsed.file, fm.offset + range[0]), end: pointAt(parsed.file, fm.offset + range[1]) }
}

/**
 * Check a file's front matter against a schema.
 *
 * @returns
 *   The typed data, or undefined when it is missing or invalid (messages added).
 */
export function readFrontmatter<S extends z.ZodObject>(parsed: ParsedFile, schema: S, what: string): z.infer<S> | undefined {
  const { file, frontmatter } = parsed
  if (!frontmatter) {
    // A file that could not be parsed has no tree to find front matter in: one error is enough.
    if (file.messages.some((m) => parseFailures.has(m.ruleId ?? ''))) return undefined
    error(file, `Cannot find front matter, expected a \`---\` block at the top of ${what} with at least \`title\``, {
      ruleId: 'frontmatter-missing'
    })
    return undefined
  }
  if (frontmatter.data === undefined) return undefined // syntax errors already reported
  const data = frontmatter.data ?? {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    error(file, 'Unexpected front matter, expected `key: value` lines', { ruleId: 'frontmatter-shape', place: keyPosition(parsed, undefined) })
    return undefined
  }
  const known = Object.keys(schema.shape)
  for (const key of Object.keys(data)) {
    if (!known.includes(key)) {
      warn(file, `Unexpected front matter key \`${key}\` in ${what}, expected one of ${known.map((k) => `\`${k}\``).join(', ')}`, {
        ruleId: 'frontmatter-unknown-key',
        place: keyPosition(parsed, key)
      })
    }
  }
  const result = schema.safeParse(data)
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : undefined
    const value = key === undefined ? undefined : (data as Record<string, unknown>)[key]
    const got = value === undefined ? 'missing' : `\`${JSON.stringify(value)}\``
    error(file, `Unexpected ${got} for \`${issue.path.join('.') || 'front matter'}\` in ${what}, ${describeIssue(issue)}`, {
      ruleId: 'frontmatter-invalid',
      place: keyPosition(parsed, key, 'value')
    })
  }
  return undefined
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'string' ? 'a text' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`
  return issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}`
}
