/** Stylesheets as packages ship them: the comments gone, every rule the same. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { transform } from 'esbuild'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { stripCssComments } from '../src/render/css.js'
import { repoRoot } from './helpers.js'

const minified = async (css: string) => (await transform(css, { loader: 'css', minify: true, logLevel: 'silent' })).code

test('the default theme loses its comments and keeps every rule (the same CSS once minified)', async () => {
  const css = readFileSync(path.join(repoRoot, 'templates', 'assets', 'coursepack.css'), 'utf8')
  const stripped = stripCssComments(css)
  expect(css).toContain('/*')
  expect(stripped).not.toMatch(/\/\*/)
  expect(stripped.length).toBeLessThan(css.length)
  expect(await minified(stripped)).toBe(await minified(css))
})

test('strings and url() keep a /* inside them; /*! comments stay; a comment alone on its line leaves no blank line', () => {
  expect(stripCssComments('a::before { content: "/* not a comment */"; } /* gone */')).toBe('a::before { content: "/* not a comment */"; } ')
  expect(stripCssComments("b { content: '\\'/*'; }")).toBe("b { content: '\\'/*'; }")
  expect(stripCssComments('/*! licence */\nc { color: red }')).toBe('/*! licence */\nc { color: red }')
  expect(stripCssComments('d {\n  /* why */\n  color: red;\n}\n')).toBe('d {\n  color: red;\n}\n')
  expect(stripCssComments('e { color: red } /* unterminated')).toBe('e { color: red } ')
})

test('any stylesheet made of rules, strings and comments: the same CSS without the comments', async () => {
  const piece = fc.oneof(
    fc.constantFrom('a { color: red; }', 'b::after { content: "/*x*/"; }', "i { content: '*/'; }", '@media print { p { margin: 0 } }', '\n', '  '),
    fc.string({ unit: fc.constantFrom('x', ' ', '*', '\n', 'é', '汉') }).map((text) => `/*${text.replace(/\*\//g, '')}*/`)
  )
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
      const css = pieces.join('')
      expect(await minified(stripCssComments(css))).toBe(await minified(css))
    }),
    { numRuns: 200 }
  )
})
