/**
 * The xAPI/cmi5 side of `coursepack test`, for the runner: one LRS for the whole run (the
 * embedded one, or the user's with `--lrs`), started on the first xAPI or cmi5 package, and
 * `play` for each walk. Each walk has a learner and registration of its own, so walks never
 * see each other's statements.
 */
import type { BrowserContext } from 'playwright-core'
import type { CourseData } from '../../shared/course-data.js'
import { UsageError } from '../../errors.js'
import { connectLrs, lrsUrlProblem, startEmbeddedLrs, type TestLrs } from '../lrs/index.js'
import type { Profile, Recorded, WalkPlan } from '../types.js'
import { xapiPackageOf } from './package.js'
import { playXapiWalk } from './play.js'

export { xapiPackageOf, type XapiPackage } from './package.js'
export { playXapiWalk } from './play.js'

export interface XapiSide {
  /** Play one walk of the package served at `baseUrl` (its files under `…/pkg/`). */
  play(context: BrowserContext, files: Map<string, Buffer>, data: CourseData, baseUrl: string, plan: WalkPlan, profile: Profile): Promise<Recorded>
  readonly lrs: Promise<TestLrs> | undefined
  close(): Promise<void>
}

/** The LRS is started on first use; `--lrs` is checked at once (a UsageError for a URL that is not loopback or private). */
export function xapiSide(options: { lrs?: string | undefined; lrsAuth?: string | undefined }): XapiSide {
  let lrs: Promise<TestLrs> | undefined
  const { lrs: url, lrsAuth } = options
  const problem = url === undefined ? undefined : lrsUrlProblem(url)
  if (problem) throw new UsageError(problem)
  const get = (): Promise<TestLrs> => (lrs ??= url === undefined ? startEmbeddedLrs() : connectLrs(url, lrsAuth ?? ''))
  return {
    get lrs() {
      return lrs
    },
    async play(context, files, data, baseUrl, plan, profile) {
      const pkg = xapiPackageOf(files, data, `${baseUrl.replace(/\/*$/, '')}/pkg/`)
      if (typeof pkg === 'string') throw new Error(pkg)
      return playXapiWalk(context, pkg, plan, profile, await get())
    },
    async close() {
      const started = lrs
      lrs = undefined
      if (started) await (await started).close()
    }
  }
}
