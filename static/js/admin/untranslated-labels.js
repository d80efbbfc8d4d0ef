// wagtail-localize 1.14.5's translation editor writes the screen-reader label of its action menu
// ("More actions") in English, not through gettext: give it the admin's translation. Remove
// when wagtail-localize translates it (README, "The admin in Latvian and Polish").
(() => {
  const UNTRANSLATED = ["More actions"];
  const translate = (root) => {
    if (!window.django || !root.querySelectorAll) return;
    for (const label of root.querySelectorAll(".w-dropdown__toggle .w-sr-only")) {
      const text = label.textContent.trim();
      if (UNTRANSLATED.includes(text)) label.textContent = window.django.gettext(text);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) translate(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => translate(document));
})();
