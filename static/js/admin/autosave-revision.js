// After each autosave the page has a newer revision: the editor's own. Wagtail moves its
// autosave along but leaves the form's loaded revision where it was, so the next "Save" looked
// like a save over someone else's version (portal/admin_forms.py). Here the form moves too; a
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
