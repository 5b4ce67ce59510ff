/** `translation-stale`: a warning at each source unit that changed after its recorded translation. */
import path from 'node:path'
import { warn } from '../diagnostics.js'
import type { TranslatableCourse } from './course.js'
import { readTranslation } from './course.js'
import { unitState } from './status.js'

/** Warn on the source files of `course` (the pipeline's own VFiles) for every stale unit of `language`. */
export async function warnStale(course: TranslatableCourse, language: string, cwd: string): Promise<void> {
  const { files } = await readTranslation(course, language, cwd)
  for (const translated of files) {
    for (const unit of translated.source.units) {
      if (unitState(unit, translated) !== 'stale') continue
      warn(translated.source.file, `Unexpected change to \`${unit.id}\` since its \`${language}\` translation in \`${path.basename(translated.relative)}\`, expected the translation to follow the source`, {
        ruleId: 'translation-stale',
        place: unit.position,
        note: `Export the \`${language}\` translation (\`coursepack translate export --language ${language}\`), revise the unit, and import it.`
      })
    }
  }
}
