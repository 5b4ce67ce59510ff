/** Which standard a package follows: its descriptor at the zip root, and for SCORM the version. */
import { code, type Findings } from './findings.js'
import { kids, type XmlElement } from './xml-tree.js'

export const descriptors = { 'imsmanifest.xml': 'scorm', 'cmi5.xml': 'cmi5', 'tincan.xml': 'xapi' } as const
export type DescriptorName = keyof typeof descriptors
/** Checked in this order when a package holds several. */
const names = Object.keys(descriptors) as DescriptorName[]

export const ns = {
  cp12: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  adlcp12: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  cp2004: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  adlcp2004: 'http://www.adlnet.org/xsd/adlcp_v1p3',
  imsss: 'http://www.imsglobal.org/xsd/imsss',
  tincan: 'http://projecttincan.com/tincan.xsd'
} as const

/**
 * Find the package's descriptor among its files (entry names). Reports a missing, nested
 * or repeated descriptor; returns the one to check, if any.
 */
export function findDescriptor(files: readonly string[], findings: Findings): DescriptorName | undefined {
  const present = names.filter((name) => files.includes(name))
  if (present.length > 1) {
    const [first, ...others] = present as [DescriptorName, ...DescriptorName[]]
    findings.error(
      'descriptor-multiple',
      `Unexpected ${others.map(code).join(' and ')} next to ${code(first)}, expected one descriptor at the package root: checked ${code(first)} only`,
      { file: others[0] }
    )
  }
  if (present[0]) return present[0]
  const caseless = files.find((file) => !file.includes('/') && (names as string[]).includes(file.toLowerCase()))
  if (caseless) {
    findings.error('descriptor-missing', `Cannot find ${code(caseless.toLowerCase())} at the package root, found ${code(caseless)}: names are case-sensitive`, { file: caseless })
    return undefined
  }
  const nested = files.filter((file) => file.includes('/') && (names as string[]).includes(file.slice(file.lastIndexOf('/') + 1)))
  const shallowest = nested.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0]
  if (shallowest) {
    const name = shallowest.slice(shallowest.lastIndexOf('/') + 1)
    findings.error(
      'descriptor-nested',
      `Cannot find ${code(name)} at the package root, found ${code(shallowest)}: zip the contents of ${code(shallowest.slice(0, shallowest.lastIndexOf('/') + 1))}, not the folder`,
      { file: shallowest }
    )
    return undefined
  }
  findings.error('descriptor-missing', `Cannot find ${names.map(code).join(', ').replace(/, ([^,]*)$/, ' or $1')} at the package root, expected the descriptor of a SCORM, cmi5 or xAPI package`)
  return undefined
}

/** SCORM 1.2 or 2004 from `metadata/schemaversion`, else from the namespaces in use. */
export function scormVersion(root: XmlElement, text: string): 'scorm12' | 'scorm2004' | undefined {
  const version = kids(root, 'metadata').flatMap((m) => kids(m, 'schemaversion'))[0]?.text
  if (version === '1.2') return 'scorm12'
  if (version !== undefined && /^(2004\b|CAM 1\.3$)/.test(version)) return 'scorm2004'
  if (root.ns === ns.cp12 || text.includes(ns.adlcp12)) return 'scorm12'
  if (text.includes(ns.adlcp2004) || text.includes(ns.imsss)) return 'scorm2004'
  if (root.ns === ns.cp2004) return 'scorm2004'
  return undefined
}

/** A best guess of the kind from raw descriptor text, for descriptors that are not well-formed. */
export function guessKind(descriptor: DescriptorName, text: string): 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'unknown' {
  if (descriptor === 'cmi5.xml') return 'cmi5'
  if (descriptor === 'tincan.xml') return 'xapi'
  if (text.includes(ns.cp12) || text.includes(ns.adlcp12)) return 'scorm12'
  if (text.includes(ns.cp2004)) return 'scorm2004'
  return 'unknown'
}
