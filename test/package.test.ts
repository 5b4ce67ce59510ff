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
import { sharedFile } from './needs-shared.js'
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

describe('cmi5 package', async () => {
  const { course } = await checkCourse(path.join(fixtures, 'minimal'))
  const pkg = packageCourse(course, 'cmi5')
  const xml = String(pkg.files.find((f) => f.path === 'cmi5.xml')?.data)
  const cmi5Schema = sharedFile('schemas/cmi5/CourseStructure.xsd', "the cmi5.xml tests against cmi5's official CourseStructure.xsd")

  test.skipIf(!cmi5Schema)('cmi5.xml validates against the official course structure schema', async () => {
    expect(await validateAgainst(xml, { main: cmi5Schema ?? '' }, 'cmi5.xml')).toEqual({ valid: true, errors: [] })
  })

  test.skipIf(!cmi5Schema)('the validation rejects a wrong one (the check can fail)', async () => {
    const wrong = xml.replace('masteryScore="0.7"', 'masteryScore="70"')
    expect((await validateAgainst(wrong, { main: cmi5Schema ?? '' }, 'cmi5.xml')).valid).toBe(false)
  })

  test('has one AU: CompletedAndPassed, the mastery score scaled, AnyWindow, no LMS data', () => {
    const au = parser.parse(xml).courseStructure.au
    expect(au).toMatchObject({ '@moveOn': 'CompletedAndPassed', '@masteryScore': '0.7', '@launchMethod': 'AnyWindow', url: 'index.html' })
    expect(au['@id']).toBe('urn:coursepack:minimal-course/au')
    expect(pkg.files.map((f) => f.path).sort()).toEqual(['assets/images/square.svg', 'cmi5.xml', 'coursepack.css', 'coursepack.js', 'index.html'])
  })
})

describe('xAPI package', async () => {
  const { course } = await checkCourse(path.join(fixtures, 'minimal'))
  const pkg = packageCourse(course, 'xapi')
  const xml = String(pkg.files.find((f) => f.path === 'tincan.xml')?.data)
  const activities = parser.parse(xml).tincan.activities.activity as Array<Record<string, unknown>>

  test('tincan.xml has the course activity with the launch file, then one activity per module and per question, without answer keys', () => {
    expect(activities[0]).toMatchObject({ '@id': 'urn:coursepack:minimal-course', '@type': 'http://adlnet.gov/expapi/activities/course', launch: { '#text': 'index.html' } })
    expect(activities.filter((a) => a['@type'] === 'http://adlnet.gov/expapi/activities/module')).toHaveLength(2)
    const questions = activities.filter((a) => a['@type'] === 'http://adlnet.gov/expapi/activities/cmi.interaction')
    expect(questions.map((q) => q['@id'])).toEqual([
      'urn:coursepack:minimal-course/interactions/basics.which-colour-is-the-sky-on-a-clear-day',
      'urn:coursepack:minimal-course/interactions/basics.which-of-these-are-primes',
      'urn:coursepack:minimal-course/interactions/q-weighted',
      'urn:coursepack:minimal-course/interactions/more.is-this-the-last-question'
    ])
    // No answer key in the descriptor: the runtime sends the pattern with each `answered` statement.
    expect(questions[1]).toMatchObject({ interactionType: 'choice' })
    expect(questions.filter((q) => 'correctResponsePatterns' in q)).toEqual([])
    expect(xml).not.toContain('correctResponse')
    expect(activities.filter((a) => 'launch' in a)).toHaveLength(1)
  })

  test('carries no endpoint or credentials: they come from the launch URL', () => {
    for (const file of pkg.files.filter((f) => /\.(html|xml|json)$/.test(f.path))) {
      expect(String(file.data)).not.toMatch(/endpoint|Basic [A-Za-z0-9+/=]{8,}|https?:\/\/[^"'<\s]*(xapi|lrs)/i)
    }
  })
})

describe('one passing score everywhere', () => {
  test('every target carries the course passing score where its standard puts it, and the runtime data agrees', async () => {
    const { course } = await checkCourse(path.join(fixtures, 'minimal'))
    const custom = { ...course, passingScore: 72.5 }
    const text = (target: 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5', name: string) => String(packageCourse(custom, target).files.find((f) => f.path === name)?.data)
    const runtimeScore = (target: 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5') => JSON.parse(/id="cp-data">([\s\S]*?)<\/script>/.exec(text(target, 'index.html'))?.[1] ?? '{}').passingScore
    expect(text('scorm12', 'imsmanifest.xml')).toContain('<adlcp:masteryscore>72.5</adlcp:masteryscore>')
    expect(text('scorm2004', 'imsmanifest.xml')).toContain('<imsss:minNormalizedMeasure>0.725</imsss:minNormalizedMeasure>')
    expect(text('cmi5', 'cmi5.xml')).toContain('masteryScore="0.725"')
    for (const target of ['scorm12', 'scorm2004', 'xapi', 'cmi5'] as const) expect(runtimeScore(target)).toBe(72.5)
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
