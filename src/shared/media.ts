/**
 * How xAPI and cmi5 name a course's videos and audios: an activity under the course
 * activity, typed by the xAPI Video Profile (video) or ADL's activity type vocabulary
 * (audio), and how far it was played as the Video Profile's `progress` result extension
 * (a decimal from 0 to 1). Shared by `tincan.xml` and the runtime's trackers.
 */
import type { MediaData } from './course-data.js'

/** The activity id of a media: `<course activity>/media/<media id, URI-encoded>`. */
export const mediaActivityId = (root: string, media: Pick<MediaData, 'id'>): string => `${root}/media/${encodeURIComponent(media.id)}`

/** xAPI Video Profile (w3id.org/xapi/video) for a video; ADL's `media` activity type for an audio. */
export const mediaActivityType = (kind: MediaData['kind']): string =>
  kind === 'video' ? 'https://w3id.org/xapi/video/activity-type/video' : 'http://adlnet.gov/expapi/activities/media'

/** xAPI Video Profile result extension: the share of the media played, 0 to 1. */
export const mediaProgressExtension = 'https://w3id.org/xapi/video/extensions/progress'
