/**
 * `<Video>` and `<Audio>` in the model and the package (README, "Video and audio"): captions
 * and transcripts required, captions files checked at their lines, every file through the
 * safe-file and URL rules, translated captions, the asset size limit, and what the package holds.
 */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { maxAssetBytes } from '../src/load/limits.js'
import { packageCourse } from '../src/package/index.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtureCourse, tempDir } from './helpers.js'

afterAll(cleanup)

const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n'
/** A lesson whose body starts on line 5. */
const lesson = (body: string) => `---\ntitle: With media\n---\n\n${body}\n`
const transcript = (tag: string, attributes: string) => `<${tag} ${attributes}>\n\nThe narrator says hello.\n\n</${tag}>`
const file = '01-basics/03-media.md'

/** The minimal course with media files and one lesson holding `body`; its messages as `file:line:column severity rule`. */
async function check(body: string, files: Record<string, string> = {}, language?: string) {
  const { course } = fixtureCourse(language === 'fr' ? 'translated-fr' : undefined)
  mkdirSync(path.join(course, 'media'))
  const all = { 'media/intro.mp4': 'not really a video', 'media/intro.vtt': vtt, 'media/intro.jpg': 'jpeg', [file]: lesson(body), ...files }
  for (const [name, text] of Object.entries(all)) writeFileSync(path.join(course, name), text)
  const result = await checkCourse(course, course, ['scorm12'], language)
  const messages = result.files.flatMap((f) => f.messages.map((m) => `${path.relative(course, f.path)}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`))
  return { course, result, messages, reasons: result.files.flatMap((f) => f.messages.map((m) => m.reason)) }
}

const video = (attributes: string) => transcript('Video', attributes)
const ok = 'src="../media/intro.mp4" captions="../media/intro.vtt" title="Intro"'

describe('captions and transcripts', () => {
  test('a video with captions, a poster and a transcript is clean', async () => {
    const { messages, result } = await check(video(`${ok} poster="../media/intro.jpg" required`))
    expect(messages).toEqual([])
    expect(result.course.media).toMatchObject([
      { id: 'm-basics--media/intro', kind: 'video', title: 'Intro', page: 'm-basics--media', required: true, src: 'assets/media/intro.mp4', poster: 'assets/media/intro.jpg', tracks: [{ src: 'assets/media/intro.vtt', language: 'en' }] }
    ])
  })

  test('media-captions-missing: a video without captions, at the element', async () => {
    const { messages, reasons } = await check(video('src="../media/intro.mp4" title="Intro"'))
    expect(messages).toEqual([`${file}:5:1 error media-captions-missing`])
    expect(reasons[0]).toBe('Cannot find `captions` on the video `Intro`, expected `captions="….vtt"`: a WebVTT file of what is said and heard')
  })

  test('media-captions-missing: captions="none" without a transcript, at the attribute', async () => {
    const { messages } = await check('<Video src="../media/intro.mp4" captions="none" title="Intro" />')
    expect(messages).toEqual([`${file}:5:33 error media-captions-missing`])
  })

  test('captions="none" with a transcript: a video without speech, no track', async () => {
    const { messages, result } = await check(video('src="../media/intro.mp4" captions="none" title="Intro"'))
    expect(messages).toEqual([])
    expect(result.course.media[0]?.tracks).toEqual([])
  })

  test('media-transcript-missing: an audio without a transcript', async () => {
    const { messages } = await check('<Audio src="../media/talk.mp3" title="Talk" />', { 'media/talk.mp3': 'mp3' })
    expect(messages).toEqual([`${file}:5:1 error media-transcript-missing`])
    expect((await check(transcript('Audio', 'src="../media/talk.mp3" title="Talk"'), { 'media/talk.mp3': 'mp3' })).messages).toEqual([])
  })

  test('media-captions-invalid: a malformed cue, at its line and column in the .vtt file', async () => {
    const { messages, reasons } = await check(video(ok), { 'media/intro.vtt': 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n\n00:03.000 --> 00:02,500\nBye.\n' })
    expect(messages).toEqual(['media/intro.vtt:6:20 error media-captions-invalid'])
    expect(reasons[0]).toMatch(/^Unexpected `,500` in the cue timings `00:03\.000 --> 00:02,500`/)
  })

  test('missing attributes, an attribute Audio does not take, and Video where it may not stand', async () => {
    expect((await check('<Video captions="../media/intro.vtt" />')).messages).toEqual([`${file}:5:1 error missing-attribute`, `${file}:5:1 error missing-attribute`])
    expect((await check(transcript('Audio', 'src="../media/talk.mp3" title="T" captions="../media/intro.vtt"'), { 'media/talk.mp3': 'mp3' })).messages).toEqual([`${file}:5:42 error unknown-attribute`])
    expect((await check(`<Callout>\n\n${video(ok)}\n\n</Callout>`)).messages).toEqual([`${file}:7:1 error unknown-component`])
    expect((await check(video(`${ok} required="yes"`))).messages).toEqual([`${file}:5:77 error invalid-attribute`])
  })
})

describe('files: the safe-file and URL rules', () => {
  test('missing-reference: a video file that does not exist, at its attribute', async () => {
    expect((await check(video(ok.replace('intro.mp4', 'gone.mp4')))).messages).toEqual([`${file}:5:8 error missing-reference`])
    expect((await check(video(ok.replace('intro.vtt', 'gone.vtt')))).messages).toEqual([`${file}:5:33 error missing-reference`])
  })

  test('reference-outside-course: a path that leaves the course, or a link to a file outside it', async () => {
    expect((await check(video(ok.replace('../media/intro.mp4', '../../../outside.mp4')))).messages).toEqual([`${file}:5:8 error reference-outside-course`])
    const outside = path.join(tempDir(), 'secret.mp4')
    writeFileSync(outside, 'x')
    const { course } = fixtureCourse()
    symlinkSync(outside, path.join(course, 'linked.mp4'))
    writeFileSync(path.join(course, file), lesson(video(ok.replace('../media/intro.mp4', '../linked.mp4').replace('../media/intro.vtt', '../intro.vtt'))))
    writeFileSync(path.join(course, 'intro.vtt'), vtt)
    const result = await checkCourse(course, course)
    expect(result.files.flatMap((f) => f.messages.map((m) => `${path.relative(course, f.path)}:${m.line}:${m.column} ${m.ruleId}`))).toEqual([`${file}:5:8 reference-outside-course`])
  })

  test.each([
    ['javascript: source', 'src="javascript:alert(1)"', 8],
    ['http: source (media may only be https)', 'src="http://example.org/v.mp4"', 8],
    ['data: poster', 'src="../media/intro.mp4" poster="data:image/png;base64,AAAA"', 33],
    ['protocol-relative captions', 'src="../media/intro.mp4" captions="//evil.example/c.vtt"', 33]
  ])('url-scheme: a %s, at its attribute', async (_name, attributes, column) => {
    const source = attributes.includes('captions') ? `${attributes} title="Intro"` : `${attributes} captions="../media/intro.vtt" title="Intro"`
    expect((await check(video(source))).messages).toEqual([`${file}:5:${column} error url-scheme`])
  })

  test('an https video is left to the browser and not packaged', async () => {
    const { messages, result } = await check(video('src="https://media.example.org/intro.mp4" captions="../media/intro.vtt" title="Intro"'))
    expect(messages).toEqual([])
    expect(result.course.media[0]?.src).toBe('https://media.example.org/intro.mp4')
    expect(result.course.assets.map((a) => a.target)).not.toContain('assets/media/intro.mp4')
  })

  test('media-format: a file the player does not play, or captions that are not a .vtt of the course', async () => {
    expect((await check(video(ok.replace('intro.mp4', 'intro.avi')), { 'media/intro.avi': 'x' })).messages).toEqual([`${file}:5:8 error media-format`])
    expect((await check(video(ok.replace('intro.vtt', 'intro.srt')), { 'media/intro.srt': 'x' })).messages).toEqual([`${file}:5:33 error media-format`])
    expect((await check(video(ok.replace('../media/intro.vtt', 'https://example.org/intro.vtt')))).messages).toEqual([`${file}:5:33 error media-format`])
  })

  test('file-too-large: a video over the asset limit counts against it like any asset', async () => {
    const { course } = fixtureCourse()
    mkdirSync(path.join(course, 'media'))
    writeFileSync(path.join(course, 'media/intro.vtt'), vtt)
    // A sparse file: its size, without its bytes.
    writeFileSync(path.join(course, 'media/intro.mp4'), '')
    truncateSync(path.join(course, 'media/intro.mp4'), maxAssetBytes + 1)
    writeFileSync(path.join(course, file), lesson(video(ok)))
    const result = await checkCourse(course, course)
    const messages = result.files.flatMap((f) => f.messages.map((m) => `${path.relative(course, f.path)}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))
    expect(messages).toEqual([`${file}:5:8 file-too-large Unexpected size of video \`../media/intro.mp4\` (100,000,001 bytes), expected at most 100 MB per asset`])
  })

  test('media-duplicate-id: two media with one id, the first named', async () => {
    const { messages, result } = await check(`${video(ok)}\n\n${video(ok)}`)
    expect(messages).toEqual([`${file}:11:1 error media-duplicate-id`])
    const cause = result.files.flatMap((f) => f.messages)[0]?.cause as { line?: number } | undefined
    expect(cause?.line).toBe(5)
    expect((await check(`${video(ok)}\n\n${video(`${ok} id="again"`)}`)).messages).toEqual([])
  })
})

describe('translations: <name>.<lang>.vtt', () => {
  const translated = (vttFr?: string) => ({
    '01-basics/03-media.fr.md': lesson(video(ok.replace('Intro', 'Introduction'))),
    ...(vttFr ? { 'media/intro.fr.vtt': vttFr } : {})
  })

  test('the translation of the captions is used for that language, the source captions as a second track', async () => {
    const { result, messages } = await check(video(ok), translated(vtt), 'fr')
    expect(messages.filter((m) => !m.includes('01-first') && !m.includes('02-risks') && !m.includes('02-more'))).toEqual([])
    expect(result.course.media[0]?.tracks).toEqual([
      { src: 'assets/media/intro.fr.vtt', language: 'fr' },
      { src: 'assets/media/intro.vtt', language: 'en' }
    ])
  })

  test('untranslated: a translation without its captions gets the source captions and a warning at the attribute', async () => {
    const { result, messages, reasons } = await check(video(ok), translated(), 'fr')
    expect(messages).toContain('01-basics/03-media.fr.md:5:33 warning untranslated')
    expect(reasons).toContain('Cannot find the `fr` translation `intro.fr.vtt` of the captions `../media/intro.vtt`, expected every file of the course translated; the fr package uses these captions')
    expect(result.course.media[0]?.tracks).toEqual([{ src: 'assets/media/intro.vtt', language: 'en' }])
  })

  test('a malformed translation is reported in its own file', async () => {
    const { messages } = await check(video(ok), translated('WEBVTT\n\n00:00.000 --> 00:02.000 align:left-ish\nBonjour.\n'), 'fr')
    expect(messages).toContain('media/intro.fr.vtt:3:31 error media-captions-invalid')
  })
})

describe('the package', () => {
  test('the media files are assets; the player is native, captioned, not autoplaying, with its transcript; the course data lists the media', async () => {
    const { result } = await check(video(`${ok} poster="../media/intro.jpg" required`))
    const pkg = packageCourse(result.course, 'scorm12')
    const paths = pkg.files.map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['assets/media/intro.mp4', 'assets/media/intro.vtt', 'assets/media/intro.jpg']))
    const html = String(pkg.files.find((f) => f.path === 'index.html')?.data)
    const player = /<video[^>]*>/.exec(html)?.[0] ?? ''
    expect(player).toContain('controls')
    expect(player).toContain('preload="metadata"')
    expect(player).toContain('src="assets/media/intro.mp4"')
    expect(player).toContain('poster="assets/media/intro.jpg"')
    expect(player).not.toMatch(/autoplay/i)
    expect(html).toContain('<track kind="captions" src="assets/media/intro.vtt" srclang="en" label="English" default>')
    expect(html).toMatch(/<details class="cp-transcript">\s*<summary>Transcript<span class="cp-visually-hidden">: Intro<\/span><\/summary>\s*<div class="cp-transcript-body"><p>The narrator says hello\.<\/p><\/div>/)
    const data = JSON.parse(/id="cp-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { media: unknown }
    expect(data.media).toEqual([{ id: 'm-basics--media/intro', page: 'm-basics--media', kind: 'video', title: 'Intro', required: true }])
    const manifest = String(pkg.files.find((f) => f.path === 'imsmanifest.xml')?.data)
    expect(manifest).toContain('href="assets/media/intro.mp4"')
  })

  test('tincan.xml declares each required media as an activity under the course', async () => {
    const { result } = await check(video(`${ok} required`))
    const tincan = String(packageCourse(result.course, 'xapi').files.find((f) => f.path === 'tincan.xml')?.data)
    expect(tincan).toContain(`<activity id="${result.course.activityId}/media/m-basics--media%2Fintro" type="https://w3id.org/xapi/video/activity-type/video">`)
  })
})
