/**
 * Package stage: rendered files, course assets, schemas and the manifest of a target
 * become the entries of one zip.
 */
import path from 'node:path'
import { maxAssetBytes } from '../load/limits.js'
import { readAsset } from '../load/safe-file.js'
import type { Course } from '../model/types.js'
import { type OutputFile, render } from '../render/index.js'
import { loadTemplates } from '../render/templates.js'
import { contentHash } from './content-hash.js'
import { toCourseData } from './course-data.js'
import { hideKeys } from '../questions/keys.js'
import { runtimeBundle } from './runtime.js'
import { schemaFiles } from './schemas.js'
import { scorm12Manifest } from './scorm12/manifest.js'
import { scorm2004Manifest } from './scorm2004/manifest.js'
import { cmi5Xml } from './cmi5/course-structure.js'
import { tincanXml } from './xapi/tincan.js'

import type { TargetName } from '../shared/course-data.js'

export { targetNames, type TargetName } from '../shared/course-data.js'

export interface PackageOptions {
  /** Templates folder (default: the built-in one). */
  templates?: string
}

export interface Package {
  target: TargetName
  /** File name in the output folder, such as `course-1.0.0-scorm12.zip`. */
  fileName: string
  files: OutputFile[]
}

/** Course assets (images, downloads) as package entries. */
function assetFiles(course: Course): OutputFile[] {
  // Read once per course, not once per target.
  let files = assetCache.get(course)
  if (!files) {
    files = course.assets.map((asset) => ({ path: asset.target, data: readAsset(asset.source, maxAssetBytes) }))
    assetCache.set(course, files)
  }
  return files
}

const assetCache = new WeakMap<Course, OutputFile[]>()

/**
 * What the learner is taught and tested on, hashed (./content-hash.ts): the runtime data but
 * its target (pages, questions with their keys, rules, strings), the pages and stylesheets as
 * rendered without that data and the runtime, and the course's assets. The same for every
 * target of one language; computed once per course and templates folder.
 */
function courseHash(course: Course, templates: string | undefined, strings: Record<string, string>): string {
  let perCourse = hashCache.get(course)
  if (!perCourse) {
    perCourse = new Map()
    hashCache.set(course, perCourse)
  }
  const key = templates ?? ''
  let hash = perCourse.get(key)
  if (hash === undefined) {
    const content = { ...toCourseData(course, 'scorm12', strings), target: undefined }
    const bare = render(course, templates ? { templates } : {})
    hash = contentHash([{ path: 'course-data.json', data: JSON.stringify(content) }, ...bare.files, ...assetFiles(course)])
    perCourse.set(key, hash)
  }
  return hash
}

const hashCache = new WeakMap<Course, Map<string, string>>()

/**
 * Lay out the files of one target's package.
 *
 * @param course
 *   A course model without errors.
 */
export function packageCourse(course: Course, target: TargetName, options: PackageOptions = {}): Package {
  // A course may override templates, partials, locales and stylesheets in its own `templates/`.
  options = { templates: path.join(course.root, 'templates'), ...options }
  const strings = loadTemplates(options.templates).strings(course.language)
  const data = toCourseData(course, target, strings, courseHash(course, options.templates, strings))
  const script = 'coursepack.js'
  // The page carries the data with every answer key encoded (src/questions/keys.ts), never in plain text.
  const rendered = render(course, { data: hideKeys(data), scripts: [script], ...(options.templates ? { templates: options.templates } : {}) })
  const content = [...rendered.files, { path: script, data: runtimeBundle(target) }, ...assetFiles(course)]
  const fileName = `${course.id}-${course.version}${course.variant ? `-${course.variant}` : ''}-${target}.zip`
  switch (target) {
    case 'scorm12':
    case 'scorm2004': {
      const schemas = schemaFiles(target === 'scorm12' ? 'scorm12edition' : 'scorm20044thedition')
      const listed = [...content, ...schemas].map((f) => f.path).sort()
      const manifest = target === 'scorm12' ? scorm12Manifest(course, listed) : scorm2004Manifest(course, listed)
      return { target, fileName, files: [...content, ...schemas, { path: 'imsmanifest.xml', data: manifest }] }
    }
    case 'xapi':
      return { target, fileName, files: [...content, { path: 'tincan.xml', data: tincanXml(course, strings) }] }
    case 'cmi5':
      return { target, fileName, files: [...content, { path: 'cmi5.xml', data: cmi5Xml(course) }] }
  }
}
