/**
 * `cmi5.xml` (cmi5 Quartz §13–14, STANDARDS.md §5.1): the course and one AU with
 * `moveOn="CompletedAndPassed"`, `masteryScore` = the passing score scaled (0–1, at most
 * 4 decimals), launch method `AnyWindow`. Child order follows CourseStructure.xsd.
 */
import type { Course } from '../../model/types.js'
import { buildXml, scaledPassing } from '../xml.js'

export function cmi5Xml(course: Course, launch = 'index.html'): string {
  const lang = course.language
  const text = (value: string) => ({ langstring: { '@lang': lang, '#text': value } })
  const hasQuiz = course.modules.some((m) => m.quiz)
  return buildXml({
    courseStructure: {
      '@xmlns': 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd',
      course: { '@id': course.activityId, title: text(course.title), description: text(course.description || course.title) },
      au: {
        '@id': `${course.activityId}/au`,
        // A course without quizzes has nothing to pass: completion alone satisfies it.
        '@moveOn': hasQuiz ? 'CompletedAndPassed' : 'Completed',
        ...(hasQuiz ? { '@masteryScore': scaledPassing(course.passingScore) } : {}),
        '@launchMethod': 'AnyWindow',
        title: text(course.title),
        description: text(course.description || course.title),
        url: launch
      }
    }
  })
}
