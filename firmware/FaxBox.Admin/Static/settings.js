// FaxBox settings forms: "Add …" and "Remove …" post the form without reloading the page (the server keeps the
// unsaved draft in the form, exactly as without JavaScript), then move the focus to the added entry's first field or,
// after a removal, to the status line that says what happened.
(function () {
  'use strict';
  if (!window.fetch || !window.FormData || !window.DOMParser) { return; }
  var main = document.getElementById('main');
  function bind() {
    var form = document.getElementById('settings-form');
    if (!form) { return; }
    form.addEventListener('submit', function (event) {
      var button = event.submitter;
      if (!button || (button.name !== 'add' && button.name !== 'remove') || form.dataset.plain === 'true') { return; }
      event.preventDefault();
      var data = new FormData(form, button);
      button.disabled = true;
      fetch(window.location.href, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
          if (!next) { throw new Error('no page'); }
          main.innerHTML = next.innerHTML;
          bind();
          var target = main.querySelector('[autofocus]') || main.querySelector('.draft-notice') || main.querySelector('.error-summary');
          if (target) {
            if (!target.matches('input, select, textarea, button')) { target.tabIndex = -1; }
            target.focus();
          }
        })
        .catch(function () {
          // Let the browser post it the plain way (the server answers with the whole page).
          button.disabled = false;
          form.dataset.plain = 'true';
          form.requestSubmit(button);
        });
    });
  }
  bind();
}());
