/** xAPI (TinCan) runtime: the player on the LRS given by the launch URL, or on localStorage without one. */
import { readCourseData } from '../data.js'
import { OfflineTracker } from '../offline.js'
import { startPlayer } from '../player.js'
import { readTinCanLaunch, XapiTracker } from '../xapi.js'

const data = readCourseData()
const launch = readTinCanLaunch()
void startPlayer(data, launch ? new XapiTracker(data, launch) : new OfflineTracker(data.id, data.version))
