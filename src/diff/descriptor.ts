/**
 * A package's descriptor as an LMS reads it on import: its kind, the identifiers it keeps
 * records by, and the launch URL. Parsed with `coursepack check`'s XML tree and launch rules
 * (src/check/), whose findings are not reported here: `coursepack check` reports them.
 */
import { checkCmi5 } from '../check/cmi5.js'
import { findDescriptor, scormVersion } from '../check/detect.js'
import { decodeXml } from '../check/encoding.js'
import { Findings } from '../check/findings.js'
import type { CheckContext, KindResult } from '../check/references.js'
import { checkScorm } from '../check/scorm.js'
import { checkTincan } from '../check/tincan.js'
import { attr, descendants, kids, type XmlElement, parseXml } from '../check/xml-tree.js'
import { UsageError } from '../errors.js'
import type { Descriptor, Identifier } from './types.js'
import type { PackageFiles } from './files.js'

/** The descriptor, and the launch file's entry name when it is a file of the package. */
export interface ReadDescriptor {
  descriptor: Descriptor
  launchFile: string | undefined
}

/** SCORM (CAM 2.3): the manifest, its organizations, their items (nested ones too) and the resources. */
function scormIdentifiers(root: XmlElement): Identifier[] {
  const found: Identifier[] = []
  const add = (element: Identifier['element'], value: string | undefined) => {
    if (value !== undefined) found.push({ element, value })
  }
  add('manifest', attr(root, 'identifier'))
  const items = (parent: XmlElement): XmlElement[] => kids(parent, 'item').flatMap((item) => [item, ...items(item)])
  for (const organization of kids(root, 'organizations').flatMap((o) => kids(o, 'organization'))) {
    add('organization', attr(organization, 'identifier'))
    for (const item of items(organization)) add('item', attr(item, 'identifier'))
  }
  for (const resource of kids(root, 'resources').flatMap((r) => kids(r, 'resource'))) add('resource', attr(resource, 'identifier'))
  return found
}

/** tincan.xml: the launched activity, the one an LMS records the course under. */
function tincanIdentifiers(root: XmlElement): Identifier[] {
  const activities = kids(root, 'activities').flatMap((a) => kids(a, 'activity'))
  const launched = activities.find((activity) => kids(activity, 'launch').length > 0)
  const id = launched && attr(launched, 'id')
  return id === undefined ? [] : [{ element: 'activity', value: id.trim() }]
}

/** cmi5.xml (§13.1): the course id and each AU's id. */
function cmi5Identifiers(root: XmlElement): Identifier[] {
  const found: Identifier[] = []
  for (const course of kids(root, 'course', root.ns)) {
    const id = attr(course, 'id')
    if (id !== undefined) found.push({ element: 'course', value: id })
  }
  for (const au of descendants(root, 'au', root.ns)) {
    const id = attr(au, 'id')
    if (id !== undefined) found.push({ element: 'au', value: id })
  }
  return found
}

/** Read the descriptor at the package's root; a package without a readable one is a usage error naming it. */
export async function readDescriptor(files: PackageFiles, shown: string): Promise<ReadDescriptor> {
  const findings = new Findings()
  const names = [...files.entries.keys()]
  const file = findDescriptor(names, findings)
  if (!file) throw new UsageError(`Unexpected \`${shown}\`, expected a coursepack package: ${findings.list[0]?.message ?? 'no descriptor'}`)
  const decoded = decodeXml(await files.read(file))
  const parsed = decoded.ok ? parseXml(decoded.text) : undefined
  if (!parsed?.ok) throw new UsageError(`Cannot read \`${file}\` of \`${shown}\`, expected a well-formed descriptor: run \`coursepack check ${shown}\``)
  const ctx: CheckContext = { file, root: parsed.root, files: new Set(names), findings }
  let kind: Descriptor['kind']
  let result: KindResult
  let identifiers: Identifier[]
  if (file === 'imsmanifest.xml') {
    const version = scormVersion(parsed.root, parsed.text)
    if (!version) throw new UsageError(`Cannot tell the SCORM version of \`imsmanifest.xml\` in \`${shown}\`, expected a SCORM 1.2 or 2004 manifest: run \`coursepack check ${shown}\``)
    kind = version
    result = checkScorm(version, ctx)
    identifiers = scormIdentifiers(parsed.root)
  } else if (file === 'cmi5.xml') {
    kind = 'cmi5'
    result = checkCmi5(ctx)
    identifiers = cmi5Identifiers(parsed.root)
  } else {
    kind = 'xapi'
    result = checkTincan(ctx)
    identifiers = tincanIdentifiers(parsed.root)
  }
  return { descriptor: { kind, file, identifiers, launch: result.launch }, launchFile: result.launchFile }
}
