"""A local SMTP sink for `make prod-local`: accepts every mail on loopback and writes each one to a folder
as an .eml file, so production mode (which refuses to run without MAIL_URL) sends real SMTP here.

    python scripts/smtp_sink.py PORT FOLDER"""

import socketserver
import sys
import time
import uuid
from pathlib import Path


class Sink(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 careerup-sink ESMTP")
        while line := self.rfile.readline():
            verb = line.decode("latin-1").strip().split(" ")[0].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 careerup-sink")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.store()
                self.reply("250 OK: stored")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def store(self):
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:6]}"
        partial = self.server.folder / f".{name}.part"
        partial.write_bytes(b"".join(lines))
        partial.replace(self.server.folder / f"{name}.eml")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    with Server(("127.0.0.1", port), Sink) as server:
        server.folder = folder
        server.serve_forever()
