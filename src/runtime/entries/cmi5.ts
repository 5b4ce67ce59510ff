/** cmi5 runtime: the player as an assignable unit launched by a cmi5 LMS, or on localStorage without one. */
import { isCmi5Launch, Cmi5Tracker } from '../cmi5.js'
import { readCourseData } from '../data.js'
import { OfflineTracker } from '../offline.js'
import { startPlayer } from '../player.js'

const data = readCourseData()
void startPlayer(data, isCmi5Launch() ? new Cmi5Tracker(data) : new OfflineTracker(data.id, data.version))
