/** SCORM 2004 runtime: the player on the LMS's `API_1484_11`, or on localStorage when no LMS is found. */
import { findApi } from '../api-finder.js'
import { readCourseData } from '../data.js'
import { OfflineTracker } from '../offline.js'
import { startPlayer } from '../player.js'
import { type Scorm2004Api, Scorm2004Tracker } from '../scorm2004.js'

const data = readCourseData()
const api = findApi<Scorm2004Api>('API_1484_11')
void startPlayer(data, api ? new Scorm2004Tracker(api) : new OfflineTracker(data.id, data.version))
