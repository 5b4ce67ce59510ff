/** Read the course data the compiler embedded in the page, with the answer keys opened (src/questions/keys.ts). */
import { openKeys, type PackagedCourseData } from '../questions/keys.js'
import type { CourseData } from '../shared/course-data.js'

export function readCourseData(): CourseData {
  const script = document.getElementById('cp-data')
  return openKeys(JSON.parse(script?.textContent ?? '{}') as PackagedCourseData)
}
