/**
 * Reading a package zip for `coursepack check`: every entry's name and kind up front, contents
 * on demand. Names are decoded without yauzl's own validation (which would refuse the whole zip
 * at the first `../` entry) so that unsafe entries become findings instead of a failure.
 */
import yauzl from 'yauzl'

export interface ZipEntryInfo {
  /** The name as stored: decoded (UTF-8 flag, Info-ZIP Unicode path, else CP437), backslashes kept. */
  name: string
  directory: boolean
  symlink: boolean
  /** Uncompressed size in bytes, as declared. */
  size: number
}

export interface PackageZip {
  /** Every entry, in central-directory order (duplicates included). */
  entries: ZipEntryInfo[]
  /** The contents of the first entry with this name. */
  read(name: string): Promise<Buffer>
  close(): void
}

/** Descriptors and launch pages are small: refuse to inflate more than this from one entry. */
export const readLimit = 64 * 1024 * 1024

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

function readAllEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = []
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  if (entry.uncompressedSize > readLimit) return Promise.reject(new Error(`the entry is larger than ${readLimit} bytes`))
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('Cannot read the entry'))
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => resolve(Buffer.concat(chunks)))
      stream.on('error', reject)
    })
  })
}

/** Open a zip and list its entries; rejects when the file is not a readable zip. */
export async function openZip(file: string): Promise<PackageZip> {
  const zip = await openFile(file)
  let raw: yauzl.Entry[]
  try {
    raw = await readAllEntries(zip)
  } catch (cause) {
    zip.close()
    throw cause
  }
  const byName = new Map<string, yauzl.Entry>()
  const entries = raw.map((entry): ZipEntryInfo => {
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true)
    if (!byName.has(name)) byName.set(name, entry)
    return { name, directory: /[/\\]$/.test(name), symlink: isSymlink(entry), size: entry.uncompressedSize }
  })
  return {
    entries,
    read: (name) => {
      const entry = byName.get(name)
      return entry ? readEntry(zip, entry) : Promise.reject(new Error(`Cannot find \`${name}\` in the zip`))
    },
    close: () => zip.close()
  }
}
