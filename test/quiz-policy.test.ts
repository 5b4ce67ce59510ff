/** Quiz policies and question banks: the `quiz.md` front matter, `<Bank>`, their diagnostics, the course data, translations and the quiz page. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { toCourseData } from '../src/package/course-data.js'
import { checkCourse } from '../src/pipeline.js'
import { render } from '../src/render/index.js'
import { defaultPolicy } from '../src/shared/course-data.js'
import { attemptSize } from '../src/model/banks.js'
import { quotedAnswer } from '../src/model/reveals.js'
import { cleanup, fixtureCourse } from './helpers.js'

afterAll(cleanup)

/** The first module's quiz replaced by front matter lines and a body: the course and every message as `file:line:column severity rule`. */
async function quiz(frontmatter: string, body: string, overlay?: string) {
  const { course } = fixtureCourse(overlay)
  writeFileSync(path.join(course, '01-basics', 'quiz.md'), `---\ntitle: Quiz\n${frontmatter}---\n\n${body}`)
  return read(course)
}

async function read(course: string, language?: string) {
  const result = language ? await checkCourse(course, process.cwd(), ['scorm12'], language) : await checkCourse(course)
  const all = result.files.flatMap((f) => f.messages.map((m) => ({ at: `${path.basename(f.path)}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`, reason: m.reason, note: m.note })))
  return {
    result,
    quiz: result.course.modules[0]?.quiz,
    // The untranslated warnings of a translated course are not what these tests are about.
    messages: all.filter((m) => !m.at.endsWith(' untranslated')).map((m) => m.at),
    details: all.filter((m) => !m.at.endsWith(' untranslated'))
  }
}

const choice = (heading: string, right = 'Right', feedback = '') => `## ${heading}\n\n- [x] ${right}\n- [ ] Wrong\n${feedback ? `\n> ${feedback}\n` : ''}\n`
const wrapped = (attributes: string, inner: string) => `<Question${attributes}>\n\n${inner}</Question>\n\n`
const bank = (attributes: string, inner: string) => `<Bank${attributes}>\n\n${inner}</Bank>\n\n`

describe('the policy in front matter', () => {
  test('defaults: unlimited attempts, best, after-passing, no shuffle, avoid; no banks', async () => {
    const { quiz: q, messages } = await quiz('', choice('One?'))
    expect(messages).toEqual([])
    expect(q?.policy).toEqual(defaultPolicy)
    expect(q?.policy).toEqual({ attempts: 0, keep: 'best', reveal: 'after-passing', shuffle: 'none', repeat: 'avoid' })
    expect(q?.banks).toEqual([])
  })

  test('every option read', async () => {
    const { quiz: q, messages } = await quiz('attempts: 3\nkeep: last\nreveal: after-last-attempt\nshuffle: both\nrepeat: allow\n', bank(' id="b" draw={1}', choice('One?') + choice('Two?')))
    expect(messages).toEqual([])
    expect(q?.policy).toEqual({ attempts: 3, keep: 'last', reveal: 'after-last-attempt', shuffle: 'both', repeat: 'allow' })
  })

  test.each([
    ['attempts: 0', 'quiz.md:3:11', /^Unexpected `0` for `attempts` in `quiz\.md`, expected a whole number of 1 or more \(leave `attempts` out for unlimited attempts\)$/],
    ['attempts: two', 'quiz.md:3:11', /^Unexpected `"two"` for `attempts`.*expected a whole number of 1 or more/],
    ['attempts: 1.5', 'quiz.md:3:11', /^Unexpected `1\.5` for `attempts`/],
    ['keep: first', 'quiz.md:3:7', /^Unexpected `"first"` for `keep` in `quiz\.md`, expected one of `best`, `last`$/],
    ['reveal: sometimes', 'quiz.md:3:9', /expected one of `never`, `after-passing`, `after-last-attempt`, `always`$/],
    ['shuffle: yes', 'quiz.md:3:10', /expected one of `none`, `options`, `questions`, `both`$/],
    ['repeat: never', 'quiz.md:3:9', /expected one of `avoid`, `allow`$/]
  ])('%s is an error at the value, listing what is allowed', async (line, at, reason) => {
    // Line 3: after `---` and `title`.
    const { details } = await quiz(`${line}\n`, choice('One?'))
    expect(details.map((d) => d.at)).toEqual([`${at} error frontmatter-invalid`])
    const found = details
    expect(found[0]?.reason).toMatch(reason)
  })

  test('passingScore in quiz.md is an error naming course.md', async () => {
    const { details, quiz: q } = await quiz('attempts: 2\npassingScore: 80\n', choice('One?'))
    expect(details.map((d) => d.at)).toEqual(['quiz.md:4:1 error quiz-passing-score'])
    expect(details[0]?.reason).toMatch(/`passingScore`.*`course\.md`/)
    // The rest of the front matter still counts.
    expect(q?.policy.attempts).toBe(2)
  })

  test('options that can never act are warned about, at their value', async () => {
    const unlimited = await quiz('reveal: after-last-attempt\n', choice('One?'))
    expect(unlimited.messages).toEqual(['quiz.md:3:9 warning quiz-policy-inert'])
    expect(unlimited.details[0]?.reason).toMatch(/right answers are never shown/)
    const once = await quiz('attempts: 1\nkeep: last\nrepeat: allow\n', bank(' id="b" draw={1}', choice('One?') + choice('Two?')))
    expect(once.messages).toEqual(['quiz.md:4:7 warning quiz-policy-inert', 'quiz.md:5:9 warning quiz-policy-inert'])
    const noBanks = await quiz('attempts: 2\nrepeat: avoid\n', choice('One?'))
    expect(noBanks.messages).toEqual(['quiz.md:4:9 warning quiz-policy-inert'])
  })

  test('no warning for what acts: a bank drawn whole over several attempts, after-last-attempt with a limit, defaults with one attempt', async () => {
    expect((await quiz('attempts: 3\nreveal: after-last-attempt\nrepeat: avoid\n', bank(' id="b" draw={2}', choice('One?') + choice('Two?')))).messages).toEqual([])
    expect((await quiz('attempts: 1\n', choice('One?'))).messages).toEqual([])
  })
})

describe('banks', () => {
  test('banks of mixed types beside fixed questions: indexes in author order, ids as usual', async () => {
    const { quiz: q, messages, result } = await quiz(
      'attempts: 2\n',
      choice('Fixed first?') +
        bank(
          ' id="contact" draw={2}',
          choice('Bank one?') +
            wrapped(' type="true-false"', '## True or false: banks draw?\n\n- [x] True\n- [ ] False\n\n') +
            wrapped(' id="num" type="numeric" answer={7}', '## How many days in a week?\n\n')
        ) +
        choice('Fixed middle?') +
        bank(' id="other" draw={1}', wrapped(' type="fill-in"', '## Capital of France?\n\n- Paris\n\n') + choice('Bank two?'))
    )
    expect(messages).toEqual([])
    expect(q?.questions.map((x) => x.id)).toEqual([
      'basics.fixed-first',
      'basics.bank-one',
      'basics.true-or-false-banks-draw',
      'num',
      'basics.fixed-middle',
      'basics.capital-of-france',
      'basics.bank-two'
    ])
    expect(q?.banks.map(({ id, draw, questions, position }) => ({ id, draw, questions, line: position?.start.line }))).toEqual([
      { id: 'contact', draw: 2, questions: [1, 2, 3], line: 11 },
      { id: 'other', draw: 1, questions: [5, 6], line: 40 }
    ])
    const data = toCourseData(result.course, 'scorm12', {}).modules[0]?.quiz
    expect(data?.policy).toEqual({ ...defaultPolicy, attempts: 2 })
    expect(data?.banks).toEqual([
      { id: 'contact', draw: 2, questions: [1, 2, 3] },
      { id: 'other', draw: 1, questions: [5, 6] }
    ])
    expect(data?.questions.map((x) => x.id)).toEqual(q?.questions.map((x) => x.id))
  })

  test('the quiz page states the rules and counts the questions of one attempt', async () => {
    const { result } = await quiz('attempts: 2\n', choice('Fixed?') + bank(' id="b" draw={2}', choice('One?') + choice('Two?') + choice('Three?')))
    const html = String(render(result.course).files.find((f) => f.path === 'index.html')?.data)
    expect(html).toContain('<p class="cp-quiz-meta">3 questions. You need 70% to pass.</p>')
    expect(html).toContain('<p class="cp-quiz-rules">You have 2 attempts. The score of your best attempt counts. Right answers are shown once you pass. Each attempt asks 3 questions.</p>')
  })

  test('one attempt: the fixed questions and each bank’s draw, with their points', async () => {
    const { quiz: q, messages } = await quiz('', wrapped(' points={3}', choice('Fixed?')) + bank(' id="b" draw={2}', wrapped(' points={2}', choice('One?')) + wrapped(' points={2}', choice('Two?')) + wrapped(' points={2}', choice('Three?'))))
    expect(messages).toEqual([])
    expect(q && attemptSize(q)).toEqual({ questions: 3, points: 7 })
  })

  test('the rules of a quiz without banks, one attempt', async () => {
    const { result } = await quiz('attempts: 1\nreveal: never\n', choice('One?') + choice('Two?'))
    const html = String(render(result.course).files.find((f) => f.path === 'index.html')?.data)
    expect(html).toContain('<p class="cp-quiz-rules">You have one attempt. Right answers are not shown.</p>')
  })

  test('every question of a bank has the same points: an error at the first that differs', async () => {
    const { details } = await quiz(
      '',
      bank(' id="b" draw={1}', wrapped(' points={2}', choice('One?')) + choice('Two?') + wrapped(' points={3}', choice('Three?')))
    )
    expect(details.map((d) => d.at)).toEqual(['quiz.md:16:1 error quiz-bank-points'])
    expect(details[0]?.reason).toBe("Unexpected 1 points for `Two?` in `<Bank id=\"b\">`, expected 2 as for the bank's first question: every question of a bank has the same points")
  })

  test('an unscored question among scored ones in a bank differs in points', async () => {
    const { messages } = await quiz('', bank(' id="b" draw={1}', choice('One?') + wrapped(' type="likert"', '## How sure?\n\n- Not\n- Very\n\n')))
    expect(messages).toEqual(['quiz.md:12:1 error quiz-bank-points'])
  })

  test('draw larger than the bank', async () => {
    const { details } = await quiz('', bank(' id="b" draw={3}', choice('One?') + choice('Two?')))
    expect(details.map((d) => d.at)).toEqual(['quiz.md:5:1 error quiz-bank-draw'])
    expect(details[0]?.reason).toBe('Unexpected `draw={3}` on `<Bank id="b">`, expected at most 2, the number of questions in the bank')
  })

  test('missing or invalid id and draw, unknown attributes', async () => {
    const { details } = await quiz(
      '',
      bank(' draw={1}', choice('One?')) + bank(' id="has space" draw={0}', choice('Two?')) + bank(' id="c" draw="two" points={2}', choice('Three?')) + bank(' id="d"', choice('Four?'))
    )
    expect(details.map((d) => `${d.at} ${d.reason}`)).toEqual([
      'quiz.md:5:1 error missing-attribute Cannot find attribute `id` on `<Bank>`, expected `id="…"`',
      'quiz.md:14:7 error invalid-attribute Unexpected `has space` for `id` on `<Bank>`, expected letters, digits, `.`, `-` or `_` (no spaces, at most 100 characters)',
      'quiz.md:14:22 error invalid-attribute Unexpected `0` for `draw` on `<Bank>`, expected a whole number of 1 or more, such as `{3}`',
      'quiz.md:23:14 error invalid-attribute Unexpected `two` for `draw` on `<Bank>`, expected a whole number of 1 or more, such as `{3}`',
      'quiz.md:23:25 error unknown-attribute Unexpected attribute `points` on `<Bank>`, expected `id`, `draw`',
      'quiz.md:32:1 error missing-attribute Cannot find attribute `draw` on `<Bank>`, expected `draw="…"`'
    ])
  })

  test('bank ids are unique in the quiz', async () => {
    const { details } = await quiz('', bank(' id="b" draw={1}', choice('One?')) + bank(' id="b" draw={1}', choice('Two?')))
    expect(details.map((d) => d.at)).toEqual(['quiz.md:14:1 error quiz-bank-duplicate-id'])
  })

  test('an empty bank, a bank in a bank, content before a bank’s first question', async () => {
    const empty = await quiz('', choice('Fixed?') + '<Bank id="e" draw={1}>\n</Bank>\n')
    expect(empty.messages).toEqual(['quiz.md:10:1 error quiz-bank-empty'])
    const nested = await quiz('', bank(' id="outer" draw={1}', choice('One?') + bank(' id="inner" draw={1}', choice('Two?'))))
    expect(nested.messages).toEqual(['quiz.md:12:1 error quiz-bank-nested'])
    const content = await quiz('', bank(' id="b" draw={1}', 'Some words.\n\n' + choice('One?')))
    expect(content.messages).toEqual(['quiz.md:7:1 error quiz-bank-content'])
  })

  test('<Bank> outside a quiz is refused', async () => {
    const { course } = fixtureCourse()
    writeFileSync(path.join(course, '01-basics', '01-first.md'), '---\ntitle: First\n---\n\n<Bank id="b" draw={1}>\n\nText.\n\n</Bank>\n')
    const { messages, details } = await read(course)
    expect(messages).toEqual(['01-first.md:5:1 error unknown-component'])
    expect(details[0]?.reason).toBe('Unexpected `<Bank>` here, expected it at the top level of a `quiz.md`')
  })
})

describe('feedback that gives the answer away', () => {
  test('warned at the feedback blockquote unless reveal: always', async () => {
    const body = choice('Which colour is the sky?', 'Blue', 'The sky is blue because of Rayleigh scattering.')
    const { details } = await quiz('', body)
    expect(details.map((d) => d.at)).toEqual(['quiz.md:10:1 warning quiz-feedback-reveals'])
    expect(details[0]?.reason).toBe('Unexpected right answer `Blue` in the feedback of `Which colour is the sky?`, expected feedback that does not give the answer away with `reveal: after-passing`')
    expect(details[0]?.note).toMatch(/would see the answer before the policy allows/)
    expect((await quiz('reveal: never\n', body)).messages).toEqual(['quiz.md:11:1 warning quiz-feedback-reveals'])
    expect((await quiz('reveal: always\n', body)).messages).toEqual([])
  })

  test('fill-in answers and numeric answers count; true-false does not', async () => {
    const fill = await quiz('', wrapped(' type="fill-in"', '## Capital of France?\n\n- Paris\n\n> Paris has been the capital since 987.\n\n'))
    expect(fill.messages).toEqual(['quiz.md:11:1 warning quiz-feedback-reveals'])
    const numeric = await quiz('', wrapped(' type="numeric" answer={365}', '## Days in a year?\n\n> A year has 365 days.\n\n'))
    expect(numeric.messages).toEqual(['quiz.md:9:1 warning quiz-feedback-reveals'])
    const trueFalse = await quiz('', wrapped(' type="true-false"', '## The sky is blue?\n\n- [x] True\n- [ ] False\n\n> True: it is blue.\n\n'))
    expect(trueFalse.messages).toEqual([])
  })

  test('whole words only, in any case, ignoring words under 3 characters but not numbers of two digits', () => {
    expect(quotedAnswer('The answer is NOT obvious.', ['no'])).toBeUndefined()
    expect(quotedAnswer('Written by 80 experts.', ['80'])).toBe('80')
    expect(quotedAnswer('Written by 180 experts.', ['80'])).toBeUndefined()
    expect(quotedAnswer('Module 6 covers it.', ['6'])).toBeUndefined()
    expect(quotedAnswer('Nothing here.', ['not'])).toBeUndefined()
    expect(quotedAnswer('It is not so.', ['not'])).toBe('not')
    expect(quotedAnswer('Hash   Matching finds copies.', ['hash matching'])).toBe('hash matching')
    expect(quotedAnswer('Since 1987.', ['987'])).toBeUndefined()
    expect(quotedAnswer('About 3.5.', ['3.5'])).toBe('3.5')
    expect(quotedAnswer('About 3.55.', ['3.5'])).toBeUndefined()
    // Chinese has no spaces between words: a quote inside a sentence still counts.
    expect(quotedAnswer('答案是哈希匹配技术。', ['哈希匹配'])).toBe('哈希匹配')
  })
})

describe('translations keep the policy and the banks', () => {
  const source = `---\ntitle: Quiz\nattempts: 2\n---\n\n${bank(' id="b" draw={1}', choice('Sky colour?', 'Blue') + choice('Grass colour?', 'Green'))}${choice('Last?')}`
  const translated = (frontmatter: string, body: string) => `---\ntitle: Quiz\n${frontmatter}---\n\n${body}`
  const frBody = (attributes: string) => `${bank(attributes, choice('Couleur du ciel ?', 'Bleu') + choice('Couleur de l’herbe ?', 'Vert'))}${choice('Dernière ?')}`

  async function french(text: string) {
    const { course } = fixtureCourse('translated-fr')
    writeFileSync(path.join(course, '01-basics', 'quiz.md'), source)
    writeFileSync(path.join(course, '01-basics', 'quiz.fr.md'), text)
    const built = await read(course, 'fr')
    return { ...built, fr: built.quiz }
  }

  test('the same policy and banks: no error, and the French quiz carries them', async () => {
    const { fr, messages } = await french(translated('attempts: 2\n', frBody(' id="b" draw={1}')))
    expect(messages).toEqual([])
    expect(fr?.policy.attempts).toBe(2)
    expect(fr?.banks.map((b) => [b.id, b.draw, b.questions])).toEqual([['b', 1, [0, 1]]])
  })

  test('another policy is an error at the value in the translation', async () => {
    const { details } = await french(translated('attempts: 3\n', frBody(' id="b" draw={1}')))
    expect(details.map((d) => `${d.at} ${d.reason}`)).toEqual(['quiz.fr.md:3:11 error translation-mismatch Unexpected `attempts: 3` in this translation, expected `attempts: 2` as in `quiz.md`'])
  })

  test('a missing policy key is an error too', async () => {
    const { details } = await french(translated('', frBody(' id="b" draw={1}')))
    expect(details.map((d) => `${d.at} ${d.reason}`)).toEqual(['quiz.fr.md:2:1 error translation-mismatch Unexpected `attempts: unlimited` in this translation, expected `attempts: 2` as in `quiz.md`'])
  })

  test('another bank id, draw or membership is an error at the bank', async () => {
    const drawn = await french(translated('attempts: 2\n', frBody(' id="b" draw={2}')))
    expect(drawn.details.map((d) => `${d.at} ${d.reason}`)).toEqual([
      'quiz.fr.md:6:1 error translation-mismatch Unexpected `<Bank id="b" draw={2}>` around questions 1, 2 in this translation, expected `<Bank id="b" draw={1}>` around questions 1, 2 as in `quiz.md`'
    ])
    const outside = await french(translated('attempts: 2\n', `${choice('Couleur du ciel ?', 'Bleu')}${bank(' id="b" draw={1}', choice('Couleur de l’herbe ?', 'Vert') + choice('Dernière ?'))}`))
    expect(outside.messages).toEqual(['quiz.fr.md:11:1 error translation-mismatch'])
    const none = await french(translated('attempts: 2\n', choice('Couleur du ciel ?', 'Bleu') + choice('Couleur de l’herbe ?', 'Vert') + choice('Dernière ?')))
    expect(none.messages).toEqual(['quiz.fr.md:1:1 error translation-mismatch'])
  })
})
