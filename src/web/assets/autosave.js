// Saves a proposal draft in the background while its author types, where JavaScript runs.
// Without it the form works the same: the "save draft" button does the work.
(function () {
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = document.getElementById('autosave-status');
  var changed = false;
  var saving = false;

  form.addEventListener('input', function () {
    changed = true;
  });

  function save() {
    if (!changed || saving) {
      return;
    }
    var data = new FormData(form);
    // Files go with the save button only; the background save sends the text.
    form.querySelectorAll('input[type=file]').forEach(function (input) {
      data.delete(input.name);
    });
    data.set('action', 'autosave');
    changed = false;
    saving = true;
    // form.action would be the buttons named "action"; the attribute is the address.
    fetch(form.getAttribute('action'), {
      method: 'POST',
      body: data,
      headers: { 'x-autosave': '1' },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            form.querySelector('input[name=version]').value = String(body.version);
            if (body.action) {
              form.setAttribute('action', body.action);
            }
            if (status) {
              status.textContent = form.getAttribute('data-saved-text') + ' ' + body.time;
            }
          } else {
            changed = true;
            if (status && body.message) {
              status.textContent = body.message;
            }
          }
        });
      })
      .catch(function () {
        changed = true;
      })
      .then(function () {
        saving = false;
      });
  }

  window.setInterval(save, 30000);
})();
