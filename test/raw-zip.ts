/**
 * A byte-level zip writer for hostile test packages: every header field can be set or lied
 * about (names with NUL bytes, encryption flags, declared sizes, zip64 records), which
 * archiver refuses to do. Layout per APPNOTE.TXT §4.3 (local headers, central directory,
 * end of central directory, zip64 end record and locator).
 */
import { crc32, deflateRawSync } from 'node:zlib'

export interface RawEntry {
  /** Stored name bytes (a string is written as UTF-8). */
  name: string | Buffer
  data?: string | Buffer
  /** 0 stored, 8 deflated (default); any other number is written as it is. */
  method?: number
  /** General purpose bit flag (0x0001 encrypted, 0x0800 UTF-8 names); default 0x0800. */
  flags?: number
  /** External file attributes (Unix mode in the high 16 bits). */
  externalAttributes?: number
  /** Declared sizes and CRC instead of the real ones. */
  uncompressedSize?: number
  compressedSize?: number
  crc?: number
  /** Extra field, written in both headers. */
  extra?: Buffer
  /** Compressed bytes to store as they are (with `method`), instead of compressing `data`. */
  raw?: Buffer
  /** Write the local header and data only: no central directory record. */
  localOnly?: boolean
  /** Write no local header: the central record points at this earlier entry's (overlapping data). */
  sameDataAs?: number
}

export interface RawZipOptions {
  /** Write a zip64 end record and locator (and 0xFFFF/0xFFFFFFFF in the classic end record). */
  zip64?: boolean
  /** Entry count to declare instead of the real one. */
  declaredCount?: number
  /** Offset the zip64 locator points at instead of the real zip64 end record. */
  zip64RecordOffset?: number
}

const u16 = (value: number) => {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(value & 0xffff)
  return b
}
const u32 = (value: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(value >>> 0)
  return b
}
const u64 = (value: number) => {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt(value))
  return b
}

/** A zip64 extended information extra field (header 0x0001) with sizes, APPNOTE §4.5.3. */
export function zip64Extra(uncompressed: number, compressed: number, offset?: number): Buffer {
  const body = Buffer.concat([u64(uncompressed), u64(compressed), ...(offset !== undefined ? [u64(offset)] : [])])
  return Buffer.concat([u16(0x0001), u16(body.length), body])
}

export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  const offsets: number[] = []
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name) : entry.name
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0))
    const method = entry.method ?? 8
    const body = entry.raw ?? (method === 8 ? deflateRawSync(data) : data)
    const flags = entry.flags ?? 0x0800
    const crc = entry.crc ?? crc32(data)
    const compressed = entry.compressedSize ?? body.length
    const uncompressed = entry.uncompressedSize ?? data.length
    const extra = entry.extra ?? Buffer.alloc(0)
    const common = [u16(flags), u16(method), u16(0), u16(0x21), u32(crc), u32(compressed), u32(uncompressed), u16(name.length), u16(extra.length)]
    const local = entry.sameDataAs !== undefined ? Buffer.alloc(0) : Buffer.concat([u32(0x04034b50), u16(20), ...common, name, extra, body])
    const at = entry.sameDataAs !== undefined ? (offsets[entry.sameDataAs] ?? 0) : offset
    offsets.push(at)
    const madeBy = u16((3 << 8) | 20) // Unix, so the mode in the external attributes counts
    const central = Buffer.concat([
      u32(0x02014b50),
      madeBy,
      u16(20),
      ...common,
      u16(0),
      u16(0),
      u16(0),
      u32(entry.externalAttributes ?? (0o100644 << 16) >>> 0),
      u32(at),
      name,
      extra
    ])
    locals.push(local)
    if (!entry.localOnly) centrals.push(central)
    offset += local.length
  }
  const directory = Buffer.concat(centrals)
  const count = options.declaredCount ?? centrals.length
  const tail: Buffer[] = []
  if (options.zip64) {
    const recordOffset = offset + directory.length
    const record = Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(directory.length), u64(offset)])
    const locator = Buffer.concat([u32(0x07064b50), u32(0), u64(options.zip64RecordOffset ?? recordOffset), u32(1)])
    tail.push(record, locator, Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(0)]))
  } else {
    tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(directory.length), u32(offset), u16(0)]))
  }
  return Buffer.concat([...locals, directory, ...tail])
}
