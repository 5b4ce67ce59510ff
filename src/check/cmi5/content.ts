/**
 * The content models of cmi5.xml's elements, written from the cmi5 specification (Quartz),
 * §13.1.1–13.1.5 and the course structure of §13.2, and a matcher that reports children
 * that are unknown, repeated, out of order or missing.
 */
import { code, type Findings } from '../findings.js'
import type { XmlElement } from '../xml-tree.js'

/** One step of a sequence: one of `names` (cmi5 elements), or `other` (§13.1.5 extension elements). */
export interface Particle {
  names: readonly string[]
  min: number
  max: number
  /** Elements of another namespace (vendor extensions, §13.1.5). */
  other?: true
  /** Rule id for a missing element, when another check owns it (the AU `url`: `launch-none`). */
  missingReportedBy?: string
}

export type ContentModel = { kind: 'sequence'; particles: readonly Particle[] } | { kind: 'all'; names: readonly string[] } | { kind: 'any' }

const many = Number.POSITIVE_INFINITY
const one = (name: string, min = 1): Particle => ({ names: [name], min, max: 1 })
const extensions: Particle = { names: [], min: 0, max: many, other: true }
const nodes: Particle = { names: ['au', 'block'], min: 1, max: many }

/** Element kinds: the same local name means different things in different places. */
export type Kind = 'courseStructure' | 'course' | 'courseObjectives' | 'objectiveDefinition' | 'referenceObjectives' | 'objectiveReference' | 'block' | 'au' | 'text' | 'langstring' | 'url' | 'opaque'

export const models: Record<Kind, ContentModel> = {
  // §13.2 courseType: course, objectives?, (au | block)+, extensions (no AU at all: `launch-none`)
  courseStructure: { kind: 'sequence', particles: [one('course'), one('objectives', 0), { ...nodes, missingReportedBy: 'launch-none' }, extensions] },
  // §13.1.1
  course: { kind: 'sequence', particles: [one('title'), one('description'), extensions] },
  // §13.1.3: objectives defined once, at the course level
  courseObjectives: { kind: 'sequence', particles: [{ names: ['objective'], min: 1, max: many }, extensions] },
  objectiveDefinition: { kind: 'all', names: ['title', 'description'] },
  // §13.1.2 and §13.1.4: objectiveReference
  referenceObjectives: { kind: 'sequence', particles: [{ names: ['objective'], min: 1, max: many }, extensions] },
  objectiveReference: { kind: 'sequence', particles: [] },
  // §13.1.2
  block: { kind: 'sequence', particles: [one('title'), one('description'), one('objectives', 0), nodes, extensions] },
  // §13.1.4, in the order of §13.2's auType
  au: {
    kind: 'sequence',
    particles: [one('title'), one('description'), one('objectives', 0), { ...one('url'), missingReportedBy: 'launch-none' }, one('launchParameters', 0), one('entitlementKey', 0), extensions]
  },
  // §13.1: langstring+
  text: { kind: 'sequence', particles: [{ names: ['langstring'], min: 1, max: many }, extensions] },
  langstring: { kind: 'sequence', particles: [] },
  url: { kind: 'sequence', particles: [] },
  // launchParameters, entitlementKey: strings whose content the specification leaves to the AU
  opaque: { kind: 'any' }
}

/** The kind of a cmi5 child element, given its parent's kind. */
export function childKind(parent: Kind, local: string): Kind {
  if (local === 'title' || local === 'description') return 'text'
  if (local === 'objectives') return parent === 'courseStructure' ? 'courseObjectives' : 'referenceObjectives'
  if (local === 'objective') return parent === 'courseObjectives' ? 'objectiveDefinition' : 'objectiveReference'
  if (local === 'launchParameters' || local === 'entitlementKey') return 'opaque'
  if (local === 'au' || local === 'block' || local === 'course' || local === 'langstring' || local === 'url') return local
  return 'opaque'
}

const tag = (name: string) => code(`<${name}>`)

function describe(particles: readonly Particle[]): string {
  return particles
    .filter((p) => !p.other)
    .map((p) => `${p.names.map(tag).join(' or ')}${p.min === 0 ? (p.max === 1 ? ' (optional)' : ' (any number)') : p.max > 1 ? ' (one or more)' : ''}`)
    .join(', ')
}

interface Context {
  file: string
  /** The namespace cmi5 elements are in (the root's). */
  ns: string
  findings: Findings
}

function caseHint(local: string, names: readonly string[]): string {
  const near = names.find((n) => n.toLowerCase() === local.toLowerCase())
  return near ? ` (element names are case-sensitive: did you mean ${tag(near)}?)` : ''
}

function checkAll(element: XmlElement, names: readonly string[], ctx: Context): XmlElement[] {
  const seen = new Set<string>()
  const accepted: XmlElement[] = []
  for (const child of element.children) {
    if (child.ns !== ctx.ns || !names.includes(child.local)) {
      ctx.findings.error('cmi5-element-unexpected', `Unexpected ${tag(child.name)} in ${tag(element.name)}, expected only ${names.map(tag).join(' and ')}${caseHint(child.local, names)} (cmi5 §13.1.3)`, { file: ctx.file, line: child.line })
    } else if (seen.has(child.local)) {
      ctx.findings.error('cmi5-element-unexpected', `Unexpected second ${tag(child.name)} in ${tag(element.name)}, expected one (cmi5 §13.2)`, { file: ctx.file, line: child.line })
    } else {
      seen.add(child.local)
      accepted.push(child)
    }
  }
  for (const name of names.filter((n) => !seen.has(n))) {
    ctx.findings.error('cmi5-element-missing', `Cannot find ${tag(name)} in ${tag(element.name)}, expected a ${name} (cmi5 §13.1.3)`, { file: ctx.file, line: element.line })
  }
  return accepted
}

function reportMissing(particle: Particle, element: XmlElement, before: XmlElement | undefined, ctx: Context): void {
  if (particle.missingReportedBy) return
  const what = particle.names.map(tag).join(' or ')
  const where = before ? ` before ${tag(before.name)}` : ''
  ctx.findings.error('cmi5-element-missing', `Cannot find ${what} in ${tag(element.name)}${where}, expected ${particle.max > 1 ? 'at least one' : 'one'} (cmi5 §13.1)`, { file: ctx.file, line: before?.line ?? element.line })
}

/**
 * Check the children of an element against its content model. Returns the children that
 * took a place in the model (cmi5 elements), to be checked in turn.
 */
export function checkContent(element: XmlElement, kind: Kind, ctx: Context): XmlElement[] {
  const model = models[kind]
  if (model.kind === 'any') return []
  if (model.kind === 'all') return checkAll(element, model.names, ctx)
  const { particles } = model
  const counts = particles.map(() => 0)
  const accepted: XmlElement[] = []
  const children = element.children
  const matches = (p: Particle, child: XmlElement) => (p.other ? child.ns !== ctx.ns && child.ns !== '' : child.ns === ctx.ns && p.names.includes(child.local))
  const expected = `${describe(particles)}${particles.some((p) => p.other) ? ', then any extension elements' : ''}`
  let at = 0
  children.forEach((child, index) => {
    const next = particles.findIndex((p, i) => i >= at && matches(p, child) && (i > at || (counts[i] ?? 0) < p.max))
    if (next !== -1) {
      for (let i = at; i < next; i++) {
        const skipped = particles[i]
        // An element that comes later is reported there, as out of order, not as missing.
        const later = children.slice(index + 1).some((c) => skipped !== undefined && matches(skipped, c))
        if (skipped && (counts[i] ?? 0) < skipped.min && !later) reportMissing(skipped, element, child, ctx)
      }
      at = next
      counts[at] = (counts[at] ?? 0) + 1
      if (!particles[at]?.other) accepted.push(child)
      return
    }
    const earlier = particles.findIndex((p) => matches(p, child))
    const at_ = { file: ctx.file, line: child.line }
    if (earlier !== -1 && earlier === at) {
      ctx.findings.error('cmi5-element-unexpected', `Unexpected second ${tag(child.name)} in ${tag(element.name)}, expected one (cmi5 §13.2)`, at_)
    } else if (earlier !== -1) {
      const previous = children[index - 1]
      ctx.findings.error('cmi5-element-order', `Unexpected ${tag(child.name)} after ${tag(previous?.name ?? '')} in ${tag(element.name)}, expected the order ${expected} (cmi5 §13.2)`, at_)
      accepted.push(child)
    } else {
      const names = particles.flatMap((p) => p.names)
      const inNoNamespace = child.ns === '' && ctx.ns !== '' ? ' in no namespace' : ''
      const expectation = names.length > 0 ? `expected ${expected}` : 'expected no child elements'
      ctx.findings.error('cmi5-element-unexpected', `Unexpected ${tag(child.name)}${inNoNamespace} in ${tag(element.name)}, ${expectation}${caseHint(child.local, names)} (cmi5 §13.1)`, at_)
    }
  })
  for (let i = at; i < particles.length; i++) {
    const particle = particles[i]
    const misplaced = particle !== undefined && children.some((c) => matches(particle, c))
    if (particle && (counts[i] ?? 0) < particle.min && !misplaced) reportMissing(particle, element, undefined, ctx)
  }
  return accepted
}
