"""House rules that a reader of the source can check: htmx requests are recognised one way and answered
through one helper; mail is sent only as a notice function of tasks/notices.py; every CSV has one writer
and every download one way to be named."""

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
    assert offenders == [], "answer with blueprints.shared.helpers.page_or_fragment instead of reading headers"


def test_views_branch_on_htmx_only_through_page_or_fragment():
    """One rule picks page or fragment (a boosted link or a history restore gets the page) and sets
    Vary: HX-Request; a view or template that tests `htmx` itself would skip both."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("blueprints", "tasks", "factory", "documents", "models")
        for path in (ROOT / package).rglob("*.py")
        if path.relative_to(ROOT).as_posix() != "blueprints/shared/helpers.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bimport\b.*\bhtmx\b", line)
    ] + [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"{%-?\s*(el)?if\b[^%]*\bhtmx\b", line)
    ]
    assert offenders == [], "answer with blueprints.shared.helpers.page_or_fragment(page, fragment, ...)"


def test_every_mail_is_a_notice_function_in_tasks_notices():
    """Pages and rules ask tasks/notices.py for a notice; only it (and the outbox in tasks/mail.py) sends."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("blueprints", "models", "factory", "documents", "tasks")
        for path in (ROOT / package).rglob("*.py")
        if path.relative_to(ROOT).as_posix() not in ("tasks/notices.py", "tasks/mail.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bsend_mail\(", line)
    ]
    assert offenders == [], "write the mail as one function in tasks/notices.py and call it"


def _lines(packages, skip=()):
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if path.relative_to(ROOT).as_posix() not in skip:
                for number, line in enumerate(path.read_text().splitlines(), 1):
                    yield f"{path.relative_to(ROOT)}:{number}", line


APP = ("blueprints", "models", "factory", "documents", "tasks")


def test_every_csv_is_written_by_the_one_writer():
    """BOM and formula cells neutralised (OWASP CSV injection) in one place: models/core/csv_out.py."""
    offenders = [
        where
        for where, line in _lines(APP, skip=("models/core/csv_out.py",))
        if re.search(r"\bcsv\.(writer|DictWriter)\(", line)
    ]
    assert offenders == [], "write the rows with models.core.csv_out.to_csv (or blueprints.shared.downloads.send_csv)"


def test_every_download_is_named_by_send_file():
    """Flask's send_file writes Content-Disposition (RFC 5987 for non-ASCII names); nobody writes it by hand."""
    offenders = [where for where, line in _lines(APP) if "content-disposition" in line.lower()]
    assert offenders == [], "send the file with blueprints.shared.downloads.send_download"
