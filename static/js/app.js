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
  // A failed request leaves no earlier success message (e.g. 「添付しました。」) standing in its target.
  function failed(e, kind) {
    var target = e.detail.target || (e.detail.requestConfig && e.detail.requestConfig.target);
    if (target && target.querySelectorAll) {
      target.querySelectorAll(".flash").forEach(function (old) {
        old.remove();
      });
    }
    showError(holder(e.detail.elt), message(kind));
  }

  document.addEventListener("htmx:sendError", function (e) {
    failed(e, "msgNetwork");
  });
  document.addEventListener("htmx:timeout", function (e) {
    failed(e, "msgNetwork");
  });
  document.addEventListener("htmx:responseError", function (e) {
    failed(e, "msgServer");
  });

  // Postal-code look-up (#address-offer, apply/partials/_address_field.html): the found address goes into the
  // address field only when that field is empty, not focused and untouched since the look-up started; otherwise it is
  // offered, and a tap puts it in front of what was typed (replacing any typed start of it, e.g. 「東京」).
  function addressField(offer) {
    return offer && document.getElementById(offer.dataset.for);
  }

  function withTown(found, typed) {
    var i = 0;
    while (i < typed.length && i < found.length && typed[i] === found[i]) i++;
    return typed.indexOf(found) === 0 ? typed : found + typed.slice(i).replace(/^\s+/, "");
  }

  document.addEventListener("input", function (e) {
    if (e.target && e.target.dataset && "lookupStarted" in e.target.dataset) e.target.dataset.typedSince = "1";
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    var target = e.detail.target;
    var field = target && target.id === "address-offer" && addressField(target);
    if (!field) return;
    field.dataset.lookupStarted = "1";
    field.dataset.typedSince = "";
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var offer = e.detail.target;
    var field = offer && offer.id === "address-offer" && addressField(offer);
    var found = offer && offer.querySelector("[data-address]");
    if (!field || !found) return;
    var address = found.dataset.address;
    var untouched =
      !field.dataset.typedSince &&
      document.activeElement !== field &&
      (field.value === "" || address.indexOf(field.value) === 0);
    if (untouched) {
      field.value = address;
      offer.textContent = "";
    } else if (field.value.indexOf(address) === 0) {
      offer.textContent = "";
    }
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-use-address]");
    if (!button) return;
    var offer = button.closest("#address-offer");
    var field = addressField(offer);
    if (!field) return;
    field.value = withTown(button.closest("[data-address]").dataset.address, field.value);
    offer.textContent = "";
    field.focus();
  });

  // A file chosen in another form of the page (e.g. the documents of a company section) goes up with the
  // button pressed: each such form is posted first, then the pressed form. If one fails, nothing is sent
  // on and the page says so beside that file.
  function pendingFiles(except) {
    return Array.prototype.filter.call(document.querySelectorAll("form input[type=file]"), function (input) {
      return input.form && input.form !== except && input.files && input.files.length > 0;
    });
  }

  function notSent(input, text) {
    var box = input.closest(".field") || input.parentNode;
    var old = box.querySelector(".file-not-sent");
    if (old) old.remove();
    var p = document.createElement("p");
    p.className = "error file-not-sent";
    p.setAttribute("role", "alert");
    p.textContent = text;
    box.appendChild(p);
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || form.dataset.filesSent || form.hasAttribute("hx-post")) return;
    var pending = pendingFiles(form);
    if (!pending.length) return;
    e.preventDefault();
    var submitter = e.submitter;
    busy(form, true);
    var sends = pending.map(function (input) {
      var request = { method: "POST", body: new FormData(input.form), credentials: "same-origin" };
      request.headers = { "HX-Request": "true" }; // answered as to htmx: 200 when stored, 400 when refused
      return fetch(input.form.action, request)
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
        })
        .catch(function (err) {
          notSent(input, message(/^\d+$/.test(err.message) ? "msgFileRefused" : "msgNetwork"));
          throw err;
        });
    });
    Promise.all(sends).then(
      function () {
        busy(form, false);
        form.dataset.filesSent = "1";
        if (submitter && form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      },
      function () {
        busy(form, false);
      }
    );
  });

  // Copy buttons (data-copy="<id of the element holding the text>"), e.g. a new API token.
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-copy]");
    var source = button && document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = button.dataset.copied || button.textContent;
    });
  });

  // Photos are made smaller in the browser before they go up (a canvas; no library): an image over 4 MB or
  // over 2400 px on its long side is redrawn to fit 2400 px and sent as a JPEG. Documents stay legible at
  // that size; the 10 MB request limit and the 5 MB file limit are then out of reach of a phone photo.
  var SHRINK_PX = 2400;
  var SHRINK_BYTES = 4 * 1024 * 1024;
  var shrinking = [];

  function shrink(file) {
    if (!/^image\/(jpeg|png)$/.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(
      function (bitmap) {
        var scale = Math.min(1, SHRINK_PX / Math.max(bitmap.width, bitmap.height));
        if (scale === 1 && file.size <= SHRINK_BYTES) return file;
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff"; // a transparent PNG gets a white page, not black
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        return new Promise(function (resolve) {
          canvas.toBlob(
            function (blob) {
              var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
              resolve(blob ? new File([blob], name, { type: "image/jpeg" }) : file);
            },
            "image/jpeg",
            0.85
          );
        });
      },
      function () {
        return file; // not decodable here: the server says what is wrong with it
      }
    );
  }

  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input[type=file]") || !input.files.length) return;
    var chosen = Array.prototype.slice.call(input.files);
    var job = Promise.all(chosen.map(shrink)).then(function (out) {
      if (!window.DataTransfer || out.every(function (f, i) { return f === chosen[i]; })) return;
      var list = new DataTransfer();
      out.forEach(function (f) {
        list.items.add(f);
      });
      input.files = list.files;
      input.dataset.shrunk = "1";
    });
    shrinking.push(job);
    job.then(function () {
      shrinking.splice(shrinking.indexOf(job), 1);
    });
  });

  // A form sent while a photo is still being made smaller waits for it.
  document.addEventListener(
    "submit",
    function (e) {
      var form = e.target;
      if (!shrinking.length || form.hasAttribute("hx-post")) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      var submitter = e.submitter;
      Promise.all(shrinking).then(function () {
        if (submitter && form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      });
    },
    true
  );
  document.addEventListener("htmx:confirm", function (e) {
    if (!shrinking.length) return;
    e.preventDefault();
    Promise.all(shrinking).then(function () {
      e.detail.issueRequest();
    });
  });
})();
