// FaxBox job page: follows an outgoing fax until it is sent or has failed, then reloads to show the record.
(function () {
  'use strict';
  var job = document.getElementById('job');
  if (!job || job.dataset.final === 'true' || !window.fetch) { return; }
  var hint = job.querySelector('.noscript-hint');
  if (hint) { hint.hidden = true; }
  var polls = 0;
  function set(id, text) { var el = document.getElementById(id); if (el) { el.textContent = text; } }
  function poll() {
    if (++polls > 3600) { return; } // an hour: the page can be reloaded by hand after that
    fetch(job.dataset.progress, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (j) {
        var state = document.getElementById('job-state');
        state.textContent = j.state;
        state.className = 'state state-' + j.state;
        set('job-pages', j.pagesSent + ' of ' + j.pages + ' page(s) confirmed');
        set('job-attempts', j.attempts + ' attempt(s)');
        set('job-result', j.lastResult ? '— ' + j.lastResult : '');
        var bar = document.getElementById('job-bar');
        if (bar) { bar.max = Math.max(1, j.pages); bar.value = j.state === 'sent' ? j.pages : j.pagesSent; }
        if (j.state === 'sent' || j.state === 'failed' || j.state === 'cancelled') { window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
