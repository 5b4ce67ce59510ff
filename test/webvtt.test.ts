/**
 * The WebVTT check of captions files (src/model/webvtt.ts): what a browser reads as meant
 * passes, and each way a cue goes wrong is one `media-captions-invalid` error at its line and
 * column in the `.vtt` file.
 */
import { describe, expect, test } from 'vitest'
import { VFile } from 'vfile'
import { checkWebVtt, maxCaptionProblems } from '../src/model/webvtt.js'

function check(text: string): { cues: number; messages: string[] } {
  const file = new VFile({ path: '/course/media/intro.vtt', value: text })
  const cues = checkWebVtt(file)
  return { cues: cues.length, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal ? 'error' : 'warning'} ${m.reason}`) }
}

const cue = (timings: string, text = 'Hello.') => `WEBVTT\n\n${timings}\n${text}\n`

describe('valid captions', () => {
  test('every construct a browser reads passes: header lines, notes, styles, regions, ids, settings, tags, timestamps, CRLF, a byte order mark', () => {
    const text = [
      '\ufeffWEBVTT - the sample',
      'Kind: captions',
      'Language: en',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:bottom width:40%',
      '',
      'NOTE written by hand',
      'over two lines',
      '',
      'intro-1',
      '00:00.500 --> 00:04.000 line:-2 position:10%,line-left size:80% align:start region:bottom vertical:rl',
      '<v Amina>Children are <i>one in three</i> internet users.</v>',
      '<lang ar>مرحبا</lang> &amp; <c.loud.yellow>hello</c> <ruby>漢<rt>kan</rt></ruby>',
      '',
      '00:04.000 --> 01:00:00.000 line:50%,center',
      'Karaoke <00:05.000>one <00:06.500>two',
      ''
    ].join('\r\n')
    expect(check(text)).toEqual({ cues: 2, messages: [] })
  })

  test('an hour of one digit and cues that start together are read as browsers read them', () => {
    expect(check('WEBVTT\n\n1:00:00.000 --> 1:00:01.000\nA\n\n1:00:00.000 --> 1:00:02.000\nB\n')).toEqual({ cues: 2, messages: [] })
  })
})

describe('malformed captions: one positioned error each', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['no signature', 'WEBVTT?\n\n00:00.000 --> 00:01.000\nA\n', '1:1', /^Unexpected first line `WEBVTT\?` in `intro\.vtt`, expected `WEBVTT`/],
    ['an SRT file', '1\n00:00:00,000 --> 00:00:01,000\nA\n', '1:1', /^Unexpected first line `1`/],
    ['an arrow of two dashes', cue('00:00.000 -> 00:04.000'), '3:11', /^Unexpected `-> 00:04\.000` in the cue timings `00:00\.000 -> 00:04\.000`, expected `-->` between the start and the end$/],
    ['a comma for the milliseconds', cue('00:00,000 --> 00:04.000'), '3:6', /^Unexpected `,000 --> 00:04\.000` in the cue timings .*, expected a time such as `00:01\.500`/],
    ['60 seconds', cue('00:00.000 --> 00:60.000'), '3:15', /^Unexpected `00:60\.000` in the cue timings/],
    ['two-digit milliseconds', cue('00:00.000 --> 00:04.00'), '3:23', /expected a time such as/],
    ['text right after the end', cue('00:00.000 --> 00:04.000x'), '3:24', /^Unexpected `x` right after the end time, expected a space before any cue setting$/],
    ['an end before the start', cue('00:05.000 --> 00:04.000'), '3:15', /^Unexpected end `00:04\.000` at or before the start `00:05\.000`, expected a cue to end after it starts$/],
    ['cues out of order', 'WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n', '6:1', /^Unexpected start `00:01\.000` before the start of the cue of line 3 \(`00:05\.000`\), expected cues in the order they start$/],
    ['an unknown setting', cue('00:00.000 --> 00:04.000 colour:red'), '3:25', /^Unexpected cue setting `colour:red`, expected `name:value`/],
    ['a bad setting value', cue('00:00.000 --> 00:04.000 align:middle'), '3:31', /^Unexpected `middle` for the cue setting `align`, expected `start`, `center`/],
    ['a setting twice', cue('00:00.000 --> 00:04.000 size:50% size:60%'), '3:34', /^Unexpected second `size` setting, expected each setting once$/],
    ['a percentage over 100', cue('00:00.000 --> 00:04.000 position:120%'), '3:34', /^Unexpected `120%` for the cue setting `position`/],
    ['an identifier without timings', 'WEBVTT\n\nintro\nHello.\n', '4:1', /^Unexpected `Hello\.` below the cue identifier `intro`, expected a timing line such as/],
    ['a line on its own', 'WEBVTT\n\n00:00.000 --> 00:01.000\nA\n\nstray text\n', '6:1', /^Unexpected `stray text` on its own, expected a cue/],
    ['no blank line between cues', 'WEBVTT\n\n00:00.000 --> 00:01.000\nA\n00:01.000 --> 00:02.000\nB\n', '5:11', /^Unexpected cue timings in the text of the cue of line 3, expected a blank line before each cue$/],
    ['timings right under the signature', 'WEBVTT\n00:00.000 --> 00:01.000\nA\n', '2:1', /^Unexpected cue timings right below the `WEBVTT` line, expected a blank line/],
    ['an unknown tag', cue('00:00.000 --> 00:04.000', 'Hello <br> world'), '4:7', /^Unexpected tag `<br>` in the cue text, expected `<i>`/],
    ['a `<` never closed', cue('00:00.000 --> 00:04.000', 'if a < b then'), '4:6', /^Unexpected `<` without a closing `>` in the cue text, expected a tag such as `<i>…<\/i>`, or `&lt;` for a literal `<`$/],
    ['a wrong end tag', cue('00:00.000 --> 00:04.000', '<i>Hello</b>'), '4:9', /^Unexpected end tag `<\/b>`, expected `<\/i>` first$/],
    ['a voice without a name', cue('00:00.000 --> 00:04.000', '<v>Hello'), '4:1', /^Unexpected `<v>` without the name of who speaks, expected `<v Amina>`$/],
    ['an annotation on <i>', cue('00:00.000 --> 00:04.000', '<i loud>Hello</i>'), '4:1', /^Unexpected `loud` in the tag `<i loud>`/],
    ['<rt> outside <ruby>', cue('00:00.000 --> 00:04.000', '<rt>kan</rt>'), '4:1', /^Unexpected `<rt>` outside a `<ruby>`/],
    ['a timestamp tag after the end', cue('00:00.000 --> 00:04.000', 'A <00:05.000>B'), '4:3', /^Unexpected timestamp tag `<00:05\.000>`, expected a time after `00:00\.000` and before the cue's end `00:04\.000`$/],
    ['a STYLE block after a cue', 'WEBVTT\n\n00:00.000 --> 00:01.000\nA\n\nSTYLE\n::cue { color: red }\n', '6:1', /^Unexpected `STYLE` block after the first cue/],
    ['timings in a note', 'WEBVTT\n\nNOTE 00:00.000 --> 00:01.000\n\n00:01.000 --> 00:02.000\nA\n', '3:16', /^Unexpected `-->` in a `NOTE` block, expected a blank line before the next cue$/],
    ['no cue at all', 'WEBVTT\n\nNOTE nothing yet\n', '1:1', /^Cannot find any cue in `intro\.vtt`, expected captions/]
  ]
  test.each(cases)('%s', (_name, text, at, reason) => {
    const { messages } = check(text)
    expect(messages, messages.join('\n')).toHaveLength(1)
    const [position, ruleId, severity, ...words] = (messages[0] ?? '').split(' ')
    expect(`${position} ${ruleId} ${severity}`).toBe(`${at} media-captions-invalid error`)
    expect(words.join(' ')).toMatch(reason)
  })

  test('a byte order mark counts in the columns of line 1', () => {
    expect(check('\ufeffWEBVTTX\n').messages[0]).toMatch(/^1:2 media-captions-invalid/)
  })

  test(`a hostile file stops after ${maxCaptionProblems} problems, in linear time`, () => {
    const start = performance.now()
    const body = Array.from({ length: 200_000 }, (_, i) => `${i}\nno timings here\n`).join('\n')
    const { messages } = check(`WEBVTT\n\n${body}<${'<'.repeat(1_000_000)}`)
    expect(messages).toHaveLength(maxCaptionProblems + 1)
    expect(messages.at(-1)).toMatch(/Cannot check the rest of `intro\.vtt` after 20 problems/)
    const unclosed = check(cue('00:00.000 --> 00:04.000', '<'.repeat(2_000_000)))
    expect(unclosed.messages).toHaveLength(1)
    expect(performance.now() - start).toBeLessThan(3000)
  })
})
