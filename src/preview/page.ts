/**
 * The preview page: the course in an LMS frame run by scorm-again, and a panel showing
 * what the LMS records, live. Its script is plain browser JavaScript served inline.
 */
export interface PageOptions {
  title: string
  target: 'scorm12' | 'scorm2004'
  languages: string[]
  language: string
  /** The passing score as the manifest gives it to the LMS (1.2: 0–100; 2004: scaled). */
  mastery: string
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function previewPage(options: PageOptions): string {
  const config = JSON.stringify(options).replace(/</g, '\\u003c')
  const languageSwitch =
    options.languages.length > 1
      ? `<label>Language <select id="pv-language">${options.languages.map((l) => `<option value="${escape(l)}"${l === options.language ? ' selected' : ''}>${escape(l)}</option>`).join('')}</select></label>`
      : ''
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escape(options.title)}</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: grid; grid-template-columns: minmax(0, 1fr) 26rem; height: 100vh; color: #1b1f24; }
  #course { width: 100%; height: 100vh; border: 0; }
  aside { border-inline-start: 1px solid #c9d1db; overflow: auto; padding: 0.75rem; background: #f6f8fa; }
  h1 { font-size: 1rem; margin: 0 0 0.5rem; }
  h2 { font-size: 0.9rem; margin: 1rem 0 0.25rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; margin: 0; }
  dt { color: #4a5360; } dd { margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  table { width: 100%; border-collapse: collapse; font-size: 12px; }
  td, th { border-bottom: 1px solid #dde3ea; padding: 2px 4px; text-align: start; vertical-align: top; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  .err { color: #a4161a; font-weight: 700; }
  .bar { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
  button, select { font: inherit; }
  #pv-overlay { position: fixed; inset: 0 26rem 0 0; background: rgba(20, 20, 24, 0.92); color: #fff; padding: 2rem; overflow: auto; font-family: ui-monospace, monospace; }
  #pv-overlay[hidden] { display: none; }
  #pv-overlay h2 { color: #ff8a80; font-size: 1.1rem; }
  #pv-overlay li { margin: 0.5rem 0; }
  #pv-log { max-height: 18rem; overflow: auto; }
</style>
</head>
<body>
<iframe id="course" title="Course"></iframe>
<aside aria-label="What the LMS records">
  <h1>LMS view <small>(${options.target === 'scorm12' ? 'SCORM 1.2' : 'SCORM 2004'}, scorm-again)</small></h1>
  <div class="bar">
    <button type="button" id="pv-reset">Reset learner data</button>
    <button type="button" id="pv-relaunch">Relaunch</button>
    ${languageSwitch}
  </div>
  <p id="pv-build" role="status"></p>
  <h2>Status</h2>
  <dl id="pv-status"></dl>
  <h2>Interactions</h2>
  <table><thead><tr><th>id</th><th>response</th><th>result</th></tr></thead><tbody id="pv-interactions"></tbody></table>
  <h2>API calls</h2>
  <div id="pv-log"><table><thead><tr><th>call</th><th>result</th><th>error</th></tr></thead><tbody id="pv-calls"></tbody></table></div>
</aside>
<div id="pv-overlay" role="alert" hidden></div>
<script src="/__preview/scorm-again.js"></script>
<script>
(function () {
  var config = ${config};
  var scorm12 = config.target === 'scorm12';
  var storeKey = 'coursepack-preview:' + config.title + ':' + config.target + ':' + config.language;
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch (e) { kept = null; }

  // A relaunch is what an LMS does on the next session: it keeps the data of the last one.
  function launchData() {
    if (!kept) return scorm12 ? { core: { entry: 'ab-initio' }, student_data: { mastery_score: config.mastery } } : { entry: 'ab-initio', scaled_passing_score: config.mastery };
    if (scorm12) return { suspend_data: kept.suspend_data, objectives: kept.objectives, student_data: { mastery_score: config.mastery }, core: { lesson_location: kept.core.lesson_location, lesson_status: kept.core.lesson_status, score: kept.core.score, entry: kept.core.exit === 'suspend' ? 'resume' : '' } };
    return { suspend_data: kept.suspend_data, location: kept.location, completion_status: kept.completion_status, success_status: kept.success_status, objectives: kept.objectives, scaled_passing_score: config.mastery, entry: kept.exit === 'suspend' ? 'resume' : '' };
  }

  var Api = scorm12 ? window.Scorm12API : window.Scorm2004API;
  var api = new Api({ autocommit: false, logLevel: 5 });
  api.loadFromJSON(launchData());
  var calls = [];
  var names = scorm12 ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit'] : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'];
  names.forEach(function (name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = original.apply(null, args);
      var code = String(scorm12 ? api.LMSGetLastError() : api.GetLastError());
      calls.push({ call: name + '(' + args.map(function (a) { return JSON.stringify(a); }).join(', ') + ')', result: String(result), error: code });
      schedule();
      return result;
    };
  });
  if (scorm12) window.API = api; else window.API_1484_11 = api;
  window.previewApi = api;

  function cmi() { return JSON.parse(JSON.stringify(api.cmi)); }
  function save() { try { localStorage.setItem(storeKey, JSON.stringify(cmi())); } catch (e) { /* storage full */ } }

  var pending = false;
  function schedule() { if (!pending) { pending = true; setTimeout(render, 100); } }
  function row(cells) { var tr = document.createElement('tr'); cells.forEach(function (c) { var td = document.createElement('td'); td.textContent = c.text; if (c.cls) td.className = c.cls; tr.appendChild(td); }); return tr; }
  function render() {
    pending = false;
    var data = cmi();
    var suspend = data.suspend_data || '';
    var limit = scorm12 ? 4096 : 64000;
    var status = scorm12
      ? [['lesson_status', data.core.lesson_status], ['score.raw', data.core.score.raw], ['location', data.core.lesson_location], ['exit', data.core.exit], ['mastery_score', data.student_data.mastery_score]]
      : [['completion_status', data.completion_status], ['success_status', data.success_status], ['score.scaled', data.score.scaled], ['score.raw', data.score.raw], ['location', data.location], ['exit', data.exit], ['scaled_passing_score', data.scaled_passing_score]];
    status.push(['suspend_data', suspend.length + ' / ' + limit + ' characters']);
    var dl = document.getElementById('pv-status');
    dl.replaceChildren();
    status.forEach(function (pair) { var dt = document.createElement('dt'); dt.textContent = pair[0]; var dd = document.createElement('dd'); dd.textContent = pair[1] === undefined || pair[1] === '' ? '—' : pair[1]; dd.dataset.element = pair[0]; dl.append(dt, dd); });
    var tbody = document.getElementById('pv-interactions');
    tbody.replaceChildren();
    Object.keys(data.interactions || {}).forEach(function (n) {
      var i = data.interactions[n];
      tbody.appendChild(row([{ text: i.id }, { text: scorm12 ? i.student_response : i.learner_response }, { text: i.result }]));
    });
    var log = document.getElementById('pv-calls');
    log.replaceChildren();
    calls.slice(-200).forEach(function (c) { log.appendChild(row([{ text: c.call }, { text: c.result }, { text: c.error, cls: c.error === '0' ? '' : 'err' }])); });
    save();
  }

  var frame = document.getElementById('course');
  frame.src = '/course/index.html';
  document.getElementById('pv-reset').addEventListener('click', function () { localStorage.removeItem(storeKey); kept = null; reload(false); });
  document.getElementById('pv-relaunch').addEventListener('click', function () { reload(true); });
  var language = document.getElementById('pv-language');
  if (language) language.addEventListener('change', function () { location.href = '/?language=' + encodeURIComponent(language.value); });

  // Reloading ends the course's session (pagehide → finish); the LMS keeps its data for the next.
  function reload(keep) {
    frame.src = 'about:blank';
    setTimeout(function () { if (keep) save(); else localStorage.removeItem(storeKey); location.reload(); }, 150);
  }

  function showErrors(diagnostics) {
    var overlay = document.getElementById('pv-overlay');
    var errors = diagnostics.filter(function (d) { return d.severity === 'error'; });
    if (errors.length === 0) { overlay.hidden = true; return; }
    overlay.replaceChildren();
    var h = document.createElement('h2'); h.textContent = 'The course has ' + errors.length + (errors.length === 1 ? ' error' : ' errors') + ' (showing the last good build)';
    var ul = document.createElement('ul');
    errors.forEach(function (d) { var li = document.createElement('li'); li.textContent = d.file + ':' + d.line + ':' + d.column + '  ' + d.message + (d.ruleId ? '  [' + d.ruleId + ']' : ''); ul.appendChild(li); });
    overlay.append(h, ul);
    overlay.hidden = false;
  }

  var events = new EventSource('/__preview/events');
  events.addEventListener('build', function (event) {
    var build = JSON.parse(event.data);
    document.getElementById('pv-build').textContent = (build.ok ? 'Built' : 'Build failed') + ' in ' + Math.round(build.milliseconds) + ' ms';
    showErrors(build.diagnostics);
    if (build.ok && build.reload) reload(true);
  });
  render();
})();
</script>
</body>
</html>`
}
