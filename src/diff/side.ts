/** One side of `coursepack diff`: a package's descriptor, its course data, its pages' HTML and its other files. */
import { createHash } from 'node:crypto'
import { courseDataOf } from '../lms-test/course.js'
import { UsageError } from '../errors.js'
import { readDescriptor } from './descriptor.js'
import type { PackageFiles } from './files.js'
import type { PackageSide } from './types.js'

// Bounded, so that a hostile page is read in linear time.
const pageStart = /<section\b[^>]{0,2000}?\bdata-page="([^"]{1,1000})"[^>]{0,2000}>/g
const pager = /<nav\b[^>]{0,500}?\bclass="cp-pager"[^>]{0,500}>[\s\S]{0,20000}?<\/nav>/g

/**
 * A digest of each page's HTML (templates/layouts/shell.hbs: one `<section data-page>` per
 * page in `<main>`), without the pager, whose links name the neighbouring pages: a page added
 * next to another does not change that one's text.
 */
export function pageTexts(html: string): Map<string, string> {
  const starts = [...html.matchAll(pageStart)]
  const end = html.indexOf('</main>', starts.at(-1)?.index ?? 0)
  const texts = new Map<string, string>()
  starts.forEach((match, i) => {
    const id = match[1] ?? ''
    const until = starts[i + 1]?.index ?? (end === -1 ? html.length : end)
    const text = html.slice(match.index, until).replace(pager, '')
    if (!texts.has(id)) texts.set(id, createHash('sha256').update(text).digest('hex'))
  })
  return texts
}

/** Read a side; a package coursepack did not build is a usage error naming it. */
export async function readSide(files: PackageFiles, shown: string, source: PackageSide['source']): Promise<PackageSide> {
  const { descriptor, launchFile } = await readDescriptor(files, shown)
  const page = launchFile && /\.html?$/i.test(launchFile) ? launchFile : undefined
  const html = page ? (await files.read(page)).toString('utf8') : ''
  const data = courseDataOf(html)
  if (!page || !data) {
    throw new UsageError(`Unexpected \`${shown}\`, expected a package coursepack built: its launch page holds no course data (\`coursepack diff\` compares two versions of one of our courses)`)
  }
  if (data.target !== descriptor.kind) {
    throw new UsageError(`Unexpected runtime target \`${data.target}\` in the ${descriptor.kind} package \`${shown}\`, expected \`${descriptor.kind}\`: run \`coursepack check ${shown}\``)
  }
  const others = new Map([...files.entries].filter(([name]) => name !== descriptor.file && name !== page))
  return { path: shown, source, descriptor, data, pageTexts: pageTexts(html), files: others }
}
