"""Every htmx action that sends something is a form: static/js/app.js marks the form busy (aria-busy, a
spinner on its button), disables its buttons while the request is in flight and writes any network or
server error into it — the browser side is tested in tests/e2e (test_feedback_browser, test_phone_forms)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TAG = re.compile(r"<([a-zA-Z]+)\b[^>]*\bhx-(?:post|put|patch|delete)=", re.S)


def test_every_htmx_post_is_a_form_with_a_button():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in TAG.finditer(text):
            tag = match.group(1).lower()
            rest = text[match.start() : text.find("</form>", match.start())]
            if tag != "form" or "<button" not in rest:
                found.append(f"{path.relative_to(TEMPLATES)}: <{tag}> posts through htmx without a form and a button")
    assert not found, "\n".join(found)
