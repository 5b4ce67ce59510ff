import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkCourse } from '../src/pipeline.js'
import { render } from '../src/render/index.js'
import { fixtures } from './helpers.js'

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
