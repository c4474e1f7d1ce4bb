"""Sends the outbox to POST /api/v1/touches in batches, with exponential backoff on network errors
and server failures. A batch is marked sent only after the server answered for it, so a crash or a
lost answer means a resend, which the server answers 'duplicate'."""

import json
import threading
import urllib.error
import urllib.request

BATCH = 1000
MAX_BACKOFF = 60.0


class Uploader:
    def __init__(self, outbox, server, token, site_id="", batch=BATCH, timeout=30):
        self.outbox, self.server, self.token = outbox, server.rstrip("/"), token
        self.site_id, self.batch, self.timeout = site_id, batch, timeout
        self.last_result = "—"
        self.backoff = 0.0
        self.wake = threading.Event()
        self.stopping = False

    def send_once(self):
        """Sends one batch; returns how many touches the server answered for (0 when none pending).
        Raises on a failure the caller backs off from."""
        rows = self.outbox.pending(self.batch)
        if not rows:
            return 0
        items = []
        for event_id, serial, direction, at in rows:
            item = {"event_id": event_id, "card": serial, "direction": direction, "at": at, "method": "reader"}
            if self.site_id:
                item["site_id"] = self.site_id
            items.append(item)
        request = urllib.request.Request(
            self.server + "/api/v1/touches",
            data=json.dumps({"touches": items}).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            answer = json.loads(response.read())
        results = [(r["event_id"], r["status"]) for r in answer["results"] if r.get("event_id")]
        self.outbox.mark_sent(results)
        counts = {}
        for _e, status in results:
            counts[status] = counts.get(status, 0) + 1
        self.last_result = "OK " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        return len(results)

    def run(self):
        while not self.stopping:
            try:
                sent = self.send_once()
                self.backoff = 0.0
                if sent:
                    continue
                self.wake.wait(2.0)
                self.wake.clear()
            except urllib.error.HTTPError as exc:
                self._fail(f"HTTP {exc.code}")
            except (OSError, ValueError, KeyError, TypeError) as exc:
                self._fail(f"{type(exc).__name__}: {exc}")

    def _fail(self, what):
        self.backoff = min(MAX_BACKOFF, max(0.5, self.backoff * 2))
        self.last_result = f"{what} — retry in {self.backoff:.0f} s"
        self.wake.wait(self.backoff)
        self.wake.clear()
