/**
 * SCORM 1.2 and 2004 manifest checks beyond the XSDs (STANDARDS.md §1.3, §3.1, §7.18):
 * identifiers, references between items, resources and files, the launch file, files the
 * manifest does not list, the 2004 `scormType` spelling and the mastery score.
 */
import { parseDecimal, within } from './decimal.js'
import { descriptors, ns } from './detect.js'
import { code } from './findings.js'
import { joinBase, resolveHref } from './hrefs.js'
import { checkLaunch, findEntry, missing, type CheckContext, type KindResult, type MasteryValue } from './references.js'
import { allElements, attr, descendants, kids, xmlNamespace, type XmlElement } from './xml-tree.js'

type Version = 'scorm12' | 'scorm2004'

/** XML NCName (xs:ID): a letter or `_`, then letters, digits, `.`, `-`, `_` and combining marks. */
const ncName = /^[\p{L}_][\p{L}\p{N}\p{M}._\-\u00B7\u203F\u2040]*$/u

/** Files a package carries for validation only; nobody lists them in a resource. */
const controlDocument = /\.(xsd|dtd)$/i

/** At most this many `file-unlisted` findings, then one summary. */
const unlistedLimit = 20

interface Resource {
  element: XmlElement
  id: string | undefined
  base: string
}

function checkIdentifiers(ctx: CheckContext): void {
  const seen = new Map<string, XmlElement>()
  for (const element of allElements(ctx.root)) {
    const value = element.ns === ns.imsss ? attr(element, 'ID') : element.ns === ctx.root.ns ? attr(element, 'identifier') : undefined
    if (value === undefined) continue
    const at = { file: ctx.file, line: element.line }
    if (!ncName.test(value)) {
      ctx.findings.error('identifier-invalid', `Unexpected identifier ${code(value)} on ${code(`<${element.name}>`)}, expected an XML NCName: a letter or \`_\`, then letters, digits, \`.\`, \`-\` or \`_\``, at)
    }
    const first = seen.get(value)
    if (first) {
      ctx.findings.error('identifier-duplicate', `Unexpected duplicate identifier ${code(value)} on ${code(`<${element.name}>`)}, expected identifiers unique across the manifest (first used on line ${first.line})`, at)
    } else {
      seen.set(value, element)
    }
  }
}

function checkScormType(ctx: CheckContext, resources: readonly Resource[]): void {
  for (const { element } of resources) {
    const wrong = element.attributes.find((a) => a.local === 'scormtype' && a.ns !== '')
    if (wrong) {
      ctx.findings.error(
        'scormtype-case',
        `Unexpected ${code(wrong.name)} in SCORM 2004, expected ${code(wrong.name.replace(/scormtype$/, 'scormType'))} (camel-case T): the XSD lets it pass and the LMS treats the resource as an asset without the API`,
        { file: ctx.file, line: element.line }
      )
    }
  }
}

function items(organization: XmlElement): XmlElement[] {
  return kids(organization, 'item').flatMap((item) => [item, ...items(item)])
}

interface Launches extends Pick<KindResult, 'launch' | 'launchFile'> {
  /** Identifiers of the resources items launch (their hrefs are checked here). */
  launched: Set<string>
  /** Package paths of the launch files, found or not. */
  launchPaths: Set<string>
}

/** The launch URL of every item: each launched resource's href, checked once. */
function checkItems(ctx: CheckContext, organizations: readonly XmlElement[], resources: ReadonlyMap<string, Resource>): Launches {
  const result: Launches = { launched: new Set(), launchPaths: new Set() }
  let launchable = false
  for (const organization of organizations) {
    for (const item of items(organization)) {
      const ref = attr(item, 'identifierref')
      if (ref === undefined) continue
      const at = { file: ctx.file, line: item.line }
      const resource = resources.get(ref)
      if (!resource) {
        ctx.findings.error('identifierref-missing', `Cannot find resource ${code(ref)} referenced by item ${code(attr(item, 'identifier') ?? '?')}, expected a \`<resource identifier="${ref}">\``, at)
        continue
      }
      const href = attr(resource.element, 'href')
      if (href === undefined) {
        ctx.findings.error('launch-none', `Cannot find an \`href\` on resource ${code(ref)}, expected the launch file of item ${code(attr(item, 'identifier') ?? '?')}`, { file: ctx.file, line: resource.element.line })
        continue
      }
      launchable = true
      const parameters = attr(item, 'parameters')
      if (result.launch === undefined) result.launch = href
      if (parameters !== undefined && parameters.trim() !== '') {
        ctx.findings.warning('launch-query', `Unexpected launch parameters ${code(parameters)} on item ${code(attr(item, 'identifier') ?? '?')}, expected none: some LMSs (ILIAS, OpenOlat) mishandle launch query strings`, at)
      }
      if (result.launched.has(ref)) continue
      result.launched.add(ref)
      const entry = checkLaunch(href, ctx, { file: ctx.file, line: resource.element.line }, { base: resource.base, warnQuery: true })
      const resolved = resolveHref(href, resource.base)
      if (resolved.kind === 'local') result.launchPaths.add(resolved.path)
      if (entry && result.launchFile === undefined) result.launchFile = entry
    }
  }
  if (!launchable) {
    ctx.findings.error('launch-none', 'Cannot find a launchable item, expected an `<item identifierref>` pointing at a `<resource>` with an `href`', { file: ctx.file, line: ctx.root.line })
  }
  return result
}

/** Every `<file href>`, resource `href` and dependency; returns the entry names listed. */
function checkFiles(ctx: CheckContext, resources: readonly Resource[], byId: ReadonlyMap<string, Resource>, launches: Launches): Set<string> {
  const listed = new Set<string>()
  for (const resource of resources) {
    const refs: Array<{ href: string; element: XmlElement; what: string }> = kids(resource.element, 'file').map((file) => ({ href: attr(file, 'href') ?? '', element: file, what: 'file' }))
    const href = attr(resource.element, 'href')
    if (href !== undefined) refs.unshift({ href, element: resource.element, what: 'resource href' })
    for (const { href: value, element, what } of refs) {
      if (value.trim() === '') continue
      const at = { file: ctx.file, line: element.line }
      const ref = resolveHref(value, resource.base)
      // The hrefs of launched resources were checked (and reported) as launch URLs.
      const isLaunch = element === resource.element && resource.id !== undefined && launches.launched.has(resource.id)
      if (ref.kind !== 'local') {
        if (!isLaunch) ctx.findings.error('href-outside', `Unexpected ${what} ${code(value)}, expected a path inside the package root`, at)
        continue
      }
      const entry = findEntry(ref.candidates, ctx.files)
      if (entry) listed.add(entry)
      else if (!isLaunch && !launches.launchPaths.has(ref.path)) ctx.findings.error('file-missing', missing(`the ${what}`, ref.path, ctx.files, 'expected every listed file to be in the zip'), at)
    }
    for (const dependency of kids(resource.element, 'dependency')) {
      const ref = attr(dependency, 'identifierref') ?? ''
      if (!byId.has(ref)) {
        ctx.findings.error('identifierref-missing', `Cannot find resource ${code(ref)} referenced by a dependency of ${code(resource.id ?? '?')}, expected a \`<resource identifier="${ref}">\``, { file: ctx.file, line: dependency.line })
      }
    }
  }
  return listed
}

/** Metadata files named by `<adlcp:location>`; returns the entry names. */
function checkMetadataFiles(ctx: CheckContext): Set<string> {
  const listed = new Set<string>()
  for (const location of allElements(ctx.root).filter((e) => e.local === 'location' && (e.ns === ns.adlcp12 || e.ns === ns.adlcp2004))) {
    if (location.text === '') continue
    const at = { file: ctx.file, line: location.line }
    const ref = resolveHref(location.text)
    if (ref.kind !== 'local') {
      ctx.findings.error('href-outside', `Unexpected metadata location ${code(location.text)}, expected a path inside the package root`, at)
      continue
    }
    const entry = findEntry(ref.candidates, ctx.files)
    if (entry) listed.add(entry)
    else ctx.findings.error('file-missing', missing('the metadata file', ref.path, ctx.files, `expected the file ${code(`<${location.name}>`)} names`), at)
  }
  return listed
}

function checkUnlisted(ctx: CheckContext, listed: ReadonlySet<string>): void {
  // Other descriptors at the root are reported as `descriptor-multiple`.
  const unlisted = [...ctx.files].filter((f) => !listed.has(f) && !Object.hasOwn(descriptors, f) && !controlDocument.test(f)).sort()
  for (const file of unlisted.slice(0, unlistedLimit)) {
    ctx.findings.warning('file-unlisted', `Unexpected file ${code(file)} that no resource lists, expected every file of the package in a \`<file href>\``, { file })
  }
  if (unlisted.length > unlistedLimit) {
    ctx.findings.warning('file-unlisted', `Unexpected ${unlisted.length - unlistedLimit} more files that no resource lists, expected every file of the package in a \`<file href>\``)
  }
}

function masteryScorm12(ctx: CheckContext, organizations: readonly XmlElement[]): MasteryValue[] {
  const values: MasteryValue[] = []
  for (const item of organizations.flatMap(items)) {
    for (const element of item.children.filter((c) => c.local === 'masteryscore')) {
      const value = parseDecimal(element.text)
      const valid = value !== undefined && within(value, 0, 100)
      if (!valid) {
        ctx.findings.error('mastery-range', `Unexpected ${code(`<${element.name}>`)} ${code(element.text)}, expected a number from 0 to 100`, { file: ctx.file, line: element.line })
      }
      values.push({ element: `<${element.name}>`, text: element.text, value: valid ? value : undefined, line: element.line })
    }
  }
  return values
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^\s*(true|1)\s*$/.test(value)
}

function masteryScorm2004(ctx: CheckContext, organizations: readonly XmlElement[]): MasteryValue[] {
  const values: MasteryValue[] = []
  for (const element of descendants(ctx.root, 'masteryscore')) {
    ctx.findings.warning('mastery-measure', `Unexpected ${code(`<${element.name}>`)} in SCORM 2004, expected \`<imsss:minNormalizedMeasure>\` with \`satisfiedByMeasure="true"\`: LMSs ignore it`, { file: ctx.file, line: element.line })
  }
  const itemObjectives = new Set(
    organizations
      .flatMap(items)
      .flatMap((item) => kids(item, 'sequencing', ns.imsss))
      .flatMap((sequencing) => kids(sequencing, 'objectives', ns.imsss))
      .flatMap((objectives) => kids(objectives, 'primaryObjective', ns.imsss))
  )
  for (const objective of [...descendants(ctx.root, 'primaryObjective', ns.imsss), ...descendants(ctx.root, 'objective', ns.imsss)]) {
    const measure = kids(objective, 'minNormalizedMeasure', ns.imsss)[0]
    const byMeasure = isTrue(attr(objective, 'satisfiedByMeasure'))
    const at = { file: ctx.file, line: (measure ?? objective).line }
    if (!measure) {
      if (byMeasure) ctx.findings.warning('mastery-measure', `Cannot find \`<imsss:minNormalizedMeasure>\` under \`satisfiedByMeasure="true"\`, expected one: it defaults to 1.0, so learners need 100 % to pass`, at)
      continue
    }
    const text = measure.text === '' ? '1.0' : measure.text
    const parsed = parseDecimal(text)
    const value = parsed !== undefined && within(parsed, -1, 1) ? parsed : undefined
    if (!value) {
      ctx.findings.error('mastery-range', `Unexpected ${code(`<${measure.name}>`)} ${code(measure.text)}, expected a number from -1 to 1 (a scaled score, 0.7 for 70 %)`, at)
    }
    if (!byMeasure) {
      ctx.findings.warning('mastery-measure', `Unexpected ${code(`<${measure.name}>`)} without \`satisfiedByMeasure="true"\` on its objective, expected both: the LMS ignores the measure`, at)
    }
    if (itemObjectives.has(objective)) values.push({ element: `<${measure.name}>`, text, value, line: measure.line })
  }
  return values
}

/** Check a SCORM manifest; XSD validation is done by the caller. */
export function checkScorm(version: Version, ctx: CheckContext): KindResult {
  const { root } = ctx
  const resourcesElement = kids(root, 'resources')[0]
  const rootBase = joinBase(attr(root, 'base', xmlNamespace), resourcesElement ? attr(resourcesElement, 'base', xmlNamespace) : undefined)
  const resources: Resource[] = (resourcesElement ? kids(resourcesElement, 'resource') : []).map((element) => ({
    element,
    id: attr(element, 'identifier'),
    base: joinBase(rootBase, attr(element, 'base', xmlNamespace))
  }))
  const byId = new Map<string, Resource>()
  for (const resource of resources) if (resource.id !== undefined && !byId.has(resource.id)) byId.set(resource.id, resource)

  checkIdentifiers(ctx)
  if (version === 'scorm2004') checkScormType(ctx, resources)

  const organizationsElement = kids(root, 'organizations')[0]
  const organizations = organizationsElement ? kids(organizationsElement, 'organization') : []
  const defaultOrg = organizationsElement ? attr(organizationsElement, 'default') : undefined
  if (defaultOrg !== undefined && !organizations.some((o) => attr(o, 'identifier') === defaultOrg)) {
    ctx.findings.error('identifierref-missing', `Cannot find organization ${code(defaultOrg)} named by \`<organizations default>\`, expected an \`<organization identifier="${defaultOrg}">\``, { file: ctx.file, line: organizationsElement?.line })
  }
  const ordered = [...organizations].sort((a, b) => Number(attr(b, 'identifier') === defaultOrg) - Number(attr(a, 'identifier') === defaultOrg))
  const launches = checkItems(ctx, ordered, byId)
  const { launch, launchFile } = launches
  const listed = new Set([...checkFiles(ctx, resources, byId, launches), ...checkMetadataFiles(ctx)])
  checkUnlisted(ctx, listed)
  const mastery = version === 'scorm12' ? masteryScorm12(ctx, ordered) : masteryScorm2004(ctx, ordered)
  return { ...(launch !== undefined ? { launch } : {}), ...(launchFile !== undefined ? { launchFile } : {}), mastery }
}
