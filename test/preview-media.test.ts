/**
 * The preview server's files over real HTTP on 127.0.0.1: content types of media, captions and
 * fonts, and byte ranges (206 with Content-Range, 416 for a range it cannot serve), so a
 * browser can seek in a video before it has all of it.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { byteRange } from '../src/preview/send-file.js'
import { type PreviewServer, startPreview } from '../src/preview/server.js'
import { cleanup, fixtureCourse, sampleCourse } from './helpers.js'

let server: PreviewServer
let video: Buffer
const files = {
  'media/intro.mp4': path.join(sampleCourse, 'media', 'intro.mp4'),
  'media/intro.vtt': path.join(sampleCourse, 'media', 'intro.vtt')
}

beforeAll(async () => {
  const { course, workspace } = fixtureCourse()
  mkdirSync(path.join(course, 'media'))
  for (const [name, from] of Object.entries(files)) copyFileSync(from, path.join(course, name))
  for (const [name, bytes] of Object.entries({ 'talk.mp3': 'ID3', 'clip.webm': 'webm', 'font.woff2': 'wOF2', 'font.woff': 'wOFF' })) writeFileSync(path.join(course, 'media', name), bytes)
  video = readFileSync(files['media/intro.mp4'])
  writeFileSync(
    path.join(course, '01-basics', '03-media.md'),
    [
      '---\ntitle: Media\n---\n',
      '<Video src="../media/intro.mp4" captions="../media/intro.vtt" title="Intro" />\n',
      '<Audio src="../media/talk.mp3" title="Talk">\n\nWords.\n\n</Audio>\n',
      '<Video src="../media/clip.webm" captions="../media/intro.vtt" title="Clip" />\n',
      'Fonts to download: [woff2](../media/font.woff2), [woff](../media/font.woff).\n'
    ].join('\n')
  )
  server = await startPreview({ dir: course, cwd: workspace })
  if (!server.latest().ok) throw new Error(JSON.stringify(server.latest().diagnostics))
})

afterAll(async () => {
  await server?.close()
  cleanup()
})

const get = (file: string, headers: Record<string, string> = {}, method = 'GET') => fetch(new URL(`course/${file}`, server.url), { headers, method })

describe('preview: types and byte ranges', () => {
  test.each([
    ['assets/media/intro.mp4', 'video/mp4'],
    ['assets/media/clip.webm', 'video/webm'],
    ['assets/media/talk.mp3', 'audio/mpeg'],
    ['assets/media/intro.vtt', 'text/vtt; charset=utf-8'],
    ['assets/media/font.woff2', 'font/woff2'],
    ['assets/media/font.woff', 'font/woff']
  ])('%s is served as %s, and says it takes ranges', async (file, type) => {
    const response = await get(file)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    await response.arrayBuffer()
  })

  test('the whole video (200), with its length', async () => {
    const response = await get('assets/media/intro.mp4')
    expect(response.headers.get('content-length')).toBe(String(video.length))
    expect(Buffer.from(await response.arrayBuffer()).equals(video)).toBe(true)
  })

  test.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, -1],
    ['bytes=-500', -500, -1],
    ['bytes=100-100', 100, 100],
    ['bytes=1000-99999999', 1000, -1]
  ])('Range: %s → 206 with Content-Range and exactly those bytes', async (range, from, to) => {
    const start = from < 0 ? video.length + from : from
    const end = to < 0 ? video.length - 1 : to
    const response = await get('assets/media/intro.mp4', { range })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${video.length}`)
    expect(response.headers.get('content-length')).toBe(String(end - start + 1))
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(Buffer.from(await response.arrayBuffer()).equals(video.subarray(start, end + 1))).toBe(true)
  })

  test.each(['bytes=99999999-', 'bytes=500-100', 'bytes=abc', 'bytes=-0', 'bytes=-'])('Range: %s → 416 with the size', async (range) => {
    const response = await get('assets/media/intro.mp4', { range })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${video.length}`)
    expect((await response.arrayBuffer()).byteLength).toBe(0)
  })

  test('several ranges, or another unit, get the whole file (RFC 9110 §14.2 lets a server ignore them)', async () => {
    for (const range of ['bytes=0-1,5-6', 'items=0-1']) {
      const response = await get('assets/media/intro.mp4', { range })
      expect(response.status).toBe(200)
      expect((await response.arrayBuffer()).byteLength).toBe(video.length)
    }
  })

  test('HEAD: the headers of the range, no body', async () => {
    const response = await get('assets/media/intro.mp4', { range: 'bytes=0-9' }, 'HEAD')
    expect(response.status).toBe(206)
    expect(response.headers.get('content-length')).toBe('10')
    expect((await response.arrayBuffer()).byteLength).toBe(0)
  })

  test('a path with a malformed escape is a 404, and the server keeps running', async () => {
    expect((await get('assets/%zz.mp4')).status).toBe(404)
    expect((await get('assets/media/intro.vtt')).status).toBe(200)
  })

  test('byteRange reads a header as RFC 9110 §14.1.2 defines it', () => {
    expect(byteRange(undefined, 10)).toEqual({ kind: 'full' })
    expect(byteRange('bytes=2-', 10)).toEqual({ kind: 'range', start: 2, end: 9 })
    expect(byteRange('bytes = 2 - 4', 10)).toEqual({ kind: 'range', start: 2, end: 4 })
    expect(byteRange('bytes=-20', 10)).toEqual({ kind: 'range', start: 0, end: 9 })
    expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })
})
