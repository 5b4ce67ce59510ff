/** cmi5 runtime: the player as an assignable unit launched by a cmi5 LMS, or on localStorage without one. */
import { Cmi5Tracker, readCmi5Launch } from '../cmi5.js'
import { readCourseData } from '../data.js'
import { OfflineTracker } from '../offline.js'
import { startPlayer } from '../player.js'

const data = readCourseData()
const launch = readCmi5Launch()
void startPlayer(data, launch ? new Cmi5Tracker(data, launch) : new OfflineTracker(data.id, data.version))
