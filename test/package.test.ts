import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, describe, expect, test } from 'vitest'
import { validateAgainst } from '../src/check/xsd.js'
import { packageCourse } from '../src/package/index.js'
import { scorm12Manifest } from '../src/package/scorm12/manifest.js'
import { zip } from '../src/package/zip.js'
import { scaledPassing } from '../src/package/xml.js'
import { checkCourse } from '../src/pipeline.js'
import { cleanup, fixtures, readZip, sampleCourse, tempDir } from './helpers.js'
import { writeFileSync } from 'node:fs'

afterAll(cleanup)

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })

describe('SCORM 1.2 package', async () => {
  const { course } = await checkCourse(path.join(fixtures, 'minimal'))
  const pkg = packageCourse(course, 'scorm12')
  const manifestText = String(pkg.files.find((f) => f.path === 'imsmanifest.xml')?.data)
  const manifest = parser.parse(manifestText)

  test('is named after the course id, version and target', () => {
    expect(pkg.fileName).toBe('minimal-course-1.2.0-scorm12.zip')
  })

  test('ships the four official schema files at the root', () => {
    const names = pkg.files.map((f) => f.path)
    for (const xsd of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd']) expect(names).toContain(xsd)
  })

  test('has one SCO with the passing score as mastery score', () => {
    const item = manifest.manifest.organizations.organization.item
    expect(item['adlcp:masteryscore']).toBe(70)
    expect(item.title).toBe('A <Minimal> & Course')
    const resource = manifest.manifest.resources.resource
    expect(resource['@adlcp:scormtype']).toBe('sco')
    expect(resource['@href']).toBe('index.html')
  })

  test('lists every file of the zip in the resource', () => {
    const listed = manifest.manifest.resources.resource.file.map((f: { '@href': string }) => f['@href']).sort()
    const files = pkg.files.map((f) => f.path).filter((p) => p !== 'imsmanifest.xml').sort()
    expect(listed).toEqual(files)
    expect(files).toContain('assets/images/square.svg')
  })

  test('validates against the official SCORM 1.2 XSDs', async () => {
    const result = await validateAgainst(manifestText, 'scorm12')
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  test('the validation rejects a broken manifest (the check can fail)', async () => {
    const broken = manifestText.replace('adlcp:scormtype', 'adlcp:scormType')
    const result = await validateAgainst(broken, 'scorm12')
    expect(result.valid).toBe(false)
    expect(result.errors.join('\n')).toMatch(/scormType/)
    const misordered = scorm12Manifest({ ...course, id: '1-starts-with-a-digit' }, ['index.html'])
    expect((await validateAgainst(misordered, 'scorm12')).valid).toBe(false)
  })

  test('the sample course manifest validates too', async () => {
    const sample = await checkCourse(sampleCourse)
    const text = String(packageCourse(sample.course, 'scorm12').files.find((f) => f.path === 'imsmanifest.xml')?.data)
    expect(await validateAgainst(text, 'scorm12')).toEqual({ valid: true, errors: [] })
    expect(text).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>')
  })
})

describe('SCORM 2004 package', async () => {
  const { course } = await checkCourse(path.join(fixtures, 'minimal'))
  const pkg = packageCourse(course, 'scorm2004')
  const manifestText = String(pkg.files.find((f) => f.path === 'imsmanifest.xml')?.data)
  const manifest = parser.parse(manifestText)

  test('validates against the official SCORM 2004 4th edition XSDs', async () => {
    expect(await validateAgainst(manifestText, 'scorm2004')).toEqual({ valid: true, errors: [] })
  })

  test('the validation rejects a broken manifest (the check can fail)', async () => {
    const broken = manifestText.replace('<imsss:minNormalizedMeasure>0.7<', '<imsss:minNormalizedMeasure>70<')
    expect((await validateAgainst(broken, 'scorm2004')).valid).toBe(false)
    const wrongCase = manifestText.replace('adlcp:scormType="sco"', 'adlcp:scormType="SCO"')
    expect((await validateAgainst(wrongCase, 'scorm2004')).valid).toBe(false)
  })

  test('has one SCO whose primary objective is satisfied by the passing score as measure', () => {
    const item = manifest.manifest.organizations.organization.item
    const objective = item['imsss:sequencing']['imsss:objectives']['imsss:primaryObjective']
    expect(objective['@satisfiedByMeasure']).toBe('true')
    expect(objective['imsss:minNormalizedMeasure']).toBe(0.7)
    expect(item['imsss:sequencing']['imsss:deliveryControls']).toEqual({ '@completionSetByContent': 'true', '@objectiveSetByContent': 'true' })
    expect(manifest.manifest.resources.resource['@adlcp:scormType']).toBe('sco')
    expect(manifest.manifest.metadata.schemaversion).toBe('2004 4th Edition')
  })

  test('ships the 2004 schema files and lists every file', () => {
    const names = pkg.files.map((f) => f.path)
    for (const xsd of ['imscp_v1p1.xsd', 'adlcp_v1p3.xsd', 'adlseq_v1p3.xsd', 'adlnav_v1p3.xsd', 'imsss_v1p0.xsd', 'xml.xsd']) expect(names).toContain(xsd)
    const listed = manifest.manifest.resources.resource.file.map((f: { '@href': string }) => f['@href']).sort()
    expect(listed).toEqual(names.filter((p) => p !== 'imsmanifest.xml').sort())
  })
})

describe('scaledPassing', () => {
  test.each([
    [70, '0.7'],
    [72.5, '0.725'],
    [100, '1'],
    [5, '0.05'],
    [0, '0'],
    [66.67, '0.6667']
  ])('%s%% → %s', (percent, scaled) => {
    expect(scaledPassing(percent)).toBe(scaled)
  })
})

describe('zip', () => {
  test('gives identical bytes for the same files in any order, with fixed dates', async () => {
    const files = [
      { path: 'b.txt', data: 'bee' },
      { path: 'a/c.txt', data: Buffer.from('sea') }
    ]
    const one = await zip(files)
    const two = await zip([...files].reverse())
    expect(one.equals(two)).toBe(true)
    const file = path.join(tempDir(), 'x.zip')
    writeFileSync(file, one)
    const entries = await readZip(file)
    expect([...entries.keys()]).toEqual(['a/c.txt', 'b.txt'])
    expect(entries.get('b.txt')?.toString()).toBe('bee')
  })

  test('refuses two entries with one path', async () => {
    await expect(zip([{ path: 'a', data: '1' }, { path: 'a', data: '2' }])).rejects.toThrow(/Duplicate package entry/)
  })
})
