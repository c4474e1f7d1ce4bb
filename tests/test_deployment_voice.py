"""Issue 21, the deployment's own voice: public pages, FAQ answers and mail speak as this deployment, never
as the real CCUS operator (its phone lines, menu numbers, manual, mail domain or brand); contacts and the
brand come from the configuration."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from models.support import faq

ROOT = Path(__file__).resolve().parent.parent
THE_REAL_OPERATOR = re.compile(
    r"03-5473-4586|03-6386-3725|\b(?:350|710|360|820)_|smail\.ccus\.jp|"
    r"【建設キャリアアップシステム】|\[Construction Career Up System\]|振興基金|お問い合わせセンター|MCデータプラス"
)
# An answer also never sends people to the real operator's manual (Q2-3 may still ask where it is).
IN_AN_ANSWER = re.compile(THE_REAL_OPERATOR.pattern + r"|現場運用マニュアル|site operation manual")


def _public_urls(app):
    return sorted(
        str(rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("public.", "auth.")) and "GET" in rule.methods and not rule.arguments
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_public_page_speaks_as_the_real_operator(app, client, lang):
    client.get(f"/lang/{lang}")
    urls = _public_urls(app)
    assert "/faq" in urls and "/inquiry" in urls and "/downloads" in urls
    for url in urls:
        page = client.get(url)
        assert page.status_code < 500, url
        found = THE_REAL_OPERATOR.findall(page.get_data(as_text=True))
        assert not found, (url, found)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_faq_answer_speaks_as_the_real_operator(app, lang):
    with app.test_request_context(), force_locale(lang):
        answers = [(q["id"], q["answer"] or "") for cat in faq.categories(lang) for q in cat["questions"]]
    found = [(qid, IN_AN_ANSWER.findall(answer)) for qid, answer in answers if IN_AN_ANSWER.search(answer)]
    assert not found


def test_no_mail_template_speaks_as_the_real_operator_in_either_language(app):
    msgid = re.compile(r"_\('((?:[^'\\]|\\.)*)'")
    for path in sorted((ROOT / "templates" / "mail").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert not THE_REAL_OPERATOR.search(text), path.name
        with app.app_context(), force_locale("en"):
            english = " ".join(gettext(m) for m in msgid.findall(text))
        assert not THE_REAL_OPERATOR.search(english), path.name


def test_contacts_and_brand_come_from_the_configuration(app, client, monkeypatch):
    """Unset, the pages name this deployment's operator and show no phone line; set, they show the
    operator's own."""
    page = client.get("/inquiry").text
    assert "このCareerUpには電話の窓口がありません" in page and "tel:" not in page
    for key, value in {
        "INQUIRY_PHONE": "050-1111-2222",
        "INQUIRY_HOURS": "平日10:00-16:00",
        "SLIP_DESK": "例示建設基盤 払込票係",
        "SLIP_PHONE": "050-3333-4444",
        "SERVICE_NAME": "例示キャリア",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    page = client.get("/inquiry").text
    assert 'href="tel:050-1111-2222"' in page and "平日10:00-16:00" in page
    downloads = client.get("/downloads").text
    assert "例示建設基盤 払込票係" in downloads and "050-3333-4444" in downloads
    with app.test_request_context():
        from flask import render_template

        subject = render_template(
            "mail/inquiry_copy.txt", reference="X", category="9", contact=faq.contacts()["inquiry"], url="u"
        ).split("\n", 1)[0]
    assert subject.startswith("【例示キャリア】")
