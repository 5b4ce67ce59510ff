/**
 * The rule catalogue: every rule id coursepack reports, with its default severity and a
 * one-line description. The configuration file is checked against it, and a test keeps
 * it in step with the rule ids used in src/ and with the README's rule table.
 */
import { closest } from 'fastest-levenshtein'
import { UsageError } from './errors.js'

export type Severity = 'error' | 'warning' | 'info'
/** What a configuration file may set a rule to. */
export type RuleSetting = Severity | 'off'

export interface Rule {
  id: string
  severity: Severity
  /** `course`: build, validate and preview; `package`: check; `config`: the configuration file. */
  scope: 'course' | 'package' | 'config'
  description: string
}

type Entry = readonly [id: string, severity: Severity, description: string]

const course: readonly Entry[] = [
  ['missing-file', 'error', '`course.md` or a module\'s `module.md` is missing'],
  ['frontmatter-missing', 'error', 'no `---` front matter block'],
  ['frontmatter-syntax', 'error', 'YAML syntax error, duplicate key'],
  ['frontmatter-shape', 'error', 'front matter is not a key/value mapping'],
  ['frontmatter-invalid', 'error', 'a missing or invalid value (`title`, `passingScore` outside 0–100, `passRule`, `completion`, `navigation`, …)'],
  ['frontmatter-unknown-key', 'warning', 'a key coursepack does not know (likely a typo)'],
  ['frontmatter-tag', 'error', 'a YAML tag such as `!!js/function` (front matter is data, never code)'],
  ['frontmatter-limit', 'error', 'YAML aliases that expand too far, or front matter nested too deep'],
  ['mdx-syntax', 'error', 'Markdown/MDX that cannot be parsed (such as an unclosed tag)'],
  ['nesting-too-deep', 'error', 'lists or blockquotes nested too deep to parse safely'],
  ['markdown-too-complex', 'error', 'a paragraph with too many emphasis markers or brackets to parse safely'],
  ['url-scheme', 'error', 'a link or image URL with a scheme that runs script or is not allowed'],
  ['url-escape', 'error', 'a malformed `%` escape in a URL path'],
  ['unknown-component', 'error', 'a component other than the built-in ones, or one used where it is not allowed'],
  ['unknown-attribute', 'error', 'an attribute the component does not take'],
  ['invalid-attribute', 'error', 'an attribute value the component does not accept'],
  ['missing-attribute', 'error', 'a required attribute is missing'],
  ['no-expression', 'error', 'an MDX expression `{…}`, in text or in an attribute'],
  ['no-esm', 'error', '`import` / `export`'],
  ['missing-reference', 'error', 'a referenced image or file does not exist'],
  ['blocked-extension', 'error', 'a referenced file (build) or a zip entry (check) with a type LMSs refuse to unpack (`.php`, `.sh`, `.py`, `.htaccess`, … Docebo\'s list)'],
  ['reference-outside-course', 'error', 'a reference points outside the course folder'],
  ['missing-page', 'error', 'a link to a `.md` file that is not a page of the course'],
  ['duplicate-module-prefix', 'error', 'two modules share a numeric prefix'],
  ['duplicate-lesson-prefix', 'error', 'two lessons of one module share a numeric prefix'],
  ['duplicate-module-id', 'error', 'two module folders share the same name after the prefix'],
  ['duplicate-lesson-id', 'error', 'two lesson files of one module share the same name after the prefix'],
  ['course-without-modules', 'error', 'no module folder'],
  ['module-without-quiz', 'warning', 'a module has no `quiz.md`'],
  ['module-without-lessons', 'warning', 'a module has no lessons'],
  ['completion-without-quizzes', 'warning', 'a course without quizzes under `completion: quizzes` (the default), which it can never meet'],
  ['unexpected-file', 'warning', 'a Markdown file in a module that is neither a lesson, `module.md` nor `quiz.md`'],
  ['unexpected-folder', 'warning', 'a folder beside `course.md` that looks like a module but is not named like `01-slug`, or a linked folder leading outside the course'],
  ['orphan-translation', 'warning', 'a translation `<name>.<lang>.md` whose `<name>.md` does not exist'],
  ['unreadable-file', 'error', 'a course file or module folder that is a FIFO, socket, device, link loop or dangling link, or that the system refuses to read'],
  ['file-too-large', 'error', 'a Markdown file over 5 MB, or an asset over 100 MB'],
  ['risks-missing-category', 'error', 'a `kind: risks` lesson lacks content, contact, conduct or contract'],
  ['quiz-no-questions', 'error', 'a quiz without any question'],
  ['quiz-no-options', 'error', 'a question without options'],
  ['quiz-option-not-task', 'error', 'options not written as `- [ ]` / `- [x]`'],
  ['quiz-option-shape', 'error', 'an empty option'],
  ['quiz-no-correct-option', 'error', 'no option is correct'],
  ['quiz-no-wrong-option', 'error', 'every option is correct'],
  ['quiz-too-many-options', 'error', 'more than 36 options'],
  ['quiz-true-false-options', 'error', 'a true-false question with other than two options'],
  ['quiz-true-false-correct', 'error', 'a true-false question with neither or both options marked'],
  ['quiz-fill-in-no-answers', 'error', 'a fill-in question without a bullet list of accepted answers'],
  ['quiz-fill-in-answer-shape', 'error', 'an accepted answer that is empty or more than one paragraph'],
  ['quiz-fill-in-answer-length', 'error', "an accepted answer longer than the question's `maxLength`"],
  ['quiz-numeric-no-answer', 'error', 'a numeric question without `answer`'],
  ['quiz-numeric-tolerance-and-range', 'error', 'a numeric question with `tolerance` and `min` or `max`'],
  ['quiz-numeric-range', 'error', 'a numeric range with one bound only, `min` above `max`, or the answer outside it'],
  ['quiz-question-heading', 'error', 'a `<Question>` that does not start with a level-2 heading'],
  ['quiz-matching-no-table', 'error', 'a matching question without a table of pairs'],
  ['quiz-matching-columns', 'error', 'a matching table row with other than two columns'],
  ['quiz-matching-rows', 'error', 'a matching table with fewer than 2 or more than 36 pairs'],
  ['quiz-ordering-no-list', 'error', 'an ordering question without an ordered list'],
  ['quiz-ordering-items', 'error', 'an ordering list with fewer than 2 or more than 36 items'],
  ['quiz-likert-no-scale', 'error', 'a likert question without a bullet list of labels'],
  ['quiz-likert-labels', 'error', 'a likert scale with fewer than 2 or more than 10 labels'],
  ['quiz-likert-marked', 'error', 'a likert label with a checkbox (no answer is right)'],
  ['quiz-empty-item', 'error', 'an empty matching cell, ordering item or likert label'],
  ['quiz-duplicate-item', 'error', 'a repeated matching item or match, ordering item or likert label'],
  ['quiz-no-scored-question', 'error', 'a quiz whose questions are all unscored (likert)'],
  ['quiz-passing-score', 'error', 'a `passingScore` in `quiz.md` (the course has one, in `course.md`)'],
  ['quiz-bank-empty', 'error', 'a `<Bank>` without questions'],
  ['quiz-bank-nested', 'error', 'a `<Bank>` inside a `<Bank>`'],
  ['quiz-bank-content', 'error', 'content in a `<Bank>` before its first question'],
  ['quiz-bank-duplicate-id', 'error', 'two banks of one quiz with one id'],
  ['quiz-bank-draw', 'error', 'a bank that draws more questions than it has'],
  ['quiz-bank-points', 'error', 'questions of one bank with different points'],
  ['duplicate-question-id', 'error', 'two questions with one id (the first is named)'],
  ['media-captions-missing', 'error', 'a `<Video>` without `captions`, or with `captions="none"` but no transcript'],
  ['media-captions-invalid', 'error', 'a `.vtt` captions file that is not WebVTT a browser reads as meant (signature, cue timings, settings, cue text markup), at its line and column'],
  ['media-transcript-missing', 'error', 'an `<Audio>` without a transcript'],
  ['media-format', 'error', 'a media file of a type the player does not play, or captions that are not a `.vtt` file of the course'],
  ['media-duplicate-id', 'error', 'two videos or audios with one id (the first is named)'],
  ['scorm12-suspend-data', 'error', "the learner's state would exceed SCORM 1.2's 4,096 characters of suspend data"],
  ['scorm12-interaction-id', 'error', "a question id longer than SCORM 1.2's 255 characters"],
  ['image-alt', 'warning', 'an image without alternative text (WCAG 2.1 SC 1.1.1)'],
  ['heading-increment', 'warning', 'a heading that skips a level, or a level-1 heading in a body'],
  ['link-text', 'warning', 'link text such as "click here", "here" or "read more" (WCAG 2.1 SC 2.4.4)'],
  ['quiz-duplicate-option', 'warning', 'repeated option text'],
  ['quiz-content-after-options', 'warning', 'content after the options other than one feedback blockquote'],
  ['quiz-many-items', 'warning', 'a matching or ordering question with more than 12 items'],
  ['quiz-likert-points', 'warning', 'a `points` attribute on a likert question (ignored: likert is not scored)'],
  ['quiz-policy-inert', 'warning', 'a quiz policy option that can never act (`reveal: after-last-attempt` with unlimited attempts, `keep` with one attempt, `repeat` without banks)'],
  ['quiz-feedback-reveals', 'warning', 'feedback that quotes the right answer in a quiz that does not reveal answers `always`'],
  ['untranslated', 'warning', 'a file has no translation in a language the course is translated into'],
  ['translation-stale', 'warning', 'a source unit changed after its translation was recorded by `translate import` (at the unit in the source file)'],
  ['xliff-syntax', 'error', '`translate import`: an XLIFF file that is not well-formed XML, not XLIFF 2.0 or 1.2, or holds elements other than the source\'s inline codes'],
  ['xliff-unit-mismatch', 'error', '`translate import`: an XLIFF file whose files or units are not those of the current source (export again)'],
  ['xliff-inline-code', 'error', '`translate import`: a target that loses, repeats, adds or changes one of its unit\'s inline codes'],
  ['translation-mismatch', 'error', 'a translated quiz has other questions, option counts, correct answers, policy or banks than the source, or a translated `course.md` another `completion` or `navigation`'],
  ['missing-translation', 'error', '`--language xx` for a course with no `xx` translation']
]

const pkg: readonly Entry[] = [
  ['zip-unreadable', 'error', 'the file is missing, a folder, or not a readable zip'],
  ['zip-unsafe-path', 'error', 'an entry whose path escapes the package root'],
  ['zip-symlink', 'error', 'an entry that is a symbolic link'],
  ['zip-duplicate-entry', 'error', 'two entries with one path'],
  ['zip-encrypted', 'error', 'an encrypted entry, which an LMS cannot unpack'],
  ['zip-hidden-entry', 'error', 'a local file header that the central directory does not list'],
  ['zip-overlap', 'error', 'entries whose data overlap (non-recursive zip bombs)'],
  ['descriptor-missing', 'error', 'no `imsmanifest.xml`, `cmi5.xml` or `tincan.xml` at the package root'],
  ['descriptor-nested', 'error', 'the descriptor is in a sub-folder (the folder was zipped, not its contents)'],
  ['descriptor-multiple', 'error', 'more than one descriptor at the package root'],
  ['xml-malformed', 'error', 'the descriptor is not well-formed XML'],
  ['xml-encoding', 'error', 'the descriptor cannot be decoded (UTF-8, UTF-16 with a BOM, or its declared encoding)'],
  ['xml-entity', 'error', 'an entity declaration in the descriptor\'s DOCTYPE (billion laughs, XXE)'],
  ['limit-entries', 'error', 'more entries than `check` reads (100,000, or 16 MB of names, extra fields and comments)'],
  ['limit-entry-size', 'error', 'a descriptor or launch page larger than `check` reads (16 MB uncompressed)'],
  ['limit-total-size', 'error', 'more bytes to read than `check` allows per package (24 MB uncompressed)'],
  ['limit-xml-depth', 'error', 'descriptor elements nested deeper than 256'],
  ['limit-xml-elements', 'error', 'a descriptor with more than 1,000,000 elements'],
  ['manifest-version-unknown', 'error', '`imsmanifest.xml` is neither SCORM 1.2 nor SCORM 2004 4th edition'],
  ['xsd-invalid', 'error', 'the descriptor does not validate against the official schemas'],
  ['xsd-skipped', 'warning', 'the schema check could not run'],
  ['xsd-partial', 'info', 'validated with the official schemas except one'],
  ['xsd-cmi5-absent', 'info', 'no cmi5 CourseStructure.xsd given: checked with the cmi5 §13 rules only'],
  ['cmi5-root', 'error', '`cmi5.xml` is not rooted at `<courseStructure>`'],
  ['cmi5-namespace', 'error', '`<courseStructure>` is not in the cmi5 namespace'],
  ['cmi5-element-unexpected', 'error', 'an element cmi5 does not allow there, or a second one'],
  ['cmi5-element-missing', 'error', 'a required cmi5 element is missing'],
  ['cmi5-element-order', 'error', 'cmi5 elements out of the required order'],
  ['cmi5-attribute-unexpected', 'error', 'an attribute cmi5 does not allow on that element'],
  ['cmi5-attribute-missing', 'error', 'an element without its required `id`'],
  ['cmi5-iri-invalid', 'error', 'an id that is not a fully qualified IRI'],
  ['cmi5-id-duplicate', 'error', 'two elements with one id'],
  ['cmi5-moveon-invalid', 'error', 'a `moveOn` outside its case-sensitive values'],
  ['cmi5-launchmethod-invalid', 'error', 'a `launchMethod` outside its case-sensitive values'],
  ['cmi5-mastery-precision', 'warning', 'a `masteryScore` with more than 4 decimal places'],
  ['cmi5-lang-invalid', 'error', 'a `lang` that is not a language tag'],
  ['cmi5-langstring-empty', 'warning', 'an empty title or description'],
  ['cmi5-objective-unknown', 'error', 'an objective reference without `idref`, or to an undefined objective'],
  ['file-missing', 'error', 'a file the descriptor lists is not in the zip'],
  ['file-unlisted', 'warning', 'a file in the zip that no resource lists'],
  ['href-outside', 'error', 'an `href` or metadata location outside the package root'],
  ['identifierref-missing', 'error', 'an item, dependency or default organization names a missing identifier'],
  ['identifier-invalid', 'error', 'an identifier that is not a valid xs:ID'],
  ['identifier-duplicate', 'error', 'two elements with one identifier'],
  ['scormtype-case', 'error', 'SCORM 2004 `scormtype` written without the capital T'],
  ['launch-none', 'error', 'no launchable item, resource `href` or AU `<url>`'],
  ['launch-missing', 'error', 'the launch file is not in the zip'],
  ['launch-remote', 'error', 'the launch URL is remote'],
  ['launch-absolute', 'error', 'the launch URL is an absolute path'],
  ['launch-query', 'warning', 'the launch URL carries a query or fragment'],
  ['tincan-shape', 'error', '`tincan.xml` is not `<tincan><activities><activity id>`'],
  ['tincan-launch-count', 'error', '`tincan.xml` does not have exactly one `<launch>`'],
  ['tincan-namespace', 'warning', '`tincan.xml` lacks the TinCan namespace'],
  ['tincan-no-schema', 'info', 'no offline schema for `tincan.xml`: its fixed shape was checked instead'],
  ['mastery-range', 'error', 'a passing score outside its allowed range'],
  ['mastery-measure', 'warning', 'a passing score that the LMS may not apply as written'],
  ['mastery-mismatch', 'error', "the descriptor's passing score differs from the runtime's"],
  ['runtime-data-invalid', 'error', "our launch page's runtime data cannot be read"],
  ['runtime-target-mismatch', 'error', 'the runtime was built for another target than the package'],
  ['answer-key-exposed', 'error', 'our package shows an answer key in plain text: a key field in the runtime data, a `"correct":` key, a correct-response pattern in a descriptor, or an accepted answer in the quiz data or a descriptor'],
  ['completed-on-exit', 'error', '`coursepack test --lms successfactors`: a SCORM 2004 manifest without `completionSetByContent`/`objectiveSetByContent`, which SuccessFactors completes on exit'],
  ['scorm2004-edition', 'warning', '`coursepack test --lms docebo`: a SCORM 2004 4th Edition package; Docebo documents 3rd Edition only'],
  ['check-failed', 'error', 'the check stopped on an unexpected problem'],
  ['findings-capped', 'info', 'more findings of one rule than are listed (takes that rule\'s severity)'],
  ['test-not-ours', 'info', '`coursepack test`: a package not made by coursepack gets the package checks only, no walks'],
  ['test-not-played', 'error', '`coursepack test`: our package could not be unpacked or its course data read, so no walk was played']
]

const config: readonly Entry[] = [
  ['config-syntax', 'error', 'the configuration file is not valid JSON'],
  ['config-invalid', 'error', 'a configuration value of the wrong type, or a key coursepack does not know'],
  ['config-unknown-rule', 'error', 'a rule id in `rules` that coursepack does not have'],
  ['config-rule-severity', 'error', 'a severity a rule cannot take (errors that stop packaging stay errors)']
]

const entries = (scope: Rule['scope'], list: readonly Entry[]): Rule[] => list.map(([id, severity, description]) => ({ id, severity, scope, description }))

export const rules: readonly Rule[] = [...entries('course', course), ...entries('package', pkg), ...entries('config', config)]

const byId = new Map(rules.map((rule) => [rule.id, rule]))

export function findRule(id: string): Rule | undefined {
  return byId.get(id)
}

/** The known rule id nearest to a mistyped one. */
export function closestRule(id: string): string {
  return closest(id, [...byId.keys()])
}

/**
 * Why a rule cannot take this setting, or undefined when it can. A course error stops
 * later stages and packaging, so it stays an error; warnings, infos and package-check
 * findings can take any setting.
 */
export function settingProblem(rule: Rule, setting: RuleSetting): string | undefined {
  if (rule.scope === 'config') return `\`${rule.id}\` reports the configuration file itself and cannot be changed`
  if (rule.scope === 'course' && rule.severity === 'error' && setting !== 'error') {
    return `Unexpected \`${setting}\` for \`${rule.id}\`, expected \`error\`: a course with this problem cannot be packaged`
  }
  return undefined
}

/** Check rule settings given through the API: an unknown id or a refused setting is a `UsageError`. */
export function assertRuleSettings(settings: Readonly<Record<string, RuleSetting>> | undefined): void {
  for (const [id, setting] of Object.entries(settings ?? {})) {
    const rule = findRule(id)
    if (!rule) throw new UsageError(`Unexpected rule id \`${id}\`, expected a known rule id: did you mean \`${closestRule(id)}\`?`)
    if (!['off', 'info', 'warning', 'error'].includes(setting)) throw new UsageError(`Unexpected \`${String(setting)}\` for \`${id}\`, expected \`off\`, \`info\`, \`warning\` or \`error\``)
    const problem = settingProblem(rule, setting)
    if (problem) throw new UsageError(problem)
  }
}
