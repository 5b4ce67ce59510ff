/**
 * Reading a package zip for `coursepack check`: every entry's name and kind up front, contents
 * on demand. Names are decoded without yauzl's own validation (which would refuse the whole zip
 * at the first `../` entry) so that unsafe entries become findings instead of a failure.
 */
import yauzl from 'yauzl'
import { code } from './findings.js'
import { bytes, count, LimitError, limits } from './limits.js'
import { readLayout, type Layout } from './zip-layout.js'

export interface ZipEntryInfo {
  /** The name as stored: decoded (UTF-8 flag, Info-ZIP Unicode path, else CP437), backslashes kept. */
  name: string
  directory: boolean
  symlink: boolean
  /** Uncompressed size in bytes, as declared. */
  size: number
  /** CRC-32 of the contents, as declared (`coursepack diff` compares files by it without reading them). */
  crc32: number
  /** Encrypted (general purpose bit 0, APPNOTE §4.4.4): no LMS can unpack it. */
  encrypted: boolean
}

export interface PackageZip {
  /** Every entry, in central-directory order (duplicates included). */
  entries: ZipEntryInfo[]
  /** The contents of the first entry with this name. */
  read(name: string): Promise<Buffer>
  /** Local headers the central directory does not list, and entries that overlap (zip-layout.ts). */
  layout(): Promise<Layout>
  close(): void
}

const S_IFMT = 0o170000
const S_IFLNK = 0o120000

function isSymlink(entry: yauzl.Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK
}

function openFile(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) reject(error ?? new Error('Cannot open the zip'))
      else resolve(zip)
    })
  })
}

const tooMany = () => new LimitError('limit-entries', `Unexpected zip with more than ${count(limits.entries)} entries, expected fewer: stopped reading it`)

const tooLong = () =>
  new LimitError('limit-entries', `Unexpected zip whose entry names, extra fields and comments take more than ${bytes(limits.directoryBytes)}, expected less: stopped reading it`)

function readAllEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = []
    let held = 0
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry)
      held += entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength
      // The declared count was checked up front; count again in case it lied.
      if (entries.length > limits.entries) reject(tooMany())
      else if (held > limits.directoryBytes) reject(tooLong())
      else zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}

/** How many uncompressed bytes the package may still read, shared by every `read`. */
interface Budget {
  left: number
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, budget: Budget): Promise<Buffer> {
  const tooLarge = () => new LimitError('limit-entry-size', `Unexpected ${code(name)} larger than ${bytes(limits.entryBytes)} uncompressed, expected a smaller file: not read`, name)
  const overBudget = () => new LimitError('limit-total-size', `Unexpected package that needs more than ${bytes(limits.totalBytes)} uncompressed read to check, expected less: stopped at ${code(name)}`, name)
  if (entry.uncompressedSize > limits.entryBytes) return Promise.reject(tooLarge())
  if (entry.uncompressedSize > budget.left) return Promise.reject(overBudget())
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('Cannot read the entry'))
      const chunks: Buffer[] = []
      let size = 0
      // Declared sizes can lie (yauzl's validateEntrySizes catches that too): count as it inflates.
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        budget.left -= chunk.length
        const limit = size > limits.entryBytes ? tooLarge() : budget.left < 0 ? overBudget() : undefined
        if (limit) {
          stream.destroy()
          reject(limit)
          return
        }
        chunks.push(chunk)
      })
      stream.on('end', () => resolve(Buffer.concat(chunks)))
      stream.on('error', reject)
    })
  })
}

const isControlByte = (byte: number): boolean => byte < 0x20 || byte === 0x7f

/**
 * The entry's name. yauzl decodes a CP437 name's control bytes as the glyphs DOS showed for
 * them (0x01 as ☺); an LMS unpacking the zip sees the control characters, so they are kept.
 */
function entryName(entry: yauzl.Entry): string {
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true)
  const raw = entry.fileNameRaw
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0
  if (utf8 || name.length !== raw.length || !raw.some(isControlByte)) return name
  return Array.from(name, (char, i) => {
    const byte = raw[i] ?? 0x20
    return isControlByte(byte) ? String.fromCharCode(byte) : char
  }).join('')
}

/** Open a zip and list its entries; rejects when the file is not a readable zip, with a `LimitError` past `limits.entries`. */
export async function openZip(file: string): Promise<PackageZip> {
  const zip = await openFile(file)
  // Before the first entry is read, yauzl's cursor is the central directory's offset.
  const centralDirectoryOffset = zip.readEntryCursor as unknown as number
  let raw: yauzl.Entry[]
  try {
    if (zip.entryCount > limits.entries) throw tooMany()
    raw = await readAllEntries(zip)
  } catch (cause) {
    zip.close()
    throw cause
  }
  const byName = new Map<string, yauzl.Entry>()
  const entries = raw.map((entry): ZipEntryInfo => {
    const name = entryName(entry)
    if (!byName.has(name)) byName.set(name, entry)
    return { name, directory: /[/\\]$/.test(name), symlink: isSymlink(entry), size: entry.uncompressedSize, crc32: entry.crc32, encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0 }
  })
  const budget: Budget = { left: limits.totalBytes }
  return {
    entries,
    read: (name) => {
      const entry = byName.get(name)
      return entry ? readEntry(zip, entry, name, budget) : Promise.reject(new Error(`Cannot find \`${name}\` in the zip`))
    },
    layout: () => readLayout(file, raw, centralDirectoryOffset),
    close: () => zip.close()
  }
}
