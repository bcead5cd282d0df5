// Behaviour of the management pages, kept out of the HTML so that the pages pass a strict
// Content-Security-Policy (no inline scripts, no inline event handlers, no eval):
//  - <form data-confirm="Question?">: asks before submitting (deleting, resetting);
//  - <select data-autosubmit>: submits its form when changed (language choice);
//  - <button data-tree-toggle hx-get=…>: marks a unit tree node as expanded once its children arrived.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-tree-toggle") && event.detail.successful) {
      elt.setAttribute("aria-expanded", "true");
      elt.textContent = "▾";
    }
  });
})();
