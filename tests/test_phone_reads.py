"""Phone reads post to the same ingestion code; touches record how they were made and by whom."""

import datetime as dt

import tests.factories as f
from models import WorkRecord
from models.core.clock import now_jst
from models.sites.records import Touch


def test_a_typed_worker_id_from_the_phone_page_counts_and_records_who_and_how(client):
    w = f.site_with_worker()
    f.login(client, w["prime_admin"])
    page = client.get(f"/prime/sites/{w['site'].id}/reads")
    assert page.status_code == 200 and "vendor/jsqr/jsQR-1.4.0." in page.text and "技能者ID（14桁）を入力" in page.text
    at = (now_jst() - dt.timedelta(minutes=5)).isoformat()
    items = [
        {"event_id": "p1", "worker_id": w["worker"].worker_id, "direction": "in", "at": at, "method": "typed"},
        {"event_id": "p2", "card": w["card"].idm, "direction": "out", "at": at, "method": "nfc"},
        {"event_id": "p3", "worker_id": "12345", "direction": "in", "at": at, "method": "reader"},
    ]
    r = client.post(f"/prime/sites/{w['site'].id}/reads", json={"touches": items})
    assert [x["status"] for x in r.json["results"]] == ["created", "created", "rejected"]
    assert r.json["results"][2]["error"]["message"] and "山田" not in r.text
    touches = {t.event_id: t for t in Touch.select()}
    assert (touches["p1"].method, touches["p1"].made_by_id) == ("typed", w["prime_admin"].id)
    assert touches["p2"].method == "nfc" and WorkRecord.select().count() == 1
    assert client.post(f"/prime/sites/{w['site'].id}/reads", data="[[[").status_code == 400


def test_the_phone_page_shows_a_refusal_in_its_own_language(client):
    w = f.site_with_worker()
    f.login(client, w["prime_admin"])
    at = (now_jst() - dt.timedelta(minutes=5)).isoformat()
    bad = {"event_id": "p9", "worker_id": "12345", "direction": "in", "at": at, "method": "typed"}
    for lang, text in (
        ("ja", "カードの読み取り値が正しくありません（シリアルは 8/14/16/20 桁の16進数）。"),
        ("en", "The card read is not valid (a serial is 8, 14, 16 or 20 hex digits)."),
    ):
        client.get(f"/lang/{lang}")
        error = client.post(f"/prime/sites/{w['site'].id}/reads", json={"touches": [bad]}).json["results"][0]["error"]
        assert error["text"] == text
        # The API's own fields stay as documented, whatever the page's language.
        assert (error["message"], error["message_en"]) == (
            "カードの読み取り値が正しくありません（シリアルは 8/14/16/20 桁の16進数）。",
            "The card read is not valid (a serial is 8, 14, 16 or 20 hex digits).",
        )
