/**
 * Checks a Markdown body: only known components with literal attributes, no
 * expressions or import/export, and relative references that stay in the course.
 * Referenced files become package assets; links to other course pages become anchors.
 */
import type { Link, Nodes, RootContent } from 'mdast'
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx'
import type { Position } from 'unist'
import { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import { courseAsset, insideCourse, isLocal } from './assets.js'
import { checkMedia } from './media.js'
import type { Asset, Content, Media } from './types.js'
import { refusedUrls } from './url-check.js'

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement
export type AttributeValue = string | number | boolean | null

/** Components and the attributes each accepts (value check returns an expectation when wrong). */
export interface ComponentSpec {
  attributes: Record<string, { required?: boolean; check: (value: AttributeValue) => string | undefined }>
}

const oneOf = (...values: string[]) => (value: AttributeValue) =>
  typeof value === 'string' && values.includes(value) ? undefined : `expected one of ${values.map((v) => `\`${v}\``).join(', ')}`
const nonEmptyText = (value: AttributeValue) => (typeof value === 'string' && value.trim() !== '' ? undefined : 'expected a non-empty text')

const boolean = (v: AttributeValue) => (typeof v === 'boolean' ? undefined : 'expected the attribute alone (`required`) or `{true}` / `{false}`')

const identifier = (v: AttributeValue) =>
  typeof v === 'string' && /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/.test(v) ? undefined : 'expected letters, digits, `.`, `-` or `_` (no spaces, at most 100 characters)'

export const components: Record<string, ComponentSpec> = {
  Callout: { attributes: { type: { check: oneOf('note', 'tip', 'warning') }, title: { check: nonEmptyText } } },
  CaseStudy: { attributes: { title: { required: true, check: nonEmptyText } } },
  Risk: {
    attributes: {
      category: { required: true, check: oneOf('content', 'contact', 'conduct', 'contract', 'cross-cutting') },
      title: { required: true, check: nonEmptyText }
    }
  },
  Question: {
    attributes: {
      id: { check: identifier },
      points: {
        check: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100 ? undefined : 'expected a whole number from 1 to 100')
      }
    }
  },
  Video: {
    attributes: {
      src: { required: true, check: nonEmptyText },
      title: { required: true, check: nonEmptyText },
      captions: { check: nonEmptyText },
      poster: { check: nonEmptyText },
      id: { check: identifier },
      required: { check: boolean }
    }
  },
  Audio: {
    attributes: {
      src: { required: true, check: nonEmptyText },
      title: { required: true, check: nonEmptyText },
      id: { check: identifier },
      required: { check: boolean }
    }
  },
  Bank: {
    attributes: {
      id: { required: true, check: identifier },
      draw: { required: true, check: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'expected a whole number of 1 or more, such as `{3}`') }
    }
  }
}

/** Shared state while checking all bodies of one course. */
export interface CourseContext {
  /** Absolute course folder. */
  root: string
  /** Assets by package path. */
  assets: Map<string, Asset>
  /** Links to `.md` files, resolved once every page is known. */
  pageLinks: Array<{ node: Link; file: VFile; target: string; hash: string }>
  /** The language of the translation being built; undefined for the source language. */
  language: string | undefined
  /** The course's source language (`course.md` `language`). */
  sourceLanguage: string
  /** Every `<Video>` and `<Audio>` met so far. */
  media: Media[]
  /** Where each media id was first used. */
  mediaIds: Map<string, { file: VFile; place: Position | undefined }>
  /** Captions files read, by real path: each checked once, its messages reported with the course's files. */
  captions: Map<string, VFile>
}

/** A fresh course context. */
export function courseContext(root: string, language?: string, sourceLanguage = 'en'): CourseContext {
  return { root, assets: new Map(), pageLinks: [], language, sourceLanguage, media: [], mediaIds: new Map(), captions: new Map() }
}

export interface ContentOptions {
  /** Components allowed at the top level of this body, beside Callout and CaseStudy. */
  allow?: string[]
  /** The page this body is (optional): a page's body may hold `<Video>` and `<Audio>` at its top level. */
  page?: string
}

const everywhere = ['Callout', 'CaseStudy']
const mediaComponents = ['Video', 'Audio']

/** Read an attribute's literal value, or report why it is not a literal. */
export function attributeValue(file: VFile, attribute: MdxJsxAttribute): AttributeValue | undefined {
  const value = attribute.value
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value
  const program = value.data?.estree
  const statement = program?.body[0]
  if (program && program.body.length === 1 && statement?.type === 'ExpressionStatement') {
    const expression = statement.expression
    if (expression.type === 'Literal' && (typeof expression.value !== 'object' || expression.value === null)) {
      return expression.value as AttributeValue
    }
    if (expression.type === 'UnaryExpression' && expression.operator === '-' && expression.argument.type === 'Literal' && typeof expression.argument.value === 'number') {
      return -expression.argument.value
    }
  }
  error(file, `Unexpected expression \`{${value.value}}\` in attribute \`${attribute.name}\`, expected a literal such as \`"text"\` or \`{2}\``, {
    ruleId: 'no-expression',
    place: attribute.position,
    note: 'Nothing in a course is executed at build time.'
  })
  return undefined
}

/**
 * Read and check the attributes of a component element.
 *
 * @returns
 *   Literal attribute values by name (invalid ones left out, with messages).
 */
export function readAttributes(reportTo: VFile, node: JsxElement, report = true): Record<string, AttributeValue> {
  // Reading again a node that was already checked must not report its problems twice.
  const file = report ? reportTo : new VFile({ path: reportTo.path })
  const spec = components[node.name ?? '']
  const values: Record<string, AttributeValue> = {}
  if (!spec) return values
  for (const attribute of node.attributes as Array<MdxJsxAttribute | MdxJsxExpressionAttribute>) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      error(file, `Unexpected spread attribute \`{${attribute.value}}\` on \`<${node.name}>\`, expected \`name="value"\` attributes`, {
        ruleId: 'no-expression',
        place: attribute.position ?? node.position
      })
      continue
    }
    const rule = spec.attributes[attribute.name]
    if (!rule) {
      error(file, `Unexpected attribute \`${attribute.name}\` on \`<${node.name}>\`, expected ${listNames(Object.keys(spec.attributes))}`, {
        ruleId: 'unknown-attribute',
        place: attribute.position ?? node.position
      })
      continue
    }
    const value = attributeValue(file, attribute)
    if (value === undefined) continue
    const problem = rule.check(value)
    if (problem) {
      error(file, `Unexpected \`${String(value)}\` for \`${attribute.name}\` on \`<${node.name}>\`, ${problem}`, {
        ruleId: 'invalid-attribute',
        place: attribute.position ?? node.position
      })
      continue
    }
    values[attribute.name] = value
  }
  for (const [name, rule] of Object.entries(spec.attributes)) {
    if (rule.required && !(name in values) && !node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === name)) {
      error(file, `Cannot find attribute \`${name}\` on \`<${node.name}>\`, expected \`${name}="…"\``, {
        ruleId: 'missing-attribute',
        place: node.position
      })
    }
  }
  return values
}

/** Where a component may stand, for messages. */
function placeOf(name: string): string {
  if (name === 'Risk') return 'at the top level of a `kind: risks` lesson'
  if (name === 'Question' || name === 'Bank') return 'at the top level of a `quiz.md`'
  if (mediaComponents.includes(name)) return 'on a line of its own at the top level of a lesson, a module introduction or the welcome page'
  return 'on a line of its own'
}

function listNames(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `\`${n}\``).join(', ')
}

/**
 * Check a body (or part of one) and return it as model content.
 *
 * @param file
 *   File the nodes come from (messages go there).
 * @param nodes
 *   Top-level nodes of the body.
 * @param context
 *   Course-wide state (assets, page links).
 */
export function checkContent(file: VFile, nodes: RootContent[], context: CourseContext, options: ContentOptions = {}): Content {
  const topLevel = new Set([...everywhere, ...(options.allow ?? []), ...(options.page === undefined ? [] : mediaComponents)])
  for (const node of nodes) visit(node, true)
  return { children: nodes }

  // Recursive, but bounded: the parse stage refuses trees deeper than `maxTreeDepth` (400).
  function visit(node: Nodes, top: boolean): void {
    switch (node.type) {
      case 'mdxjsEsm':
        error(file, 'Unexpected `import` or `export`, expected only Markdown and the built-in components', {
          ruleId: 'no-esm',
          place: node.position,
          note: 'Nothing in a course is executed at build time; the components Callout, CaseStudy, Risk, Question and Bank need no import.'
        })
        return
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (isComment(node.data?.estree)) return
        error(file, `Unexpected expression \`{${node.value}}\`, expected Markdown text (write \`\\{\` for a literal brace)`, {
          ruleId: 'no-expression',
          place: node.position,
          note: 'Nothing in a course is executed at build time.'
        })
        return
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? ''
        const known = name in components
        if (!known || !(top ? topLevel.has(name) : everywhere.includes(name)) || node.type === 'mdxJsxTextElement') {
          const allowedHere = top ? [...topLevel] : everywhere
          error(
            file,
            known
              ? `Unexpected \`<${name}>\` here, expected it ${placeOf(name)}`
              : `Unexpected unknown component \`<${name}>\`, expected one of ${listNames(allowedHere)}`,
            { ruleId: 'unknown-component', place: node.position }
          )
          return
        }
        const values = readAttributes(file, node)
        if (mediaComponents.includes(name) && options.page !== undefined) checkMedia(file, node as MdxJsxFlowElement, values, context, options.page)
        for (const child of node.children) visit(child as Nodes, false)
        return
      }
      case 'image':
      case 'definition':
        if (!refusedUrls.has(node) && isLocal(node.url)) node.url = addAsset(node.url, node.position, node.type === 'image' ? 'image' : 'file')
        return
      case 'link':
        if (!refusedUrls.has(node) && isLocal(node.url)) resolveLink(node)
        for (const child of node.children) visit(child, false)
        return
      default:
        if ('children' in node) for (const child of node.children) visit(child as Nodes, false)
    }
  }

  function resolveLink(node: Link): void {
    const [pathPart = '', hash = ''] = node.url.split('#', 2)
    if (/\.(md|mdx)$/i.test(decodeURIComponent(pathPart))) {
      const target = insideCourse(file, context, pathPart, node.position)
      if (target) context.pageLinks.push({ node, file, target, hash })
      return
    }
    node.url = addAsset(node.url, node.position, 'file')
  }

  function addAsset(url: string, place: Position | undefined, what: string): string {
    const asset = courseAsset(file, context, url, place, what)
    return asset ? encodeURI(asset.target) : url
  }
}

/** An MDX comment `{/* … *\/}` is an expression with no code: allowed. */
function isComment(program: { body: unknown[] } | null | undefined): boolean {
  return program !== undefined && program !== null && program.body.length === 0
}
