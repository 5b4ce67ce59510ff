/**
 * What the LRS holds after a walk, read as an LMS reads an xAPI/cmi5 registration: the verdict
 * from the last `passed`/`failed` (xAPI 1.0.3 Part Two §2.5 result; cmi5 §9.3.4–9.3.5), completion
 * from `completed`, the score, `answered` as interactions, the learner's progress document, the
 * requests the LRS answered and every problem it refused or noticed.
 */
import type { Cmi5LaunchOptions, LrsProblem, Statement, TestLrs } from '../lrs/index.js'
import type { Profile, Recorded } from '../types.js'

const sessionExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid'
/** The runtime's progress document (src/runtime/xapi.ts, cmi5.ts). */
const progressStateId = 'coursepack.progress'

export const verbOf = (statement: Statement): string => statement.verb.id.replace(/^.*\//, '')

/** The question id of an `answered` statement's object (`…/interactions/<id>` for xAPI, `…/question/<id>` for cmi5). */
/** The first correct-response pattern of an interaction definition, when it has one. */
function patternOf(definition: unknown): { pattern?: string } {
  const list = (definition as { correctResponsesPattern?: unknown } | undefined)?.correctResponsesPattern
  return Array.isArray(list) && typeof list[0] === 'string' ? { pattern: list[0] } : {}
}

function questionId(objectId: string): string {
  const tail = /\/(?:interactions|question)\/([^/]+)$/.exec(objectId)?.[1] ?? objectId
  try {
    return decodeURIComponent(tail)
  } catch {
    return tail
  }
}

/** A result reported more than once, where it should be once per walk. */
function reportedTwice(statements: Statement[]): string[] {
  const verdicts = statements.filter((s) => ['passed', 'failed'].includes(verbOf(s)))
  const completed = statements.filter((s) => verbOf(s) === 'completed')
  return [
    ...(verdicts.length > 1 ? [`the result was reported ${verdicts.length} times (${verdicts.map(verbOf).join(', ')}), expected once`] : []),
    ...(completed.length > 1 ? [`completed was reported ${completed.length} times, expected once`] : [])
  ]
}

export const problemText = (problem: LrsProblem): string => `${problem.rule} ${problem.message} (HTTP ${problem.status})`

export async function recordedOf(lrs: TestLrs, profile: Profile, learner: Pick<Cmi5LaunchOptions, 'actor' | 'registration'>, activityId: string, pageProblems: string[]): Promise<Recorded> {
  const statements = await lrs.statements(learner.registration)
  const verdict = statements.filter((s) => ['passed', 'failed'].includes(verbOf(s))).at(-1)
  const completed = statements.some((s) => verbOf(s) === 'completed' || (verbOf(s) !== 'terminated' && s.result?.completion === true))
  const started = statements.some((s) => verbOf(s) === 'initialized')
  const score = verdict?.result?.score as Recorded['score'] | undefined
  const progress = (await lrs.getState({ activityId, agent: learner.actor, registration: learner.registration, stateId: progressStateId }).catch(() => undefined)) as
    | { suspendData?: unknown; location?: unknown }
    | undefined
  const location = typeof progress?.location === 'string' ? progress.location : undefined
  return {
    success: verdict ? verbOf(verdict) : 'unknown',
    completion: completed ? 'completed' : started ? 'incomplete' : 'unknown',
    ...(score ? { score: { ...score } } : {}),
    interactions: statements
      .filter((s) => verbOf(s) === 'answered')
      .map((s) => ({
        id: questionId(String(s.object.id ?? '')),
        ...(typeof s.object.definition === 'object' && s.object.definition && typeof (s.object.definition as { interactionType?: unknown }).interactionType === 'string'
          ? { type: (s.object.definition as { interactionType: string }).interactionType }
          : {}),
        ...(typeof s.result?.response === 'string' ? { response: s.result.response as string } : {}),
        ...patternOf(s.object.definition),
        ...(typeof s.result?.success === 'boolean' ? { result: s.result.success ? 'correct' : 'incorrect' } : {})
      })),
    objectives: [],
    ...(location === undefined ? {} : { location }),
    calls: lrs.requests(learner.registration).map((r) => ({ name: `${r.method} ${r.path}`, args: r.sessionId ? [`session ${r.sessionId}`] : [], result: String(r.status), error: r.error ?? '' })),
    statements: statements.map((s) => ({
      id: s.id,
      verb: verbOf(s),
      object: String(s.object.id ?? ''),
      ...(s.context?.registration ? { registration: String(s.context.registration) } : {}),
      ...(s.context?.extensions?.[sessionExtension] ? { sessionId: String(s.context.extensions[sessionExtension]) } : {})
    })),
    problems: [...lrs.problems(learner.registration).map(problemText), ...reportedTwice(statements), ...(profile.xapi?.checkStatements?.(statements) ?? []), ...pageProblems]
  }
}
