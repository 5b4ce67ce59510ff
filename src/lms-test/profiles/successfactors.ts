/**
 * `successfactors`: SAP SuccessFactors Learning.
 * Sources: SAP KBA 3403728 and KBA 2458835 (a SCORM 2004 SCO whose manifest does not set
 * `completionSetByContent` and `objectiveSetByContent` is marked complete when the learner exits,
 * stricter since the 2H 2023 release); SAP KBA 2978409 (the LMS session expires after 30 minutes
 * while the learner is in the content window, and communication breaks).
 *
 * The manifest check is `inspect`: coursepack's SCORM 2004 manifest sets both attributes
 * (src/package/scorm2004/manifest.ts), and a package without them is an error here. The expiry is
 * the frame script: after the first commit the clock jumps 30 minutes, so every SetValue and the
 * next Commit are refused (error 101 in SCORM 1.2, 351/391 in SCORM 2004) until the LMS renews
 * the session (the learner answers the session warning, KBA 2978409's keep-alive). The course
 * must keep the learner's state (the refused values reach the LMS at the next commit) and say that
 * progress could not be saved (a notice in its status region while the LMS refuses).
 */
import type { Profile } from '../types.js'
import { frameScriptPrelude } from './frame-script.js'

const expiry = `(function () {
${frameScriptPrelude}
  var why = 'session expired (successfactors: the clock jumped 30 minutes after the first commit)';
  var commits = 0;
  var expired = false;
  wrap(names.set, function (call, args) {
    return expired ? refuse(names.set, args, 'false', scorm12 ? '101' : '351', why) : call();
  });
  wrap(names.commit, function (call, args) {
    if (expired) {
      expired = false; // the LMS renews the session after refusing this commit
      report.notes.push('successfactors: the session expired after the first commit; one commit was refused, then the session was renewed');
      setTimeout(function () {
        var doc = courseDocument();
        var shown = doc ? Array.prototype.some.call(doc.querySelectorAll('#cp-status [data-notice]'), function (n) {
          return n.dataset.notice !== 'mode' && n.dataset.notice !== 'learner' && n.textContent.trim() !== '';
        }) : false;
        if (!shown) report.problems.push('successfactors: the LMS refused a commit (session expired) and the course did not say that progress could not be saved');
      }, 50);
      return refuse(names.commit, args, 'false', scorm12 ? '101' : '391', why);
    }
    var result = call();
    if (String(result) === 'true' && ++commits === 1) expired = true;
    return result;
  });
})();`

/** The `imsss:deliveryControls` attributes SuccessFactors needs on every SCO (SN 5.1.8; KBA 3403728). */
export function setByContentProblems(manifest: string): string[] {
  const controls = [...manifest.matchAll(/<(?:[\w.-]+:)?deliveryControls\b[^>]*>/g)].map((m) => m[0])
  const missing = (attribute: string) => controls.length === 0 || controls.some((tag) => !new RegExp(`\\b${attribute}\\s*=\\s*["']true["']`).test(tag))
  return ['completionSetByContent', 'objectiveSetByContent'].filter(missing)
}

export const successfactors: Profile = {
  name: 'successfactors',
  description: 'SAP SuccessFactors: a SCORM 2004 SCO not set by content is completed on exit; the session expires after 30 minutes and commits fail',
  source: 'SAP KBA 3403728, KBA 2458835 (completed on exit), KBA 2978409 (30-minute session timeout)',
  standards: ['scorm12', 'scorm2004'],
  scorm: { frameScript: expiry },
  inspect(entries, read) {
    const manifest = entries.includes('imsmanifest.xml') ? read?.('imsmanifest.xml') : undefined
    if (manifest === undefined || !/2004/.test(/<schemaversion>([^<]*)</i.exec(manifest)?.[1] ?? '')) return []
    return setByContentProblems(manifest).map((attribute) => ({
      severity: 'error' as const,
      ruleId: 'completed-on-exit',
      message: `Unexpected SCORM 2004 manifest without \`${attribute}="true"\` on \`imsss:deliveryControls\`, expected it on every SCO: SuccessFactors marks the SCO complete when the learner exits (SAP KBA 3403728)`,
      file: 'imsmanifest.xml'
    }))
  }
}
