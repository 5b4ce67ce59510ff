/**
 * The render guard in Chromium: hostile hrefs injected at the mdast level (past the
 * model's `url-scheme` check) are rendered through the real renderer and partials, served
 * from a loopback server, and every link is clicked. No dialog may open and no frame or
 * popup may navigate to anything but http(s). A control link written without the
 * renderer proves the detector sees a `javascript:` link fire.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Image, Link, RootContent } from 'mdast'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createMarkdownRenderer } from '../../src/render/markdown.js'
import { loadTemplates } from '../../src/render/templates.js'
import { hostileHrefs } from '../hostile-urls.js'
import { launchBrowser } from './harness.js'

const link = (url: string, text: string): Link => ({ type: 'link', url, title: null, children: [{ type: 'text', value: text }] })
const image = (url: string): Image => ({ type: 'image', url, alt: 'img', title: null })

function hostileBody(): RootContent[] {
  const nodes: RootContent[] = []
  hostileHrefs.forEach((url, index) => {
    nodes.push({ type: 'paragraph', children: [link(url, `plain ${index}`), { type: 'text', value: ' ' }, image(url)] })
    nodes.push({ type: 'paragraph', children: [{ type: 'linkReference', identifier: `r${index}`, label: `r${index}`, referenceType: 'full', children: [{ type: 'text', value: `reference ${index}` }] }] })
    nodes.push({ type: 'definition', identifier: `r${index}`, label: `r${index}`, url, title: null })
    nodes.push({ type: 'mdxJsxFlowElement', name: 'Callout', attributes: [{ type: 'mdxJsxAttribute', name: 'type', value: 'warning' }], children: [{ type: 'paragraph', children: [link(url, `callout ${index}`)] }] })
  })
  return nodes
}

function pageHtml(body: string, control: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hostile links</title></head><body><main id="content">${body}</main><p>${control}</p><a id="ok" href="/landed">allowed</a></body></html>`
}

let browser: Browser
let server: http.Server
let origin: string
let rendered: string

beforeAll(async () => {
  const env = loadTemplates()
  const strings = env.strings('en')
  const md = createMarkdownRenderer((name, context) => env.partial(name, { ...context, strings }))
  rendered = md.content({ children: hostileBody() })
  server = http.createServer((request, response) => {
    const control = request.url === '/control' ? '<a id="control" href="javascript:alert(&quot;control&quot;)">control</a>' : ''
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(request.url === '/landed' ? '<!DOCTYPE html><title>landed</title><p>landed</p>' : pageHtml(rendered, control))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

/** Open a page, recording dialogs and every URL a frame or popup navigates to. */
async function open(path: string): Promise<{ page: Page; dialogs: string[]; navigations: string[] }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const dialogs: string[] = []
  const navigations: string[] = []
  const watch = (p: Page) => {
    p.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    p.on('framenavigated', (frame) => navigations.push(frame.url()))
  }
  watch(page)
  context.on('page', (popup) => {
    navigations.push(popup.url())
    watch(popup)
  })
  await page.goto(`${origin}${path}`)
  return { page, dialogs, navigations }
}

describe('hostile links in Chromium', () => {
  test('the rendered page has no href or src outside the allow-list', async () => {
    const { page } = await open('/')
    const urls = await page.evaluate(() => [...document.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''))
    expect(urls).toEqual(['/landed'])
    expect(await page.locator('main a').count()).toBe(hostileHrefs.length * 3)
    await page.context().close()
  })

  test('clicking every link opens no dialog and navigates nowhere but http(s)', async () => {
    const { page, dialogs, navigations } = await open('/')
    const links = page.locator('main a')
    const count = await links.count()
    for (let index = 0; index < count; index++) {
      await links.nth(index).click({ timeout: 5000 })
      await links.nth(index).press('Enter')
    }
    for (const img of await page.locator('main img').all()) await img.click({ timeout: 5000, force: true })
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    expect(page.url()).toBe(`${origin}/`)
    expect(navigations.every((url) => /^https?:\/\/127\.0\.0\.1:\d+\//.test(url)), JSON.stringify(navigations)).toBe(true)
    // The detector works: an allowed link does navigate, over http.
    await page.locator('#ok').click()
    await page.waitForURL(`${origin}/landed`)
    expect(navigations).toContain(`${origin}/landed`)
    await page.context().close()
  })

  test('control: a javascript: link written past the renderer does fire, so the detector can fail', async () => {
    const { page, dialogs } = await open('/control')
    await page.locator('#control').click()
    await expect.poll(() => dialogs).toEqual(['control'])
    await page.context().close()
  })
})
