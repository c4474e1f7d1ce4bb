"""Mail that is not lost (issue 7 item 11): every mail is an outbox row written with the change that
causes it; a huey task delivers it, a sweep retries what is unsent with backoff, and a consumer killed
mid-send loses nothing."""

import datetime as dt
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
import time_machine

from extensions import db, huey
from models import OutboxMail
from tasks.mail import OutsideTransaction, prune_sent_mail, retry_unsent_mail, send_mail

ROOT = Path(__file__).resolve().parent.parent


class _SlowSMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib; each connection waits `delay` seconds for the greeting, like a busy
    server, so a consumer killed at any moment is most likely waiting with a mail not yet handed over."""

    def _say(self, text):
        self.wfile.write(text.encode() + b"\r\n")

    def handle(self):
        time.sleep(self.server.delay)
        self._say("220 slow.test ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self._say("354 end with .")
                lines = []
                while (part := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(part[1:] if part.startswith(b"..") else part)
                self.server.received.append(b"".join(lines))
                self._say("250 queued")
            elif verb == b"QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")


class SlowSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, delay):
        super().__init__(("127.0.0.1", 0), _SlowSMTPHandler)
        self.delay, self.received = delay, []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def recipients(self):
        return [BytesParser(policy=policy.default).parsebytes(m)["To"] for m in list(self.received)]


def _consumer(app, mail_url):
    env = {
        **os.environ,
        "DATABASE_URL": app.config["DATABASE_URL"],
        "MAIL_URL": mail_url,
        "OUTBOX_RETRY_SECONDS": "1",
    }
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "worker.huey", "-w", "2", "-k", "thread", "-d", "0.05"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)
    return condition()


def test_killing_the_consumer_mid_send_loses_no_mail(app, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOX_RETRY_SECONDS", 1)  # the consumers get the same setting
    addresses = [f"crash{i:02d}@example.jp" for i in range(40)]
    server = SlowSMTPServer(delay=0.15)
    huey.immediate = False
    huey.flush()
    consumer = None
    try:
        with app.app_context(), db.atomic():
            for address in addresses:
                send_mail(address, "card_mailed", lang="ja", name="山田 太郎", worker_id="10000000000018", level=1)
        assert huey.pending_count() == 40
        mail_url = f"smtp://127.0.0.1:{server.server_address[1]}"
        consumer = _consumer(app, mail_url)
        assert _wait(lambda: len(server.received) >= 8, 120), "the consumer did not start sending"
        consumer.send_signal(signal.SIGKILL)  # mid-send: both threads are waiting on the server
        consumer.wait(timeout=20)
        sent_before = set(server.recipients())
        assert sent_before < set(addresses)  # killed part-way through
        time.sleep(1.2)  # past the 1-second backoff of the attempts the kill cut short
        consumer = _consumer(app, mail_url)
        assert _wait(lambda: set(server.recipients()) == set(addresses), 120), (
            f"lost: {sorted(set(addresses) - set(server.recipients()))}"
        )
        with app.app_context():
            rows = list(OutboxMail.select().order_by(OutboxMail.id))
            assert [r.to for r in rows] == addresses
            assert _wait(lambda: OutboxMail.select().where(OutboxMail.sent_at.is_null()).count() == 0, 30)
            rows = list(OutboxMail.select().order_by(OutboxMail.id))
        assert all(r.sent_at and r.attempts >= 1 for r in rows)
        # At least once: a mail cut off mid-send may arrive twice, always under its row's Message-ID.
        ids = {BytesParser(policy=policy.default).parsebytes(m)["Message-ID"] for m in server.received}
        assert len(ids) == 40
    finally:
        if consumer is not None and consumer.poll() is None:
            consumer.terminate()
            consumer.wait(timeout=20)
        server.shutdown()
        huey.flush()
        huey.immediate = True


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_mail_server_failure_is_recorded_and_retried_with_backoff(app, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_URL", f"smtp://127.0.0.1:{_closed_port()}")
    start = dt.datetime(2026, 5, 1, 3, 0, tzinfo=dt.UTC)
    with app.app_context(), time_machine.travel(start, tick=False) as clock:
        with db.atomic():
            mail = send_mail("retry@example.jp", "card_mailed", lang="ja", name="山田", worker_id="1", level=1)
        row = OutboxMail.get_by_id(mail.id)
        assert row.sent_at is None and row.attempts == 1 and "ConnectionRefused" in row.last_error
        assert row.next_attempt_at == dt.datetime(2026, 5, 1, 3, 1)  # 60 seconds later
        assert retry_unsent_mail.call_local() == 0  # not due yet
        clock.shift(61)
        assert retry_unsent_mail.call_local() == 0  # still failing: the wait doubles
        row = OutboxMail.get_by_id(mail.id)
        assert row.attempts == 2 and row.next_attempt_at == dt.datetime(2026, 5, 1, 3, 3, 1)
        monkeypatch.setitem(app.config, "MAIL_URL", None)  # the server is back (file delivery here)
        clock.shift(121)
        assert retry_unsent_mail.call_local() == 1
        assert not retry_unsent_mail.call_local()  # sent once, not again (this minute's run is done: skipped)
        row = OutboxMail.get_by_id(mail.id)
        assert row.sent_at == dt.datetime(2026, 5, 1, 3, 3, 2) and row.attempts == 3 and row.last_error == ""
    assert [m["To"] for m in outbox.messages()] == ["retry@example.jp"]


def test_a_mail_written_in_a_rolled_back_transaction_is_never_sent(app, outbox):
    with app.app_context():
        try:
            with db.atomic():
                send_mail("never@example.jp", "card_mailed", lang="ja", name="山田", worker_id="1", level=1)
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
        assert retry_unsent_mail.call_local() == 0
        assert OutboxMail.select().count() == 0
    assert outbox.messages() == []


def test_sent_mail_is_deleted_after_thirty_days_and_unsent_mail_never(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_URL", f"smtp://127.0.0.1:{_closed_port()}")
    start = dt.datetime(2026, 5, 1, 3, 0, tzinfo=dt.UTC)
    with app.app_context(), time_machine.travel(start, tick=False) as clock:
        with db.atomic():
            unsent = send_mail("down@example.jp", "card_mailed", lang="ja", name="山田", worker_id="1", level=1)
        monkeypatch.setitem(app.config, "MAIL_URL", None)
        with db.atomic():
            sent = send_mail("sent@example.jp", "card_mailed", lang="ja", name="佐藤", worker_id="2", level=1)
        OutboxMail.update(next_attempt_at=start + dt.timedelta(days=400)).where(OutboxMail.id == unsent.id).execute()
        clock.shift(dt.timedelta(days=29))
        assert prune_sent_mail.call_local() == 0
        clock.shift(dt.timedelta(days=2))
        assert prune_sent_mail.call_local() == 1
        assert [m.to for m in OutboxMail.select()] == ["down@example.jp"]
        assert OutboxMail.get_by_id(unsent.id).sent_at is None and sent.id != unsent.id


def test_a_mail_outside_a_transaction_is_refused_and_nothing_is_written(app, outbox):
    """The outbox row must commit or roll back with its change: a mail with no transaction around it
    (a notice called after the change committed) is a programming error, caught at the first run."""
    with app.app_context():
        with pytest.raises(OutsideTransaction, match="mail/card_mailed"):
            send_mail("late@example.jp", "card_mailed", lang="ja", name="山田", worker_id="1", level=1)
        assert OutboxMail.select().count() == 0
    assert outbox.messages() == []


def test_a_mail_is_handed_to_the_queue_only_once_its_transaction_commits(app, outbox):
    huey.immediate = False
    huey.flush()
    try:
        with app.app_context():
            with db.atomic():
                with db.atomic():  # a rule's own atomic inside the view's: still not committed
                    send_mail("later@example.jp", "card_mailed", lang="ja", name="山田", worker_id="1", level=1)
                assert huey.pending_count() == 0
            assert huey.pending_count() == 1
            huey.execute(huey.dequeue())
        assert [m["To"] for m in outbox.messages()] == ["later@example.jp"]
    finally:
        huey.flush()
        huey.immediate = True
