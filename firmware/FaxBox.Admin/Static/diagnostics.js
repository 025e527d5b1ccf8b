// FaxBox admin: follows a running diagnostic (readiness test, trunk fax test) and reloads the page once it has finished.
(function () {
  "use strict";
  var progress = document.getElementById("run-progress");
  var state = document.getElementById("run-state");
  if (!progress || !state) { return; }
  var url = progress.getAttribute("data-status");
  var polls = 0;
  function poll() {
    polls++;
    if (polls > 7200) { return; } // two hours at most
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (run) {
        if (!run) { return; }
        progress.textContent = run.lines.join("\n");
        progress.scrollTop = progress.scrollHeight;
        if (run.state !== "running") { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
