/**
 * What an LMS holds after a session in which it handed the package a fresh data model: what it
 * held before, with every value the package wrote (a successful SetValue) applied over it, as an
 * LMS that stores each element it is sent (Moodle's mod_scorm keeps one track row per element).
 * The data is scorm-again's JSON: `cmi.core.lesson_status` is `core.lesson_status`,
 * `cmi.objectives.0.id` is `objectives.0.id`.
 */
import type { ApiCall } from '../types.js'

type Cmi = Record<string, unknown>

const isObject = (value: unknown): value is Cmi => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A deep copy (arrays of scorm-again's JSON become objects keyed by index, as they are read). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), copy(v)]))
  return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) : value
}

/** Set `value` at a dotted data model element (`cmi.` dropped); `_count`, `_children` and the like are not data. */
function setElement(cmi: Cmi, element: string, value: string): void {
  const parts = element.replace(/^cmi\./, '').split('.')
  if (parts.some((p) => p === '' || p.startsWith('_') || p === '__proto__' || p === 'constructor' || p === 'prototype')) return
  let node = cmi
  for (const part of parts.slice(0, -1)) {
    const next = node[part]
    if (!isObject(next)) node[part] = {}
    node = node[part] as Cmi
  }
  node[parts.at(-1) ?? ''] = value
}

export function heldAfter(previous: Cmi, calls: readonly ApiCall[]): Cmi {
  const held = copy(previous) as Cmi
  for (const call of calls) {
    if ((call.name === 'LMSSetValue' || call.name === 'SetValue') && call.result === 'true' && call.error === '0') setElement(held, call.args[0] ?? '', call.args[1] ?? '')
  }
  return held
}
