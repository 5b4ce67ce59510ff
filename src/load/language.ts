/** Whether the `<lang>` of a `<name>.<lang>.md` file name is a real language tag. */

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })

/**
 * A BCP 47 tag already in canonical form (case aside) whose primary subtag is a language
 * ICU knows: `fr`, `ar`, `zh-Hans`, `pt-BR` are; `old`, `bak` (canonically `ba`) and
 * `draft` are not, so `01-intro.old.md` is not read as a translation.
 */
export function isLanguageTag(tag: string): boolean {
  let canonical: string | undefined
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]
  } catch {
    return false
  }
  if (canonical?.toLowerCase() !== tag.toLowerCase()) return false
  const primary = canonical.split('-', 1)[0] ?? ''
  try {
    return names.of(primary) !== undefined
  } catch {
    return false
  }
}
