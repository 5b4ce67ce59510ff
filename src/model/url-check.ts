/**
 * Every URL of a file, wherever it sits in the mdast — inline links, reference
 * definitions, images, links in quiz feedback, callouts and risk cards, the files of
 * `<Video>` and `<Audio>` — checked
 * against the allow-list of ./urls.ts (`url-scheme`), and every relative path checked
 * for malformed `%` escapes (`url-escape`). The walk is iterative: a tree of any depth
 * costs no stack.
 */
import type { Definition, Nodes, Root } from 'mdast'
import type { MdxJsxAttribute } from 'mdast-util-mdx'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../diagnostics.js'
import { malformedEscape, type UrlKind, urlProblem } from './urls.js'

/** Nodes whose URL was refused. */
export const refusedUrls = new WeakSet<Nodes>()
const refused = refusedUrls

/** `<Video>` and `<Audio>` attributes (`src`, `poster`, `captions`) whose URL was refused. */
export const refusedAttributes = new WeakSet<MdxJsxAttribute>()

/** The attributes of each media component that hold a URL, and what they are, for messages. */
const mediaUrls: Record<string, Record<string, string>> = {
  Video: { src: 'video source', poster: 'poster', captions: 'captions' },
  Audio: { src: 'audio source' }
}

/** Nodes of a tree in document order, without recursion. */
export function* walk(tree: Nodes): Generator<Nodes> {
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    yield node
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as Nodes)
  }
}

/** Show at most 60 characters of a URL in a message, with control characters visible. */
function shown(url: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = url.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/`/g, "'")
  return visible.length > 60 ? `${visible.slice(0, 57)}…` : visible
}

/**
 * Report every refused URL and malformed escape of a parsed file.
 *
 * Refused nodes join `refusedUrls`: the model resolves no path for them, and the
 * renderer drops their URL anyway.
 */
export function checkUrls(file: VFile, tree: Root): void {
  const definitions = new Map<string, Definition>()
  for (const node of walk(tree)) if (node.type === 'definition') definitions.set(node.identifier, node)

  const check = (node: Nodes, url: string, kind: UrlKind, place: Position | undefined, what: string, attribute?: MdxJsxAttribute) => {
    const refuse = () => (attribute ? refusedAttributes.add(attribute) : refused.add(node))
    const problem = urlProblem(url, kind)
    if (problem) {
      refuse()
      error(file, `Unexpected ${what} \`${shown(url)}\` with ${problem.reason}`, {
        ruleId: 'url-scheme',
        place,
        note: 'Course content is never code: a link that runs script would run it in the LMS, with the learner\'s session.'
      })
      return
    }
    const bad = !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) ? malformedEscape(url) : undefined
    if (bad !== undefined) {
      refuse()
      error(file, `Unexpected \`${shown(bad)}\` in the path \`${shown(url)}\`, expected \`%\` followed by two hex digits of UTF-8 (write \`%25\` for a literal \`%\`)`, {
        ruleId: 'url-escape',
        place
      })
    }
  }

  for (const node of walk(tree)) {
    switch (node.type) {
      case 'link':
        check(node, node.url, 'link', node.position, 'link')
        break
      case 'definition':
        check(node, node.url, 'link', node.position, 'link definition')
        break
      case 'image':
        check(node, node.url, 'media', node.position, 'image')
        break
      case 'imageReference': {
        // A definition is a link target by default; used by an image it must also be an allowed media URL.
        const definition = definitions.get(node.identifier)
        if (definition && !refused.has(definition)) check(definition, definition.url, 'media', node.position, 'image')
        break
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const urls = mediaUrls[node.name ?? '']
        if (!urls) break
        for (const attribute of node.attributes) {
          if (attribute.type !== 'mdxJsxAttribute') continue
          const what = urls[attribute.name]
          // `captions="none"`: a video without speech, not a file.
          if (!what || typeof attribute.value !== 'string' || (attribute.name === 'captions' && attribute.value === 'none')) continue
          check(node, attribute.value, 'media', attribute.position ?? node.position, what, attribute)
        }
        break
      }
      default:
        break
    }
  }
}
