/** Time formats of the standards. */

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (RTE 3.4.2; hours capped at 9999). */
export function cmiTimespan(milliseconds: number): string {
  const centis = Math.min(Math.max(0, Math.round(milliseconds / 10)), 9999 * 360000 + 359999)
  const hours = Math.floor(centis / 360000)
  const minutes = Math.floor((centis % 360000) / 6000)
  const seconds = Math.floor((centis % 6000) / 100)
  const rest = centis % 100
  const two = (n: number) => String(n).padStart(2, '0')
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${two(seconds)}.${two(rest)}`
}

/** SCORM 1.2 CMITime, a time of day `HH:MM:SS` (RTE 3.4.2), in the learner's local time. */
export function cmiTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
}

/** ISO 8601 duration with at most two fractional digits (SCORM 2004 timeinterval, xAPI): `PT1H5M3.25S`. */
export function isoDuration(milliseconds: number): string {
  const centis = Math.max(0, Math.round(milliseconds / 10))
  const hours = Math.floor(centis / 360000)
  const minutes = Math.floor((centis % 360000) / 6000)
  const seconds = (centis % 6000) / 100
  let text = 'PT'
  if (hours) text += `${hours}H`
  if (minutes) text += `${minutes}M`
  if (seconds || text === 'PT') text += `${Number(seconds.toFixed(2))}S`
  return text
}
