"""Login answer time for a known address with a wrong password vs an unknown address (issue 7 item 4:
the same work for both, so timing tells nothing). Run from the repo root: python bench/login_timing.py"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ["CAREERUP_INSTANCE"] = str(TMP / "instance")
os.environ.pop("REDIS_URL", None)

from app import create_app  # noqa: E402
from config import TestConfig  # noqa: E402
from extensions import huey, limiter  # noqa: E402
from factory.cli import router  # noqa: E402
from models import Account  # noqa: E402

ROUNDS = 40


class BenchConfig(TestConfig):
    DATABASE_URL = f"sqlite:///{TMP / 'bench.db'}"
    OUTBOX_DIR = str(TMP / "outbox")
    RATELIMIT_LOGIN_IP = RATELIMIT_LOGIN_ACCOUNT = "100000 per minute"
    PASSWORD_HASH_METHOD = "scrypt"  # production's cost, not the tests' cheap one


def _timed(client, email, n):
    started = time.perf_counter()
    client.post("/login", data={"email": email, "password": f"wrong-password-{n}"})
    elapsed = (time.perf_counter() - started) * 1000
    # Keep measuring the wrong-password path, not the lock.
    Account.update(failed_logins=0, locked_until=None).execute()
    limiter.reset()
    return elapsed


def medians(client):
    """Known and unknown attempts interleaved, so that load on the machine hits both alike."""
    known, unknown = [], []
    for n in range(ROUNDS):
        known.append(_timed(client, "known@example.jp", n))
        unknown.append(_timed(client, "nobody@example.jp", n))
    return statistics.median(known), statistics.median(unknown)


def main():
    app = create_app(BenchConfig)
    huey.immediate = True
    with app.app_context():
        router().run()
        account = Account(email="known@example.jp", display_name="計測", email_confirmed_at=None)
        account.set_password("correct-horse-1")
        account.save()
    client = app.test_client()
    with app.app_context():
        known, unknown = medians(client)
    print(f"login_known_wrong_password_ms: {known:.1f}")
    print(f"login_unknown_address_ms: {unknown:.1f}")
    print(f"login_unknown_to_known_ratio: {unknown / known:.2f}")


if __name__ == "__main__":
    main()
