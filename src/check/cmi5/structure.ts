/**
 * cmi5.xml course structure rules, written from the cmi5 specification (Quartz) §13
 * "Course Structure Data Requirements": the root and its namespace (§13.2), elements and
 * their order (content.ts), required and known attributes, ids as fully qualified IRIs
 * (§3.0) unique in the structure (§13.1.1–13.1.4), `moveOn` and `launchMethod` values and
 * the `masteryScore` precision (§13.1.4), langstrings (§13.1), and objective references
 * (§13.1.2, §13.1.4) to objectives the course defines (§13.1.3).
 * They need no schema file, so they run on every machine.
 */
import { code, type Findings } from '../findings.js'
import { attr, type XmlElement } from '../xml-tree.js'
import { checkContent, childKind, type Kind } from './content.js'
import { fractionDigits, iriProblem, isLanguageTag, launchMethodValues, moveOnValues, sameIgnoringCase } from './values.js'

/** §13.2: the target namespace of CourseStructure.xsd. */
export const cmi5Namespace = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd'

/** Unqualified attributes each kind may carry (others must be in another namespace, §13.1.5). */
const attributes: Partial<Record<Kind, readonly string[]>> = {
  courseStructure: [],
  course: ['id'],
  courseObjectives: [],
  objectiveDefinition: ['id'],
  referenceObjectives: [],
  objectiveReference: ['idref'],
  block: ['id'],
  au: ['id', 'moveOn', 'masteryScore', 'launchMethod', 'activityType'],
  text: [],
  langstring: ['lang'],
  url: []
}

/** Kinds whose `id` is required (§13.1.1 course, §13.1.2 block, §13.1.3 objective, §13.1.4 AU). */
const identified: ReadonlySet<Kind> = new Set(['course', 'block', 'au', 'objectiveDefinition'])

const tag = (name: string) => code(`<${name}>`)

interface Walk {
  file: string
  ns: string
  findings: Findings
  ids: Map<string, { line: number; element: string }>
  objectives: Set<string>
  references: XmlElement[]
  aus: XmlElement[]
}

function checkAttributes(element: XmlElement, kind: Kind, walk: Walk): void {
  const allowed = attributes[kind]
  if (!allowed) return
  const at = { file: walk.file, line: element.line }
  for (const attribute of element.attributes) {
    if (attribute.ns !== '' || allowed.includes(attribute.local)) continue
    const near = sameIgnoringCase(attribute.local, allowed)
    const hint = near ? ` (attribute names are case-sensitive: did you mean \`${near}\`?)` : ''
    const expected = allowed.length > 0 ? `expected only ${allowed.map((a) => code(a)).join(', ')} or attributes of another namespace` : 'expected only attributes of another namespace'
    walk.findings.error('cmi5-attribute-unexpected', `Unexpected attribute ${code(attribute.name)} on ${tag(element.name)}, ${expected}${hint} (cmi5 §13.1)`, at)
  }
  if (identified.has(kind) && attr(element, 'id') === undefined) {
    walk.findings.error('cmi5-attribute-missing', `Cannot find the \`id\` attribute of ${tag(element.name)}, expected a globally unique IRI (cmi5 §13.1)`, at)
  }
}

/** The attribute's value, trimmed as the LMS trims it on import (§13.1), after checking it is an IRI. */
function checkIri(element: XmlElement, name: string, walk: Walk): string | undefined {
  const value = attr(element, name)?.trim()
  if (value === undefined) return undefined
  const problem = iriProblem(value)
  if (problem) {
    walk.findings.error('cmi5-iri-invalid', `Unexpected ${code(name)} ${code(value)} on ${tag(element.name)}, expected a fully qualified IRI such as \`https://example.com/courses/intro\`: ${problem} (cmi5 §3.0, §13.1)`, { file: walk.file, line: element.line })
  }
  return value
}

function recordId(element: XmlElement, kind: Kind, walk: Walk): void {
  const id = checkIri(element, 'id', walk)
  if (id === undefined) return
  const first = walk.ids.get(id)
  if (first) {
    walk.findings.error('cmi5-id-duplicate', `Unexpected id ${code(id)} on ${tag(element.name)}, already the id of ${tag(first.element)} on line ${first.line}: cmi5 ids are unique within the course structure (cmi5 §13.1.4)`, { file: walk.file, line: element.line })
  } else walk.ids.set(id, { line: element.line, element: element.name })
  if (kind === 'objectiveDefinition') walk.objectives.add(id)
}

/** The problem with an enumerated attribute's value (undefined when it is absent or allowed). */
function enumProblem(element: XmlElement, name: string, values: readonly string[]): string | undefined {
  const value = attr(element, name)
  if (value === undefined || values.includes(value)) return undefined
  const near = sameIgnoringCase(value, values)
  const hint = near ? `: values are case-sensitive, did you mean ${code(near)}?` : ''
  return `Unexpected \`${name}="${value}"\` on ${tag(element.name)}, expected one of ${values.map((v) => code(v)).join(', ')}${hint} (cmi5 §13.1.4)`
}

function checkAu(element: XmlElement, walk: Walk): void {
  walk.aus.push(element)
  const at = { file: walk.file, line: element.line }
  const moveOn = enumProblem(element, 'moveOn', moveOnValues)
  if (moveOn) walk.findings.error('cmi5-moveon-invalid', moveOn, at)
  const launchMethod = enumProblem(element, 'launchMethod', launchMethodValues)
  if (launchMethod) walk.findings.error('cmi5-launchmethod-invalid', launchMethod, at)
  checkIri(element, 'activityType', walk)
  const mastery = attr(element, 'masteryScore')
  if (mastery !== undefined && fractionDigits(mastery) > 4) {
    walk.findings.warning('cmi5-mastery-precision', `Unexpected \`masteryScore="${mastery}"\` on ${tag(element.name)}, expected at most 4 decimal places (cmi5 §13.1.4): an LMS may round it`, at)
  }
}

function checkLangstring(element: XmlElement, walk: Walk): void {
  const at = { file: walk.file, line: element.line }
  const lang = attr(element, 'lang')
  // xs:language collapses whitespace, so surrounding spaces are allowed.
  if (lang !== undefined && !isLanguageTag(lang.trim())) {
    walk.findings.error('cmi5-lang-invalid', `Unexpected \`lang="${lang}"\` on ${tag(element.name)}, expected a language tag such as \`en-US\` (cmi5 §13.1 langstring, xs:language)`, at)
  }
  if (element.text === '') walk.findings.warning('cmi5-langstring-empty', `Unexpected empty ${tag(element.name)}, expected the text of the title or description (cmi5 §13.1)`, at)
}

function visit(element: XmlElement, kind: Kind, walk: Walk): void {
  checkAttributes(element, kind, walk)
  if (identified.has(kind)) recordId(element, kind, walk)
  if (kind === 'au') checkAu(element, walk)
  if (kind === 'langstring') checkLangstring(element, walk)
  if (kind === 'objectiveReference') walk.references.push(element)
  for (const child of checkContent(element, kind, walk)) visit(child, childKind(kind, child.local), walk)
}

function checkReferences(walk: Walk): void {
  for (const reference of walk.references) {
    const at = { file: walk.file, line: reference.line }
    const idref = checkIri(reference, 'idref', walk)
    if (idref === undefined) {
      walk.findings.error('cmi5-objective-unknown', `Cannot find the \`idref\` attribute of ${tag(reference.name)}, expected the id of an objective of the course (cmi5 §13.1.2, §13.1.4)`, at)
    } else if (!walk.objectives.has(idref)) {
      const defined = walk.objectives.size > 0 ? `one of ${[...walk.objectives].map((o) => code(o)).join(', ')}` : 'an objective defined in the course-level `<objectives>`, and the course defines none'
      walk.findings.error('cmi5-objective-unknown', `Unexpected objective reference ${code(idref)}, expected ${defined} (cmi5 §13.1.3)`, at)
    }
  }
}

/** Check the course structure; returns its AUs in document order (for the launch and mastery checks). */
export function checkStructure(root: XmlElement, file: string, findings: Findings): XmlElement[] {
  if (root.local !== 'courseStructure') {
    findings.error('cmi5-root', `Unexpected root element ${tag(root.name)} in ${code(file)}, expected \`<courseStructure xmlns="${cmi5Namespace}">\` (cmi5 §13.2)`, { file, line: root.line })
    return []
  }
  if (root.ns !== cmi5Namespace) {
    const found = root.ns === '' ? 'no namespace' : `the namespace ${code(root.ns)}`
    findings.error('cmi5-namespace', `Unexpected ${found} on ${tag(root.name)}, expected \`xmlns="${cmi5Namespace}"\`: an LMS reads cmi5 elements by that namespace (cmi5 §13.2)`, { file, line: root.line })
  }
  const walk: Walk = { file, ns: root.ns, findings, ids: new Map(), objectives: new Set(), references: [], aus: [] }
  visit(root, 'courseStructure', walk)
  checkReferences(walk)
  return walk.aus
}
