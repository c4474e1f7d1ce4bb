"""A real card: staff enrol the serial a reader sees; the card image carries a QR with the 技能者ID
and a check value that the API accepts in place of a serial."""

import datetime as dt
import io

import segno
from PIL import Image

import tests.factories as f
from config import keyring
from models import Card, WorkRecord
from models.cards.cards import card_from_qr, qr_payload
from models.core.clock import now_jst


def as_staff(client):
    f.login(client, f.reviewer())
    return client


def test_a_new_card_has_no_serial_until_staff_enrol_the_physical_card(client):
    _acc, _company, worker = f.one_person()
    card = worker.cards.get()
    assert card.idm is None and not card.usable
    as_staff(client)
    page = client.get("/reviewer/cards")
    assert "シリアルを登録" in page.text and "カードリーダーで使えません" in page.text
    r = client.post(f"/reviewer/cards/{card.id}/serial", data={"serial": "01 2e 4c d2 a1 b2 c"})
    assert r.status_code == 400 and "8・14・16・20 桁" in r.text and 'value="01 2e 4c d2 a1 b2 c"' in r.text
    r = client.post(f"/reviewer/cards/{card.id}/serial", data={"serial": "01:2e:4c:d2:a1:b2:c3:d4"})
    assert r.status_code == 303
    card = Card.get_by_id(card.id)
    assert (card.idm, card.serial_source) == ("012E4CD2A1B2C3D4", "enrolled") and card.usable
    assert "012E4CD2A1B2C3D4" in client.get("/reviewer/cards").text
    assert client.get(f"/reviewer/cards/{card.id}/serial").status_code == 302


def test_a_serial_already_on_another_card_is_refused(client):
    w = f.site_with_worker()
    _acc, _company, other = f.one_person(family="佐藤", given="花子")
    as_staff(client)
    r = client.post(f"/reviewer/cards/{other.cards.get().id}/serial", data={"serial": w["card"].idm})
    assert r.status_code == 400 and "別のカードに登録" in r.text
    assert Card.get_by_id(other.cards.get().id).idm is None


def test_the_card_image_carries_a_qr_with_the_worker_id_and_a_check_value(app, client):
    w = f.site_with_worker()
    f.login(client, w["account"])
    client.post("/switch", data={"target": "worker"})
    png = client.get("/worker/card/front.png")
    assert png.status_code == 200
    image = Image.open(io.BytesIO(png.data)).convert("L")
    from documents.cardimage import QR_MARGIN, QR_MODULE_PX, SIZE

    payload = qr_payload(w["worker"].worker_id, keyring(app.config, "CARD_QR_KEYS"))
    matrix = segno.make(payload, error="m", micro=False).matrix
    size = len(matrix) * QR_MODULE_PX
    left, top = SIZE[0] - QR_MARGIN - size, SIZE[1] - QR_MARGIN - size
    read = [
        [image.getpixel((left + c * QR_MODULE_PX + 2, top + r * QR_MODULE_PX + 2)) < 128 for c in range(len(matrix))]
        for r in range(len(matrix))
    ]
    assert read == [[bool(v) for v in row] for row in matrix]
    assert card_from_qr(payload, keyring(app.config, "CARD_QR_KEYS")) == w["worker"].worker_id
    forged = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    assert card_from_qr(forged, keyring(app.config, "CARD_QR_KEYS")) is None


def test_a_qr_read_counts_like_a_card_and_a_forged_one_is_refused(app, client):
    w = f.site_with_worker()
    payload = qr_payload(w["worker"].worker_id, keyring(app.config, "CARD_QR_KEYS"))
    at = (now_jst() - dt.timedelta(hours=1)).isoformat()
    items = [
        {"event_id": "q1", "qr": payload, "direction": "in", "at": at, "method": "qr"},
        {"event_id": "q2", "qr": payload[:-2] + "ZZ", "direction": "in", "at": at, "method": "qr"},
    ]
    r = client.post("/api/v1/touches", json={"touches": items}, headers={"Authorization": f"Bearer {w['token']}"})
    assert [x["status"] for x in r.json["results"]] == ["created", "rejected"]
    assert r.json["results"][1]["error"]["code"] == "bad_card"
    assert WorkRecord.select().count() == 1
