"""Two real web processes sharing nothing but the database (each its own memory, so its own rate-limit
counters): wrong passwords sent to them in turn lock an unknown address exactly like a known one, at
the 5th, with the same answers."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = """
import sys
from app import create_app
app = create_app({"WTF_CSRF_ENABLED": False, "PASSWORD_HASH_METHOD": "scrypt:256:8:1", "SECRET_KEY": "two-processes"})
if sys.argv[1] == "setup":
    from factory.cli import router
    from tests import factories
    with app.app_context():
        router().run()
        factories.account(email="known@example.jp")
else:
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=False, use_reloader=False)
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answer(port, email):
    body = urllib.parse.urlencode({"email": email, "password": "wrong-password"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/login", data=body)
    try:
        response = urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    text = response.read().decode()
    alert = re.search(r'<p class="alert" role="alert">([^<]*)</p>', text).group(1)
    return response.status, re.sub(r"\d\d:\d\d", "HH:MM", alert)


def _wait(port, process):
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode())
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the web process did not start")


def test_an_unknown_address_locks_like_a_known_one_across_two_processes(tmp_path):
    env = dict(os.environ, CAREERUP_INSTANCE=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'shared.db'}")
    env.pop("REDIS_URL", None)  # nothing shared but the database
    run = [sys.executable, "-c", SERVER]
    subprocess.run([*run, "setup"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    ports = [_free_port(), _free_port()]
    servers = [subprocess.Popen([*run, str(p)], cwd=ROOT, env=env, stderr=subprocess.PIPE) for p in ports]
    try:
        for port, server in zip(ports, servers):
            _wait(port, server)
        known = [_answer(ports[n % 2], "known@example.jp") for n in range(6)]
        unknown = [_answer(ports[n % 2], "nobody@example.jp") for n in range(6)]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    assert [status for status, _text in known] == [401, 401, 401, 401, 403, 403]
    assert unknown == known
