/**
 * `strict-minimal`: the least an LMS may do, and slowly. Not one product: the behaviours of
 * several, each with its source.
 * - Optional elements missing or empty: `cmi.core.lesson_mode` / `cmi.mode` empty, no mastery
 *   score, `_count` unsupported (SCORM 1.2 error 401 "Not implemented", SCORM 2004 error 402
 *   "Unimplemented Data Model Element"): openedx-scorm-xblock#43, LiaScript-Exporter#36,
 *   chamilo-lms#3722.
 * - Every commit takes 2 seconds, synchronously (ILIAS: LiaScript-Exporter#55). The page must stay
 *   responsive: the longest task in the course's page is measured (PerformanceObserver
 *   `longtask`) and reported; more than one commit's delay in one task is a problem.
 * - `suspend_data` is cut to `--suspend-limit` characters (default 1024; Docebo notes Articulate's
 *   default of 256; simple-scorm-api#3).
 * - The course opens in a popup and finds the API through `window.opener` (Canvas, Open edX,
 *   Moodle popups: LiaScript#246, iteexe#472).
 */
import { defaultCmi, type ScormStandard } from '../scorm/cmi.js'
import type { Profile } from '../types.js'
import { frameScriptPrelude } from './frame-script.js'

/** The default cut of suspend_data under this profile, when no --suspend-limit is given. */
export const defaultSuspendLimit = 1024
/** Each commit takes this long, synchronously. */
export const commitMilliseconds = 2000
/** A task longer than one commit and this margin means the course made the learner wait for more than one commit at once. */
export const longTaskMargin = 1000

const minimal = `(function () {
${frameScriptPrelude}
  var limit = (window.coursepackTest && window.coursepackTest.suspendLimit) || ${defaultSuspendLimit};
  var why = 'strict-minimal: _count is not implemented';
  wrap(names.get, function (call, args) {
    return /\\._count$/.test(String(args[0])) ? refuse(names.get, args, '', scorm12 ? '401' : '402', why) : call();
  });
  wrap(names.set, function (call, args) {
    if (/suspend_data$/.test(String(args[0])) && String(args[1]).length > limit) {
      report.notes.push('strict-minimal: suspend_data cut from ' + String(args[1]).length + ' to ' + limit + ' characters');
      return call(String(args[0]), String(args[1]).slice(0, limit));
    }
    return call();
  });
  wrap(names.commit, function (call) {
    var end = Date.now() + ${commitMilliseconds};
    while (Date.now() < end) { /* a synchronous LMS round trip */ }
    return call();
  });
  var longest = 0;
  var index = report.notes.push('strict-minimal: longest task 0 ms') - 1;
  var watched = null;
  setInterval(function () {
    var doc = courseDocument();
    var win = doc && doc.defaultView;
    if (!win || win === watched || !/^http/.test(doc.URL) || doc.readyState === 'loading' || !win.PerformanceObserver) return;
    watched = win;
    new win.PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        if (entry.duration <= longest) return;
        longest = Math.round(entry.duration);
        report.notes[index] = 'strict-minimal: longest task ' + longest + ' ms (commits take ${commitMilliseconds} ms)';
        var problem = 'strict-minimal: the page was unresponsive for ' + longest + ' ms in one task, more than one commit (${commitMilliseconds} ms)';
        report.problems = report.problems.filter(function (p) { return p.indexOf('strict-minimal: the page was unresponsive') !== 0; });
        if (longest > ${commitMilliseconds + longTaskMargin}) report.problems.push(problem);
      });
    }).observe({ type: 'longtask', buffered: true });
  }, 20);
})();`

export const strictMinimal: Profile = {
  name: 'strict-minimal',
  description: 'optional elements empty or unsupported (_count: 401/402), 2-second synchronous commits, suspend_data cut at --suspend-limit (1024), launched in a popup',
  source: 'openedx-scorm-xblock#43, LiaScript-Exporter#36, chamilo-lms#3722 (optional elements); LiaScript-Exporter#55 (blocking commits); simple-scorm-api#3 (suspend_data caps); LiaScript#246, iteexe#472 (popups, frames)',
  standards: ['scorm12', 'scorm2004'],
  // With `lesson_mode` / `cmi.mode` empty, the LMS has no way to say "browse" or "review"
  // (SCORM 1.2 RTE 3.4.4, SCORM 2004 RTE 4.2.13): a course can only take every launch as normal.
  modes: ['normal'],
  scorm: {
    cmi(session, kept, manifest) {
      const standard: ScormStandard = (manifest as { standard?: ScormStandard }).standard ?? (kept && !('core' in kept) ? 'scorm2004' : 'scorm12')
      // No mastery score and no scaled passing score: the content decides (quirk: mastery never passed on).
      const cmi = defaultCmi(standard, session, kept, {})
      if (standard === 'scorm12') return { ...cmi, core: { ...(cmi.core as Record<string, unknown>), lesson_mode: '' } }
      return { ...cmi, mode: '' }
    },
    frameScript: minimal,
    launch: 'popup'
  }
}
