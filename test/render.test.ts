import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkCourse } from '../src/pipeline.js'
import type { Element } from 'hast'
import type { Image, Link } from 'mdast'
import type { Content } from '../src/model/types.js'
import { urlProblem } from '../src/model/urls.js'
import { render } from '../src/render/index.js'
import { createMarkdownRenderer, guardUrls } from '../src/render/markdown.js'
import { fixtures } from './helpers.js'
import { hostileHrefs } from './hostile-urls.js'

describe('render', async () => {
  const { course } = await checkCourse(path.join(fixtures, 'minimal'))
  const result = render(course)
  const html = String(result.files.find((f) => f.path === 'index.html')?.data)

  /** The HTML of one page's section. */
  const section = (id: string) => {
    const start = html.indexOf(`<section class="cp-page`, html.indexOf(`id="${id}"`) - 80)
    const end = html.indexOf('<section class="cp-page', start + 1)
    return html.slice(start, end === -1 ? html.indexOf('</main>') : end)
  }

  test('lists the pages in reading order', () => {
    expect(result.pages.map((p) => `${p.kind}:${p.id}`)).toEqual([
      'welcome:welcome',
      'module:m-basics',
      'lesson:m-basics--first',
      'risks:m-basics--risks',
      'quiz:m-basics--quiz',
      'module:m-more',
      'lesson:m-more--only',
      'quiz:m-more--quiz',
      'results:results'
    ])
  })

  test('writes one section per page with previous/next links', () => {
    expect(html.match(/<section class="cp-page /g)).toHaveLength(9)
    const lesson = section('m-basics--first')
    expect(lesson).toContain('href="#m-basics" rel="prev"')
    expect(lesson).toContain('href="#m-basics--risks" rel="next"')
  })

  test('escapes author text everywhere', () => {
    expect(html).toContain('<title>A &lt;Minimal&gt; &amp; Course</title>')
    expect(html).toContain('Spot the &lt;risks&gt;')
    expect(html).toContain('Which is a <code>&#x3C;Risk></code> category?')
    expect(html).not.toContain('<Minimal>')
  })

  test('renders components through their partials', () => {
    const lesson = section('m-basics--first')
    expect(lesson).toMatch(/<aside class="cp-callout cp-callout-tip" aria-label="Tip">/)
    expect(lesson).toContain('A <strong>tip</strong> inside a callout.')
    expect(lesson).toMatch(/<section class="cp-case-study" aria-label="Case study: A made-up app">/)
    expect(lesson).toContain('<img src="assets/images/square.svg" alt="A small square" loading="lazy">')
    expect(lesson).toContain('<a href="https://example.org" target="_blank" rel="noopener noreferrer">a site</a>')
  })

  test('renders the 4Cs overview as a table linking to one card per risk', () => {
    const risks = section('m-basics--risks')
    expect(risks).toContain('<caption>The four Cs of online risk</caption>')
    expect(risks.match(/<th scope="row">/g)).toHaveLength(5)
    expect(risks).toContain('<a href="#m-basics--risks--risk-contract-risks">Contract risks</a>')
    expect(risks).toContain('<article class="cp-risk cp-risk-contract" id="m-basics--risks--risk-contract-risks"')
    expect(risks.indexOf('Risks come in four groups.')).toBeLessThan(risks.indexOf('<table'))
  })

  test('renders quiz questions as fieldsets with native labelled controls', () => {
    const quiz = section('m-basics--quiz')
    expect(quiz.match(/<fieldset class="cp-question"/g)).toHaveLength(3)
    expect(quiz).toContain('<legend class="cp-question-text"><span class="cp-question-number">1.</span> Which colour is the sky on a clear day?</legend>')
    expect(quiz).toContain('<input type="radio" name="q-1-1" id="q-1-1-b" value="b">')
    expect(quiz).toContain('<label for="q-1-1-b">Blue</label>')
    expect(quiz).toContain('<input type="checkbox" name="q-1-2" id="q-1-2-a" value="a">')
    expect(quiz).toContain('<button type="submit" class="cp-button cp-submit">Submit answers</button>')
    // The answer key is not in the markup.
    expect(quiz).not.toMatch(/correct="|data-correct/)
  })

  test('ships the stylesheet', () => {
    expect(result.files.map((f) => f.path)).toEqual(['index.html', 'coursepack.css'])
  })
})

describe('render guard: URLs outside the allow-list never reach the HTML, even past the model', () => {
  const md = createMarkdownRenderer((name, context) => `<div class="partial-${name}">${String(context.content)}</div>`)
  const link = (url: string): Link => ({ type: 'link', url, title: null, children: [{ type: 'text', value: 'click' }] })
  const image = (url: string): Image => ({ type: 'image', url, alt: 'a', title: null })
  const hrefs = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1])

  test.each(hostileHrefs)('drops %j from a link, an image, a reference and a link inside a component', (url) => {
    const content: Content = {
      children: [
        { type: 'paragraph', children: [link(url), image(url), { type: 'linkReference', identifier: 'r', label: 'r', referenceType: 'full', children: [{ type: 'text', value: 'ref' }] }] },
        { type: 'definition', identifier: 'r', label: 'r', url, title: null },
        { type: 'mdxJsxFlowElement', name: 'Callout', attributes: [], children: [{ type: 'paragraph', children: [link(url)] }] }
      ]
    }
    const html = md.content(content)
    expect(html).toContain('click')
    expect(html).toContain('partial-callout')
    expect(hrefs(html)).toEqual([])
  })

  test('keeps allowed URLs: web, mail, phone, anchors, relative pages and files, https images', () => {
    const allowed = ['https://example.org/', 'http://example.org/', 'mailto:a@example.org', 'tel:+41220000', '#m-basics', 'assets/a.pdf']
    const html = md.content({ children: [{ type: 'paragraph', children: [...allowed.map(link), image('https://example.org/a.png'), image('assets/a.png')] }] })
    expect(hrefs(html)).toEqual([...allowed, 'https://example.org/a.png', 'assets/a.png'])
  })

  test('an http: image is dropped (media only from the package or https:)', () => {
    expect(hrefs(md.content({ children: [{ type: 'paragraph', children: [image('http://example.org/a.png')] }] }))).toEqual([])
  })

  test('guardUrls clears every URL property of an element', () => {
    const element: Element = { type: 'element', tagName: 'video', properties: { src: 'javascript:alert(1)', poster: 'data:image/png,x', title: 'kept' }, children: [] }
    guardUrls(element)
    expect(element.properties).toEqual({ title: 'kept' })
  })

  test('urlProblem explains each refusal and allows the allow-list', () => {
    for (const url of hostileHrefs) expect(urlProblem(url, 'link'), url).toBeDefined()
    expect(urlProblem('javascript%3Aalert(1)', 'link')?.reason).toMatch(/decode to the scheme `javascript:`/)
    expect(urlProblem('//evil.example', 'link')?.scheme).toBe('protocol-relative')
    for (const url of ['https://example.org', 'mailto:a@b.c', 'tel:1', '#x', 'page.md', '../images/a.svg', '?q=1', '']) expect(urlProblem(url, 'link'), url).toBeUndefined()
    expect(urlProblem('mailto:a@b.c', 'media')?.scheme).toBe('mailto')
    expect(urlProblem('https://example.org/a.png', 'media')).toBeUndefined()
  })
})
