/**
 * Decoding descriptor bytes the way an XML processor does (XML 1.0 §4.3.3 and Appendix F):
 * a byte order mark first, else the first bytes of `<?xml` in UTF-16, else the encoding the
 * declaration names, else UTF-8. Bytes that are not valid in that encoding are an error.
 */

import { TextDecoder } from 'node:util'

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; message: string }

const declaration = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/

/** The encoding family from the first four bytes (Appendix F.1), or undefined for ASCII-compatible text. */
function sniff(data: Buffer): { label: string; skip: number } | undefined {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { label: 'utf-8', skip: 3 }
  if (data[0] === 0xff && data[1] === 0xfe) return { label: 'utf-16le', skip: 2 }
  if (data[0] === 0xfe && data[1] === 0xff) return { label: 'utf-16be', skip: 2 }
  if (data[0] === 0x3c && data[1] === 0x00 && data[2] === 0x3f && data[3] === 0x00) return { label: 'utf-16le', skip: 0 }
  if (data[0] === 0x00 && data[1] === 0x3c && data[2] === 0x00 && data[3] === 0x3f) return { label: 'utf-16be', skip: 0 }
  return undefined
}

function decoder(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true })
  } catch {
    return undefined
  }
}

/** Decode an XML document's bytes; `encoding` is the WHATWG name of the encoding used. */
export function decodeXml(data: Buffer): Decoded {
  const sniffed = sniff(data)
  let label = sniffed?.label
  if (!label) {
    // ASCII-compatible: the declaration, read as Latin-1, names the encoding.
    const declared = declaration.exec(data.subarray(0, 200).toString('latin1'))?.[2]
    label = declared ?? 'utf-8'
    // UTF-16 declared without a BOM or UTF-16 bytes: the bytes are ASCII, the declaration is wrong.
    if (/^utf-?16/i.test(label)) return { ok: false, message: `the declaration says ${label} but the document starts with single-byte characters and no byte order mark` }
  }
  const found = decoder(label)
  if (!found) return { ok: false, message: `the declared encoding ${label} is not one an XML processor supports` }
  try {
    return { ok: true, text: found.decode(data.subarray(sniffed?.skip ?? 0)), encoding: found.encoding }
  } catch {
    return { ok: false, message: `the bytes are not valid ${found.encoding}` }
  }
}

/**
 * The same text with its declaration saying UTF-8, for tools that read it again as UTF-8
 * bytes (the schema validator). The line count does not change.
 */
export function asUtf8Document(text: string): string {
  return text.replace(/^(<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2')
}
