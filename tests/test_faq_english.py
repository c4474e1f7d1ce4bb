"""English pages read as English: the FAQ's 86 questions and answers in English (data/faq_en.json
beside the seed-built data/faq.json), searchable by English words; lists separated by ", " rather
than 「、」; no full-width brackets or Japanese punctuation in the English catalogue."""

import re
from pathlib import Path

from babel.messages.pofile import read_po
from flask import session

from models.registration.fields.values import display
from models.support import faq
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations/en/LC_MESSAGES/messages.po"
# Japanese punctuation that has no place in English text: 、。 the corner and lenticular brackets,
# and the full-width forms of ASCII characters such as （） and ：.
JAPANESE_PUNCTUATION = re.compile(r"[、。「」『』【】〔〕\uff01-\uff60]")


def english_page(client, path, **query):
    client.get("/lang/en")
    return client.get(path, query_string=query)


# --- the FAQ in English ---------------------------------------------------------------------------


def test_every_question_and_answer_has_english():
    english = faq.load_en()
    lacking, punctuation = [], []
    for category in faq.load()["categories"]:
        for q in category["questions"]:
            en = english.get(q["id"], {})
            if not re.search(r"[A-Za-z]{3}", en.get("question") or ""):
                lacking.append(f"{q['id']} question")
            # Questions the seed publishes without an answer stay without one in English too.
            if q["answer"] and not re.search(r"[A-Za-z]{3}", en.get("answer") or ""):
                lacking.append(f"{q['id']} answer")
            if not q["answer"] and en.get("answer"):
                lacking.append(f"{q['id']} has an English answer the seed does not have")
            for text in (en.get("question") or "", en.get("answer") or ""):
                if JAPANESE_PUNCTUATION.search(text):
                    punctuation.append(f"{q['id']}: {JAPANESE_PUNCTUATION.findall(text)}")
    assert len(english) == 86
    assert not lacking, "data/faq_en.json lacks English for: " + ", ".join(lacking)
    assert not punctuation, "Japanese punctuation in data/faq_en.json: " + "; ".join(punctuation)


def test_english_faq_shows_english_answers_and_finds_them_by_english_words(client):
    page = english_page(client, "/faq")
    assert page.status_code == 200
    assert "I want my card reissued" in page.text and "on the card page of the worker" in page.text
    assert "カードを再発行したい" not in page.text and "再発行の流れ" not in page.text
    assert not JAPANESE_PUNCTUATION.search(page.text.split("<main", 1)[-1])

    found = client.get("/faq", query_string={"q": "password locked"}, headers={"HX-Request": "true"})
    assert "Q1-6" in found.text and "The lock is released after about 30 minutes." in found.text
    assert "Q1-8" not in found.text  # the reissue answer says nothing about a lock
    assert "1 question" in found.text

    fee = client.get("/faq", query_string={"q": "2,500 yen", "category": "6"})
    assert "Q6-1" in fee.text and "3,500 yen for a postal or counter application" in fee.text


def test_unanswered_questions_read_in_english(client):
    page = english_page(client, "/faq", category="6")
    assert "Does it cost anything to add to or change the registered information?" in page.text
    assert "The answer to this question hasn't been published yet." in page.text


def test_japanese_faq_stays_japanese(client):
    page = client.get("/faq", query_string={"q": "再発行"})
    assert "カードを再発行したい" in page.text and "I want my card reissued" not in page.text
    english_words = client.get("/faq", query_string={"q": "reissued"})
    assert "見つかりませんでした" in english_words.text


# --- list separators and punctuation ----------------------------------------------------------------


def test_lists_on_english_pages_are_separated_by_commas(app):
    acc, _company, _worker = f.one_person()
    client = app.test_client()
    f.login(client, acc)
    japanese = client.get("/worker/changes")
    assert re.search(r"次の項目は変更できません: [^<]+、", japanese.text)
    english = english_page(client, "/worker/changes")
    line = re.search(r"These items can't be changed: ([^<]+)<", english.text)
    assert line and ", " in line[1] and "、" not in line[1]


def test_a_reviewer_correction_is_attributed_with_ascii_brackets_in_english(client):
    application = f.submitted_worker_application(channel="paper")
    f.login(client, f.reviewer())
    client.post(
        f"/reviewer/applications/{application.id}/corrections",
        data={"field": "gender", "value": "女性", "comment": "Matched to the document."},
    )
    japanese = client.get(f"/reviewer/applications/{application.id}").text
    assert re.search(r"Matched to the document\.（審査 花子、\d{4}/\d\d/\d\d）", japanese)
    english = english_page(client, f"/reviewer/applications/{application.id}").text
    assert re.search(r"Matched to the document\. \(審査 花子, \d{4}/\d\d/\d\d\)", english)


def test_the_phone_line_reads_in_english_on_the_page_and_in_the_mailed_copy(client, outbox, app, monkeypatch):
    monkeypatch.setitem(app.config, "INQUIRY_PHONE", "050-0000-1234")
    monkeypatch.setitem(app.config, "SLIP_DESK", "Slip desk of Example Operator")
    page = english_page(client, "/inquiry")
    assert "050-0000-1234</a> (weekdays 9:00-17:00)" in page.text and "平日" not in page.text
    sent = client.post(
        "/inquiry",
        data={
            "category": "9",
            "name": "Taro Yamada",
            "email": "taro@example.jp",
            "email_again": "taro@example.jp",
            "phone": "090-1111-2222",
            "subject": "Card reissue",
            "body": "I lost my card.",
            "step": "send",
        },
    )
    assert sent.status_code == 302
    body = outbox.last_to("taro@example.jp").get_content()
    assert "050-0000-1234 (weekdays 9:00-17:00)" in body
    downloads = client.get("/downloads")
    assert "Slip desk of Example Operator" in downloads.text


def test_multiple_licence_trades_read_with_commas_in_english(app):
    for lang, expected in (("en", "Civil engineering (general), Carpentry"), ("ja", "土木一式、大工")):
        with app.test_request_context():
            session["lang"] = lang
            assert display("company", "licence_trades", "01,03") == expected


def test_english_catalogue_has_no_japanese_punctuation():
    with open(PO, "rb") as fh:
        catalog = read_po(fh)
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in strings:
            if text and JAPANESE_PUNCTUATION.search(text):
                found.append(f"  {message.id!r}: {text!r}")
    assert not found, f"full-width punctuation in English msgstrs of {PO.relative_to(ROOT)}:\n" + "\n".join(found)
