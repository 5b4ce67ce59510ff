/**
 * SCORM 2004 4th Edition `imsmanifest.xml` (CAM 4th Ed., STANDARDS.md §3.1): one SCO whose
 * primary objective is satisfied by measure, with `minNormalizedMeasure` = the passing
 * score scaled (so the LMS exposes it as `cmi.scaled_passing_score`), and sequencing that
 * leaves completion and success to the content (`completionSetByContent`,
 * `objectiveSetByContent`; without them an LMS marks the SCO done on launch, §7.10).
 * Child order inside `imsss:sequencing` follows the XSD.
 */
import type { Course } from '../../model/types.js'
import { buildXml, scaledPassing } from '../xml.js'

export function scorm2004Manifest(course: Course, files: string[], launch = 'index.html'): string {
  return buildXml({
    manifest: {
      '@identifier': course.variant ? `${course.id}-${course.variant}` : course.id,
      '@version': course.version,
      '@xmlns': 'http://www.imsglobal.org/xsd/imscp_v1p1',
      '@xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
      '@xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
      '@xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
      '@xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@xsi:schemaLocation':
        'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd',
      metadata: { schema: 'ADL SCORM', schemaversion: '2004 4th Edition' },
      organizations: {
        '@default': 'ORG-1',
        organization: {
          '@identifier': 'ORG-1',
          '@adlseq:objectivesGlobalToSystem': 'false',
          title: course.title,
          item: {
            '@identifier': 'ITEM-1',
            '@identifierref': 'RES-1',
            '@isvisible': 'true',
            title: course.title,
            'imsss:sequencing': {
              'imsss:objectives': {
                'imsss:primaryObjective': {
                  '@objectiveID': 'PRIMARYOBJ',
                  '@satisfiedByMeasure': 'true',
                  'imsss:minNormalizedMeasure': scaledPassing(course.passingScore)
                }
              },
              'imsss:deliveryControls': { '@completionSetByContent': 'true', '@objectiveSetByContent': 'true' }
            }
          },
          'imsss:sequencing': { 'imsss:controlMode': { '@choice': 'true', '@flow': 'true' } }
        }
      },
      resources: {
        resource: {
          '@identifier': 'RES-1',
          '@type': 'webcontent',
          '@adlcp:scormType': 'sco',
          '@href': launch,
          file: files.map((href) => ({ '@href': encodeURI(href) }))
        }
      }
    }
  })
}
