"""A small status page on 127.0.0.1: the last touches, the outbox size and the last upload result;
the page flashes on each new read (the terminal rings its bell too)."""

import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>カードリーダー</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;margin:1rem}}.flash{{animation:f 1s}}@keyframes f{{from{{background:#ffe066}}}}
td,th{{padding:.2rem .6rem;text-align:left}}</style></head>
<body class="{flash}"><h1>カードリーダー / Card reader</h1>
<p>未送信 / waiting: <strong id="pending">{pending}</strong> · 送信済み / sent: {sent}</p>
<p>最後の送信 / last upload: {last}</p>
<table><tr><th>カード</th><th>入退</th><th>時刻</th><th>リーダー</th><th>結果</th></tr>{rows}</table>
<script>let seen={total};setInterval(async()=>{{const s=await (await fetch('/status.json')).json();
if(s.total!==seen){{location.reload()}}}},1000)</script></body></html>"""


def snapshot(helper):
    pending, sent = helper.outbox.counts()
    return {
        "pending": pending,
        "sent": sent,
        "total": pending + sent,
        "last_upload": helper.uploader.last_result,
        "recent": [
            {"serial": s, "direction": d, "at": a, "reader": r, "result": res}
            for s, d, a, r, res in helper.outbox.recent()
        ],
    }


def serve(helper, port):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state = snapshot(helper)
            if self.path == "/status.json":
                body, kind = json.dumps(state).encode(), "application/json"
            else:
                rows = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in t.values()) + "</tr>"
                    for t in state["recent"]
                )
                body = PAGE.format(
                    flash="flash",
                    pending=state["pending"],
                    sent=state["sent"],
                    last=html.escape(state["last_upload"]),
                    rows=rows,
                    total=state["total"],
                ).encode()
                kind = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
