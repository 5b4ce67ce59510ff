/** coursepack's programmatic API: the same pipeline the CLI runs. */
export { build, checkCourse } from './pipeline.js'
export type { BuildOptions, BuildResult, BuiltPackage, CheckResult } from './pipeline.js'
export { packageCourse, targetNames } from './package/index.js'
export type { Package, TargetName } from './package/index.js'
export { checkPackage } from './check/package.js'
export { startPreview } from './preview/server.js'
export { scaffold } from './scaffold/index.js'
export type { Course, Lesson, Module, Question, Quiz } from './model/index.js'
