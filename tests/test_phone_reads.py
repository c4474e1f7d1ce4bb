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
    assert page.status_code == 200 and "jsQR-1.4.0.js" in page.text and "技能者ID（14桁）を入力" in page.text
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
