/**
 * The configuration file: `coursepack.config.json` in the working folder, or the
 * `coursepack` key of its `package.json`. It gives the defaults of `out`, `targets`,
 * `languages` and `strict`, and a severity per rule id. It is checked like front matter:
 * every problem is a positioned message on the file (`file:line:column`), and a file with
 * errors stops the command (exit 2) before anything runs.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type DocumentNode, type MemberNode, type ObjectNode, type ValueNode, evaluate, parse } from '@humanwhocodes/momoa'
import { VFile } from 'vfile'
import { z } from 'zod'
import { error, type Place } from '../diagnostics.js'
import { UsageError } from '../errors.js'
import { closestRule, findRule, type RuleSetting, settingProblem } from '../rules.js'
import { targetNames, type TargetName } from '../shared/course-data.js'

export const configFileName = 'coursepack.config.json'

const setting = z.enum(['off', 'info', 'warning', 'error'])
const text = z.string().trim().min(1, 'expected a non-empty text')

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  out: text.optional(),
  targets: z.union([z.literal('all'), z.array(z.enum(targetNames)).min(1, 'expected at least one target')]).optional(),
  languages: z.union([z.literal('all'), z.array(text).min(1, 'expected at least one language')]).optional(),
  strict: z.boolean().optional(),
  rules: z.record(z.string(), setting).optional()
})

export interface Config {
  out?: string | undefined
  targets?: TargetName[] | undefined
  languages?: string[] | 'all' | undefined
  strict?: boolean | undefined
  rules?: Record<string, RuleSetting> | undefined
}

export interface LoadedConfig {
  /** The file the configuration came from, or undefined when there is none. */
  file: string | undefined
  config: Config
}

/** A configuration file with errors: its messages are on `file`. */
export class ConfigError extends Error {
  constructor(readonly file: VFile) {
    super(`Invalid configuration in ${file.path}`)
  }
}

const span = (node: { loc: { start: { line: number; column: number }; end: { line: number; column: number } } }): Place => ({
  start: { line: node.loc.start.line, column: node.loc.start.column },
  end: { line: node.loc.end.line, column: node.loc.end.column }
})

/** The node a zod issue path points at (the deepest that exists), and the member holding it. */
function nodeAt(root: ValueNode, keys: readonly PropertyKey[]): { node: ValueNode; member: MemberNode | undefined } {
  let node = root
  let member: MemberNode | undefined
  for (const key of keys) {
    if (node.type === 'Object') {
      const found = node.members.find((m) => (m.name.type === 'String' ? m.name.value : m.name.name) === key)
      if (!found) break
      member = found
      node = found.value
    } else if (node.type === 'Array' && typeof key === 'number' && node.elements[key]) {
      node = node.elements[key].value
    } else break
  }
  return { node, member }
}

function keyName(member: MemberNode): string {
  return member.name.type === 'String' ? member.name.value : member.name.name
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'string' ? 'a text' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`
  if (issue.code === 'invalid_union') return issue.path[0] === 'targets' ? `expected \`"all"\` or a list of ${targetNames.map((t) => `\`${t}\``).join(', ')}` : 'expected `"all"` or a list of language tags'
  return issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}`
}

/** Check the configuration object; every problem becomes an error on `file`. */
function check(file: VFile, where: string, object: ValueNode): Config | undefined {
  if (object.type !== 'Object') {
    error(file, `Unexpected ${object.type.toLowerCase()} for ${where}, expected an object such as \`{"out": "dist"}\``, { ruleId: 'config-invalid', place: span(object) })
    return undefined
  }
  duplicates(file, object)
  const result = configSchema.safeParse(evaluate(object))
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const { member } = nodeAt(object, [...issue.path, key])
          const known = Object.keys(configSchema.shape).filter((k) => k !== '$schema')
          error(file, `Unexpected key \`${key}\` in ${where}, expected one of ${known.map((k) => `\`${k}\``).join(', ')}`, {
            ruleId: 'config-invalid',
            place: member ? span(member.name) : span(object)
          })
        }
        continue
      }
      const { node } = nodeAt(object, issue.path)
      error(file, `Unexpected \`${JSON.stringify(evaluate(node))}\` for \`${issue.path.join('.')}\` in ${where}, ${describeIssue(issue)}`, { ruleId: 'config-invalid', place: span(node) })
    }
    return undefined
  }
  const rulesNode = object.members.find((m) => keyName(m) === 'rules')?.value
  for (const member of rulesNode?.type === 'Object' ? rulesNode.members : []) {
    const id = keyName(member)
    const rule = findRule(id)
    const value = evaluate(member.value) as RuleSetting
    if (!rule) {
      error(file, `Unexpected rule id \`${id}\` in ${where}, expected a known rule id: did you mean \`${closestRule(id)}\`?`, { ruleId: 'config-unknown-rule', place: span(member.name) })
      continue
    }
    const problem = settingProblem(rule, value)
    if (problem) error(file, problem, { ruleId: 'config-rule-severity', place: span(member.value) })
  }
  if (file.messages.some((m) => m.fatal)) return undefined
  const { out, targets, languages, strict, rules } = result.data
  return { out, targets: targets === 'all' ? [...targetNames] : targets && [...new Set(targets)], languages, strict, rules }
}

function duplicates(file: VFile, object: ObjectNode): void {
  const seen = new Set<string>()
  for (const member of object.members) {
    const key = keyName(member)
    if (seen.has(key)) error(file, `Unexpected second \`${key}\`, expected each key once`, { ruleId: 'config-invalid', place: span(member.name) })
    seen.add(key)
    if (member.value.type === 'Object') duplicates(file, member.value)
  }
}

function parseJson(file: VFile): DocumentNode | undefined {
  try {
    return parse(String(file.value))
  } catch (cause) {
    const at = cause as { message?: string; line?: number; column?: number }
    const reason = (at.message ?? String(cause)).replace(/\s*\(\d+:\d+\)\s*$/, '').replace(/\.$/, '')
    error(file, `Cannot parse ${path.basename(file.path)} as JSON: ${reason}, expected strict JSON (no comments, no trailing commas)`, {
      ruleId: 'config-syntax',
      place: { line: at.line ?? 1, column: at.column ?? 1 }
    })
    return undefined
  }
}

/**
 * Find and check the configuration. `choice` is `--config <file>`, `false` for `--no-config`,
 * or undefined to look in `cwd`. Throws `ConfigError` when the file has errors and
 * `UsageError` when `--config` names a missing file.
 */
export function loadConfig(cwd: string, choice?: string | false): LoadedConfig {
  if (choice === false) return { file: undefined, config: {} }
  let filePath: string
  if (choice !== undefined) {
    filePath = path.resolve(cwd, choice)
    if (!existsSync(filePath)) throw new UsageError(`Cannot find the configuration file \`${choice}\`, expected a JSON file such as \`${configFileName}\``)
  } else if (existsSync(path.join(cwd, configFileName))) {
    filePath = path.join(cwd, configFileName)
  } else if (existsSync(path.join(cwd, 'package.json'))) {
    filePath = path.join(cwd, 'package.json')
  } else {
    return { file: undefined, config: {} }
  }
  const file = new VFile({ path: filePath, value: readFileSync(filePath, 'utf8') })
  const inPackage = path.basename(filePath) === 'package.json'
  const document = parseJson(file)
  let config: Config | undefined = {}
  if (document) {
    let body: ValueNode | undefined = document.body
    if (inPackage) body = body.type === 'Object' ? body.members.find((m) => keyName(m) === 'coursepack')?.value : undefined
    // A package.json without a `coursepack` key is no configuration.
    if (inPackage && !body) return { file: undefined, config: {} }
    if (body) config = check(file, inPackage ? 'the `coursepack` key of package.json' : path.basename(filePath), body)
  }
  if (!config || file.messages.some((m) => m.fatal)) throw new ConfigError(file)
  return { file: filePath, config }
}
