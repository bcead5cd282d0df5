// Behaviour of the management pages, kept out of the HTML so that the pages pass a strict
// Content-Security-Policy (no inline scripts, no inline event handlers, no eval):
//  - <form data-confirm="Question?">: asks before submitting (deleting, resetting);
//  - <select data-autosubmit>: submits its form when changed (language choice);
//  - <button data-tree-toggle hx-get=…>: marks a unit tree node as expanded once its children arrived;
//  - HTMX requests that fail (an error status, or no answer at all: network, timeout) say so in Vietnamese
//    instead of silently leaving the previous answer on screen. The texts come from the page
//    (<body data-htmx-error-network|server|unavailable|forbidden|notfound|client>, which an element or its
//    form may override with the same attributes); the message goes into the element named by the
//    nearest data-htmx-error-target (marked "bad"), otherwise into a banner at the top of <main>.
//    Nothing the user typed is touched, so the retry is one tap.
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

  function errorText(elt, kind) {
    var name = "data-htmx-error-" + kind;
    var holder = elt && elt.closest ? elt.closest("[" + name + "]") : null;
    return (holder && holder.getAttribute(name)) || document.body.getAttribute(name) || "";
  }

  function errorKind(xhr) {
    var status = xhr ? xhr.status : 0;
    if (!status) { return "network"; }
    if (status === 503) { return "unavailable"; }
    if (status >= 500) { return "server"; }
    if (status === 403) { return "forbidden"; }
    if (status === 404) { return "notfound"; }
    return "client";
  }

  function showError(elt, kind, status) {
    var text = errorText(elt, kind);
    if (!text) { return; }
    if (status) { text += " (" + status + ")"; }
    var holder = elt && elt.closest ? elt.closest("[data-htmx-error-target]") : null;
    var box = holder ? document.querySelector(holder.getAttribute("data-htmx-error-target")) : null;
    if (!box) {
      box = document.getElementById("htmx-error");
      if (!box) {
        var main = document.querySelector("main") || document.body;
        box = document.createElement("div");
        box.id = "htmx-error";
        box.className = "messages htmx-error";
        main.insertBefore(box, main.firstChild);
      }
    }
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.textContent = text;
    box.textContent = "";
    box.appendChild(p);
    box.classList.remove("ok", "again");
    box.classList.add("bad");
    box.hidden = false;
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    showError(event.detail.elt, errorKind(xhr), xhr ? xhr.status : 0);
  });
  document.addEventListener("htmx:sendError", function (event) { showError(event.detail.elt, "network", 0); });
  document.addEventListener("htmx:timeout", function (event) { showError(event.detail.elt, "network", 0); });
  document.addEventListener("htmx:beforeRequest", function () {
    var banner = document.getElementById("htmx-error");
    if (banner) { banner.hidden = true; }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-tree-toggle") && event.detail.successful) {
      elt.setAttribute("aria-expanded", "true");
      elt.textContent = "▾";
    }
  });
})();
