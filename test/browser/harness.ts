/**
 * Browser test harness: a loopback HTTP server that plays the LMS. Its frame page runs
 * the real scorm-again runtime as `window.API` (or `API_1484_11`), sends commits to this
 * server as a real LMS does, and loads the package's launch page in a child iframe.
 */
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { type Browser, type BrowserContextOptions, chromium, type FrameLocator, type Page } from 'playwright-core'
import type { ChoiceData } from '../../src/questions/choice/core.js'
import { coreOf } from '../../src/questions/cores.js'
import { driverOf } from '../../src/questions/drivers.js'
import { openKeys, type PackagedCourseData } from '../../src/questions/keys.js'
import type { CourseData, QuestionData } from '../../src/shared/course-data.js'
import { chromiumArgs } from '../../src/lms-test/browser.js'
import { plannedQuestions } from '../../src/lms-test/walks/plan.js'
import { contentType, sendFile } from '../../src/preview/send-file.js'
import { repoRoot } from '../helpers.js'

/** The flags `coursepack test` starts Chromium with: the tests use the same. */
export { chromiumArgs }

export function launchBrowser(): Promise<Browser> {
  // One line saying what to install, instead of playwright's page about its own browsers.
  if (!existsSync('/usr/bin/chromium')) throw new Error('Cannot find /usr/bin/chromium, expected Debian\'s chromium for the browser tests: install it (apt-get install chromium), as .ci/run does')
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
}

export interface LmsConfig {
  /** `scorm12` (window.API) or `scorm2004` (window.API_1484_11). */
  standard: 'scorm12' | 'scorm2004'
  /** Initial CMI data, as an LMS loads it before launch (mastery score, resume data…). */
  cmi: Record<string, unknown>
  /** Fault injection: the first SetValue of each of these elements fails with error 101, as a flaky LMS would. */
  failOnce?: string[]
}

export interface Commit {
  url: string
  body: unknown
}

export interface LmsServer {
  url: string
  /** Serve this package (zip entries) under /pkg/. */
  setPackage(files: Map<string, Buffer>): void
  config: LmsConfig
  commits: Commit[]
  /** Answer POSTs to this path with a handler (cmi5's fetch URL, for one), instead of recording a commit. */
  route(path: string, handler: (request: http.IncomingMessage, response: http.ServerResponse) => void): void
  close(): Promise<void>
}

const scormAgain = (standard: LmsConfig['standard']) => path.join(repoRoot, 'node_modules', 'scorm-again', 'dist', `${standard}.js`)

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.json': 'application/json'
}

/** JSON inside a <script>: `<` escaped, so LMS data holding `</script>` stays data (as in a real LMS page). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')

/** The LMS frame page: scorm-again's API with call logging, and the course in an iframe. */
function lmsPage(config: LmsConfig): string {
  const global = config.standard === 'scorm12' ? 'API' : 'API_1484_11'
  const className = config.standard === 'scorm12' ? 'Scorm12API' : 'Scorm2004API'
  const methods =
    config.standard === 'scorm12'
      ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']
      : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit']
  const lastError = config.standard === 'scorm12' ? 'LMSGetLastError' : 'GetLastError'
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again/${config.standard}.js"></script>
<script>
  var api = new ${className}({ lmsCommitUrl: '/commit', autocommit: false, logLevel: 5 });
  api.loadFromJSON(${scriptJson(config.cmi)});
  // A log of every call with the error code scorm-again reported right after it.
  window.lmsCalls = [];
  ${JSON.stringify(methods)}.forEach(function (name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = original.apply(null, args);
      window.lmsCalls.push({ name: name, args: args, result: String(result), error: String(api.${lastError}()) });
      return result;
    };
  });
  // Fault injection on the real runtime: a refused SetValue reports 101 until the next call.
  var failOnce = ${JSON.stringify(config.failOnce ?? [])};
  var injected = null;
  var setName = ${JSON.stringify(config.standard === 'scorm12' ? 'LMSSetValue' : 'SetValue')};
  var realSet = api[setName];
  api[setName] = function (element, value) {
    injected = null;
    var at = failOnce.indexOf(element);
    if (at !== -1) { failOnce.splice(at, 1); injected = '101'; window.lmsCalls.push({ name: setName, args: [element, value], result: 'false', error: '101', injected: true }); return 'false'; }
    return realSet(element, value);
  };
  var realLastError = api.${lastError}.bind(api);
  api.${lastError} = function () { return injected !== null ? injected : realLastError(); };
  window.${global} = api;
</script></head>
<body><iframe id="course" title="Course" src="/pkg/index.html" style="width:100%;height:95vh;border:0"></iframe></body></html>`
}

export async function startLmsServer(): Promise<LmsServer> {
  let files = new Map<string, Buffer>()
  const routes = new Map<string, (request: http.IncomingMessage, response: http.ServerResponse) => void>()
  const state: { config: LmsConfig; commits: Commit[] } = { config: { standard: 'scorm12', cmi: {} }, commits: [] }
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const routed = routes.get(url.pathname)
    if (routed) {
      routed(request, response)
      return
    }
    if (url.pathname === '/returned.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end('<!DOCTYPE html><html lang="en"><title>Back in the LMS</title><h1>Back in the LMS</h1></html>')
      return
    }
    if (request.method === 'POST') {
      const chunks: Buffer[] = []
      request.on('data', (c: Buffer) => chunks.push(c))
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // keep the raw text
        }
        state.commits.push({ url: url.pathname + url.search, body })
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ result: true, errorCode: 0 }))
      })
      return
    }
    let data: Buffer | string | undefined
    let type = types[path.extname(url.pathname)] ?? 'application/octet-stream'
    if (url.pathname === '/lms.html') data = lmsPage(state.config)
    else if (url.pathname.startsWith('/scorm-again/')) data = readFileSync(scormAgain(state.config.standard))
    else if (url.pathname.startsWith('/pkg/')) data = files.get(decodeURIComponent(url.pathname.slice(5)))
    if (data === undefined) {
      response.writeHead(404)
      response.end()
      return
    }
    if (url.pathname === '/lms.html') type = types['.html'] ?? type
    // Package files as the preview serves them: media with their types and byte ranges.
    if (url.pathname.startsWith('/pkg/') && Buffer.isBuffer(data)) return sendFile(request, response, data, contentType(url.pathname), { 'cache-control': 'no-store' })
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
    response.end(data)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    setPackage: (next) => {
      files = next
    },
    get config() {
      return state.config
    },
    set config(value) {
      state.config = value
    },
    commits: state.commits,
    route: (routePath, handler) => {
      routes.set(routePath, handler)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The course data a package embeds, with its answer keys opened (src/questions/keys.ts). */
export function courseDataOf(files: Map<string, Buffer>): CourseData {
  const html = files.get('index.html')?.toString('utf8') ?? ''
  const match = /<script type="application\/json" id="cp-data">([\s\S]*?)<\/script>/.exec(html)
  return openKeys(JSON.parse(match?.[1] ?? '{}') as PackagedCourseData)
}

/** How many questions one attempt of every quiz asks (each one interaction record, or one `answered` statement, per submission): fixed ones and each bank's draw. */
export const questionCount = (data: CourseData): number => data.modules.reduce((n, m) => n + (m.quiz ? plannedQuestions(m.quiz).length : 0), 0)

/** A question's data when it is a choice question (for tests that read its options), else undefined. */
export const asChoice = (question: QuestionData | undefined): ChoiceData | undefined => (question?.type === 'single' || question?.type === 'multiple' ? question : undefined)

/** The course frame inside the LMS page. */
export function courseFrame(page: Page): FrameLocator {
  return page.frameLocator('#course')
}

/**
 * Answer one module's quiz as a learner: open it from the table of contents, answer the
 * first `correct` questions the attempt shows right and the others wrong, submit.
 */
export async function takeQuiz(course: FrameLocator | Page, data: CourseData, moduleIndex: number, correct: number): Promise<void> {
  const module = data.modules[moduleIndex]
  const quiz = module?.quiz
  if (!module || !quiz) throw new Error(`module ${moduleIndex} has no quiz`)
  // The player's own strings, so the same steps work in every language.
  await course.getByRole('navigation', { name: data.strings.courseMenu ?? 'Course contents' }).getByRole('link', { name: quiz.title, exact: true }).click()
  const page = course.locator(`section[id="${quiz.page}"]`)
  // The questions this attempt asks, in the order it shows them (banks draw, `shuffle` orders).
  const shown = await page.locator('fieldset[data-question]:not([hidden])').evaluateAll((sets) => sets.map((set) => (set as HTMLElement).dataset.question ?? ''))
  for (const [position, id] of shown.entries()) {
    const question = quiz.questions.find((q) => q.id === id)
    if (!question) throw new Error(`the quiz shows a question ${id} its data does not have`)
    const group = page.getByRole('group', { name: `${position + 1}. ${question.text}`, exact: true })
    const right = position < correct
    // Other types enter their core's example answer through their driver (src/questions/<type>/drive.ts), as `coursepack test` does.
    if (question.type !== 'single' && question.type !== 'multiple') {
      await driverOf(question).enter(group, question, coreOf(question).example(question, right))
      continue
    }
    const choose = right ? question.correct : [question.options.find((o) => !question.correct.includes(o)) ?? 'a']
    const role = question.type === 'multiple' ? 'checkbox' : 'radio'
    for (const option of choose) {
      const label = question.labels[question.options.indexOf(option)] ?? option
      await group.getByRole(role, { name: label, exact: true }).check()
    }
  }
  await page.getByRole('button', { name: data.strings.submitAnswers ?? 'Submit answers' }).click()
  await page.locator('.cp-quiz-score').waitFor()
}

/**
 * Finish the course as a learner does: open the results page, press Finish, and (unless
 * the package leaves for the LMS's returnURL, as cmi5 does) wait for the confirmation.
 */
export async function finishCourse(course: FrameLocator | Page, options: { confirmation?: boolean } = {}): Promise<void> {
  await course.getByRole('navigation', { name: 'Course contents' }).getByRole('link', { name: 'Your results' }).click()
  await course.getByRole('button', { name: 'Finish and exit' }).click()
  // The confirmation says what was recorded ("Your results have been sent." once reported).
  if (options.confirmation !== false) await course.locator('.cp-finished').waitFor()
}


/**
 * Open the package served by `server` as the top page, with scorm-again's SCORM 1.2 API as its
 * own `window.API` (no LMS frame around it: axe, screenshots and printing see the course alone).
 *
 * @param cmi
 *   The CMI data the LMS loads before launch, such as `{ core: { student_name } }`.
 */
export async function openWithScormApi(browser: Browser, server: LmsServer, cmi: Record<string, unknown>, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
  await context.addInitScript({ content: readFileSync(scormAgain('scorm12'), 'utf8') })
  await context.addInitScript({ content: `window.API = new Scorm12API({ autocommit: false, logLevel: 5 }); window.API.loadFromJSON(${scriptJson(cmi)});` })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`${server.url}/pkg/index.html`)
  await page.locator('body.cp-js').waitFor()
  return page
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: Array<{ target: string[]; failureSummary: string }>
}

/** Run axe-core (WCAG 2.0 and 2.1, A and AA) on the page as it shows now; its violations, shortened. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  })
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))
}
