/**
 * What the xAPI/cmi5 side needs of a package: the launch page's URL on the test server, the
 * activity id the LMS launches it with, and (cmi5) the AU's publisher id and mastery score, as
 * an LMS reads them from `tincan.xml` (TinCan launch) or `cmi5.xml` (cmi5 §13.1.4) on import.
 */
import { XMLParser } from 'fast-xml-parser'
import type { CourseData } from '../../shared/course-data.js'

export interface XapiPackage {
  standard: 'xapi' | 'cmi5'
  data: CourseData
  /** The absolute URL of the launch page (`…/pkg/index.html`). */
  launchUrl: string
  /** xAPI: the course activity; cmi5: the AU's id, used as the LMS's activityId and as its publisher id. */
  activityId: string
  /** cmi5 `masteryScore` (0–1), handed to the AU in LMS.LaunchData. */
  masteryScore?: number
  moveOn?: string
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name) => name === 'au' || name === 'activity' || name === 'block' })

type Node = Record<string, unknown>
const attr = (node: Node | undefined, name: string): string | undefined => (typeof node?.[`@${name}`] === 'string' ? (node[`@${name}`] as string).trim() : undefined)

/** The first AU of a course structure, blocks included, in document order. */
function firstAu(node: Node | undefined): Node | undefined {
  const aus = node?.au as Node[] | undefined
  if (aus?.[0]) return aus[0]
  for (const block of (node?.block as Node[] | undefined) ?? []) {
    const found = firstAu(block)
    if (found) return found
  }
  return undefined
}

/** The package's launch data, or a one-line reason it cannot be launched. */
export function xapiPackageOf(files: Map<string, Buffer>, data: CourseData, launchBase: string): XapiPackage | string {
  const cmi5Xml = files.get('cmi5.xml')
  if (cmi5Xml) {
    const au = firstAu((parser.parse(cmi5Xml.toString('utf8')) as Node).courseStructure as Node | undefined)
    const id = attr(au, 'id')
    const url = typeof au?.url === 'string' ? au.url.trim() : undefined
    if (!id || !url) return 'cmi5.xml has no AU with an id and a url'
    const mastery = attr(au, 'masteryScore')
    const moveOn = attr(au, 'moveOn')
    return {
      standard: 'cmi5',
      data,
      launchUrl: new URL(url, launchBase).href,
      activityId: id,
      ...(mastery === undefined || !Number.isFinite(Number(mastery)) ? {} : { masteryScore: Number(mastery) }),
      ...(moveOn === undefined ? {} : { moveOn })
    }
  }
  const tincan = files.get('tincan.xml')
  if (tincan) {
    const activities = (((parser.parse(tincan.toString('utf8')) as Node).tincan as Node | undefined)?.activities as Node | undefined)?.activity as Node[] | undefined
    const launched = activities?.find((activity) => activity.launch !== undefined)
    const id = attr(launched, 'id')
    const launch = launched?.launch
    const url = typeof launch === 'string' ? launch : attr(launch as Node | undefined, '#text') ?? (launch as Node | undefined)?.['#text']
    if (!id || typeof url !== 'string') return 'tincan.xml has no activity with an id and a launch'
    return { standard: 'xapi', data, launchUrl: new URL(url.trim(), launchBase).href, activityId: id }
  }
  return 'the package has neither cmi5.xml nor tincan.xml'
}
