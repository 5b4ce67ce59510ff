/**
 * The player: shows one page of `index.html` at a time, tracks visits, runs the quizzes,
 * restores a saved state, and hands every change to the tracker of the package's target.
 */
import { coreOf } from '../questions/cores.js'
import type { ViewEnv } from '../questions/view.js'
import { viewOf } from '../questions/views.js'
import {
  type Attempt,
  attemptSeed,
  attemptsLeft,
  drawAttempt,
  emptyQuizState,
  keptAttempt,
  questionOrder,
  type QuizState,
  revealsNow,
  scoreAttempt,
  submitAttempt
} from '../shared/attempts.js'
import type { CourseData, ModuleData, QuestionData, QuizData } from '../shared/course-data.js'
import { type Decimal, formatHundredths, parseDecimal, reaches, scoreCourse } from '../shared/scoring.js'
import { restoreState } from '../shared/legacy-state.js'
import { courseProgress, moduleProgress, pageViewed } from '../shared/progress.js'
import { encodeState, initialState, type LearnerState } from '../shared/suspend.js'
import { setupCertificate, showCertificate } from './certificate.js'
import { focusPage, showChrome } from './chrome.js'
import { setupContents } from './contents.js'
import { watchMedia } from './media.js'
import { createGate } from './navigation.js'
import { showNotice } from './notice.js'
import type { Tracker } from './tracker.js'

/** Fill `{name}` placeholders of a player string. */
function format(text: string | undefined, values: Record<string, string | number> = {}): string {
  return (text ?? '').replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

/**
 * The seed of this learner's shuffled orders: from the LMS's learner id, else a random one
 * kept in this browser; the same on every relaunch either way (FNV-1a over the course id too).
 */
function learnerSeed(courseId: string, learnerId: string | undefined): number {
  let id = learnerId
  if (!id) {
    const key = `coursepack:seed:${courseId}`
    try {
      id = localStorage.getItem(key) ?? undefined
      if (!id) {
        id = String(Math.floor(Math.random() * 2 ** 31))
        localStorage.setItem(key, id)
      }
    } catch {
      id = 'no-storage' // storage refused (a sandboxed frame): one order for everyone
    }
  }
  let hash = 0x811c9dc5
  for (const char of `${courseId}|${id}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
  return hash
}

/** Start the player with the course data and the target's tracker. */
export async function startPlayer(data: CourseData, tracker: Tracker): Promise<void> {
  const t = (key: string, values?: Record<string, string | number>) => format(data.strings[key], values)
  const launch = await tracker.start()
  const passing: Decimal = launch.passing ?? parseDecimal(String(data.passingScore)) ?? { units: 70, scale: 1 }
  const passingText = formatHundredths(Math.round((passing.units * 100) / passing.scale))
  // A state saved by this version or an earlier one of the course, mapped onto this one (src/shared/suspend.ts).
  const seed = learnerSeed(data.id, launch.learnerId)
  const saved = restoreState(data, launch.suspendData, seed)
  const state: LearnerState = saved ?? initialState(data, seed)
  let finished = false
  let reported = false
  /** The tracker was told that the completion rule holds (`reportProgress`). */
  let completionReported = false

  const sections = data.pages.map((id) => document.getElementById(id))
  const moduleOfPage = new Map<string, number>()
  data.modules.forEach((module, index) => module.pages.forEach((page) => moduleOfPage.set(page, index)))
  document.body.classList.add('cp-js')
  // `navigation: sequential`: pages of a module not open yet show a notice instead (src/runtime/navigation.ts).
  const gate = createGate({ data, state, passing, mode: launch.mode, t })
  setupContents(() => focusPage(sections[state.page]))
  setupCertificate()

  // Header notices: no LMS, or an LMS mode that records nothing; and whose progress is recorded.
  // The learner's name comes from the launch (untrusted): text only, like every notice.
  showNotice('mode', !tracker.connected ? t('noLms') : launch.mode !== 'normal' ? t('reviewMode') : '')
  if (launch.learner) showNotice('learner', t('learner', { name: launch.learner }), 'cp-learner')

  // Resume on the bookmarked page; the saved state's page when the bookmark is unknown. A page id
  // names its page in every version of the course, but `@<index>` (an id too long for a bookmark)
  // counts the pages of the version that saved it: with a saved state, whose page is mapped onto
  // this version (the same index when the version is the same), the state's page is used.
  const bookmarked = launch.location.startsWith('@') ? (saved ? -1 : Number(launch.location.slice(1))) : data.pages.indexOf(launch.location)
  if (bookmarked >= 0 && bookmarked < data.pages.length) state.page = bookmarked

  const persist = () => {
    const id = data.pages[state.page] ?? ''
    tracker.save(encodeState(data, state), id.length <= 255 ? id : `@${state.page}`)
  }

  // Required videos and audios: how far each was played, saved with the state, reported once watched (./media.ts).
  watchMedia(data, state, {
    t,
    save: persist,
    watched: (media, percent) => {
      if (launch.mode === 'normal') tracker.media?.(media, percent)
      // The page may now count as viewed: completion and progress under a rule that counts pages
      // (the state saved first, as a completion commits at once).
      persist()
      reportProgress()
    },
    changed: () => updateProgress()
  })

  /** The page section holding an element (an anchor inside a page opens that page). */
  const pageIndexOf = (target: Element | null): number => {
    const section = target?.closest('.cp-page')
    return section ? data.pages.indexOf(section.id) : -1
  }

  function show(index: number, focus: boolean, anchor?: Element | null): void {
    if (!gate.open(index, focus)) return
    state.page = index
    sections.forEach((section, i) => section?.classList.toggle('cp-current', i === index))
    const id = data.pages[index] ?? ''
    for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-page-link]')) {
      if (link.dataset.pageLink === id) link.setAttribute('aria-current', 'page')
      else link.removeAttribute('aria-current')
    }
    const first = !state.visited[index]
    if (first) {
      state.visited[index] = true
      tracker.viewed?.(id, data.titles[index] ?? id)
    }
    updateProgress()
    persist()
    if (first) reportProgress()
    if (focus) focusPage(sections[index], anchor)
  }

  /** The header, the contents, the welcome cards: where the learner stands (src/shared/progress.ts). */
  function updateProgress(): void {
    showChrome(data, t, {
      page: state.page,
      viewed: data.pages.map((_, index) => pageViewed(data, state, index)),
      modules: moduleProgress(data, state, passing, launch.mode),
      course: courseProgress(data, state, passing)
    })
    gate.update()
    updatePagesLeft()
  }

  /**
   * Tell the tracker where the course stands under its completion rule (after the state is
   * saved: a completion commits at once). Not over a verdict the LMS holds for a state carried
   * over from another version, as for the result (see the end of this function).
   */
  function reportProgress(): void {
    if (launch.mode !== 'normal' || !tracker.progressChanged || (state.carried && tracker.holdsVerdict())) return
    const progress = courseProgress(data, state, passing)
    tracker.progressChanged(progress, data.completion)
    if (progress.complete) completionReported = true
  }

  /**
   * Everything is recorded: the result, and under a completion rule other than `quizzes` that
   * rule met too (a course without quizzes has only the rule).
   */
  const done = (): boolean => (data.completion === 'quizzes' ? reported : completionReported && (reported || !data.modules.some((m) => m.quiz)))

  // Navigation: every link to `#id` goes through the hash, so the browser's history works.
  const fromHash = (focus: boolean) => {
    const id = decodeURIComponent(location.hash.slice(1))
    const target = id ? document.getElementById(id) : null
    const index = pageIndexOf(target)
    if (index >= 0) show(index, focus, target)
    return index >= 0
  }
  window.addEventListener('hashchange', () => fromHash(true))

  // Quizzes. Each shows its last submitted attempt (review: the one that counts), or an open
  // attempt to take: the questions it drew, in its order (src/shared/attempts.ts).
  const open: Array<{ n: number; asked: number[] } | undefined> = data.modules.map(() => undefined)
  const recordOf = (moduleIndex: number, quiz: QuizData): QuizState => state.quizzes[moduleIndex] ?? emptyQuizState(quiz)
  const keptAll = () => data.modules.map((module, i) => (module.quiz ? keptAttempt(recordOf(i, module.quiz)) : undefined))

  data.modules.forEach((module, moduleIndex) => {
    const quiz = module.quiz
    if (!quiz) return
    const form = document.querySelector<HTMLFormElement>(`form[data-quiz="${CSS.escape(module.id)}"]`)
    if (!form) return
    const record = recordOf(moduleIndex, quiz)
    for (const { set, question } of questionSets(module, form)) viewOf(question).setup?.(set, question, envFor(quiz, module, 1, false))
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      submitQuiz(module, moduleIndex, form)
    })
    const shown = launch.mode === 'review' ? keptAttempt(record) : record.last
    if (shown) showQuizResult(module, moduleIndex, form, shown, false)
    else openAttempt(module, moduleIndex, form, false)
    // Review cannot take the quiz again: the notice would ask for what it cannot record.
    if (state.changed[moduleIndex] && launch.mode !== 'review') showChanged(form, true)
  })

  /** The notice on a quiz that an update of the course reset: shown until the learner submits it again. */
  function showChanged(form: HTMLFormElement, on: boolean): void {
    let notice = form.querySelector<HTMLElement>('.cp-quiz-changed')
    if (!on) return notice?.remove()
    if (!notice) {
      notice = el('p', 'cp-quiz-changed', t('quizChanged'))
      form.prepend(notice)
    }
  }

  function envFor(quiz: QuizData, module: ModuleData, n: number, reveal: boolean): ViewEnv {
    return { t, seed: attemptSeed(state.seed, module.id, n), reveal, shuffleOptions: quiz.policy.shuffle === 'options' || quiz.policy.shuffle === 'both' }
  }

  /**
   * Each question with its fieldset (in quiz order), for its type's view (src/questions/<type>/view.ts).
   * Found by the question's id: an attempt reorders the fieldsets.
   */
  function questionSets(module: ModuleData, form: HTMLFormElement): Array<{ set: HTMLFieldSetElement; question: QuestionData; index: number }> {
    const sets = new Map([...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')].map((set) => [set.dataset.question ?? '', set]))
    return (module.quiz?.questions ?? []).flatMap((question, index) => {
      const set = sets.get(question.id)
      return set ? [{ set, question, index }] : []
    })
  }

  /** Show an attempt's questions only, in its order, numbered 1…n. */
  function arrangeAttempt(module: ModuleData, form: HTMLFormElement, n: number, asked: readonly number[]): void {
    const quiz = module.quiz
    if (!quiz) return
    const items = questionSets(module, form)
    const order = questionOrder(quiz, asked, attemptSeed(state.seed, module.id, n))
    const anchor = form.querySelector('.cp-quiz-actions')
    for (const { set, index } of items) {
      const on = asked.includes(index)
      set.hidden = !on
      set.disabled = !on
    }
    order.forEach((index, position) => {
      const set = items.find((item) => item.index === index)?.set
      if (!set) return
      if (anchor) form.insertBefore(set, anchor)
      const number = set.querySelector('.cp-question-number')
      if (number) number.textContent = `${position + 1}.`
    })
    let status = form.querySelector<HTMLElement>('.cp-attempt-status')
    if (!status) {
      status = el('p', 'cp-attempt-status')
      form.prepend(status)
    }
    const limit = quiz.policy.attempts
    status.textContent = limit > 1 ? t('attemptOf', { n, total: limit }) : limit === 0 && n > 1 ? t('attemptN', { n }) : ''
    status.hidden = status.textContent === ''
  }

  /** Start the next attempt: a new draw and new orders, the controls cleared. */
  function openAttempt(module: ModuleData, moduleIndex: number, form: HTMLFormElement, focus: boolean): void {
    const quiz = module.quiz
    if (!quiz) return
    const record = recordOf(moduleIndex, quiz)
    const n = record.used + 1
    const asked = drawAttempt(quiz, attemptSeed(state.seed, module.id, n), record.seen)
    open[moduleIndex] = { n, asked }
    arrangeAttempt(module, form, n, asked)
    for (const { set, question } of questionSets(module, form)) {
      viewOf(question).reset(set, question, envFor(quiz, module, n, false))
      const feedback = set.querySelector<HTMLElement>('.cp-feedback')
      if (feedback) feedback.hidden = true
    }
    form.querySelector('.cp-submit')?.removeAttribute('hidden')
    form.querySelector('.cp-quiz-result')?.replaceChildren()
    if (focus) form.querySelector<HTMLElement>('fieldset:not([hidden]) input, fieldset:not([hidden]) select, fieldset:not([hidden]) button')?.focus()
  }

  function submitQuiz(module: ModuleData, moduleIndex: number, form: HTMLFormElement): void {
    if (finished) return
    const quiz = module.quiz
    const attempt = open[moduleIndex]
    const result = form.querySelector<HTMLElement>('.cp-quiz-result')
    if (!quiz || !attempt) return
    const record = recordOf(moduleIndex, quiz)
    // No attempt is left (a second tab, a control unhidden by hand): nothing is taken, the final result stays.
    if (attemptsLeft(quiz, record) === 0) {
      const left = form.querySelector<HTMLElement>('.cp-attempts-left')
      if (left) {
        left.setAttribute('tabindex', '-1')
        left.focus()
      } else if (result) result.textContent = t('noAttemptsLeft')
      return
    }
    const items = questionSets(module, form).filter(({ index }) => attempt.asked.includes(index))
    const answers: string[][] = quiz.questions.map(() => [])
    for (const { set, question, index } of items) answers[index] = [...viewOf(question).read(set, question)]
    const unanswered = items.filter(({ question, index }) => !coreOf(question).answered(question, answers[index] ?? []))
    if (unanswered.length > 0) {
      if (result) result.textContent = t('answerAll', { n: unanswered.length })
      unanswered[0]?.set.querySelector<HTMLElement>('input, select, button')?.focus()
      return
    }
    const submitted: Attempt = { n: attempt.n, asked: attempt.asked, answers }
    const next = submitAttempt(quiz, record, submitted)
    state.quizzes[moduleIndex] = next
    // A submission in this version: the learner has taken the changed quiz, and results are this version's own.
    state.changed[moduleIndex] = false
    state.carried = false
    showChanged(form, false)
    open[moduleIndex] = undefined
    const score = scoreAttempt(quiz, submitted)
    const kept = keptAttempt(next) ?? submitted
    const keptScore = scoreAttempt(quiz, kept)
    if (launch.mode === 'normal') {
      tracker.quiz({
        module,
        attempt: submitted.n,
        asked: submitted.asked,
        answers,
        score,
        passed: reaches(score.hundredths, passing),
        kept: { score: keptScore, passed: reaches(keptScore.hundredths, passing) },
        passing
      })
    }
    showQuizResult(module, moduleIndex, form, submitted, true)
    // Save first: the course result commits at once, with the state included.
    persist()
    reportProgress()
    reportCourse()
    updateProgress()
  }

  /** Show a submitted attempt: each question's verdict and feedback, the right answers when the policy allows. */
  function showQuizResult(module: ModuleData, moduleIndex: number, form: HTMLFormElement, attempt: Attempt, announce: boolean): void {
    const quiz = module.quiz
    if (!quiz) return
    const record = recordOf(moduleIndex, quiz)
    const reveal = revealsNow(quiz, record, passing)
    const env = envFor(quiz, module, attempt.n, reveal)
    arrangeAttempt(module, form, attempt.n, attempt.asked)
    const score = scoreAttempt(quiz, attempt)
    for (const { set, question, index } of questionSets(module, form)) {
      if (!attempt.asked.includes(index)) continue
      const answer = attempt.answers[index] ?? []
      viewOf(question).show(set, question, answer, env)
      const core = coreOf(question)
      const feedback = set.querySelector<HTMLElement>('.cp-feedback')
      if (feedback) {
        feedback.hidden = false
        // An unscored question (likert) is neither right nor wrong: its feedback shows without a verdict.
        const right = core.scored && core.isCorrect(question, answer)
        feedback.classList.toggle('cp-is-correct', core.scored && right)
        feedback.classList.toggle('cp-is-incorrect', core.scored && !right)
        const verdict = feedback.querySelector('.cp-verdict')
        if (verdict) verdict.textContent = !core.scored ? '' : right ? t('right') : t('wrong')
      }
    }
    const passed = reaches(score.hundredths, passing)
    const left = attemptsLeft(quiz, record)
    const kept = keptAttempt(record)
    const result = form.querySelector<HTMLElement>('.cp-quiz-result')
    form.querySelector<HTMLButtonElement>('.cp-submit')?.setAttribute('hidden', '')
    if (!result) return
    result.replaceChildren()
    const box = el('div', `cp-result-box ${passed ? 'cp-passed' : 'cp-failed'}`)
    box.append(
      el('p', 'cp-quiz-score', t('quizScore', { score: formatHundredths(score.hundredths), earned: score.earned, total: score.total })),
      el('p', 'cp-quiz-verdict', passed ? t('quizPassed') : t('quizFailed', { score: passingText }))
    )
    if (kept && kept.n !== attempt.n) {
      box.append(el('p', 'cp-quiz-kept', t('keptAttempt', { n: kept.n, score: formatHundredths(scoreAttempt(quiz, kept).hundredths) })))
    }
    if (quiz.policy.attempts > 0) box.append(el('p', 'cp-attempts-left', left === 0 ? t('noAttemptsLeft') : t('attemptsLeft', { n: left })))
    if (!reveal && quiz.policy.reveal !== 'never' && !passed) {
      box.append(el('p', 'cp-reveal-note', t(quiz.policy.reveal === 'after-passing' ? 'revealAfterPassing' : 'revealAfterLast')))
    }
    if (left > 0 && launch.mode !== 'review') {
      const retake = el('button', 'cp-button cp-secondary cp-retake', t('retake'))
      retake.type = 'button'
      retake.addEventListener('click', () => openAttempt(module, moduleIndex, form, true))
      box.append(retake)
    }
    // Filling a live region that is already in the page is what screen readers announce.
    result.append(box)
    if (announce) {
      const first = result.querySelector<HTMLElement>('.cp-quiz-score')
      first?.setAttribute('tabindex', '-1')
      first?.focus()
    }
  }

  /** What Finish did: results sent, progress saved, or (browse, review) nothing recorded. */
  const finishedText = (): string => (launch.mode !== 'normal' ? t('notRecorded') : done() ? t('finished') : t('progressSaved'))

  /** In the LMS's frame, or launched by an LMS that takes the learner back: the LMS has the way out. */
  const leavesThroughLms = (): boolean => {
    if (launch.leavesToLms) return true
    try {
      return window.self !== window.top
    } catch {
      return true // a cross-origin parent: framed
    }
  }

  /** Score the course; report it when every quiz is in, and update the results page. */
  function reportCourse(): void {
    const score = scoreCourse(data, keptAll(), passing)
    if (score.complete && launch.mode === 'normal' && data.modules.some((m) => m.quiz)) {
      tracker.result(score, passing)
      reported = true
    }
    updateResults()
  }

  function updateResults(): void {
    const score = scoreCourse(data, keptAll(), passing)
    data.modules.forEach((module, index) => {
      const cell = document.querySelector(`[data-result="${CSS.escape(module.id)}"] .cp-result-score`)
      const quiz = score.modules[index]
      if (cell) cell.textContent = quiz ? `${formatHundredths(quiz.hundredths)}%` : t('notSubmitted')
    })
    const left = data.modules.filter((m, i) => m.quiz && !keptAll()[i]).length
    // Review: the attempt is finished; show the result the LMS keeps, not this visit's answers.
    const kept = launch.mode === 'review' ? (launch.kept ?? {}) : undefined
    const hundredths = kept ? kept.hundredths : score.complete ? score.hundredths : undefined
    const passed = kept ? kept.passed : score.complete ? score.passed : undefined
    showCertificate(data, t, { passed, hundredths, learner: launch.learner })
    const box = document.querySelector<HTMLElement>('.cp-course-result')
    if (!box) return
    const summary = el('div', `cp-result-box${passed === undefined ? '' : passed ? ' cp-passed' : ' cp-failed'}`)
    if (hundredths !== undefined) summary.append(el('p', 'cp-course-score', t('overallScore', { score: formatHundredths(hundredths) })))
    if (passed !== undefined) summary.append(el('p', 'cp-course-verdict', passed ? t('coursePassed') : t('courseFailed', { score: passingText })))
    if (kept) summary.append(el('p', 'cp-attempt-finished', t('attemptFinished')))
    else if (!score.complete) summary.append(el('p', 'cp-course-verdict', t('courseIncomplete', { n: left })))
    // A completion rule that counts pages: what is left to view (kept up to date by `updateProgress`).
    if (!kept && data.completion !== 'quizzes') summary.append(el('p', 'cp-course-pages'))
    if (tracker.connected) {
      const finish = el('button', 'cp-button cp-finish', t('finish'))
      finish.type = 'button'
      finish.disabled = finished
      finish.addEventListener('click', () => {
        if (finished) return
        finished = true
        tracker.finish(done())
        finish.disabled = true
        summary.append(el('p', 'cp-finished', `${finishedText()} ${t(leavesThroughLms() ? 'leaveInLms' : 'closeWindow')}`))
      })
      summary.append(finish)
    }
    box.replaceChildren(summary)
    updatePagesLeft()
  }

  function updatePagesLeft(): void {
    const note = document.querySelector<HTMLElement>('.cp-course-result .cp-course-pages')
    if (!note) return
    const { viewed, pages } = courseProgress(data, state, passing)
    note.textContent = viewed < pages ? t('pagesLeft', { n: pages - viewed }) : ''
    note.hidden = viewed >= pages
  }

  // The page is going away: end the session without a synchronous commit.
  // Trackers guard against a second end, so this runs after a Finish too (to flush what is left).
  window.addEventListener('pagehide', () => {
    finished = true
    tracker.pagehide(done())
  })

  // A restored, finished state is reported unless the LMS already holds that result (a
  // result queued in a session that ended before it reached the LMS, or answers restored
  // from a Preview by an earlier version): never assumed to be reported.
  // After the first page is shown, so that the state is saved before the result.
  if (!fromHash(false)) show(state.page, false)
  // Where a restored state stands, before its result: a result may wait for the completion rule.
  reportProgress()
  // A state carried over from another version of the course is not reported over a verdict the
  // LMS holds until the learner submits a quiz in this one (README, "Updating a course that learners are taking").
  const restored = scoreCourse(data, keptAll(), passing)
  if (restored.complete && tracker.holds(restored, passing)) reported = true
  else if (restored.complete && !(state.carried && tracker.holdsVerdict())) reportCourse()
  updateResults()
  // The shown page's fragment in the address, so that Back returns to it. Once the document is
  // loaded: a fragment in place when parsing ends makes the browser scroll to it and start the
  // Tab order there, inside the page instead of at the skip link and the contents.
  const bookmark = () => {
    try {
      history.replaceState(null, '', `#${data.pages[state.page] ?? ''}`)
    } catch {
      // Some sandboxed frames refuse history changes; the page shows either way.
    }
  }
  if (document.readyState === 'complete') bookmark()
  else window.addEventListener('load', bookmark, { once: true })
}
