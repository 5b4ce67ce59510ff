/**
 * `tincan.xml` (Rustici's TinCan package format, STANDARDS.md §4.4): the course activity
 * with its launch file, then one activity per module, one per question (with the
 * interaction definition) and one per required video or audio (the ones the runtime reports),
 * so an LMS can show names before any statement arrives.
 * Only the course activity has `<launch>`. No endpoint or credentials are ever written.
 * Nor any answer key: an interaction is declared without its `correctResponsePatterns` (issue
 * 14), which the runtime sends to the LRS in the full definition of each `answered` statement
 * (xAPI 1.0.3, 2.4.4.1: the definition may come with any statement about the activity).
 */
import { toCourseData } from '../course-data.js'
import type { Course } from '../../model/types.js'
import { coreOf } from '../../questions/cores.js'
import { mediaActivityId, mediaActivityType } from '../../shared/media.js'
import { buildXml } from '../xml.js'

const type = (name: string) => `http://adlnet.gov/expapi/activities/${name}`

export function tincanXml(course: Course, strings: Record<string, string>, launch = 'index.html'): string {
  const data = toCourseData(course, 'xapi', strings)
  const lang = course.language
  const root = data.activityId
  const activities: Array<Record<string, unknown>> = [
    {
      '@id': root,
      '@type': type('course'),
      name: { '@lang': lang, '#text': course.title },
      description: { '@lang': lang, '#text': course.description || course.title },
      launch: { '@lang': lang, '#text': launch }
    }
  ]
  for (const module of data.modules) {
    activities.push({ '@id': `${root}/modules/${encodeURIComponent(module.id)}`, '@type': type('module'), name: { '@lang': lang, '#text': module.title } })
    for (const question of module.quiz?.questions ?? []) {
      // The interaction as the question's type defines it (src/questions/<type>/core.ts).
      const interaction = coreOf(question).xapi(question)
      const components = Object.entries(interaction.components ?? {}).map(([name, list]) => [
        name,
        { component: (list ?? []).map((c) => ({ id: c.id, description: { '@lang': lang, '#text': c.description } })) }
      ])
      activities.push({
        '@id': `${root}/interactions/${encodeURIComponent(question.id)}`,
        '@type': 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { '@lang': lang, '#text': question.text },
        description: { '@lang': lang, '#text': question.text },
        interactionType: interaction.interactionType,
        ...Object.fromEntries(components)
      })
    }
  }
  for (const media of data.media.filter((m) => m.required)) {
    activities.push({ '@id': mediaActivityId(root, media), '@type': mediaActivityType(media.kind), name: { '@lang': lang, '#text': media.title } })
  }
  return buildXml({ tincan: { '@xmlns': 'http://projecttincan.com/tincan.xsd', activities: { activity: activities } } })
}
