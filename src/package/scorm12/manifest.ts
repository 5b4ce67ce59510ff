/**
 * SCORM 1.2 `imsmanifest.xml` (CAM 1.2): one organization, one item, one SCO resource
 * listing every file of the package. Element order follows the XSDs (title before
 * `adlcp:masteryscore`, STANDARDS.md §1.2); identifiers are NCNames in one ID space.
 */
import type { Course } from '../../model/types.js'
import { buildXml, percentPassing } from '../xml.js'

/**
 * Build the manifest.
 *
 * @param files
 *   Package paths of every file the SCO uses (the manifest itself excluded).
 */
export function scorm12Manifest(course: Course, files: string[], launch = 'index.html'): string {
  return buildXml({
    manifest: {
      '@identifier': course.variant ? `${course.id}-${course.variant}` : course.id,
      '@version': course.version,
      '@xmlns': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
      '@xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:schemaLocation':
        'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
      metadata: { schema: 'ADL SCORM', schemaversion: '1.2' },
      organizations: {
        '@default': 'ORG-1',
        organization: {
          '@identifier': 'ORG-1',
          title: course.title,
          item: {
            '@identifier': 'ITEM-1',
            '@identifierref': 'RES-1',
            '@isvisible': 'true',
            title: course.title,
            'adlcp:masteryscore': percentPassing(course.passingScore)
          }
        }
      },
      resources: {
        resource: {
          '@identifier': 'RES-1',
          '@type': 'webcontent',
          '@adlcp:scormtype': 'sco',
          '@href': launch,
          file: files.map((href) => ({ '@href': encodeURI(href) }))
        }
      }
    }
  })
}
