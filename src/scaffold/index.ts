/**
 * `coursepack new`: a minimal course that builds and validates: the course, one module
 * with a lesson, a 4Cs risk lesson and a quiz, in the documented format.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** A course id and title from a folder name: `my-course` → `My course`. */
function titleOf(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim()
  return words ? words[0]?.toUpperCase() + words.slice(1) : 'New course'
}

export function scaffoldFiles(slug: string): Record<string, string> {
  const id = slug.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z_]+/, '') || 'new-course'
  const risk = (category: string, title: string, text: string) => `<Risk category="${category}" title="${title}">\n\n${text}\n\n</Risk>\n`
  return {
    'course.md': `---\nid: ${id}\ntitle: ${titleOf(slug)}\nversion: 0.1.0\nlanguage: en\npassingScore: 70\npassRule: overall\ndescription: Replace this with one or two sentences about the course.\nobjectives:\n  - Name the four groups of online risk to children\n---\n\nWelcome. This page introduces the course: who it is for, what it covers, and how it is assessed.\n`,
    '01-getting-started/module.md': `---\ntitle: Getting started\nobjectives:\n  - Name the four groups of online risk to children\n---\n\nThis module introduces the topic. It ends with a short quiz.\n`,
    '01-getting-started/01-welcome.md': `---\ntitle: Why this matters\n---\n\n## What you will learn\n\nWrite the lesson here in Markdown: paragraphs, lists, **emphasis** and links.\n\n<Callout type="tip">\n\nCallouts highlight a note, a tip or a warning.\n\n</Callout>\n`,
    '01-getting-started/02-the-four-cs.md': `---\ntitle: The four Cs of online risk\nkind: risks\n---\n\nOnline risks to children are often sorted into four groups.\n\n${risk('content', 'Content risks', 'A child meets harmful material, such as violent or hateful content.')}\n${risk('contact', 'Contact risks', 'A child is contacted by an adult or a peer who means harm.')}\n${risk('conduct', 'Conduct risks', 'A child takes part in, or is hurt by, harmful behaviour such as bullying.')}\n${risk('contract', 'Contract risks', 'A child is exploited by a commercial arrangement, such as unfair terms or hidden costs.')}\n${risk('cross-cutting', 'Cross-cutting risks', 'Some risks span all four groups, such as threats to privacy.')}`,
    '01-getting-started/quiz.md': `---\ntitle: Getting started quiz\nkeep: best\nreveal: after-passing\nshuffle: none\n---\n\n## Which group does online bullying between children belong to?\n\n- [ ] Content\n- [ ] Contact\n- [x] Conduct\n- [ ] Contract\n\n> Bullying is something children do to one another, not something done to them by adults or companies.\n\n## Which of these are contract risks?\n\nSelect all that apply.\n\n- [x] Hidden in-app costs\n- [x] Unfair terms of service\n- [ ] A violent video\n\n> Contract risks come from commercial arrangements.\n`
  }
}

/**
 * Write a new course into `dir`, which must not exist or be empty.
 *
 * @returns
 *   The files written, relative to `dir`.
 */
export async function scaffold(dir: string): Promise<string[]> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`Cannot create a course in \`${dir}\`, expected an empty or new folder`)
  const files = scaffoldFiles(path.basename(path.resolve(dir)))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), text)
  }
  return Object.keys(files)
}
