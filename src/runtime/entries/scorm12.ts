/** SCORM 1.2 runtime: the player on the LMS's `API`, or on localStorage when no LMS is found. */
import { findApi } from '../api-finder.js'
import { readCourseData } from '../data.js'
import { OfflineTracker } from '../offline.js'
import { startPlayer } from '../player.js'
import { type Scorm12Api, Scorm12Tracker } from '../scorm12.js'

const data = readCourseData()
const api = findApi<Scorm12Api>('API')
void startPlayer(data, api ? new Scorm12Tracker(api) : new OfflineTracker(data.id, data.version))
