/**
 * Where the entries' bytes lie in the zip file. The central directory is what `check` (and most
 * LMSs) read, but unzip tools that stream the local headers (Java's ZipInputStream, for one) see
 * every local file header (APPNOTE.TXT §4.3.7), listed or not: an entry the central directory
 * does not list is hidden from `check` and may still be extracted. Entries whose data overlap are
 * how non-recursive zip bombs make a small file inflate to gigabytes.
 */
import { open, type FileHandle } from 'node:fs/promises'
import type yauzl from 'yauzl'

export interface HiddenEntry {
  /** Byte offset of the local file header. */
  offset: number
  /** Its name bytes, as stored (UTF-8 or CP437: decoded as Latin-1 when not UTF-8). */
  name: string
}

export interface Overlap {
  /** Index in the central directory of the entry whose data start inside another's. */
  index: number
  /** Index of the entry it starts inside. */
  other: number
}

export interface Layout {
  hidden: HiddenEntry[]
  overlaps: Overlap[]
}

const localSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04])
/** A data descriptor (§4.3.9) may follow an entry's data: signature, CRC and two sizes, 8 bytes each in zip64. */
const descriptorSlack = 24
/** How much of each gap between entries is searched for a local header, and of all gaps together. */
const gapWindow = 64 * 1024
const gapBudget = 4 * 1024 * 1024

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await file.read(buffer, 0, length, position)
  return buffer.subarray(0, bytesRead)
}

/** The local header at `offset`, if one starts there: its name. */
async function headerAt(file: FileHandle, offset: number): Promise<HiddenEntry | undefined> {
  const header = await readAt(file, offset, 30)
  if (header.length < 30 || !header.subarray(0, 4).equals(localSignature)) return undefined
  const flags = header.readUInt16LE(6)
  const raw = await readAt(file, offset + 30, Math.min(header.readUInt16LE(26), 1024))
  return { offset, name: raw.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1') }
}

/**
 * Check that the entries' local headers and data tile the file up to the central directory:
 * report local headers in the gaps (hidden entries) and entries that overlap.
 */
export async function readLayout(path: string, entries: readonly yauzl.Entry[], centralDirectoryOffset: number): Promise<Layout> {
  const layout: Layout = { hidden: [], overlaps: [] }
  const file = await open(path, 'r')
  try {
    const size = (await file.stat()).size
    const listed = new Set(entries.map((entry) => entry.relativeOffsetOfLocalHeader))
    const ranges: Array<{ start: number; end: number; index: number }> = []
    for (const [index, entry] of entries.entries()) {
      const start = entry.relativeOffsetOfLocalHeader
      const header = await readAt(file, start, 30)
      // A broken local header covers nothing: reading the entry reports it.
      if (header.length < 30 || !header.subarray(0, 4).equals(localSignature)) continue
      const dataStart = start + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
      ranges.push({ start, end: Math.min(size, dataStart + entry.compressedSize), index })
    }
    ranges.sort((a, b) => a.start - b.start || a.index - b.index)
    let cursor = 0
    let previous: { end: number; index: number } | undefined
    let budget = gapBudget
    const searchGap = async (from: number, to: number) => {
      const length = Math.min(to - from, gapWindow, budget)
      if (length < 4) return
      budget -= length
      const bytes = await readAt(file, from, length)
      for (let at = bytes.indexOf(localSignature); at !== -1; at = bytes.indexOf(localSignature, at + 4)) {
        const hidden = listed.has(from + at) ? undefined : await headerAt(file, from + at)
        if (hidden) {
          layout.hidden.push(hidden)
          return // one per gap: the first hidden header explains the gap
        }
      }
    }
    for (const range of ranges) {
      if (previous && range.start < previous.end) {
        layout.overlaps.push({ index: range.index, other: previous.index })
      } else if (range.start > cursor + (cursor === 0 ? 0 : descriptorSlack)) {
        await searchGap(cursor, range.start)
      }
      if (!previous || range.end > previous.end) previous = { end: range.end, index: range.index }
      cursor = Math.max(cursor, range.end)
    }
    if (centralDirectoryOffset > cursor + descriptorSlack) await searchGap(cursor, centralDirectoryOffset)
  } finally {
    await file.close()
  }
  return layout
}
