"""The reader helper against a real PC/SC stack: pcscd, vsmartcard's virtual reader (vpcd) and a small
virtual card (tests/pcsc/virtual_card.py), the real helper process, the real app on the loopback."""

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from werkzeug.serving import make_server

import tests.factories as f
from models import WorkRecord
from models.core import clock
from models.sites.records import Touch

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "tests" / "pcsc" / "virtual_card.py"
JST = dt.timezone(dt.timedelta(hours=9))
# One pcscd and one virtual reader on the machine: `make test` runs pytest-xdist with --dist loadfile,
# so these tests stay in one worker, one after another.


def _port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def _pcscd_running():
    pid_file = Path("/run/pcscd/pcscd.pid")
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
        return True
    except (ValueError, OSError):
        return False


@pytest.fixture(scope="module")
def pcsc():
    """pcscd with the vpcd driver, started here when not running (and stopped after)."""
    if shutil.which("pcscd") is None or not Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so").exists():
        if os.geteuid() != 0:
            pytest.skip(
                "pcscd and vsmartcard-vpcd are not installed and this is not root: run scripts/system-packages.sh"
            )
        subprocess.run(["bash", str(ROOT / "scripts" / "system-packages.sh")], check=False)
    pytest.importorskip("smartcard", reason="pyscard is not installed (pip install -r hardware/requirements.txt)")
    started = None
    if not _pcscd_running():
        started = subprocess.Popen(["pcscd", "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not _port_open(35963):
        assert time.monotonic() < deadline, "vpcd did not open its port 35963"
        time.sleep(0.2)
    yield
    if started is not None:
        started.terminate()
        started.wait(10)


class Card:
    """A virtual card laid on the reader (a process), and taken away."""

    def __init__(self, serial):
        self.serial = serial
        self.proc = None

    def lay(self):
        self.proc = subprocess.Popen([sys.executable, str(CARD), self.serial])

    def take(self):
        self.proc.terminate()
        self.proc.wait(10)

    def tap(self, hold=1.5):
        self.lay()
        time.sleep(hold)
        self.take()
        time.sleep(0.8)


class LiveApp:
    """The app on a loopback port that can be stopped and started again on the same port."""

    def __init__(self, app):
        self.app = app
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.server = None

    def start(self):
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def live(app):
    server = LiveApp(app)
    server.start()
    yield server
    if server.server is not None:
        server.stop()


def start_helper(live, token, outbox, *extra):
    args = [sys.executable, "-m", "hardware.helper", "--server", live.url, "--token", token]
    args += ["--outbox", str(outbox), "--debounce", "1", "--status-port", "0", *extra]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for(condition, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_card_laid_on_the_reader_becomes_a_work_record(pcsc, live, tmp_path):
    w = f.site_with_worker()
    helper = start_helper(live, w["token"], tmp_path / "outbox.db")
    try:
        time.sleep(2)
        Card(w["card"].idm).tap()
        wait_for(lambda: WorkRecord.select().count() == 1, what="the work record")
        record = WorkRecord.get()
        assert record.worker_id == w["worker"].id and record.first_in is not None and record.trade == "0201"
        assert Touch.get().method == "reader"
    finally:
        stop(helper)


def test_while_the_app_is_down_touches_queue_and_are_delivered_once(pcsc, live, tmp_path):
    w = f.site_with_worker()
    live.stop()
    status_port = LiveApp(None).port
    helper = start_helper(live, w["token"], tmp_path / "outbox.db", "--status-port", str(status_port))
    try:
        time.sleep(2)
        card = Card(w["card"].idm)
        card.tap()  # in
        time.sleep(1.2)
        card.tap()  # out
        time.sleep(3)  # the helper retries meanwhile
        assert Touch.select().count() == 0
        status = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{status_port}/status.json").read())
        assert status["pending"] == 2 and "retry" in status["last_upload"]
        assert [t["direction"] for t in status["recent"]] == ["out", "in"]
        page = urllib.request.urlopen(f"http://127.0.0.1:{status_port}/").read().decode()
        assert '未送信 / waiting: <strong id="pending">2</strong>' in page
        live.start()
        wait_for(lambda: Touch.select().count() == 2, what="both touches")
        time.sleep(3)
        assert Touch.select().count() == 2
        record = WorkRecord.get()
        assert record.first_in is not None and record.last_out is not None
    finally:
        stop(helper)


def _queue_offline(outbox_path, serial, n):
    from hardware.outbox import Outbox

    start = clock.now_jst().replace(microsecond=0, tzinfo=None) - dt.timedelta(hours=6)
    rows = [(serial, "in" if k % 2 == 0 else "out", start + dt.timedelta(seconds=k)) for k in range(n)]
    Outbox(outbox_path).add_many([(s, d, a.replace(tzinfo=JST)) for s, d, a in rows])


def test_a_helper_killed_mid_upload_and_restarted_loses_and_doubles_nothing(pcsc, live, tmp_path):
    w = f.site_with_worker()
    outbox = tmp_path / "outbox.db"
    _queue_offline(outbox, w["card"].idm, 12000)  # enough batches that the kill lands mid-upload
    helper = start_helper(live, w["token"], outbox, "--upload-only", "--batch", "200")
    wait_for(lambda: Touch.select().count() > 0, what="the first batch")
    helper.kill()  # SIGKILL, mid-upload
    helper.wait()
    assert Touch.select().count() < 12000
    helper = start_helper(live, w["token"], outbox, "--upload-only", "--batch", "500")
    try:
        from hardware.outbox import Outbox

        wait_for(lambda: Outbox(outbox).counts() == (0, 12000), what="the outbox to empty", timeout=120)
        assert Touch.select().count() == 12000
    finally:
        stop(helper)


def test_ten_thousand_touches_queued_offline_are_delivered_once(pcsc, live, tmp_path):
    w = f.site_with_worker()
    outbox = tmp_path / "outbox.db"
    live.stop()
    _queue_offline(outbox, w["card"].idm, 10_000)
    helper = start_helper(live, w["token"], outbox, "--upload-only")
    try:
        time.sleep(2)
        live.start()
        from hardware.outbox import Outbox

        wait_for(lambda: Outbox(outbox).counts() == (0, 10_000), what="the outbox to empty", timeout=300)
        assert Touch.select().count() == 10_000 and WorkRecord.select().count() == 1
    finally:
        stop(helper)
