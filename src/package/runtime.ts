/** The browser runtime bundle of a target, built by `npm run build` into `build/runtime/`. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runtimeDir } from '../paths.js'
import type { TargetName } from '../shared/course-data.js'

const cache = new Map<TargetName, Buffer>()

export function runtimeBundle(target: TargetName): Buffer {
  let bundle = cache.get(target)
  if (!bundle) {
    const file = path.join(runtimeDir, `${target}.js`)
    try {
      bundle = readFileSync(file)
    } catch {
      throw new Error(`Cannot find the ${target} runtime at \`${file}\`, expected it built by \`npm run build\``)
    }
    cache.set(target, bundle)
  }
  return bundle
}
