/**
 * Model stage: parsed files become one typed Course. All content validation happens
 * here; problems are positioned messages on the files. The course is returned even
 * with errors so that every problem of a run is reported together.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { error, related, warn } from '../diagnostics.js'
import type { CourseSource } from '../load/index.js'
import type { ParsedFile } from '../parse/index.js'
import { type CourseContext, checkContent, courseContext } from './content.js'
import { courseSchema, courseTextSchema, keyPosition, lessonSchema, moduleSchema, readFrontmatter } from './frontmatter.js'
import { modulePageId, welcomePageId } from './pages.js'
import { readPassingScore } from './passing-score.js'
import { coreOf } from '../questions/cores.js'
import { parserOf } from '../questions/index.js'
import { checkPolicy, readQuizMeta } from './policy.js'
import { buildQuiz } from './quiz.js'
import { collectRisks } from './risks.js'
import type { Course, Lesson, Media, Module, Question, Quiz } from './types.js'
import { checkUrls } from './url-check.js'

export type { Course, Lesson, Module, Question, Quiz } from './types.js'

/**
 * Build the course model.
 *
 * @param source
 *   The loaded course folder.
 * @param parse
 *   Parses one file (the parse stage, injected so callers may cache it).
 */
export function buildCourse(source: CourseSource, parseStage: (file: VFile) => ParsedFile): Course {
  // Every file's URLs are checked once, over its whole tree, before any body is modelled.
  const urlsChecked = new WeakSet<VFile>()
  const parse = (file: VFile): ParsedFile => {
    const parsed = parseStage(file)
    if (!urlsChecked.has(file)) {
      urlsChecked.add(file)
      checkUrls(file, parsed.tree)
    }
    return parsed
  }
  const context: CourseContext = courseContext(source.root, source.language)
  const relative = (file: VFile) => path.relative(source.root, file.path).split(path.sep).join('/')
  /** Page id of each source file, for resolving links between pages. */
  const pageOf = new Map<string, string>()

  const courseParsed = parse(source.course)
  const meta = source.courseOriginal ? translatedMeta(source, courseParsed, parse) : sourceMeta(courseParsed)
  context.sourceLanguage = meta?.language ?? 'en'
  pageOf.set(sourcePath(source.course), welcomePageId)
  const welcome = checkContent(source.course, courseParsed.tree.children, context, { page: welcomePageId })

  const modules: Module[] = []
  const moduleIds = new Map<string, VFile>()
  for (const [index, moduleSource] of source.modules.entries()) {
    const moduleFile = moduleSource.module
    const moduleParsed = parse(moduleFile)
    const moduleMeta = moduleFile.data.missing ? undefined : readFrontmatter(moduleParsed, moduleSchema, '`module.md`')
    const id = moduleSource.slug
    const earlier = moduleIds.get(id)
    if (earlier) {
      error(moduleFile, `Unexpected module id \`${id}\` used by two module folders, expected distinct folder names after the prefix`, {
        ruleId: 'duplicate-module-id',
        cause: related(earlier, `First module \`${id}\``)
      })
    }
    moduleIds.set(id, moduleFile)
    pageOf.set(sourcePath(moduleFile), modulePageId(id))

    const lessons: Lesson[] = []
    const lessonIds = new Set<string>()
    for (const lessonSource of moduleSource.lessons) {
      const parsed = parse(lessonSource.file)
      const lessonMeta = readFrontmatter(parsed, lessonSchema, 'a lesson')
      const kind = lessonMeta?.kind ?? 'lesson'
      const pageId = modulePageId(id, { lesson: lessonSource.slug })
      const body = checkContent(lessonSource.file, parsed.tree.children, context, { allow: kind === 'risks' ? ['Risk'] : [], page: pageId })
      if (lessonIds.has(lessonSource.slug)) {
        error(lessonSource.file, `Unexpected lesson id \`${lessonSource.slug}\` used twice in module \`${id}\`, expected distinct file names after the prefix`, {
          ruleId: 'duplicate-lesson-id'
        })
      }
      lessonIds.add(lessonSource.slug)
      pageOf.set(sourcePath(lessonSource.file), pageId)
      lessons.push({
        id: lessonSource.slug,
        title: lessonMeta?.title ?? lessonSource.slug,
        kind,
        body,
        risks: kind === 'risks' ? collectRisks(parsed, parsed.tree.children, pageId) : [],
        source: relative(lessonSource.file)
      })
    }

    let quiz: Module['quiz']
    if (moduleSource.quiz) {
      const parsed = parse(moduleSource.quiz)
      const quizMeta = readQuizMeta(parsed)
      pageOf.set(sourcePath(moduleSource.quiz), modulePageId(id, 'quiz'))
      quiz = buildQuiz(parsed, quizMeta.title ?? 'Quiz', id, context, relative(moduleSource.quiz), source.language ?? meta?.language ?? 'en', quizMeta.policy)
      checkPolicy(parsed, quizMeta, quiz.banks)
      if (typeof moduleSource.quiz.data.source === 'string') alignWithSource(quiz, parsed, parse, id, source.root)
    } else if (!moduleFile.data.missing) {
      warn(moduleFile, `Cannot find \`quiz.md\` in module \`${moduleSource.name}\`, expected every module to end with a quiz`, {
        ruleId: 'module-without-quiz'
      })
    }
    if (lessons.length === 0 && !moduleFile.data.missing) {
      warn(moduleFile, `Cannot find any lesson in module \`${moduleSource.name}\`, expected files named like \`01-slug.md\``, {
        ruleId: 'module-without-lessons'
      })
    }

    modules.push({
      id,
      number: index + 1,
      title: moduleMeta?.title ?? moduleSource.name,
      objectives: moduleMeta?.objectives ?? [],
      intro: checkContent(moduleFile, moduleParsed.tree.children, context, { page: modulePageId(id) }),
      lessons,
      quiz,
      source: relative(moduleFile)
    })
  }

  if (source.modules.length === 0 && !source.course.data.missing) {
    error(source.course, 'Cannot find any module folder, expected folders named like `01-introduction` beside `course.md`', {
      ruleId: 'course-without-modules'
    })
  }

  // A source `course.md` only: a translation takes its rules, and this warning, from there.
  if (meta && !source.courseOriginal) checkCompletion(meta.completion, modules, courseParsed)
  checkQuestionIds(modules, source)
  for (const link of context.pageLinks) {
    const page = pageOf.get(link.target)
    if (page) {
      link.node.url = `#${page}${link.hash ? `--${link.hash}` : ''}`
    } else {
      error(link.file, `Cannot find page \`${link.node.url}\` (looked for \`${path.relative(link.file.cwd, link.target)}\`), expected a lesson, module or quiz file of this course`, {
        ruleId: 'missing-page',
        place: link.node.position
      })
    }
  }

  // Captions files carry their own messages (a malformed cue, at its line in the `.vtt` file).
  source.files.push(...context.captions.values())
  const baseActivity = meta?.activityId ?? `urn:coursepack:${meta?.id ?? path.basename(source.root)}`
  return {
    id: meta?.id ?? path.basename(source.root),
    title: meta?.title ?? path.basename(source.root),
    version: meta?.version ?? '0.0.0',
    language: source.language ?? meta?.language ?? 'en',
    variant: source.language,
    // Exactly hundredths/100: the nearest double to 33.33 prints as 33.33 everywhere.
    passingScore: (meta?.passingHundredths ?? 7000) / 100,
    passRule: meta?.passRule ?? 'overall',
    completion: meta?.completion ?? 'quizzes',
    navigation: meta?.navigation ?? 'free',
    description: meta?.description ?? '',
    objectives: meta?.objectives ?? [],
    welcome,
    modules,
    assets: [...context.assets.values()].sort((a, b) => (a.target < b.target ? -1 : 1)),
    media: inReadingOrder(context.media, modules),
    root: source.root,
    // Each language is its own activity, so LMSs can hold both packages side by side.
    activityId: source.language ? `${baseActivity}/${source.language}` : baseActivity
  }
}

/** The media in the order of the pages (the module introduction is modelled after its lessons), in document order within a page. */
function inReadingOrder(media: Media[], modules: Module[]): Media[] {
  const order = [welcomePageId, ...modules.flatMap((m) => [modulePageId(m.id), ...m.lessons.map((l) => modulePageId(m.id, { lesson: l.id }))])]
  const rank = (m: Media) => order.indexOf(m.page)
  return media.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i).map(({ m }) => m)
}

/** The path of a file's source-language original (its own path when it is not a translation). */
function sourcePath(file: VFile): string {
  return typeof file.data.source === 'string' ? file.data.source : file.path
}

/** The front matter of a source-language `course.md`, with its passing score in hundredths. */
function sourceMeta(parsed: ParsedFile) {
  const meta = readFrontmatter(parsed, courseSchema, '`course.md`')
  return meta && { ...meta, passingHundredths: readPassingScore(parsed, meta.passingScore) }
}

/**
 * A translated `course.md` gives only the text (`title`, `description`, `objectives`);
 * everything else (id, version, passing score, pass rule) comes from the source `course.md`.
 * It may repeat `completion` and `navigation`, as a translated quiz repeats its policy: a
 * value other than the source's is an error, since every language's package must track and
 * open the course alike.
 */
function translatedMeta(source: CourseSource, parsed: ParsedFile, parse: (file: VFile) => ParsedFile) {
  const original = source.courseOriginal
  if (!original) return undefined
  const originalParsed = parse(original)
  const base = readFrontmatter(originalParsed, courseSchema, '`course.md`')
  const text = readFrontmatter(parsed, courseTextSchema, 'a translated `course.md`')
  if (!base) return undefined
  const { completion, navigation, ...words } = text ?? {}
  for (const [key, value] of [['completion', completion], ['navigation', navigation]] as const) {
    if (value === undefined || value === base[key]) continue
    error(parsed.file, `Unexpected \`${key}: ${value}\` in this translation, expected \`${key}: ${base[key]}\` as in \`course.md\``, {
      ruleId: 'translation-mismatch',
      place: keyPosition(parsed, key, 'value'),
      note: 'A translation keeps the rules of the source `course.md`: leave `completion` and `navigation` out of it, or repeat their values.'
    })
  }
  return { ...base, ...words, passingHundredths: readPassingScore(originalParsed, base.passingScore) }
}

/**
 * Under `completion: quizzes` (the default) a course is complete once every quiz is submitted:
 * a course without any quiz would never be.
 */
function checkCompletion(completion: Course['completion'], modules: readonly Module[], parsed: ParsedFile): void {
  if (completion !== 'quizzes' || modules.length === 0 || modules.some((m) => m.quiz)) return
  warn(parsed.file, 'Cannot complete a course without quizzes under `completion: quizzes`, expected `completion: pages`', {
    ruleId: 'completion-without-quizzes',
    place: keyPosition(parsed, 'completion', 'value'),
    note: '`completion: quizzes` (the default) completes the course once every quiz is submitted; `pages` completes it once every page is viewed.'
  })
}

/**
 * A translated quiz must ask the same questions: the same number, each with the same
 * number of options and the same correct ones, under the same policy and in the same banks.
 * Question ids come from the source language, so LMS reports line up across languages.
 */
function alignWithSource(quiz: NonNullable<Module['quiz']>, parsed: ParsedFile, parse: (file: VFile) => ParsedFile, moduleId: string, root: string): void {
  const { file } = parsed
  const originalPath = file.data.source as string
  if (!file.data.sourceValue) return
  const original = new VFile({ path: originalPath, cwd: file.cwd, value: file.data.sourceValue })
  const scratch: CourseContext = courseContext(root)
  const originalParsed = parse(original)
  const sourceMeta = readQuizMeta(originalParsed)
  const sourceQuiz = buildQuiz(originalParsed, 'Quiz', moduleId, scratch, '', 'en', sourceMeta.policy)
  const name = path.basename(originalPath)
  for (const key of Object.keys(quiz.policy) as Array<keyof typeof quiz.policy>) {
    if (quiz.policy[key] !== sourceQuiz.policy[key]) {
      error(file, `Unexpected \`${key}: ${policyValue(quiz.policy, key)}\` in this translation, expected \`${key}: ${policyValue(sourceQuiz.policy, key)}\` as in \`${name}\``, {
        ruleId: 'translation-mismatch',
        place: keyPosition(parsed, key, 'value'),
        note: 'A translation takes the quiz under the same policy: repeat the source front matter but for `title`.'
      })
    }
  }
  if (sourceQuiz.questions.length !== quiz.questions.length) {
    error(file, `Unexpected ${quiz.questions.length} questions in this translation, expected ${sourceQuiz.questions.length} as in \`${name}\``, { ruleId: 'translation-mismatch' })
    return
  }
  alignBanks(quiz, sourceQuiz, file, name)
  quiz.questions.forEach((question, index) => {
    const counterpart = sourceQuiz.questions[index]
    if (!counterpart) return
    // Each type says what a translation keeps (src/questions/<type>/core.ts `key`): ids, keys, numbers, and the type.
    const parser = (q: typeof question) => parserOf(q.data).name
    const sameType = parser(question) === parser(counterpart)
    const key = (q: typeof question) => (sameType ? coreOf(q.data).key(q.data) : `a \`${parser(q)}\` question`)
    if (key(question) !== key(counterpart)) {
      error(file, `Unexpected ${sameType ? coreOf(counterpart.data).keyName : 'type'} in translated question ${index + 1} (\`${question.text}\`): ${key(question)}, expected ${key(counterpart)} as in \`${name}\``, {
        ruleId: 'translation-mismatch',
        place: question.position
      })
    }
    question.id = counterpart.id
    question.data = { ...question.data, id: counterpart.id }
  })
}

/** How a policy value reads in front matter (`attempts: 0` is the absent, unlimited one). */
function policyValue(policy: Quiz['policy'], key: keyof Quiz['policy']): string {
  return key === 'attempts' && policy.attempts === 0 ? 'unlimited' : String(policy[key])
}

/** A translation keeps the source's banks: the same ids and draws, around the same questions. */
function alignBanks(quiz: Quiz, sourceQuiz: Quiz, file: VFile, name: string): void {
  const describe = (bank: Quiz['banks'][number]) =>
    `\`<Bank id="${bank.id}" draw={${bank.draw}}>\` around question${bank.questions.length === 1 ? '' : 's'} ${bank.questions.map((i) => i + 1).join(', ')}`
  if (quiz.banks.length !== sourceQuiz.banks.length) {
    error(file, `Unexpected ${quiz.banks.length} banks in this translation, expected ${sourceQuiz.banks.length} as in \`${name}\``, {
      ruleId: 'translation-mismatch',
      place: quiz.banks[0]?.position
    })
    return
  }
  quiz.banks.forEach((bank, index) => {
    const counterpart = sourceQuiz.banks[index]
    if (counterpart && describe(bank) !== describe(counterpart)) {
      error(file, `Unexpected ${describe(bank)} in this translation, expected ${describe(counterpart)} as in \`${name}\``, {
        ruleId: 'translation-mismatch',
        place: bank.position
      })
    }
  })
}

/** Question ids become SCORM interaction ids: they must be unique across the course. */
function checkQuestionIds(modules: Module[], source: CourseSource): void {
  const seen = new Map<string, { file: VFile; place: Question['position'] }>()
  for (const [index, module] of modules.entries()) {
    const file = source.modules[index]?.quiz
    if (!module.quiz || !file) continue
    for (const question of module.quiz.questions) {
      const first = seen.get(question.id)
      if (first) {
        error(file, `Unexpected duplicate question id \`${question.id}\`, expected ids unique across the course`, {
          ruleId: 'duplicate-question-id',
          place: question.position,
          cause: related(first.file, `First question with id \`${question.id}\``, first.place),
          note: 'Give one of them a stable id with `<Question id="…">`, or reword its heading.'
        })
      } else {
        seen.set(question.id, { file, place: question.position })
      }
    }
  }
}
