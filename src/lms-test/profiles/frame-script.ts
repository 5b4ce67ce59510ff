/**
 * The part every profile's frame script shares (src/lms-test/lms-page.ts runs it in the LMS frame,
 * after the logging wrapper): the API object and its five method names for the standard, the
 * report channel the runner reads (`window.lmsProfileReport`), a call logged as refused by the
 * LMS (`byLms`), and `GetLastError` answering the code of such a refusal until the next call of any API function.
 */
export const frameScriptPrelude = `
  var scorm12 = !!window.API;
  var api = window.API || window.API_1484_11;
  var names = scorm12
    ? { init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', error: 'LMSGetLastError' }
    : { init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', error: 'GetLastError' };
  var report = window.lmsProfileReport = window.lmsProfileReport || { problems: [], notes: [] };
  var refusedCode = null;
  var lastError = api[names.error].bind(api);
  api[names.error] = function () { return refusedCode !== null ? refusedCode : lastError(); };
  function wrap(name, around) {
    var original = api[name];
    api[name] = function () {
      refusedCode = null;
      var args = Array.prototype.slice.call(arguments);
      return around(function () { return original.apply(api, arguments.length ? arguments : args); }, args);
    };
  }
  // Any call clears a refusal's code, also the calls no profile wraps.
  [names.init, names.finish, names.get, names.set, names.commit].forEach(function (name) { wrap(name, function (call) { return call(); }); });
  function refuse(name, args, result, code, why) {
    refusedCode = code;
    window.lmsCalls.push({ name: name, args: args.map(String), result: result, error: code, byLms: why });
    return result;
  }
  function courseDocument() {
    try {
      var frame = document.getElementById('course');
      var win = frame ? frame.contentWindow : window.courseWindow;
      return win && win.document;
    } catch (e) { return undefined; }
  }
`
