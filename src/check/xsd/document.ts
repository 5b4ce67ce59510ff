/** The document as the validators see it: bounded (no DTD, no external entity) and UTF-8. */

/** Where the DOCTYPE declaration ends (after its `>`), scanning quotes and the internal subset; -1 if never. */
function doctypeEnd(xml: string, start: number): number {
  let quote = ''
  let depth = 0
  for (let i = start + '<!DOCTYPE'.length; i < xml.length; i++) {
    const c = xml[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']') depth = Math.max(0, depth - 1)
    else if (c === '>' && depth === 0) return i + 1
  }
  return -1
}

/**
 * What the validators see: the DOCTYPE blanked out (lines kept, so messages point at the
 * same lines) and the encoding declared as UTF-8, the encoding the text is handed over in.
 * A linear scan, not a regular expression, so a hostile internal subset costs no backtracking.
 */
export function prepareDocument(xml: string): string {
  const text = xml.replace(/^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2')
  const start = text.search(/<!DOCTYPE/i)
  const root = text.search(/<[A-Za-z_:]/)
  // A DOCTYPE comes before the root element; later text that reads like one is content.
  if (start === -1 || (root !== -1 && root < start)) return text
  const end = doctypeEnd(text, start)
  const stop = end === -1 ? text.length : end
  return text.slice(0, start) + text.slice(start, stop).replace(/[^\n]/g, ' ') + text.slice(stop)
}
