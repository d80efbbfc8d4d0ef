// Labels Wagtail and wagtail-localize write in English outside gettext, given the admin's
// language; the translations come from the server (portal/editorial/untranslated_labels.py, which lists
// each upstream cause). Remove a label here when upstream translates it.
(() => {
  const script = document.currentScript;
  const labels = JSON.parse(script.dataset.labels);
  const HEADING = /^(.+) to (.+) translation$/;

  const heading = (text) => {
    const match = text.match(HEADING);
    return match
      ? labels.translationHeading.replace("%(source)s", match[1]).replace("%(target)s", match[2])
      : null;
  };

  const translateText = (node) => {
    const text = node.textContent.trim();
    const inEditor = node.parentElement && node.parentElement.closest(".js-translation-editor");
    const translated = labels.texts[text] || (inEditor && heading(text));
    if (translated) node.textContent = translated;
  };

  const translate = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      translateText(root);
      return;
    }
    if (!root.querySelectorAll) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) translateText(walker.currentNode);
    for (const input of root.querySelectorAll("input[type=submit][value]")) {
      const translated = labels.values[input.value];
      if (translated) input.value = translated;
    }
    for (const element of root.querySelectorAll("[aria-label]")) {
      const translated = labels.ariaLabels[element.getAttribute("aria-label")];
      if (translated) element.setAttribute("aria-label", translated);
    }
  };

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) translate(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  if (document.body) translate(document.body);
  document.addEventListener("DOMContentLoaded", () => translate(document.body));
})();
