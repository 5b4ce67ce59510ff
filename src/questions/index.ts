/**
 * The registry of question types on the compiler's side: the quiz stage asks it which
 * parser reads a question (by `<Question type>`, choice when none), the renderer which
 * partial shows it. Each type lives in its folder (src/questions/<type>/: core.ts, parse.ts,
 * partial.hbs, view.ts, drive.ts); ./cores.ts, ./views.ts and ./drivers.ts list the same types.
 */
import { components } from '../model/content.js'
import { choiceParser } from './choice/parse.js'
import { fillInParser } from './fill-in/parse.js'
import { numericParser } from './numeric/parse.js'
import { trueFalseParser } from './true-false/parse.js'
import { likertParser } from './likert/parse.js'
import { matchingParser } from './matching/parse.js'
import { orderingParser } from './ordering/parse.js'
import type { QuestionData } from './data.js'
import type { QuestionParser } from './parser.js'

export const parsers: readonly QuestionParser[] = [choiceParser, trueFalseParser, fillInParser, numericParser, matchingParser, orderingParser, likertParser]

/** The parser a `<Question type>` names (the default one when none), or undefined for an unknown name. */
export function parserNamed(name: string | undefined): QuestionParser | undefined {
  return name === undefined ? parsers.find((p) => p.default) : parsers.find((p) => p.name === name)
}

/** The parser that made a question's data. */
export function parserOf(data: QuestionData): QuestionParser {
  const parser = parsers.find((p) => p.types.includes(data.type))
  if (!parser) throw new Error(`no parser for question type ${data.type}`)
  return parser
}

/** The `<Question>` attributes only some types read, and which types read each. */
export const typeAttributes: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>()
  for (const parser of parsers) for (const name of Object.keys(parser.attributes ?? {})) map.set(name, [...(map.get(name) ?? []), parser.name])
  return map
})()

// `<Question>` accepts `type` and every type's own attributes; the quiz stage refuses one the question's type does not read.
const names = parsers.map((p) => p.name)
components.Question = {
  attributes: {
    ...components.Question?.attributes,
    type: { check: (v) => (typeof v === 'string' && names.includes(v) ? undefined : `expected one of ${names.map((n) => `\`${n}\``).join(', ')}`) },
    ...Object.assign({}, ...parsers.map((p) => p.attributes ?? {}))
  }
}
