// Every htmx request shows that it is working (its form is marked busy and its buttons are disabled)
// and shows when it failed (a message in place, in the page's language) — never a silent tap.
(function () {
  "use strict";

  function holder(elt) {
    return (elt && elt.closest && elt.closest("form")) || elt;
  }

  function clearError(box) {
    var old = box && box.querySelector(":scope > .htmx-error");
    if (old) old.remove();
  }

  function showError(box, text) {
    if (!box || !box.isConnected) return;
    clearError(box);
    var p = document.createElement("p");
    p.className = "error htmx-error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    box.appendChild(p);
  }

  function busy(box, on) {
    if (!box) return;
    if (on) box.setAttribute("aria-busy", "true");
    else box.removeAttribute("aria-busy");
    box.querySelectorAll("button, input[type=submit]").forEach(function (b) {
      if (on && !b.disabled) {
        b.disabled = true;
        b.dataset.htmxBusy = "1";
      } else if (!on && b.dataset.htmxBusy) {
        b.disabled = false;
        delete b.dataset.htmxBusy;
      }
    });
  }

  function message(kind) {
    return document.body.dataset[kind] || "";
  }

  document.addEventListener("htmx:beforeRequest", function (e) {
    var box = holder(e.detail.elt);
    clearError(box);
    busy(box, true);
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    busy(holder(e.detail.elt), false);
  });
  document.addEventListener("htmx:sendError", function (e) {
    showError(holder(e.detail.elt), message("msgNetwork"));
  });
  document.addEventListener("htmx:timeout", function (e) {
    showError(holder(e.detail.elt), message("msgNetwork"));
  });
  document.addEventListener("htmx:responseError", function (e) {
    showError(holder(e.detail.elt), message("msgServer"));
  });
})();
