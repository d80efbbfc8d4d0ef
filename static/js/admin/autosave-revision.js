// After each autosave the page has a newer revision: the editor's own. Wagtail moves its
// autosave along but leaves the form's loaded revision where it was, so the next "Save" looked
// like a save over someone else's version (portal/core/forms.py). Here the form moves too; a
// page opened before it had any revision gets the fields with its first autosave.
document.addEventListener('w-autosave:success', (event) => {
  const form = event.target;
  const response = event.detail && event.detail.response;
  if (!(form instanceof HTMLFormElement) || !response || !response.revision_id) {
    return;
  }
  const fields = {
    loaded_revision_id: String(response.revision_id),
    loaded_revision_created_at: response.revision_created_at || '',
  };
  Object.entries(fields).forEach(([name, value]) => {
    let inputs = form.querySelectorAll(`input[name="${name}"]`);
    if (!inputs.length) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.prepend(input);
      inputs = [input];
    }
    inputs.forEach((input) => {
      input.value = value;
    });
  });
});

// A "Save", "Publish" or "Submit" pressed while an autosave is still on its way would reach the
// server after it, from a form that does not know the revision it made: refused as stale, with
// the editor's own name as the other person's. It waits for the autosave's answer (at most
// AUTOSAVE_WAIT ms) and is then sent, with the button that was pressed.
const AUTOSAVE_WAIT = 30000;
const autosaving = new WeakMap(); // form → callbacks waiting for its autosave to end
document.addEventListener('w-autosave:save', (event) => {
  if (event.target instanceof HTMLFormElement && !autosaving.has(event.target)) {
    autosaving.set(event.target, []);
  }
});
['w-autosave:success', 'w-autosave:error', 'w-autosave:deactivated'].forEach((name) => {
  document.addEventListener(name, (event) => {
    const waiting = autosaving.get(event.target) || [];
    autosaving.delete(event.target);
    waiting.forEach((send) => send());
  });
});
document.addEventListener(
  'submit',
  (event) => {
    const form = event.target;
    if (!autosaving.has(form)) return;
    event.preventDefault();
    const button = event.submitter;
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      autosaving.delete(form);
      if (button && button.name) {
        const pressed = document.createElement('input');
        pressed.type = 'hidden';
        pressed.name = button.name;
        pressed.value = button.value;
        form.append(pressed);
      }
      form.requestSubmit();
    };
    autosaving.get(form).push(send);
    setTimeout(send, AUTOSAVE_WAIT);
  },
  true,
);
