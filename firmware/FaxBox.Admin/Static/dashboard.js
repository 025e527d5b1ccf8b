// FaxBox dashboard: keeps the page live from /events (server-sent events). Without it the page is a plain snapshot.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || !window.EventSource) { return; }
  var live = document.getElementById('live');
  var modes = { t38: 'T.38', g711Fax: 'G.711', voice: 'voice', none: 'none' };

  function time(t) { return t ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : ''; }
  function row(cells, cls) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) { var td = document.createElement('td'); td.textContent = c == null ? '' : String(c); tr.appendChild(td); });
    if (cls) { tr.lastChild.className = cls; } // the result cell
    return tr;
  }
  function fill(id, items, render, empty, columns) {
    var body = document.getElementById(id);
    var rows = items.map(render);
    if (rows.length === 0) { var tr = row([empty]); tr.firstChild.colSpan = columns; rows = [tr]; }
    body.replaceChildren.apply(body, rows);
  }
  function progress(p) {
    if (!p) { return ''; }
    var rate = p.bitRate > 0 ? ', ' + p.bitRate + ' bit/s' + (p.ecm ? ' ECM' : '') : '';
    return p.phase === 'B' ? 'negotiated' + rate : p.phase === 'D' ? 'page ' + p.pages + ' done' + rate : p.phase === 'E' ? 'ended after ' + p.pages + ' page(s)' : p.phase;
  }

  function render(v) {
    var health = document.getElementById('health');
    health.replaceChildren.apply(health, v.health.map(function (h) {
      var li = document.createElement('li');
      li.className = h.ok ? 'ok' : 'bad';
      var mark = document.createElement('span'); mark.className = 'mark'; mark.setAttribute('aria-hidden', 'true'); mark.textContent = h.ok ? '✔' : '✖';
      var name = document.createElement('strong'); name.textContent = h.name;
      var hidden = document.createElement('span'); hidden.className = 'visually-hidden'; hidden.textContent = h.ok ? ' (ok)' : ' (needs attention)';
      li.append(mark, ' ', name, ': ' + h.detail, hidden);
      return li;
    }));
    fill('ports', v.ports, function (p) { return row([p.name, p.kind.toUpperCase(), p.state, p.number, time(p.since)]); }, 'No line ports configured.', 5);
    fill('registrations', v.registrations, function (r) { return row([r.account, r.addressOfRecord, r.state, r.reason || (r.expiresAt ? 'until ' + time(r.expiresAt) : '')]); }, 'No SIP accounts.', 4);
    fill('calls', v.calls, function (c) { return row([c.port, c.direction, c.localNumber, c.remoteNumber, modes[c.media] || c.media, progress(v.progress[c.callId])]); }, 'No calls.', 6);
    fill('faxes', v.lastFaxes, function (f) { return row([time(f.ended), f.port, f.direction, f.remoteNumber, modes[f.mode] || f.mode, f.pages, f.result], f.success ? 'ok' : 'bad'); }, 'No faxes yet.', 7);
    var q = document.getElementById('queue');
    var figures = { depth: v.queue.depth, sending: v.queue.sending, inboxUndelivered: v.queue.inboxUndelivered,
      faxes: v.counters.faxes + ' (' + v.counters.faxesSucceeded + ' ok, ' + v.counters.pages + ' pages)' };
    Object.keys(figures).forEach(function (k) { var dd = q.querySelector('[data-key="' + k + '"]'); if (dd) { dd.textContent = String(figures[k]); } });
    root.dataset.version = String(v.version);
    live.textContent = 'Live · version ' + v.version;
  }

  var source = new EventSource(root.dataset.events);
  source.addEventListener('status', function (e) { render(JSON.parse(e.data)); });
  source.onerror = function () { live.textContent = 'Reconnecting…'; };
  window.addEventListener('pagehide', function () { source.close(); });
}());
