// Phone reads: Web NFC (serial number), camera QR (jsQR), typed 技能者ID. Every read goes to an
// IndexedDB queue first and is sent from there, so reads made offline wait with a visible count.
(() => {
  "use strict";
  const root = document.getElementById("reads");
  if (!root) return;
  const texts = JSON.parse(root.dataset.texts);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const waiting = $("reads-waiting"), statusEl = $("reads-status"), log = $("reads-log");
  let db = null, sending = false;

  const openDb = () => new Promise((resolve, reject) => {
    const r = indexedDB.open("careerup-reads", 1);
    r.onupgradeneeded = () => r.result.createObjectStore("queue", { keyPath: "event_id" });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const store = (mode) => db.transaction("queue", mode).objectStore("queue");
  const all = () => new Promise((resolve) => { const r = store("readonly").getAll(); r.onsuccess = () => resolve(r.result); });
  const done = (tx) => new Promise((resolve) => { tx.oncomplete = resolve; tx.onerror = resolve; });
  const put = (item) => { const tx = db.transaction("queue", "readwrite"); tx.objectStore("queue").put(item); return done(tx); };
  const remove = (ids) => { const tx = db.transaction("queue", "readwrite"); ids.forEach((id) => tx.objectStore("queue").delete(id)); return done(tx); };
  const showCount = async () => { waiting.textContent = String((await all()).length); };
  const newId = () => (crypto.randomUUID ? crypto.randomUUID() :
    Date.now().toString(16) + "-" + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join(""));
  const direction = () => root.querySelector('input[name="direction"]:checked').value;

  function note(text, kind) {
    const li = document.createElement("li");
    li.textContent = new Date().toLocaleTimeString() + " " + text;
    if (kind) li.className = kind;
    log.prepend(li);
    if (navigator.vibrate) navigator.vibrate(80);
  }

  async function enqueue(fields, label) {
    await put({ event_id: newId(), direction: direction(), at: new Date().toISOString(), ...fields });
    note(label + " — " + (direction() === "in" ? "IN" : "OUT"));
    await showCount();
    send();
  }

  async function send() {
    if (sending) return;
    sending = true;
    try {
      for (;;) {
        const items = (await all()).slice(0, 1000);
        if (!items.length) break;
        const r = await fetch(root.dataset.postUrl, {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify({ touches: items }),
        });
        if (!r.ok) throw new Error("HTTP " + r.status);
        const data = await r.json();
        await remove(data.results.map((x) => x.event_id).filter(Boolean));
        for (const x of data.results) {
          const m = x.error || x.notice;
          note((texts[x.status] || x.status) + (m ? ": " + m.text : ""),
            x.status === "rejected" ? "error" : "");
        }
        statusEl.textContent = texts.sent;
      }
    } catch (e) {
      statusEl.textContent = texts.offline;
    } finally {
      sending = false;
      showCount();
    }
  }

  $("reads-typed").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("reads-worker-id");
    const digits = input.value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, "");
    if (!digits) return;
    input.value = "";
    enqueue({ worker_id: digits, method: "typed" }, digits);
  });

  if ("NDEFReader" in window) {
    const button = $("reads-nfc");
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        const reader = new window.NDEFReader();
        await reader.scan();
        button.disabled = true;
        reader.onreading = (event) => {
          const serial = (event.serialNumber || "").replace(/:/g, "").toUpperCase();
          if (serial) enqueue({ card: serial, method: "nfc" }, "NFC " + serial);
        };
      } catch (e) {
        note(texts.nfc_off, "error");
      }
    });
  } else {
    $("reads-nfc").remove();
    $("reads-nfc-note").hidden = false;
    $("reads-nfc-note").textContent = texts.nfc_off;
  }

  let lastQr = "", lastQrAt = 0;
  $("reads-qr").addEventListener("click", async () => {
    const video = $("reads-video"), canvas = $("reads-canvas");
    try {
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      note(texts.camera_off, "error");
      return;
    }
    video.hidden = false;
    await video.play();
    const tick = () => {
      if (video.readyState === video.HAVE_ENOUGH_DATA && window.jsQR) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const ctx = canvas.getContext("2d");
        ctx.drawImage(video, 0, 0);
        const code = window.jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (code && code.data.startsWith("CCUS1:") && (code.data !== lastQr || Date.now() - lastQrAt > 10000)) {
          lastQr = code.data;
          lastQrAt = Date.now();
          enqueue({ qr: code.data, method: "qr" }, "QR " + code.data.split(":")[1]);
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  window.addEventListener("online", send);
  setInterval(send, 10000);
  openDb().then((opened) => { db = opened; showCount(); send(); });
})();
