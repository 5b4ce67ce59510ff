/**
 * Quiz stage of the model: `quiz.md` becomes questions. Each level-2 heading starts a
 * question; `<Question id points type>` may wrap it. The type (choice when none) reads its
 * block after the heading (src/questions/<type>/parse.ts); what comes before the block is
 * the prompt, a blockquote after it the feedback.
 */
import { slug } from 'github-slugger'
import type { Heading, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { error, warn } from '../diagnostics.js'
import type { ParsedFile } from '../parse/index.js'
import { type CourseContext, checkContent, type JsxElement, readAttributes } from './content.js'
import { parserNamed, typeAttributes } from '../questions/index.js'
import { coreOf, isScored } from '../questions/cores.js'
import { defaultPolicy, type QuizPolicy } from '../shared/course-data.js'
import { readBank } from './banks.js'
import { quotedAnswer } from './reveals.js'
import type { Bank, Question, Quiz } from './types.js'

export { maxOptions } from '../questions/choice/parse.js'

/** What a question's item ids are dealt by (src/questions/parser.ts `dealSeed`): its module and its place (from 1) in the quiz. */
export const dealSeedOf = (moduleId: string, position: number): string => `${moduleId}#${position}`

/**
 * Build a quiz from a parsed `quiz.md`.
 *
 * @param moduleId
 *   Id of the module, the prefix of derived question ids.
 * @param policy
 *   The quiz's policy, from its front matter (`readQuizMeta`).
 */
export function buildQuiz(
  parsed: ParsedFile,
  title: string,
  moduleId: string,
  context: CourseContext,
  source: string,
  language = 'en',
  policy: QuizPolicy = defaultPolicy
): Quiz {
  const { file, tree } = parsed
  const intro: RootContent[] = []
  const questions: Question[] = []
  const banks: Bank[] = []
  let starts = 0
  let current: { heading: Heading; nodes: RootContent[]; wrapper: JsxElement | undefined } | undefined

  const flush = () => {
    if (current) {
      const question = buildQuestion(file, current.heading, current.nodes, current.wrapper, moduleId, context, language, policy, dealSeedOf(moduleId, starts))
      if (question) questions.push(question)
    }
    current = undefined
  }

  /** Read questions from these nodes; `bank` is the `<Bank>` they are in, if any. */
  const read = (nodes: readonly RootContent[], bank: JsxElement | undefined) => {
    for (const node of nodes) {
      if (node.type === 'heading' && node.depth === 2) {
        flush()
        starts++
        current = { heading: node, nodes: [], wrapper: undefined }
      } else if (node.type === 'mdxJsxFlowElement' && node.name === 'Question') {
        flush()
        starts++
        const [first, ...rest] = node.children as RootContent[]
        if (!first || first.type !== 'heading' || first.depth !== 2) {
          error(file, 'Unexpected content at the start of `<Question>`, expected a level-2 heading (`## …`) with the question', {
            ruleId: 'quiz-question-heading',
            place: first?.position ?? node.position
          })
          continue
        }
        current = { heading: first, nodes: rest, wrapper: node }
        flush()
      } else if (node.type === 'mdxJsxFlowElement' && node.name === 'Bank') {
        flush()
        if (bank) {
          error(file, 'Unexpected `<Bank>` inside a `<Bank>`, expected banks side by side at the top level of the quiz', {
            ruleId: 'quiz-bank-nested',
            place: node.position,
            note: 'Each attempt draws from every bank of the quiz; a bank cannot draw from another.'
          })
          continue
        }
        const first = questions.length
        const startsBefore = starts
        read(node.children as RootContent[], node)
        flush()
        const built = readBank(file, node, questions, first, starts - startsBefore, banks)
        if (built) banks.push(built)
      } else if (current) {
        current.nodes.push(node)
      } else if (bank) {
        error(file, `Unexpected \`${node.type}\` at the start of \`<Bank>\`, expected a question: a level-2 heading (\`## …\`) or a \`<Question>\``, {
          ruleId: 'quiz-bank-content',
          place: node.position
        })
      } else {
        intro.push(node)
      }
    }
  }
  read(tree.children, undefined)
  flush()

  if (starts === 0) {
    error(file, 'Cannot find any question in the quiz, expected level-2 headings (`## …`) each followed by a task list of options', {
      ruleId: 'quiz-no-questions',
      place: tree.children[0]?.position?.start
    })
  }
  // Unscored questions (likert) count no points: a quiz of only those could never be passed.
  if (questions.length > 0 && !questions.some((q) => isScored(q.data))) {
    error(file, 'Unexpected quiz of unscored questions only, expected at least one scored question (not `type="likert"`)', {
      ruleId: 'quiz-no-scored-question',
      place: questions[0]?.position
    })
  }
  return { title, intro: checkContent(file, intro, context), questions, policy, banks, source }
}

function buildQuestion(
  file: VFile,
  heading: Heading,
  nodes: RootContent[],
  wrapper: JsxElement | undefined,
  moduleId: string,
  context: CourseContext,
  language: string,
  policy: QuizPolicy,
  dealSeed: string
): Question | undefined {
  const text = toString(heading).trim()
  const attributes = wrapper ? readAttributes(file, wrapper) : {}
  checkContent(file, [heading], context)
  const typeName = typeof attributes.type === 'string' ? attributes.type : undefined
  const parser = parserNamed(typeName)
  // An unknown `type` was reported by readAttributes (invalid-attribute); nothing to read it with.
  if (!parser) return undefined
  for (const [name, readers] of typeAttributes) {
    if (name in attributes && !readers.includes(parser.name)) {
      error(file, `Unexpected attribute \`${name}\` on a \`${parser.name}\` question, expected it only with ${readers.map((r) => `\`type="${r}"\``).join(' or ')}`, {
        ruleId: 'unknown-attribute',
        place: wrapper?.position
      })
    }
  }
  // The type's block (a task list, a table, …): the prompt is what comes before it, the feedback the blockquote after it.
  let blockIndex = -1
  if (parser.isBlock) {
    blockIndex = nodes.findIndex((node) => parser.isBlock?.(node))
    if (blockIndex === -1) {
      const missing = parser.missingBlock?.(text) ?? { ruleId: 'quiz-no-options', message: `Cannot find the answer block of question \`${text}\`` }
      error(file, missing.message, { ruleId: missing.ruleId, place: heading.position })
      return undefined
    }
  } else {
    const quote = nodes.findIndex((node) => node.type === 'blockquote')
    blockIndex = quote === -1 ? nodes.length : quote - 1
  }
  const prompt = checkContent(file, nodes.slice(0, parser.isBlock ? blockIndex : blockIndex + 1), context)
  let feedback: Question['feedback']
  let feedbackBlockquote: RootContent | undefined
  for (const node of nodes.slice(blockIndex + 1)) {
    if (node.type === 'blockquote' && !feedback) {
      feedback = checkContent(file, node.children, context)
      if (policy.reveal !== 'always') feedbackBlockquote = node
    } else {
      warn(file, `Unexpected ${node.type === 'blockquote' ? 'second blockquote' : `\`${node.type}\``} after the options of \`${text}\`, expected at most one blockquote of feedback`, {
        ruleId: 'quiz-content-after-options',
        place: node.position
      })
    }
  }
  const explicitId = typeof attributes.id === 'string' ? attributes.id : undefined
  // Derived ids keep at most 100 characters of the heading: stable, and short enough for LMS identifiers.
  const id = explicitId ?? `${moduleId}.${slug(text).slice(0, 100).replace(/-+$/, '') || 'question'}`
  const points = typeof attributes.points === 'number' ? attributes.points : 1
  const body = parser.parse({ file, heading, text, attributes, id, points, language, context, wrapper, dealSeed }, parser.isBlock ? nodes[blockIndex] : undefined)
  if (!body) return undefined
  if (feedbackBlockquote) {
    const quoted = quotedAnswer(toString(feedbackBlockquote), coreOf(body.data).revealing(body.data))
    if (quoted !== undefined) {
      warn(file, `Unexpected right answer \`${quoted}\` in the feedback of \`${text}\`, expected feedback that does not give the answer away with \`reveal: ${policy.reveal}\``, {
        ruleId: 'quiz-feedback-reveals',
        place: feedbackBlockquote.position,
        note: `Feedback shows after every submission, so the learner would see the answer before the policy allows (${revealWhen[policy.reveal]}). Reword the feedback, or set \`reveal: always\` in the front matter.`
      })
    }
  }
  return {
    id,
    heading: heading.children,
    text,
    prompt,
    type: body.data.type,
    points: body.data.points,
    data: body.data,
    labels: body.labels,
    feedback,
    position: (wrapper ?? heading).position
  }
}

const revealWhen: Record<QuizPolicy['reveal'], string> = {
  never: 'never',
  'after-passing': 'once the quiz is passed',
  'after-last-attempt': 'after the last attempt',
  always: 'after each attempt'
}
