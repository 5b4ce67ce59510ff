/**
 * Markdown content → HTML. Components render through Handlebars partials so that a
 * course can override their markup; everything else goes through mdast-util-to-hast,
 * which escapes all text. No author-written HTML reaches the output (MDX has none).
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { Nodes, PhrasingContent, RootContent } from 'mdast'
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx'
import { type Handler, type State, toHast } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import type { Content } from '../model/types.js'
import { isAllowedUrl, type UrlKind } from '../model/urls.js'

/** Renders a named partial with a context; provided by the template environment. */
export type PartialRenderer = (name: string, context: Record<string, unknown>) => string

const partialOf: Record<string, string> = { Callout: 'callout', CaseStudy: 'case-study', Risk: 'risk' }

function literalAttributes(node: MdxJsxFlowElement): Record<string, string> {
  const values: Record<string, string> = {}
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') continue
    const value = (attribute as MdxJsxAttribute).value
    if (typeof value === 'string') values[attribute.name] = value
    else if (value && typeof value === 'object') values[attribute.name] = value.value
  }
  return values
}

/** Properties that hold a URL, and the allow-list each is checked against. */
const urlProperties: Record<string, UrlKind> = { href: 'link', src: 'media', srcSet: 'media', poster: 'media', cite: 'link', action: 'link', formAction: 'link', xLinkHref: 'link' }

/**
 * Defence in depth: whatever the model let through, no element keeps a URL outside the
 * allow-list (a refused link stays as its text, a refused image loses its source).
 */
export function guardUrls(element: Element): void {
  for (const [name, kind] of Object.entries(urlProperties)) {
    const value = element.properties[name]
    if (value === undefined || value === null) continue
    const text = Array.isArray(value) ? value.join(' ') : String(value)
    if (!isAllowedUrl(text, element.tagName === 'a' ? 'link' : kind)) delete element.properties[name]
  }
}

/** Guard every URL of a hast tree; web links open in a new tab, images load lazily. */
function finish(hast: HastRoot): HastRoot {
  visit(hast, 'element', (element: Element) => {
    guardUrls(element)
    const href = element.properties.href
    if (element.tagName === 'a' && typeof href === 'string' && /^https?:/i.test(href)) {
      element.properties.target = '_blank'
      element.properties.rel = ['noopener', 'noreferrer']
    }
    if (element.tagName === 'img') element.properties.loading = 'lazy'
  })
  return hast
}

/** Create a renderer of model content with these partials. */
export function createMarkdownRenderer(renderPartial: PartialRenderer, options: { media?: ReadonlyMap<MdxJsxFlowElement, Record<string, unknown>> } = {}) {
  const component: Handler = (state: State, node: MdxJsxFlowElement) => {
    const partial = partialOf[node.name ?? '']
    // Children become HTML here, inside the partial: they get the same URL guard first.
    const inner = toHtml(finish({ type: 'root', children: state.all(node as never) as ElementContent[] }), { allowDangerousHtml: true })
    // A `<Video>` or `<Audio>`: the player, with its children as the transcript (src/model/media.ts resolved its files).
    const media = options.media?.get(node)
    if (media) return { type: 'raw', value: renderPartial('media', { ...media, transcript: inner }) } as never
    if (!partial) return { type: 'raw', value: inner } as never
    return { type: 'raw', value: renderPartial(partial, { ...literalAttributes(node), anchor: node.data?.anchor, content: inner }) } as never
  }
  const drop: Handler = () => undefined
  const handlers = { mdxJsxFlowElement: component, mdxFlowExpression: drop, mdxTextExpression: drop, mdxjsEsm: drop }

  function convert(nodes: RootContent[] | PhrasingContent[]): string {
    const hast = toHast({ type: 'root', children: nodes } as Nodes, { handlers }) as HastRoot
    return toHtml(finish(hast), { allowDangerousHtml: true })
  }

  return {
    /** Block content → HTML. */
    content: (content: Content | undefined): string => (content ? convert(content.children) : ''),
    /** Phrasing content (a heading or an option label) → HTML. */
    inline: (nodes: PhrasingContent[]): string => convert([{ type: 'paragraph', children: nodes }]).replace(/^<p>|<\/p>$/g, '')
  }
}
