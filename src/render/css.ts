/**
 * Stylesheets as packages ship them: without their comments, which are for whoever edits the
 * theme (the template folder keeps them). About 0.7 KiB of the default theme's 5.5 KiB
 * gzipped. `/*! … *\/` comments (licences, by convention) stay. Strings and `url()` are copied
 * as they are, so a `/*` inside one is not taken for a comment.
 */
export function stripCssComments(css: string): string {
  let out = ''
  let i = 0
  while (i < css.length) {
    const char = css[i]
    if (char === '"' || char === "'") {
      // A string, to its unescaped closing quote (or the end of the line, where CSS ends a bad string).
      let j = i + 1
      while (j < css.length && css[j] !== char && css[j] !== '\n') j += css[j] === '\\' ? 2 : 1
      out += css.slice(i, j + 1)
      i = j + 1
      continue
    }
    if (char === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2)
      const stop = end === -1 ? css.length : end + 2
      if (css[i + 2] === '!') out += css.slice(i, stop)
      i = stop
      // A comment alone on its line leaves no empty line behind.
      const lineStart = out.lastIndexOf('\n') + 1
      if (css[i] === '\n' && /^[ \t]*$/.test(out.slice(lineStart))) {
        out = out.slice(0, lineStart)
        i++
      }
      continue
    }
    out += char
    i++
  }
  return out
}
