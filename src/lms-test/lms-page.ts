/**
 * The LMS frame page of `coursepack test`: the real scorm-again runtime as `window.API`
 * (SCORM 1.2, RTE 3.3) or `window.API_1484_11` (SCORM 2004 RTE 3.1), loaded with the session's
 * CMI data as an LMS loads it before launch; every call logged with the error code right after
 * it; the profile's frame script; then the package, in a frame, a popup or a sandboxed
 * cross-origin frame.
 */
export interface LmsPageOptions {
  standard: 'scorm12' | 'scorm2004'
  cmi: Record<string, unknown>
  /** The package's launch URL, absolute (another origin for the cross-origin launch). */
  launchUrl: string
  launch: 'frame' | 'popup' | 'sandboxed-cross-origin-frame'
  frameScript?: string
  /** Made visible to the frame script as `window.coursepackTest` (e.g. `suspendLimit`). */
  settings: Record<string, unknown>
}

/** JSON inside a <script>: `<` escaped, so data holding `</script>` stays data. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

export function lmsPage(options: LmsPageOptions): string {
  const scorm12 = options.standard === 'scorm12'
  const methods = scorm12
    ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']
    : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit']
  const frame =
    options.launch === 'popup'
      ? `<p>The course opened in a new window.</p><script>window.courseWindow = window.open(${scriptJson(options.launchUrl)}, 'course');</script>`
      : `<iframe id="course" title="Course" src="${options.launchUrl.replace(/"/g, '&quot;')}"${options.launch === 'sandboxed-cross-origin-frame' ? ' sandbox="allow-scripts allow-forms allow-popups"' : ''} style="width:100%;height:95vh;border:0"></iframe>`
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>coursepack test LMS</title>
<script src="/scorm-again/${options.standard}.js"></script>
<script>
  window.coursepackTest = ${scriptJson(options.settings)};
  var api = new ${scorm12 ? 'Scorm12API' : 'Scorm2004API'}({ lmsCommitUrl: '/commit', autocommit: false, logLevel: 5 });
  api.loadFromJSON(${scriptJson(options.cmi)});
  window.lmsCalls = [];
  ${JSON.stringify(methods)}.forEach(function (name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments).map(String);
      var result = original.apply(null, arguments);
      window.lmsCalls.push({ name: name, args: args, result: String(result), error: String(api.${scorm12 ? 'LMSGetLastError' : 'GetLastError'}()) });
      return result;
    };
  });
  window.${scorm12 ? 'API' : 'API_1484_11'} = api;
  window.lmsData = function () { return JSON.parse(JSON.stringify(api.cmi)); };
</script>
${options.frameScript ? `<script>${options.frameScript.replace(/<\/script/gi, '<\\/script')}</script>` : ''}
</head><body>${frame}</body></html>`
}
