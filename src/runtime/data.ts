/** Read the course data the compiler embedded in the page. */
import type { CourseData } from '../shared/course-data.js'

export function readCourseData(): CourseData {
  const script = document.getElementById('cp-data')
  return JSON.parse(script?.textContent ?? '{}') as CourseData
}
