"""Peak memory of the real web worker and the real huey consumer while each hostile upload goes through
the real paths: an .xlsx bomb, a sheet of a million rows, an images-zip bomb, a huge AES entry, a zip
with a corrupt CRC and a 30 MB body past the request limit; and, within the limits, an .xlsx whose
shared-string table (which every reader parses whole) is as big as they allow. Both run as subprocesses (gunicorn with one
worker, huey_consumer) on a temporary SQLite database and SqliteHuey queue, sharing nothing with this
process; each figure is the process's VmHWM (peak resident set, /proc), reset before each file. Prints
`<file>_web_peak_rss_mb`, `<file>_consumer_peak_rss_mb`, `<file>_refused` and `peak_rss_mb_max`
(target <= 256). Run from the repository root: `python bench/upload_memory.py`."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-upload-bench-"))
ENV = dict(
    os.environ,
    CAREERUP_INSTANCE=str(TMP),
    DATABASE_URL=f"sqlite:///{TMP / 'bench.db'}",
    SECRET_KEY="upload-bench",
    PYTHONPATH=str(ROOT),
)
ENV.pop("REDIS_URL", None)
os.environ.update(CAREERUP_INSTANCE=str(TMP), DATABASE_URL=ENV["DATABASE_URL"], SECRET_KEY="upload-bench")
PASSWORD = "aes-bench-password"
TARGET_MB = 256

SETUP = """
from app import create_app
from factory.cli import router
from tests import factories
app = create_app()
with app.app_context():
    router().run()
    company, admin = factories.company(name="代行建設株式会社")
    print(admin.email)
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _status(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) // 1024
    return 0


def _reset_peak(pid):
    Path(f"/proc/{pid}/clear_refs").write_text("5")


class Browser:
    """A logged-in company admin: cookies, CSRF tokens and multipart uploads over real HTTP."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path):
        return self._send(urllib.request.Request(self.base + path))

    def csrf(self, path):
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(path)[1]).group(1)

    def post(self, path, fields, files=None, token_from=None):
        fields = dict(fields, csrf_token=self.csrf(token_from or path))
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, data) in (files or {}).items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self._send(request)

    def _send(self, request):
        try:
            response = self.opener.open(request, timeout=600)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, response.read().decode("utf-8", "replace"), response.headers.get("Location")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_for(base, process):
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit("the web process stopped")
        try:
            urllib.request.urlopen(base + "/login", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the web process did not start")


def _finished(browser, url):
    """Polls a job's page as the browser does until it stops polling."""
    for _ in range(1200):
        status, text, _location = browser.get(url)
        if 'hx-trigger="every 1s"' not in text:
            return status, text
        time.sleep(0.25)
    raise SystemExit(f"{url} never finished")


def main():
    email = subprocess.run(
        [sys.executable, "-c", SETUP], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    from app import create_app

    with create_app().app_context():  # the files are built from the app's own template
        run(email)


def run(email):
    from tests import hostile_files as hostile
    from tests.bulk_books import person, template_with, to_bytes

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "app:create_app()", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
    web = subprocess.Popen([*gunicorn, "--timeout", "600"], cwd=ROOT, env=ENV, stderr=subprocess.DEVNULL)
    consumer_cmd = [sys.executable, "-m", "huey.bin.huey_consumer", "worker.huey", "-w", "1", "-k", "thread"]
    consumer = subprocess.Popen(consumer_cmd, cwd=ROOT, env=ENV, stderr=subprocess.DEVNULL)
    try:
        _wait_for(base, web)
        worker_pid = _children(web.pid)[0]
        browser = Browser(base)
        status, _text, _location = browser.post("/login", {"email": email, "password": "correct-horse-1"})
        assert status == 302, "login failed"
        _status_code, _text, job_url = browser.post(
            "/company/bulk", {}, {"workbook": ("crew.xlsx", to_bytes(template_with([person(1)])))}
        )
        _finished(browser, job_url)
        path = urllib.parse.urlsplit(job_url).path

        def xlsx_bomb():
            status, text, _l = browser.post("/company/bulk", {}, {"workbook": ("bomb.xlsx", hostile.xlsx_bomb(1024))})
            return status == 400 and "展開すると大きすぎます" in text

        def string_table():
            data = hostile.xlsx_string_table(11)
            status, _text, location = browser.post("/company/bulk", {}, {"workbook": ("strings.xlsx", data)})
            return status == 302 and 'data-testid="bulk-summary"' in _finished(browser, location)[1]

        def million_rows():
            data = hostile.many_rows(1_000_000, filled=False)
            status, _text, location = browser.post("/company/bulk", {}, {"workbook": ("rows.xlsx", data)})
            return status == 302 and "10,000行目より下は読み込めません" in _finished(browser, location)[1]

        def images_zip_bomb():
            data = hostile.images_zip_bomb(members=100, megabytes_each=5)
            status, text, _l = browser.post(f"{path}/files", {}, {"archive": ("images.zip", data)})
            return status == 400 and "圧縮率が高すぎる" in text

        def huge_aes_entry():
            data = hostile.huge_aes_entry(1024, PASSWORD)
            fields = {"password": PASSWORD}
            status, text, _l = browser.post("/company/integration", fields, {"package": ("export.zip", data)})
            return status == 400 and "展開すると大きすぎます" in text

        def corrupt_crc():
            data = hostile.corrupt_crc(_png())
            status, text, _l = browser.post(f"{path}/files", {}, {"archive": ("images.zip", data)})
            return status == 200 and "画像を読み取れませんでした" in text

        def size_limit_30mb():
            data = os.urandom(30 * 1024 * 1024)
            status, text, _l = browser.post("/company/bulk", {}, {"workbook": ("big.xlsx", data)}, "/company/bulk")
            return status in (400, 413) and "大きすぎます" in text

        peaks = []
        # The string table goes last: a process keeps the memory it once used, which would raise the
        # starting point of every figure after it.
        cases = (xlsx_bomb, million_rows, images_zip_bomb, huge_aes_entry, corrupt_crc, size_limit_30mb, string_table)
        for case in cases:
            _reset_peak(worker_pid)
            _reset_peak(consumer.pid)
            ok = case()
            web_mb, consumer_mb = _status(worker_pid, "VmHWM"), _status(consumer.pid, "VmHWM")
            peaks += [web_mb, consumer_mb]
            print(f"{case.__name__}_web_peak_rss_mb: {web_mb}")
            print(f"{case.__name__}_consumer_peak_rss_mb: {consumer_mb}")
            outcome = "read" if case is string_table else "refused"  # within the limits: read, at its cost
            print(f"{case.__name__}_{outcome}: {'yes' if ok else 'NO'}", flush=True)
        print(f"peak_rss_mb_max: {max(peaks)}")
        print(f"target_mb: {TARGET_MB}")
    finally:
        for process in (web, consumer):
            process.terminate()
            process.wait(timeout=60)
        shutil.rmtree(TMP, ignore_errors=True)


def _png():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 180, 160)).save(out, "PNG")
    return out.getvalue()


if __name__ == "__main__":
    main()
