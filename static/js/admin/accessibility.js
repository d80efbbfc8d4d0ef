/* What Wagtail and wagtail-localize draw without a name or outside the page's landmarks, put
   right as it appears (portal/core/admin_accessibility.py; the README names each upstream cause). */
(() => {
  const squash = (text) => text.replace(/\s+/g, " ").trim();

  // Wagtail's chooser modals (modal-workflow.js) are role="dialog" with no name: named by
  // their heading, again each time their content is replaced (search, upload, a new folder).
  const nameDialog = (modal) => {
    const heading = modal.querySelector(".modal-body h1, .modal-body h2");
    if (heading) {
      modal.setAttribute("aria-label", squash(heading.textContent));
      modal.setAttribute("aria-modal", "true");
    }
  };

  // Wagtail's tooltips (w-tooltip) are appended to <body>, outside every landmark. Each
  // repeats its control's name and stays its description (aria-describedby reads hidden
  // text), so it is hidden from the reading order, not from the control.
  const hideTooltip = (root) => {
    if (root.querySelector("a, button, input, select, textarea, [tabindex='0']")) {
      return; // a menu (w-dropdown), not a tooltip
    }
    root.setAttribute("aria-hidden", "true");
  };

  // tag-it's text box (image and document tags) gets no label: the field's own label names it.
  const labelTagInput = (input) => {
    const field = input.closest("ul.tagit")?.previousElementSibling;
    const label = field?.id && document.getElementById(`${field.id}-label`);
    if (label) input.setAttribute("aria-labelledby", label.id);
  };

  // wagtail-localize's PO upload form keeps a clipped file input in the tab order, unnamed;
  // its "Upload PO file" button is the control that opens it.
  const retireFileInput = (input) => {
    input.setAttribute("tabindex", "-1");
    input.setAttribute("aria-hidden", "true");
  };

  // wagtail-localize's editor heads its segments "Translation: Latvian → Polish" with an h3
  // straight after the page's h1; it is the section's heading, so level two.
  const levelSectionHeading = (heading) => heading.setAttribute("aria-level", "2");

  // Its segment's text box has no label: it is named by the segment's field name
  // ("Title", "Paragraph") and described by the source text beside it.
  let labelled = 0;
  const identify = (element) => {
    if (!element.id) element.id = `portal-segment-${(labelled += 1)}`;
    return element.id;
  };
  const segmentHeading = (element) => {
    let item = element.closest("li");
    while (item && !item.querySelector(":scope > h3")) item = item.parentElement.closest("li");
    return item?.querySelector(":scope > h3");
  };
  const labelSegmentText = (textarea) => {
    const heading = segmentHeading(textarea);
    if (heading) textarea.setAttribute("aria-labelledby", identify(heading));
    const source = textarea.closest("li")?.querySelector(":scope > p");
    if (source) textarea.setAttribute("aria-describedby", identify(source));
  };

  // Its eleven "Edit" buttons alike: each is described by its segment's field name.
  const describeSegmentButton = (button) => {
    const heading = segmentHeading(button);
    if (heading) button.setAttribute("aria-describedby", identify(heading));
  };

  // Wagtail announces a search's result count with role="alert" on its h2, which takes the
  // heading away (the results' headings then skip a level) and is not allowed on a heading:
  // the alert moves to a box around it. Listings, choosers and searches alike.
  const alertAroundHeading = (heading) => {
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    heading.removeAttribute("role");
    heading.replaceWith(box);
    box.append(heading);
  };

  // The multiple upload's file input lies invisible over a button that only shows it: the
  // input is the control, named by the button's text; the button is out of the tab order
  // (Enter on it submitted the form) and shows the input's focus (accessibility.css).
  const nameUploadInput = (input) => {
    const button = input.parentElement.querySelector("button");
    if (!button) return;
    input.setAttribute("aria-label", squash(button.textContent));
    button.setAttribute("tabindex", "-1");
    button.setAttribute("aria-hidden", "true");
  };

  // The multiple upload's progress bars carry aria-valuenow without being progress bars.
  const progressBar = (bar) => bar.setAttribute("role", "progressbar");

  // Wagtail's comment box is named only by its placeholder ("Enter your comments..."), which
  // goes as soon as one types: the same words become its name.
  const nameCommentBox = (textarea) => {
    const words = squash(textarea.placeholder || "").replace(/(\.\.\.|…)$/, "");
    if (words) textarea.setAttribute("aria-label", words);
  };

  const fixes = [
    ["body > .modal[role=dialog]", nameDialog],
    ["body > [data-tippy-root]", hideTooltip],
    ["ul.tagit input.ui-autocomplete-input:not([aria-labelledby])", labelTagInput],
    [".js-translation-editor form[action$='/pofile/upload/'] input[type=file]", retireFileInput],
    [".js-translation-editor h3:not(li h3):not([aria-level])", levelSectionHeading],
    [".js-translation-editor textarea:not([aria-labelledby])", labelSegmentText],
    [".js-translation-editor li button:not([aria-describedby])", describeSegmentButton],
    ["h1[role=alert], h2[role=alert], h3[role=alert]", alertAroundHeading],
    [".replace-file-input input[type=file]:not([aria-label])", nameUploadInput],
    ["textarea.comment__input:not([aria-label])", nameCommentBox],
    [".progress[aria-valuenow]:not([role])", progressBar],
  ];
  const applyAll = () => {
    for (const [selector, fix] of fixes) {
      document.querySelectorAll(selector).forEach(fix);
    }
  };
  // Each fix is idempotent and finds its elements by selector, so one observer of the whole
  // document (batched by the browser) serves every widget drawn later.
  let pending = false;
  const observer = new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        applyAll();
      });
    }
  });
  // While a chooser dialog is open the page behind it is inert, as a modal dialog's is: no
  // focus, no reading, no second "Breadcrumb" landmark. Lifted as the dialog starts to close,
  // so that Wagtail can give focus back to the button that opened it.
  const INERT = "data-portal-inert";
  const setBackgroundInert = (modal, inert) => {
    if (inert) {
      for (const element of document.body.children) {
        if (element !== modal && !element.matches(".modal-backdrop, script, [data-tippy-root]")) {
          if (!element.inert) element.setAttribute(INERT, "");
          element.inert = true;
        }
      }
    } else {
      document.querySelectorAll(`[${INERT}]`).forEach((element) => {
        element.inert = false;
        element.removeAttribute(INERT);
      });
    }
  };

  // Wagtail gives focus back to the button that opened a dialog; once something is chosen
  // that button is hidden (the chooser shows its "chosen" state), and a menu's item is gone
  // with its menu: focus fell to <body>, the next Tab going to the top of the page. Then the
  // nearest visible control around it (the chooser's menu, the footer's menu) has it instead.
  // The path from the opener up, as it was when it had the focus: a menu's item is taken out of
  // the page when the menu closes.
  let openerPath = [];
  const VISIBLE_CONTROL = "button:not([disabled]), a[href], input:not([type=hidden]), [tabindex='0']";
  const isShown = (element) =>
    element.isConnected && element.getClientRects().length > 0 && !element.closest("[inert]");
  const refocus = () => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const [opener, ...around] = openerPath;
    if (opener && isShown(opener)) {
      opener.focus();
      return;
    }
    for (const element of around.filter((ancestor) => ancestor.isConnected)) {
      const control = [...element.querySelectorAll(VISIBLE_CONTROL)].find(isShown);
      if (control) {
        control.focus();
        return;
      }
    }
  };

  const start = () => {
    if (window.jQuery) {
      // The opener is what had the focus last outside a dialog: Wagtail disables it while the
      // dialog loads, which takes its focus away before the dialog shows.
      let lastPath = [];
      document.addEventListener("focusin", (event) => {
        if (event.target.closest(".modal")) return;
        lastPath = [];
        for (let element = event.target; element; element = element.parentElement) {
          lastPath.push(element);
        }
      });
      window.jQuery(document).on("show.bs.modal", ".modal", () => {
        openerPath = lastPath;
      });
      window.jQuery(document).on("hidden.bs.modal", ".modal", () => {
        // after Wagtail's own handler, and after the chosen item has been drawn
        requestAnimationFrame(refocus);
      });
      window.jQuery(document).on("shown.bs.modal", ".modal", (event) => {
        setBackgroundInert(event.currentTarget, true);
      });
      window.jQuery(document).on("hide.bs.modal", ".modal", () => setBackgroundInert(null, false));
    }
    applyAll();
    observer.observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
