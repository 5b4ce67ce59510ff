/** The LRS side of `coursepack test`: the embedded LRS, or the user's own (`--lrs`). */
export { type EmbeddedLrs, startEmbeddedLrs } from './embedded.js'
export { connectLrs, lrsUrlProblem } from './remote.js'
export type { Agent, Cmi5Launch, Cmi5LaunchOptions, LrsProblem, LrsRequest, StateParams, Statement, TestLrs } from './types.js'
export { validateStatement } from './validate.js'
