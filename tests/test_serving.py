"""Serving phones: the gunicorn the Procfile runs (gunicorn.conf.py, gthread workers) keeps answering while
slow phones upload. A real gunicorn on loopback, two uploads trickling at 40 KB/s, a third visitor timed."""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RATE, CHUNK = 40_000, 4_000  # 40 KB/s, as a phone on a weak connection


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.fixture
def gunicorn(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "CAREERUP_INSTANCE": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "PORT": str(port),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            if _get(port, "/up", timeout=2) == 200:
                break
        except OSError:
            pass
        assert server.poll() is None, server.stderr.read().decode()
        assert time.monotonic() < deadline, "gunicorn did not answer /up within 90 s"
        time.sleep(0.3)
    for _ in range(4):  # every worker has booted and answered once
        _get(port, "/up")
    yield port
    server.terminate()
    server.wait(timeout=30)


def _slow_upload(port, size, stop):
    """A multipart POST whose body arrives at 40 KB/s, as from a phone on a weak connection."""
    boundary = "slowphone"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n\r\n'.encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body_len = len(head) + size + len(tail)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(
            (
                f"POST /login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {body_len}\r\n\r\n"
            ).encode()
            + head
        )
        sent = 0
        while sent < size and not stop.is_set():
            s.sendall(b"\xff" * CHUNK)
            sent += CHUNK
            time.sleep(CHUNK / RATE)


def test_two_slow_uploads_in_flight_leave_the_next_visitor_answered_promptly(gunicorn):
    stop = threading.Event()
    uploads = [threading.Thread(target=_slow_upload, args=(gunicorn, 400_000, stop)) for _ in range(2)]
    for t in uploads:
        t.start()
    try:
        time.sleep(1.5)  # both uploads are being read by the server now (10 s each at this rate)
        assert all(t.is_alive() for t in uploads)
        waits = []
        for _ in range(3):
            started = time.monotonic()
            assert _get(gunicorn, "/login") == 200
            waits.append(time.monotonic() - started)
        assert all(t.is_alive() for t in uploads), "the uploads were still in flight while the visitor was served"
    finally:
        stop.set()
        for t in uploads:
            t.join(timeout=30)
    assert max(waits) < 1.0, waits
