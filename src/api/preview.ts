/** `preview`: the course served in a live LMS frame; a missing folder is a usage error. */
import { checkCourseDirs } from '../pipeline.js'
import { type PreviewOptions, type PreviewServer, startPreview } from '../preview/server.js'

export type { PreviewOptions, PreviewServer } from '../preview/server.js'

export async function preview(options: PreviewOptions): Promise<PreviewServer> {
  checkCourseDirs([options.dir], options.cwd ?? process.cwd())
  return startPreview(options)
}
