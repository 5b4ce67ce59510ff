/**
 * `<Video>` and `<Audio>` (README, "Video and audio"): the media file, its poster and its
 * captions become package assets under the same rules as images (inside the course by real
 * path, within the asset size limit, an allowed scheme); the captions are WebVTT checked cue by
 * cue (./webvtt.ts); the element's Markdown body is its transcript.
 *
 * - `media-captions-missing`: a video without `captions`, or with `captions="none"` (a video
 *   without speech) but no transcript.
 * - `media-transcript-missing`: an audio without a transcript.
 * - `media-format`: a media file of a type the player does not play, or captions that are not
 *   a `.vtt` file of the course.
 * - `media-duplicate-id`: two media with one id (the learner state's key, the xAPI activity).
 * - `untranslated`: a translation's package without `<name>.<lang>.vtt` beside the captions.
 */
import path from 'node:path'
import type { RootContent } from 'mdast'
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx'
import type { Position } from 'unist'
import { VFile } from 'vfile'
import { error, related, warn } from '../diagnostics.js'
import { isLanguageTag } from '../load/language.js'
import { maxAssetBytes } from '../load/limits.js'
import { inspectFile, problemMessage, readLimited, realRoot } from '../load/safe-file.js'
import { courseAsset, isLocal } from './assets.js'
import type { AttributeValue, CourseContext } from './content.js'
import type { Media } from './types.js'
import { refusedAttributes } from './url-check.js'
import { checkWebVtt } from './webvtt.js'

/** File types the player plays, by the extension of the file's name. */
export const mediaTypes: Record<Media['kind'], readonly string[]> = {
  video: ['mp4', 'm4v', 'webm', 'ogv'],
  audio: ['mp3', 'm4a', 'aac', 'oga', 'ogg', 'opus', 'wav', 'flac', 'webm']
}

const listed = (extensions: readonly string[]) => extensions.map((e) => `\`.${e}\``).join(', ')

/** The attribute of that name on an element. */
function attributeOf(node: MdxJsxFlowElement, name: string): MdxJsxAttribute | undefined {
  return node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name)
}

/** The path part of a URL (relative or https), decoded: `media/a%20b.mp4?x` → `media/a b.mp4`. */
function pathOf(url: string): string {
  const raw = isLocal(url) ? (url.split(/[?#]/, 1)[0] ?? '') : (() => {
    try {
      return new URL(url).pathname
    } catch {
      return ''
    }
  })()
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

const extensionOf = (url: string): string => path.extname(pathOf(url)).slice(1).toLowerCase()

/**
 * Check a `<Video>` or `<Audio>` whose attributes `readAttributes` read, and add it to the
 * course's media. Problems are reported on `file` at the attribute they are about.
 *
 * @param page
 *   The id of the page the element is on.
 */
export function checkMedia(file: VFile, node: MdxJsxFlowElement, values: Record<string, AttributeValue>, context: CourseContext, page: string): void {
  const kind: Media['kind'] = node.name === 'Video' ? 'video' : 'audio'
  const { src, title } = values
  // A missing `src` or `title` is already reported (`missing-attribute`).
  if (typeof src !== 'string' || typeof title !== 'string') return
  const placeOf = (name: string): Position | undefined => attributeOf(node, name)?.position ?? node.position
  const children = node.children as RootContent[]
  const transcript = children.length > 0 ? { children } : undefined

  const mediaFile = (url: string, name: string, what: string, allowed: readonly string[] | undefined): string | undefined => {
    const attribute = attributeOf(node, name)
    if (attribute && refusedAttributes.has(attribute)) return undefined
    // A remote file (https: only, see url-check.ts) is left to the browser, whatever its name.
    if (!isLocal(url)) return url
    const extension = extensionOf(url)
    if (allowed && !allowed.includes(extension)) {
      error(file, `Unexpected ${what} \`${url}\` for \`${name}\` on \`<${node.name}>\`, expected a file named ${listed(allowed)}`, {
        ruleId: 'media-format',
        place: placeOf(name),
        note: 'The player is the browser\'s own `<video>` or `<audio>` element: MP4 (H.264 and AAC) and WebM play in every current browser, MP3 for audio.'
      })
      return undefined
    }
    const asset = courseAsset(file, context, url, placeOf(name), what)
    return asset && encodeURI(asset.target)
  }

  const source = mediaFile(src, 'src', kind, mediaTypes[kind])
  const poster = typeof values.poster === 'string' ? mediaFile(values.poster, 'poster', 'image', undefined) : undefined
  const tracks = kind === 'video' ? captionTracks(file, node, title, values.captions, transcript !== undefined, context, placeOf('captions')) : []
  if (kind === 'audio' && !transcript) {
    error(file, `Cannot find a transcript of the audio \`${title}\`, expected the words said as Markdown between \`<Audio …>\` and \`</Audio>\``, {
      ruleId: 'media-transcript-missing',
      place: node.position,
      note: 'A learner who cannot hear reads the transcript instead (WCAG 2.1 SC 1.2.1). Leave a blank line after the opening tag and before the closing one.'
    })
  }
  if (source === undefined || tracks === undefined) return

  const id = typeof values.id === 'string' ? values.id : `${page}/${path.basename(pathOf(src), path.extname(pathOf(src))) || kind}`
  const first = context.mediaIds.get(id)
  if (first) {
    error(file, `Unexpected second media with the id \`${id}\`, expected ids unique across the course`, {
      ruleId: 'media-duplicate-id',
      place: node.position,
      cause: related(first.file, `First media with id \`${id}\``, first.place),
      note: 'The id keys how far the learner played it and names it to the LRS. Give one of them `id="…"`.'
    })
    return
  }
  context.mediaIds.set(id, { file, place: node.position })
  context.media.push({ id, kind, title, page, required: values.required === true, src: source, poster, tracks, transcript, node, position: node.position })
}

/**
 * A video's caption tracks: none for `captions="none"` (a video without speech, with a
 * transcript); in a translation's package `<name>.<lang>.vtt` first when it exists (else an
 * `untranslated` warning), then the source captions. Undefined when the captions are refused.
 */
function captionTracks(
  file: VFile,
  node: MdxJsxFlowElement,
  title: string,
  captions: AttributeValue | undefined,
  hasTranscript: boolean,
  context: CourseContext,
  place: Position | undefined
): Media['tracks'] | undefined {
  if (captions === undefined) {
    error(file, `Cannot find \`captions\` on the video \`${title}\`, expected \`captions="….vtt"\`: a WebVTT file of what is said and heard`, {
      ruleId: 'media-captions-missing',
      place: node.position,
      note: 'Captions let learners who cannot hear follow the video (WCAG 2.1 SC 1.2.2). Only a video without speech goes without: give it a transcript (its body) and `captions="none"`.'
    })
    return undefined
  }
  if (captions === 'none') {
    if (hasTranscript) return []
    error(file, `Unexpected \`captions="none"\` on the video \`${title}\` without a transcript, expected captions (\`captions="….vtt"\`) or a transcript between \`<Video …>\` and \`</Video>\``, {
      ruleId: 'media-captions-missing',
      place,
      note: '`captions="none"` is for a video without speech, and then its transcript says what it shows.'
    })
    return undefined
  }
  if (typeof captions !== 'string') return undefined
  const attribute = attributeOf(node, 'captions')
  if (attribute && refusedAttributes.has(attribute)) return undefined
  if (!isLocal(captions) || extensionOf(captions) !== 'vtt') {
    error(file, `Unexpected captions \`${captions}\`, expected a \`.vtt\` file of the course`, {
      ruleId: 'media-format',
      place,
      note: 'Captions are WebVTT, checked cue by cue when the course is built and shipped in the package.'
    })
    return undefined
  }
  const sourceTrack = captionTrack(file, captions, context, place, languageOfName(captions) ?? context.sourceLanguage)
  const language = context.language
  const named = (captions.split(/[?#]/, 1)[0] ?? '').toLowerCase()
  if (language === undefined || named.endsWith(`.${language.toLowerCase()}.vtt`)) return sourceTrack && [sourceTrack]
  // `intro.vtt` → `intro.ar.vtt`, beside it.
  const translated = (captions.split(/[?#]/, 1)[0] ?? '').replace(/\.vtt$/i, `.${language}.vtt`)
  const found = inspectFile(path.resolve(path.dirname(file.path), pathOf(translated)), realRoot(context.root), maxAssetBytes)
  if (found.kind === 'missing') {
    warn(file, `Cannot find the \`${language}\` translation \`${path.basename(pathOf(translated))}\` of the captions \`${captions}\`, expected every file of the course translated; the ${language} package uses these captions`, {
      ruleId: 'untranslated',
      place
    })
    return sourceTrack && [sourceTrack]
  }
  const own = captionTrack(file, translated, context, place, language)
  return own && sourceTrack && [own, sourceTrack]
}

/** The language a file's name ends with (`intro.fr.vtt` → `fr`), when it is a language tag. */
function languageOfName(url: string): string | undefined {
  const tag = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.vtt$/i.exec(pathOf(url))?.[1]
  return tag && isLanguageTag(tag) ? tag : undefined
}

/** One caption track: the `.vtt` file as an asset, read and checked once per build. */
function captionTrack(file: VFile, url: string, context: CourseContext, place: Position | undefined, language: string): Media['tracks'][number] | undefined {
  const asset = courseAsset(file, context, url, place, 'captions')
  if (!asset) return undefined
  let captions = context.captions.get(asset.source)
  if (!captions) {
    const data = readLimited(asset.source, maxAssetBytes)
    if (!Buffer.isBuffer(data)) {
      error(file, problemMessage(data.kind === 'missing' ? { kind: 'unreadable', ruleId: 'unreadable-file', reason: 'it no longer exists' } : data, `captions \`${url}\``, path.basename(context.root), 'per asset'), {
        ruleId: data.kind === 'missing' ? 'unreadable-file' : data.ruleId,
        place
      })
      return undefined
    }
    captions = new VFile({ path: path.resolve(path.dirname(file.path), pathOf(url)), cwd: file.cwd, value: data.toString('utf8') })
    checkWebVtt(captions)
    context.captions.set(asset.source, captions)
  }
  return { src: encodeURI(asset.target), language }
}
