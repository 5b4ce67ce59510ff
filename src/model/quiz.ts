/**
 * Quiz stage of the model: `quiz.md` becomes questions. Each level-2 heading starts a
 * question; a GFM task list gives its options (`[x]` correct); a blockquote after the
 * list is feedback. `<Question id points>` may wrap a question.
 */
import { slug } from 'github-slugger'
import type { Heading, List, PhrasingContent, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { error, warn } from '../diagnostics.js'
import type { ParsedFile } from '../parse/index.js'
import { type CourseContext, checkContent, type JsxElement, readAttributes } from './content.js'
import type { Option, Question, Quiz } from './types.js'

/** Most options a question may have: SCORM 1.2 choice responses are single characters `a`–`z`, `0`–`9`. */
export const maxOptions = 36
const optionIds = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Build a quiz from a parsed `quiz.md`.
 *
 * @param moduleId
 *   Id of the module, the prefix of derived question ids.
 */
export function buildQuiz(parsed: ParsedFile, title: string, moduleId: string, context: CourseContext, source: string): Quiz {
  const { file, tree } = parsed
  const intro: RootContent[] = []
  const questions: Question[] = []
  let starts = 0
  let current: { heading: Heading; nodes: RootContent[]; wrapper: JsxElement | undefined } | undefined

  const flush = () => {
    if (current) {
      const question = buildQuestion(file, current.heading, current.nodes, current.wrapper, moduleId, context)
      if (question) questions.push(question)
    }
    current = undefined
  }

  for (const node of tree.children) {
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
    } else if (current) {
      current.nodes.push(node)
    } else {
      intro.push(node)
    }
  }
  flush()

  if (starts === 0) {
    error(file, 'Cannot find any question in the quiz, expected level-2 headings (`## …`) each followed by a task list of options', {
      ruleId: 'quiz-no-questions',
      place: tree.children[0]?.position?.start
    })
  }
  return { title, intro: checkContent(file, intro, context), questions, source }
}

function buildQuestion(
  file: VFile,
  heading: Heading,
  nodes: RootContent[],
  wrapper: JsxElement | undefined,
  moduleId: string,
  context: CourseContext
): Question | undefined {
  const text = toString(heading).trim()
  const attributes = wrapper ? readAttributes(file, wrapper) : {}
  checkContent(file, [heading], context)
  const listIndex = nodes.findIndex((node) => node.type === 'list' && node.children.some((item) => typeof item.checked === 'boolean'))
  if (listIndex === -1) {
    error(file, `Cannot find options for question \`${text}\`, expected a task list such as \`- [x] Right\` and \`- [ ] Wrong\``, {
      ruleId: 'quiz-no-options',
      place: heading.position
    })
    return undefined
  }
  const list = nodes[listIndex] as List
  const prompt = checkContent(file, nodes.slice(0, listIndex), context)
  let feedback: Question['feedback']
  for (const node of nodes.slice(listIndex + 1)) {
    if (node.type === 'blockquote' && !feedback) {
      feedback = checkContent(file, node.children, context)
    } else {
      warn(file, `Unexpected ${node.type === 'blockquote' ? 'second blockquote' : `\`${node.type}\``} after the options of \`${text}\`, expected at most one blockquote of feedback`, {
        ruleId: 'quiz-content-after-options',
        place: node.position
      })
    }
  }

  const options: Option[] = []
  for (const item of list.children) {
    if (typeof item.checked !== 'boolean') {
      error(file, `Unexpected list item without a checkbox in question \`${text}\`, expected \`- [ ] …\` or \`- [x] …\``, {
        ruleId: 'quiz-option-not-task',
        place: item.position
      })
      continue
    }
    const [first, ...more] = item.children
    if (more.length > 0) {
      warn(file, 'Unexpected content after the first paragraph of an option, expected one paragraph per option', {
        ruleId: 'quiz-option-shape',
        place: more[0]?.position
      })
    }
    const label: PhrasingContent[] = first && first.type === 'paragraph' ? first.children : []
    checkContent(file, label as RootContent[], context)
    const optionText = toString(label).trim()
    if (optionText === '') {
      error(file, `Unexpected empty option in question \`${text}\`, expected the option's text after the checkbox`, {
        ruleId: 'quiz-option-shape',
        place: item.position
      })
    }
    options.push({ id: optionIds[options.length] ?? String(options.length), label, text: optionText, correct: item.checked })
  }

  const correct = options.filter((o) => o.correct).length
  if (options.length > maxOptions) {
    error(file, `Unexpected ${options.length} options in question \`${text}\`, expected at most ${maxOptions}`, {
      ruleId: 'quiz-too-many-options',
      place: list.position
    })
  }
  if (correct === 0) {
    error(file, `Cannot find a correct option in question \`${text}\`, expected at least one \`- [x] …\``, {
      ruleId: 'quiz-no-correct-option',
      place: list.position
    })
  } else if (correct === options.length) {
    error(file, `Unexpected question \`${text}\` with every option correct, expected at least one wrong option \`- [ ] …\``, {
      ruleId: 'quiz-no-wrong-option',
      place: list.position
    })
  }
  const seen = new Set<string>()
  for (const option of options) {
    if (seen.has(option.text)) {
      warn(file, `Unexpected duplicate option \`${option.text}\` in question \`${text}\`, expected distinct options`, {
        ruleId: 'quiz-duplicate-option',
        place: list.position
      })
    }
    seen.add(option.text)
  }

  const explicitId = typeof attributes.id === 'string' ? attributes.id : undefined
  return {
    // Derived ids keep at most 100 characters of the heading: stable, and short enough for LMS identifiers.
    id: explicitId ?? `${moduleId}.${slug(text).slice(0, 100).replace(/-+$/, '') || 'question'}`,
    heading: heading.children,
    text,
    prompt,
    type: correct > 1 ? 'multiple' : 'single',
    points: typeof attributes.points === 'number' ? attributes.points : 1,
    options,
    feedback,
    position: (wrapper ?? heading).position
  }
}
