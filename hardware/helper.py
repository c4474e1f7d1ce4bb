"""python -m hardware.helper --server https://careerup.example --token cr_...

Waits for cards on every PC/SC reader, reads each serial, ignores the same card again within
--debounce seconds, decides in or out, writes the touch to the local outbox, and uploads the outbox
in batches. `--enrol` only prints each card's serial (staff type it into the card's page)."""

import argparse
import datetime as dt
import os
import sys
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from hardware.outbox import Outbox
from hardware.uploader import Uploader

JST = ZoneInfo("Asia/Tokyo")


class Helper:
    def __init__(self, args):
        self.args = args
        self.outbox = Outbox(args.outbox)
        self.uploader = Uploader(self.outbox, args.server, args.token, args.site_id, args.batch)
        self.last_seen = {}  # serial -> monotonic time of its last accepted read

    def direction(self, serial, reader, now):
        """The in/out rule: a reader per direction, a time of day, or alternate per card and day."""
        rule = self.args.rule
        if rule == "readers":
            if self.args.out_reader and self.args.out_reader in reader:
                return "out"
            return "in"
        if rule == "time":
            return "in" if now.strftime("%H:%M") < self.args.switch_at else "out"
        last = self.outbox.last_direction(serial, now.date())
        return "out" if last == "in" else "in"

    def on_serial(self, serial, reader):
        if self.args.enrol:
            print(f"{reader}: {serial}", flush=True)
            return
        tick = time.monotonic()
        if tick - self.last_seen.get(serial, -1e9) < self.args.debounce:
            return
        self.last_seen[serial] = tick
        now = dt.datetime.now(JST).replace(microsecond=0)
        direction = self.direction(serial, reader, now)
        self.outbox.add(serial, direction, now, reader)
        self.uploader.wake.set()
        print(f"\a{now:%H:%M:%S} {direction:3} {serial} ({reader})", flush=True)


def parse(argv):
    env = os.environ.get
    p = argparse.ArgumentParser(prog="python -m hardware.helper", description=__doc__.splitlines()[0])
    p.add_argument("--server", default=env("CAREERUP_SERVER", "http://127.0.0.1:5000"))
    p.add_argument("--token", default=env("CAREERUP_READER_TOKEN", ""))
    p.add_argument("--site-id", default=env("CAREERUP_SITE_ID", ""), help="現場ID (optional for a reader token)")
    p.add_argument("--outbox", default=env("CAREERUP_OUTBOX", str(Path.home() / ".careerup-reader.db")))
    p.add_argument("--debounce", type=float, default=float(env("CAREERUP_DEBOUNCE", "10")))
    p.add_argument("--rule", choices=["toggle", "readers", "time"], default=env("CAREERUP_RULE", "toggle"))
    p.add_argument("--out-reader", default=env("CAREERUP_OUT_READER", ""), help="part of the exit reader's name")
    p.add_argument("--switch-at", default=env("CAREERUP_SWITCH_AT", "12:00"), help="'time' rule: out from then")
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--status-port", type=int, default=int(env("CAREERUP_STATUS_PORT", "8765")), help="0: none")
    p.add_argument("--enrol", action="store_true", help="only print each card's serial")
    p.add_argument("--upload-only", action="store_true", help="send the outbox without watching readers")
    args = p.parse_args(argv)
    if not args.enrol and not args.token:
        p.error("--token (or CAREERUP_READER_TOKEN) is needed")
    return args


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    helper = Helper(args)
    if not args.enrol:
        threading.Thread(target=helper.uploader.run, daemon=True).start()
        if args.status_port:
            from hardware.status import serve

            serve(helper, args.status_port)
            print(f"status: http://127.0.0.1:{args.status_port}/", flush=True)
    try:
        if args.upload_only:
            while True:
                time.sleep(3600)
        from hardware.reader import watch

        watch(helper.on_serial, on_error=lambda m: print(m, file=sys.stderr, flush=True))
    except KeyboardInterrupt:
        helper.uploader.stopping = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
