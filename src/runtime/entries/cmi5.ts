/** cmi5 runtime: the player as an assignable unit launched by a cmi5 LMS, or on localStorage without one. */
import { Cmi5Tracker, readCmi5Launch } from '../cmi5.js'
import { readCourseData } from '../data.js'
import { logProblem } from '../log.js'
import { OfflineTracker } from '../offline.js'
import { startPlayer } from '../player.js'

const data = readCourseData()
const launch = readCmi5Launch()
const offline = () => startPlayer(data, new OfflineTracker(data.id, data.version))
// A launch that cannot start (the token or LMS.LaunchData refused, the LRS unreachable
// after the retries) leaves the course usable without an LMS, with the notice saying so.
if (launch) {
  void startPlayer(data, new Cmi5Tracker(data, launch)).catch((error: unknown) => {
    logProblem(`the cmi5 launch failed (${String(error)}); the course runs without an LMS`)
    return offline()
  })
} else void offline()
