"""The one clock: business dates are Japan's, and nothing outside models/core/clock.py asks the OS for now."""

import datetime as dt
import re
import time
from pathlib import Path

import time_machine

from models import Invoice
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "blueprints", "tasks", "documents", "factory")
FORBIDDEN = re.compile(
    r"date\.today\(|datetime\.now\(|datetime\.utcnow\(|\btime\.localtime\(|ZoneInfo\(|from models\.base import .*utcnow"
)


def test_nothing_but_the_clock_reads_the_time_of_day():
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    files += [ROOT / name for name in ("app.py", "config.py", "extensions.py", "worker.py")]
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        if path != ROOT / "models" / "core" / "clock.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FORBIDDEN.search(line) or "default=dt.date.today" in line
    ]
    assert offenders == [], "use models/core/clock.py:\n" + "\n".join(offenders)


def test_an_approval_just_after_midnight_in_japan_is_dated_the_japanese_day(client, outbox, monkeypatch):
    """00:30 on 1 April in Tokyo is still 31 March in UTC (the server's zone): the fee slip is
    issued on 1 April and due 30 days later, as the applicant reads it in the mail."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    with time_machine.travel(dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC), tick=False):
        application = f.submitted_worker_application()
        f.login(client, f.reviewer())
        r = client.post(f"/reviewer/applications/{application.id}/approve")
    assert r.status_code == 302 and r.location == "/reviewer/"
    invoice = Invoice.get(Invoice.application_ref == application.id)
    assert invoice.issued_on == dt.date(2026, 4, 1) and invoice.due_on == dt.date(2026, 5, 1)
    fee = [m for m in outbox.messages() if "システム登録料金額" in m["Subject"]][0]
    assert "お支払期限: 2026/05/01" in fee.get_content()
