"""House rules that a reader of the source can check: htmx requests are recognised one way."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BY_HAND = re.compile(r"""headers(\.get\(|\[)\s*["']HX-""", re.I)


def test_views_recognise_htmx_requests_through_flask_htmx():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("blueprints", "tasks", "factory", "documents")
        for path in (ROOT / package).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BY_HAND.search(line)
    ]
    assert offenders == [], "use `from extensions import htmx` / `if htmx:` instead of reading headers"
