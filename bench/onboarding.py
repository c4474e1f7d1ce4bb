"""A one-person operator (一人親方) from the landing page to both applications submitted, in Debian's
Chromium at 390×844, on its own temp database (issue 11): screens, typed fields, choices, uploads and
the estimated human time (4 s a field, 2 s a choice, 15 s an upload, 6 s a screen), then the screens.
The journey is tests/e2e/onboarding_journey.py, which the e2e test runs too.
Run from the repo root: python bench/onboarding.py"""

import os
import shutil
import sys
import tempfile
import threading
from email import policy
from email.parser import BytesParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ["CAREERUP_INSTANCE"] = str(TMP / "instance")
os.environ.pop("REDIS_URL", None)

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from config import TestConfig  # noqa: E402
from extensions import huey  # noqa: E402
from factory.cli import router  # noqa: E402
from tests.e2e import onboarding_journey as journey  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, _QuietHandler  # noqa: E402


class BenchConfig(TestConfig):
    DATABASE_URL = f"sqlite:///{TMP / 'bench.db'}"
    OUTBOX_DIR = str(TMP / "outbox")


def confirm_path(email):
    mails = [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in sorted(TMP.glob("outbox/*.eml"))]
    return journey.confirm_link([m for m in mails if m["To"] == email][-1])


def main():
    app = create_app(BenchConfig)
    with app.app_context():
        router().run()
    huey.immediate = True
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(
                base_url=f"http://127.0.0.1:{server.server_port}",
                locale="ja-JP",
                timezone_id="Asia/Tokyo",
                **VIEWPORTS["phone"],
            )
            context.set_default_timeout(15_000)
            with app.app_context():
                tally = journey.run(context.new_page(), confirm_path)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(TMP, ignore_errors=True)
    for line in tally.lines():
        print(line)


if __name__ == "__main__":
    main()
