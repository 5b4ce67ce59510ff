/**
 * Hostile and careless course folders against the load stage (issues 10 and 11): FIFOs,
 * sockets, symbolic links leaving the course or looping, /dev/zero, oversized files, and
 * folders or files that look like course files but are not. The folders are made here,
 * since FIFOs, sockets and links cannot be committed as fixtures.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { collectDiagnostics, type JsonDiagnostic } from '../src/cli/report.js'
import { exitCodeFor } from '../src/diagnostics.js'
import { isWithin } from '../src/load/safe-file.js'
import { checkCourse } from '../src/pipeline.js'
import { previewBuild } from '../src/preview/build.js'
import { cleanup, fixtureCourse, readZip, runCli } from './helpers.js'

afterAll(cleanup)

/** Generous for a loaded two-core machine; a hang (the bug) never finishes. */
const bound = 10_000

const sockets: net.Server[] = []
afterAll(() => Promise.all(sockets.map((server) => new Promise((resolve) => server.close(resolve)))))

function fifo(file: string): void {
  rmSync(file, { force: true })
  execFileSync('mkfifo', [file])
}

async function socket(file: string): Promise<void> {
  rmSync(file, { force: true })
  const server = net.createServer()
  sockets.push(server)
  await new Promise<void>((resolve) => server.listen(file, resolve))
}

function link(target: string, file: string): void {
  rmSync(file, { force: true, recursive: true })
  symlinkSync(target, file)
}

/** A lesson whose only content is a reference at line 5, column 1. */
function assetLesson(course: string, url: string): void {
  writeFileSync(path.join(course, '01-basics', '03-assets.md'), `---\ntitle: Assets\n---\n\n![An asset](${url})\n`)
}

interface Case {
  name: string
  /** Changes the fixture course (`course`, inside `workspace`). */
  setup: (course: string, workspace: string) => void | Promise<void>
  /** Translation language to check (default: the source language). */
  language?: string
  exit: 0 | 1
  /** Expected diagnostic; undefined for a clean course. */
  expected?: { ruleId: string; file: string; line: number; column: number; severity: 'error' | 'warning'; message: RegExp; note?: RegExp }
}

const ref = { line: 5, column: 1, file: 'course/01-basics/03-assets.md' }

const cases: Case[] = [
  // FIFOs are never opened (opening one blocks until a writer comes).
  {
    name: 'course.md is a FIFO',
    setup: (course) => fifo(path.join(course, 'course.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Cannot read `course\.md`: it is a named pipe \(FIFO\)/ }
  },
  {
    name: 'a lesson is a FIFO',
    setup: (course) => fifo(path.join(course, '01-basics', '03-pipe.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/03-pipe.md', line: 1, column: 1, severity: 'error', message: /^Cannot read `01-basics\/03-pipe\.md`: it is a named pipe \(FIFO\), expected a readable regular file$/ }
  },
  {
    name: 'module.md is a FIFO',
    setup: (course) => fifo(path.join(course, '02-more', 'module.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/02-more/module.md', line: 1, column: 1, severity: 'error', message: /named pipe/ }
  },
  {
    name: 'quiz.md is a FIFO',
    setup: (course) => fifo(path.join(course, '01-basics', 'quiz.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/quiz.md', line: 1, column: 1, severity: 'error', message: /named pipe/ }
  },
  {
    name: 'a lesson translation is a FIFO (checked in that language)',
    setup: (course) => fifo(path.join(course, '01-basics', '01-first.fr.md')),
    language: 'fr',
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/01-first.fr.md', line: 1, column: 1, severity: 'error', message: /named pipe/ }
  },
  {
    name: 'course.fr.md is a FIFO (checked in that language)',
    setup: (course) => fifo(path.join(course, 'course.fr.md')),
    language: 'fr',
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.fr.md', line: 1, column: 1, severity: 'error', message: /named pipe/ }
  },
  {
    name: 'course.fr.md is a dangling link (checked in that language)',
    setup: (course) => link('gone.md', path.join(course, 'course.fr.md')),
    language: 'fr',
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.fr.md', line: 1, column: 1, severity: 'error', message: /symbolic link to `gone\.md`, which does not exist/ }
  },
  // Sockets, loops, dangling links: the system's reason, never an empty message.
  {
    name: 'a lesson is a unix socket',
    setup: (course) => socket(path.join(course, '01-basics', '03-socket.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/03-socket.md', line: 1, column: 1, severity: 'error', message: /it is a socket/ }
  },
  {
    name: 'a lesson is a symbolic link loop',
    setup: (course) => link('03-loop.md', path.join(course, '01-basics', '03-loop.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/03-loop.md', line: 1, column: 1, severity: 'error', message: /^Cannot read `01-basics\/03-loop\.md`: too many .*symbolic links.* \(ELOOP\)/ }
  },
  {
    name: 'a lesson is a dangling symbolic link',
    setup: (course) => link('nowhere.md', path.join(course, '01-basics', '03-gone.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/03-gone.md', line: 1, column: 1, severity: 'error', message: /symbolic link to `nowhere\.md`, which does not exist/ }
  },
  {
    name: 'quiz.md is a folder',
    setup: (course) => {
      rmSync(path.join(course, '02-more', 'quiz.md'))
      mkdirSync(path.join(course, '02-more', 'quiz.md'))
    },
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/02-more/quiz.md', line: 1, column: 1, severity: 'error', message: /it is a folder/ }
  },
  {
    name: 'a folder named like a lesson',
    setup: (course) => mkdirSync(path.join(course, '01-basics', '03-folder.md')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/01-basics/03-folder.md', line: 1, column: 1, severity: 'error', message: /it is a folder/ }
  },
  // Links leaving the course: by real path, not by path text.
  {
    name: 'a lesson links to /etc/passwd',
    setup: (course) => link('/etc/passwd', path.join(course, '01-basics', '03-leak.md')),
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/01-basics/03-leak.md', line: 1, column: 1, severity: 'error', message: /^Unexpected `01-basics\/03-leak\.md` leading outside the course folder \(to `\/etc\/passwd`\)/ }
  },
  {
    name: 'a lesson links to /dev/zero (nothing streamed)',
    setup: (course) => link('/dev/zero', path.join(course, '01-basics', '03-zero.md')),
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/01-basics/03-zero.md', line: 1, column: 1, severity: 'error', message: /\(to `\/dev\/zero`\)/ }
  },
  {
    name: 'course.md links to a file beside the course',
    setup: (course, workspace) => {
      renameSync(path.join(course, 'course.md'), path.join(workspace, 'elsewhere.md'))
      link('../elsewhere.md', path.join(course, 'course.md'))
    },
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /elsewhere\.md`\), expected a path inside `course`$/ }
  },
  {
    name: 'a module folder links outside the course',
    setup: (course, workspace) => {
      cpSync(path.join(course, '02-more'), path.join(workspace, 'outside-module'), { recursive: true })
      link('../outside-module', path.join(course, '03-outside'))
    },
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Unexpected module folder `03-outside` leading outside the course folder \(to `.*outside-module`\)/ }
  },
  {
    name: 'a module folder is a symbolic link loop',
    setup: (course) => link('03-loop', path.join(course, '03-loop')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Cannot read module folder `03-loop`: .*ELOOP/ }
  },
  {
    name: 'a module folder is a FIFO',
    setup: (course) => fifo(path.join(course, '03-pipe')),
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Cannot read module folder `03-pipe`: it is a named pipe/ }
  },
  {
    name: 'a 6 MB lesson',
    setup: (course) => writeFileSync(path.join(course, '01-basics', '03-huge.md'), `---\ntitle: Huge\n---\n\n${'word '.repeat(1_200_000)}\n`),
    exit: 1,
    expected: { ruleId: 'file-too-large', file: 'course/01-basics/03-huge.md', line: 1, column: 1, severity: 'error', message: /^Unexpected size of `01-basics\/03-huge\.md` \(6 MB\), expected at most 5 MB of Markdown per file$/ }
  },
  // Assets: positioned at the reference.
  {
    name: 'an image links to /etc/passwd',
    setup: (course) => {
      link('/etc/passwd', path.join(course, 'images', 'leak.txt'))
      assetLesson(course, '../images/leak.txt')
    },
    exit: 1,
    expected: { ...ref, ruleId: 'reference-outside-course', severity: 'error', message: /^Unexpected image `\.\.\/images\/leak\.txt` leading outside the course folder \(to `\/etc\/passwd`\)/ }
  },
  {
    name: 'the images folder links outside the course',
    setup: (course, workspace) => {
      renameSync(path.join(course, 'images'), path.join(workspace, 'shared-images'))
      link('../shared-images', path.join(course, 'images'))
    },
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/01-basics/01-first.md', line: 7, column: 26, severity: 'error', message: /shared-images\/square\.svg`\)/ }
  },
  {
    name: 'an image is a FIFO',
    setup: (course) => {
      fifo(path.join(course, 'images', 'pipe.png'))
      assetLesson(course, '../images/pipe.png')
    },
    exit: 1,
    expected: { ...ref, ruleId: 'unreadable-file', severity: 'error', message: /^Cannot read image `\.\.\/images\/pipe\.png`: it is a named pipe/ }
  },
  {
    name: 'an image is a socket',
    setup: async (course) => {
      await socket(path.join(course, 'images', 'sock.png'))
      assetLesson(course, '../images/sock.png')
    },
    exit: 1,
    expected: { ...ref, ruleId: 'unreadable-file', severity: 'error', message: /it is a socket/ }
  },
  {
    name: 'an image links to /dev/zero',
    setup: (course) => {
      link('/dev/zero', path.join(course, 'images', 'zero.png'))
      assetLesson(course, '../images/zero.png')
    },
    exit: 1,
    expected: { ...ref, ruleId: 'reference-outside-course', severity: 'error', message: /\(to `\/dev\/zero`\)/ }
  },
  {
    name: 'an image is a symbolic link loop',
    setup: (course) => {
      link('loop.png', path.join(course, 'images', 'loop.png'))
      assetLesson(course, '../images/loop.png')
    },
    exit: 1,
    expected: { ...ref, ruleId: 'unreadable-file', severity: 'error', message: /ELOOP/ }
  },
  {
    name: 'an image over 100 MB (sparse)',
    setup: (course) => {
      writeFileSync(path.join(course, 'images', 'huge.png'), '')
      truncateSync(path.join(course, 'images', 'huge.png'), 100_000_001)
      assetLesson(course, '../images/huge.png')
    },
    exit: 1,
    expected: { ...ref, ruleId: 'file-too-large', severity: 'error', message: /^Unexpected size of image `\.\.\/images\/huge\.png` \(100,000,001 bytes\), expected at most 100 MB per asset$/ }
  },
  // The course's templates/ folder, read by the render stage: checked by the load stage first.
  {
    name: 'a template asset is a FIFO',
    setup: (course) => {
      mkdirSync(path.join(course, 'templates', 'assets'), { recursive: true })
      fifo(path.join(course, 'templates', 'assets', 'theme.css'))
    },
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Cannot read `templates\/assets\/theme\.css`: it is a named pipe \(FIFO\)/ }
  },
  {
    name: 'a template asset links to /etc/passwd',
    setup: (course) => {
      mkdirSync(path.join(course, 'templates', 'assets'), { recursive: true })
      link('/etc/passwd', path.join(course, 'templates', 'assets', 'passwd.txt'))
    },
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Unexpected `templates\/assets\/passwd\.txt` leading outside the course folder \(to `\/etc\/passwd`\)/ }
  },
  {
    name: 'the templates folder links outside the course',
    setup: (course, workspace) => {
      mkdirSync(path.join(workspace, 'theme', 'locales'), { recursive: true })
      writeFileSync(path.join(workspace, 'theme', 'locales', 'en.json'), '{}')
      link('../theme', path.join(course, 'templates'))
    },
    exit: 1,
    expected: { ruleId: 'reference-outside-course', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Unexpected `templates\/locales` leading outside the course folder/ }
  },
  {
    name: 'templates/layouts is a file',
    setup: (course) => {
      mkdirSync(path.join(course, 'templates'))
      writeFileSync(path.join(course, 'templates', 'layouts'), '')
    },
    exit: 1,
    expected: { ruleId: 'unreadable-file', file: 'course/course.md', line: 1, column: 1, severity: 'error', message: /^Cannot read `templates\/layouts`: it is a file, expected a folder$/ }
  },
  // Links that stay inside the course are fine.
  {
    name: 'a lesson, an image and a module folder linked inside the course',
    setup: (course) => {
      link('../02-more/01-only.md', path.join(course, '01-basics', '03-alias.md'))
      link('square.svg', path.join(course, 'images', 'alias.svg'))
      writeFileSync(path.join(course, '02-more', '02-alias-image.md'), '---\ntitle: Alias\n---\n\n![A square](../images/alias.svg)\n')
      mkdirSync(path.join(course, 'parts'))
      renameSync(path.join(course, '02-more'), path.join(course, 'parts', 'more'))
      link('parts/more', path.join(course, '02-more'))
    },
    exit: 0
  },
  {
    name: 'the course folder itself is a link, and a lesson links through it',
    setup: (course, workspace) => {
      renameSync(course, path.join(workspace, 'real-course'))
      link('real-course', course)
      link(path.join(course, '02-more', '01-only.md'), path.join(workspace, 'real-course', '01-basics', '03-through.md'))
    },
    exit: 0
  },
  // Nothing dropped in silence (issue 10).
  {
    name: 'a module folder with capitals',
    setup: (course) => cpSync(path.join(course, '02-more'), path.join(course, '03-More'), { recursive: true }),
    exit: 0,
    expected: { ruleId: 'unexpected-folder', file: 'course/course.md', line: 1, column: 1, severity: 'warning', message: /^Unexpected folder `03-More` beside `course\.md`, expected a module folder named like `01-slug`/ }
  },
  {
    name: 'a module folder with an underscore',
    setup: (course) => mkdirSync(path.join(course, '03-Next_Steps')),
    exit: 0,
    expected: { ruleId: 'unexpected-folder', file: 'course/course.md', line: 1, column: 1, severity: 'warning', message: /`03-Next_Steps`/ }
  },
  {
    name: 'a folder holding a module.md without a prefix',
    setup: (course) => cpSync(path.join(course, '02-more'), path.join(course, 'extra'), { recursive: true }),
    exit: 0,
    expected: { ruleId: 'unexpected-folder', file: 'course/course.md', line: 1, column: 1, severity: 'warning', message: /`extra`/ }
  },
  {
    name: 'a folder linked outside the course, not a module',
    setup: (course, workspace) => {
      mkdirSync(path.join(workspace, 'handouts'))
      link('../handouts', path.join(course, 'handouts'))
    },
    exit: 0,
    expected: { ruleId: 'unexpected-folder', file: 'course/course.md', line: 1, column: 1, severity: 'warning', message: /^Unexpected folder `handouts` leading outside the course folder/ }
  },
  {
    name: 'a lesson with a one-digit prefix and a capital',
    setup: (course) => writeFileSync(path.join(course, '01-basics', '3-Intro.md'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'unexpected-file', file: 'course/01-basics/module.md', line: 1, column: 1, severity: 'warning', message: /^Unexpected Markdown file `3-Intro\.md` in module `01-basics`, expected `module\.md`, `quiz\.md` or a lesson named like `01-slug\.md`/ }
  },
  {
    name: 'a lesson with a capital',
    setup: (course) => writeFileSync(path.join(course, '01-basics', '03-Intro.md'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'unexpected-file', file: 'course/01-basics/module.md', line: 1, column: 1, severity: 'warning', message: /`03-Intro\.md`/, note: /only lowercase letters/ }
  },
  {
    name: 'a backup copy: `.old` is no language',
    setup: (course) => writeFileSync(path.join(course, '01-basics', '01-first.old.md'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'unexpected-file', file: 'course/01-basics/module.md', line: 1, column: 1, severity: 'warning', message: /`01-first\.old\.md`/, note: /^`old` is not a known language tag/ }
  },
  {
    name: 'a lesson written as .mdx',
    setup: (course) => writeFileSync(path.join(course, '02-more', '02-next.mdx'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'unexpected-file', file: 'course/02-more/module.md', line: 1, column: 1, severity: 'warning', message: /`02-next\.mdx`/ }
  },
  {
    name: 'a lesson beside course.md',
    setup: (course) => writeFileSync(path.join(course, '01-intro.md'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'unexpected-file', file: 'course/course.md', line: 1, column: 1, severity: 'warning', message: /^Unexpected Markdown file `01-intro\.md` beside `course\.md`, expected lessons inside a module folder/ }
  },
  {
    name: 'course.draft.md is no translation',
    setup: (course) => writeFileSync(path.join(course, 'course.draft.md'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'unexpected-file', file: 'course/course.md', line: 1, column: 1, severity: 'warning', message: /`course\.draft\.md`/, note: /^`draft` is not a known language tag/ }
  },
  {
    name: 'a translation without its source',
    setup: (course) => writeFileSync(path.join(course, '01-basics', '09-gone.fr.md'), '---\ntitle: x\n---\n'),
    exit: 0,
    expected: { ruleId: 'orphan-translation', file: 'course/01-basics/module.md', line: 1, column: 1, severity: 'warning', message: /^Unexpected translation `09-gone\.fr\.md` in module `01-basics` without its source `09-gone\.md`/ }
  },
  {
    name: 'folders and files the tool owns or ignores',
    setup: (course) => {
      for (const dir of ['templates/locales', 'media', '.git', 'downloads']) mkdirSync(path.join(course, dir), { recursive: true })
      writeFileSync(path.join(course, 'README.md'), '# Notes\n')
      writeFileSync(path.join(course, '.hidden.md'), '')
      writeFileSync(path.join(course, '01-basics', 'diagram.png'), '')
      writeFileSync(path.join(course, '01-basics', '.01-draft.md'), '')
      writeFileSync(path.join(course, '01-basics', 'notes.txt'), '')
    },
    exit: 0
  }
]

function matching(diagnostics: JsonDiagnostic[], expected: NonNullable<Case['expected']>): JsonDiagnostic | undefined {
  return diagnostics.find((d) => d.ruleId === expected.ruleId && d.file === expected.file)
}

describe('hostile course folders, in-process', () => {
  test(`the corpus holds at least 25 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
  })

  test.each(cases)('$name', async ({ setup, language, exit, expected }) => {
    const { workspace, course } = fixtureCourse()
    await setup(course, workspace)
    const start = performance.now()
    const result = await checkCourse('course', workspace, ['scorm12'], language)
    expect(performance.now() - start).toBeLessThan(bound)
    const diagnostics = collectDiagnostics(result.files, workspace)
    for (const d of diagnostics) expect(d.message.length).toBeGreaterThan(0)
    expect(exitCodeFor(result.files, false)).toBe(exit)
    if (!expected) {
      expect(diagnostics).toEqual([])
      return
    }
    const found = matching(diagnostics, expected)
    expect(found, JSON.stringify(diagnostics, null, 2)).toMatchObject({ line: expected.line, column: expected.column, severity: expected.severity })
    expect(found?.message).toMatch(expected.message)
    if (expected.note) expect(found?.note).toMatch(expected.note)
    if (expected.severity === 'warning') expect(exitCodeFor(result.files, true)).toBe(1)
    // Nothing outside the course's real path becomes an asset, whatever else was reported.
    const real = realpathSync(course)
    for (const asset of result.course.assets) expect(isWithin(real, asset.source), asset.source).toBe(true)
  })

  test('a translation of a file that is no lesson does not add a language, an orphan neither', async () => {
    const { workspace, course } = fixtureCourse()
    writeFileSync(path.join(course, '01-basics', '09-gone.fr.md'), '---\ntitle: x\n---\n')
    writeFileSync(path.join(course, '01-basics', '01-first.bak.md'), '---\ntitle: x\n---\n')
    writeFileSync(path.join(course, '02-more', '01-only.ar.md'), '---\ntitle: x\n---\n')
    const result = await checkCourse('course', workspace)
    expect(result.languages).toEqual(['ar'])
  })

  test('an image linked inside the course is packaged from its real path', async () => {
    const { workspace, course } = fixtureCourse()
    link('square.svg', path.join(course, 'images', 'alias.svg'))
    assetLesson(course, '../images/alias.svg')
    const result = await checkCourse('course', workspace)
    expect(result.course.assets.map((a) => [a.target, path.relative(workspace, a.source)])).toContainEqual(['assets/images/alias.svg', path.join('course', 'images', 'square.svg')])
  })

  test('the first preview build finishes on a FIFO course.md', async () => {
    const { workspace, course } = fixtureCourse()
    fifo(path.join(course, 'course.md'))
    const start = performance.now()
    const result = await previewBuild('course', 'scorm12', workspace)
    expect(performance.now() - start).toBeLessThan(bound)
    expect(result.ok).toBe(false)
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'unreadable-file', file: 'course/course.md' }))
  })

  test('the preview rebuild finishes on a FIFO and keeps the last good build', async () => {
    const { workspace, course } = fixtureCourse()
    const first = await previewBuild('course', 'scorm12', workspace)
    expect(first.ok).toBe(true)
    fifo(path.join(course, '01-basics', '01-first.md'))
    const start = performance.now()
    const second = await previewBuild('course', 'scorm12', workspace, first.files)
    expect(performance.now() - start).toBeLessThan(bound)
    expect(second.ok).toBe(false)
    expect(second.files).toBe(first.files)
    expect(second.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'unreadable-file', file: 'course/01-basics/01-first.md', line: 1, column: 1 }))
  })
})

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('hostile course folders, through the real bin', () => {
  test('validate --format json reports a FIFO lesson and a FIFO translation', async () => {
    const { workspace, course } = fixtureCourse()
    fifo(path.join(course, '01-basics', '03-pipe.md'))
    fifo(path.join(course, '02-more', '01-only.fr.md'))
    const start = performance.now()
    const result = await runCli(['validate', 'course', '--format', 'json'], workspace)
    expect(performance.now() - start).toBeLessThan(bound)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: 'course/01-basics/03-pipe.md', line: 1, column: 1, severity: 'error', ruleId: 'unreadable-file' }))
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: 'course/02-more/01-only.fr.md', line: 1, column: 1, severity: 'error', ruleId: 'unreadable-file' }))
  })

  test('validate --strict fails on a look-alike module folder', async () => {
    const { workspace, course } = fixtureCourse()
    mkdirSync(path.join(course, '03-Next_Steps'))
    const relaxed = await runCli(['validate', 'course', '--format', 'json'], workspace)
    expect(relaxed.code).toBe(0)
    expect((JSON.parse(relaxed.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics).toEqual([
      expect.objectContaining({ file: 'course/course.md', line: 1, column: 1, severity: 'warning', ruleId: 'unexpected-folder' })
    ])
    expect((await runCli(['validate', 'course', '--strict'], workspace)).code).toBe(1)
  })

  const failedBuilds: Array<{ name: string; setup: (course: string) => void; ruleId: string; file: string }> = [
    { name: 'an image linked to /etc/passwd', setup: (course) => (link('/etc/passwd', path.join(course, 'images', 'leak.txt')), assetLesson(course, '../images/leak.txt')), ruleId: 'reference-outside-course', file: 'course/01-basics/03-assets.md' },
    { name: 'a FIFO course.md', setup: (course) => fifo(path.join(course, 'course.md')), ruleId: 'unreadable-file', file: 'course/course.md' },
    { name: 'a lesson linked to /dev/zero', setup: (course) => link('/dev/zero', path.join(course, '02-more', '02-zero.md')), ruleId: 'reference-outside-course', file: 'course/02-more/02-zero.md' }
  ]

  test.each(failedBuilds)('build fails on $name and leaves the existing zip unchanged', async ({ setup, ruleId, file }) => {
    const { workspace, course } = fixtureCourse()
    expect((await runCli(['build', 'course'], workspace)).code).toBe(0)
    const zip = path.join(workspace, 'dist', 'minimal-course-1.2.0-scorm12.zip')
    const before = sha(zip)
    expect([...(await readZip(zip)).keys()]).toContain('assets/images/square.svg')
    setup(course)
    const start = performance.now()
    const result = await runCli(['build', 'course', '--json'], workspace)
    expect(performance.now() - start).toBeLessThan(bound)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { packages: unknown[]; diagnostics: JsonDiagnostic[] }
    expect(report.packages).toEqual([])
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ ruleId, file, severity: 'error' }))
    expect(sha(zip)).toBe(before)
  })
})
