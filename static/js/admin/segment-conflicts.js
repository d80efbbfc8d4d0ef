// wagtail-localize's translation editor shows any answer to the save of a text other than 200
// or 201 as "Server error", and reads nothing of it. A save refused because someone else changed
// the text meanwhile (a 409: portal/editorial/segment_edits.py) shows its message instead, at the top of
// the page and, for a save, beside the text, which the editor keeps on screen: it is handed the
// refusal as if it were the saved text, whose error it shows. Nothing was saved on the server.
(() => {
  const SEGMENT_EDIT = /\/localize\/translate\/\d+\/strings\/\d+\/edit\/$/;
  const fetchFromServer = window.fetch.bind(window);

  window.fetch = async (resource, options = {}) => {
    const response = await fetchFromServer(resource, options);
    const address = resource instanceof Request ? resource.url : String(resource);
    if (
      response.status !== 409 ||
      !SEGMENT_EDIT.test(new URL(address, window.location.href).pathname)
    ) {
      return response;
    }
    let refusal;
    try {
      refusal = await response.clone().json();
    } catch (error) {
      return response;
    }
    document.dispatchEvent(
      new CustomEvent('w-messages:add', {
        detail: { text: refusal.detail, type: 'error' },
      }),
    );
    if (((options && options.method) || '').toUpperCase() !== 'PUT') {
      return response; // a removal: the editor says "Server error" beside the text
    }
    return new Response(JSON.stringify(refusal), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
})();
