"""The English catalog: complete for the current source, compiled .mo in step, and used by the pages.

When a test here fails after editing UI text: run scripts/update-translations.sh, translate the
empty msgstrs in translations/en/LC_MESSAGES/messages.po, run the script again, commit .po and .mo.
"""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations/en/LC_MESSAGES/messages.po"
MO = ROOT / "translations/en/LC_MESSAGES/messages.mo"
HINT = "run scripts/update-translations.sh and translate"
# Japanese script: kana and CJK ideographs (also full-width punctuation such as 「」（）).
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def extract_source_messages():
    """What `pybabel extract -F babel.cfg .` finds, in memory: {(msgid, context): first location}."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(ROOT / "babel.cfg"))
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(str(ROOT), method_map, options_map):
        msgid = message[0] if isinstance(message, (list, tuple)) else message
        if msgid:
            found.setdefault((msgid, context), f"{filename}:{lineno}")
    return found


def read_catalog(path, reader):
    with open(path, "rb") as fh:
        return reader(fh)


def is_translated(message):
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return not message.fuzzy and all(s and s.strip() for s in strings)


def test_every_source_message_has_an_english_translation():
    source = extract_source_messages()
    assert len(source) > 100, f"extraction found only {len(source)} messages; is babel.cfg right?"
    assert any(loc.startswith("templates/") for loc in source.values()), "no messages from templates/"
    assert any(loc.startswith("blueprints/") for loc in source.values()), "no messages from blueprints/"

    catalog = read_catalog(PO, read_po)
    missing = []
    for (msgid, context), location in sorted(source.items(), key=lambda kv: kv[1]):
        message = catalog.get(msgid, context)
        if message is None or not is_translated(message):
            missing.append(f"  {location}: {msgid!r}")
    assert not missing, (
        f"{len(missing)} message(s) without an English translation in {PO.relative_to(ROOT)} "
        f"({HINT}):\n" + "\n".join(missing)
    )


def test_placeholders_survive_translation():
    catalog = read_catalog(PO, read_po)
    placeholder = re.compile(r"%\(\w+\)[sdif]")
    wrong = []
    for message in catalog:
        if not message.id or not is_translated(message):
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        expected = sorted(set(placeholder.findall(ids[0])))
        for s in strings:
            if sorted(set(placeholder.findall(s))) != expected:
                wrong.append(f"  {message.id!r} -> {s!r}")
    assert not wrong, "translations whose %(name)s placeholders differ from the msgid:\n" + "\n".join(wrong)


def _translations(catalog):
    # babel's read_mo gives a message context as bytes, read_po as str.
    return {
        (
            m.id if isinstance(m.id, str) else m.id[0],
            m.context.decode() if isinstance(m.context, bytes) else m.context,
        ): tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string
        for m in catalog
        if m.id and is_translated(m)
    }


def test_compiled_mo_matches_po():
    po = _translations(read_catalog(PO, read_po))
    mo = _translations(read_catalog(MO, read_mo))
    stale = sorted(
        f"  {key[0]!r}: po={po.get(key)!r} mo={mo.get(key)!r}"
        for key in po.keys() | mo.keys()
        if po.get(key) != mo.get(key)
    )
    assert not stale, (
        f"{MO.relative_to(ROOT)} is stale ({len(stale)} difference(s)); "
        "run scripts/update-translations.sh (or make translations) and commit the .mo:\n" + "\n".join(stale[:50])
    )


def japanese_in(html, allowed=("日本語",)):
    for word in allowed:
        html = html.replace(word, "")
    return sorted(set(JAPANESE.findall(html)))


def test_language_switch_changes_the_page(client):
    r = client.get("/lang/en")
    assert r.status_code == 302
    r = client.get("/")
    assert '<html lang="en">' in r.text
    assert "Sign up with email" in r.text and "Log in" in r.text
    assert "新規登録" not in r.text
    assert not japanese_in(r.text), "untranslated Japanese on the English landing page"

    r = client.get("/lang/ja", follow_redirects=True)
    assert '<html lang="ja">' in r.text
    assert "新規登録" in r.text
    assert "Sign up with email" not in r.text


def test_login_page_in_english(client):
    client.get("/lang/en")
    r = client.get("/login")
    assert r.status_code == 200
    assert '<html lang="en">' in r.text
    for text in ("Email address", "Password", "Log in", "Forgot your password?", "Sign up"):
        assert text in r.text, text
    assert not japanese_in(r.text), "untranslated Japanese on the English login page"


def test_english_form_errors(client):
    client.get("/lang/en")
    r = client.post("/login", data={"email": "not-an-address@", "password": ""})
    assert "Enter a valid email address (e.g. taro@example.jp)." in r.text
    assert "This field is required." in r.text
    assert not japanese_in(r.text), "untranslated Japanese in the English login errors"


def test_mail_renders_in_the_recipients_language(app):
    from tasks.mail import render_mail

    context = {"name": "Sato", "subject_name": "Sato Kogyo", "business_id": "20000000000017"}
    with app.app_context():
        subject, body = render_mail("approved_company", "en", **context)
        assert subject == "[CareerUp] Business registration complete"
        assert "Dear Sato," in body and "Business ID: 20000000000017" in body
        assert not japanese_in(subject + body)
        subject, _body = render_mail("approved_company", "ja", **context)
    assert "事業者登録が完了" in subject


# The one i18n system: UI text is a Japanese msgid through Flask-Babel, its language the Babel locale's.
# A switch on the language code or a gettext call deferred by a lambda (lazy_gettext does that, and
# `pybabel extract` sees it) is a second system beside it.
SECOND_SYSTEM = re.compile(r"""[!=]==?\s*["'](?:en|ja)["']|lambda\s*:\s*_\(|\bui_lang\(""")
SOURCE_DIRS = ("blueprints", "models", "tasks", "documents", "factory", "templates", "static/js")


def second_system_lines(text):
    return [n for n, line in enumerate(text.splitlines(), start=1) if SECOND_SYSTEM.search(line)]


def test_the_pattern_finds_what_it_forbids():
    found = second_system_lines(
        'label = en if lang == "en" else ja\n'
        "x = {'a': lambda: _('あ')}\n"
        "{% if current_lang != 'en' %}\n"
        'ok = _l("あ")\n'
        'root.dataset.lang === "ja"\n'
    )
    assert found == [1, 2, 3, 5]


def test_no_second_i18n_system_in_the_source():
    offending = [
        f"  {path.relative_to(ROOT)}:{line}"
        for folder in SOURCE_DIRS
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".html", ".txt", ".js")
        for line in second_system_lines(path.read_text(encoding="utf-8"))
    ]
    assert not offending, (
        "language switches or `lambda: _()` beside Flask-Babel (use lazy_gettext / _l, and let the text "
        "follow the locale):\n" + "\n".join(offending)
    )


# --- the worker's languages (config.py WORKER_LANGUAGES) -----------------------------------------

# The worker's own pages and every mail a worker receives: each worker language covers these; the
# pages of companies, primes and staff stay Japanese/English (README "Languages").
WORKER_PAGES = (
    "templates/worker/**/*.html",
    "templates/base.html",
    "templates/macros/card_steps.html",
    "blueprints/worker/*.py",
    "blueprints/shared/roles.py",
    "blueprints/shared/changeforms.py",
    "blueprints/shared/experience_forms.py",
    "models/cards/cards.py",
    "models/core/trades.py",
)
WORKER_MAILS = (
    "approved_worker",
    "card_expiry",
    "card_fee_notice",
    "card_mailed",
    "card_request_rejected",
    "change_decided",
    "confirm",
    "deficiency",
    "fee_notice",
    "level_rise",
    "link_answered",
    "link_proposed",
    "proxy_takeover",
    "reset",
    "residence_expiry",
    "unlock",
    "account_unused",
    "account_deactivated",
)


def worker_page_messages():
    """{(msgid, context): location} of the worker's pages and mails, as babel.cfg extracts them."""
    files = [p for pattern in WORKER_PAGES for p in ROOT.glob(pattern)]
    files += [ROOT / f"templates/mail/{name}.txt" for name in WORKER_MAILS]
    wanted = {str(p.relative_to(ROOT)) for p in files}
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(ROOT / "babel.cfg"))
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(str(ROOT), method_map, options_map):
        if filename in wanted:
            msgid = message[0] if isinstance(message, (list, tuple)) else message
            found.setdefault((msgid, context), f"{filename}:{lineno}")
    return found


def test_every_worker_language_covers_the_worker_pages_and_mails():
    from config import Config

    source = worker_page_messages()
    assert len(source) > 150 and any(loc.startswith("templates/mail/") for loc in source.values())
    for lang in Config.WORKER_LANGUAGES:
        catalog = read_catalog(ROOT / f"translations/{lang}/LC_MESSAGES/messages.po", read_po)
        missing = [
            f"  {location}: {msgid!r}"
            for (msgid, context), location in sorted(source.items(), key=lambda kv: kv[1])
            if (message := catalog.get(msgid, context)) is None or not is_translated(message)
        ]
        assert not missing, f"{len(missing)} worker-page message(s) without a {lang} translation:\n" + "\n".join(
            missing
        )
