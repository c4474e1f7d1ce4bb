"""Cards: the worker's card record and printable front, the print-and-post queue, reissue exactly as
Q1-8 and the gold-card change (Q1-15), with payment before the card is made."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from PIL import Image

from models import Card, CardRequest, Invoice, Worker
from models.billing.payments import PaymentError
from models.cards.cards import CardRequestError
from models.core.clock import today as business_day
from models.registration.settlement import settle
from tests import factories as f

needs_poppler = pytest.mark.skipif(not shutil.which("pdfimages"), reason="apt-get install -y poppler-utils")


def as_worker(client, account):
    f.login(client, account)
    client.post("/switch", data={"target": "worker"})
    return client


def as_staff(client):
    client.post("/logout")
    f.login(client, f.reviewer())
    return client


def touch(client, w, card, event_id):
    payload = {
        "touches": [
            {
                "event_id": event_id,
                "site_id": w["site"].site_id,
                "card": card.idm,
                "direction": "in",
                "at": f"{f.days_ago(1)}T08:00:00+09:00",
            }
        ]
    }
    r = client.post("/api/v1/touches", json=payload, headers={"Authorization": f"Bearer {w['token']}"})
    return r.json["results"][0]


def advance(client, request, to):
    return client.post(f"/reviewer/card-requests/{request.id}/advance", data={"to": to}, follow_redirects=True)


def status(request):
    return CardRequest.get_by_id(request.id).status


# --- the card record and its printable front ------------------------------------------------


def test_worker_sees_level_colour_validity_and_mailing_status(client, outbox):
    account, _company, worker = f.one_person()
    card = Card.current_for(worker)
    as_worker(client, account)
    page = client.get("/worker/card")
    assert page.status_code == 200
    assert "レベル1 ホワイト" in page.text
    assert f"{card.valid_until.year}年{card.valid_until.month}月{card.valid_until.day}日" in page.text
    assert "郵送の準備中" in page.text
    as_staff(client)
    queue = client.get("/reviewer/cards")
    assert worker.full_name in queue.text and "埼玉県川口市1-1" in queue.text  # posted to the worker's address
    r = client.post(f"/reviewer/cards/{card.id}/mailed")
    assert r.status_code == 303
    assert Card.get_by_id(card.id).status == "mailed" and Card.get_by_id(card.id).mailed_on == business_day()
    assert "郵送しました" in outbox.last_to(account.email)["Subject"]
    assert 'data-testid="card-to-mail"' not in client.get("/reviewer/cards").text
    again = client.post(f"/reviewer/cards/{card.id}/mailed", follow_redirects=True)
    assert "既に郵送済み" in again.text
    client.post("/logout")
    as_worker(client, account)
    assert "郵送済み" in client.get("/worker/card").text


def _png(client):
    r = client.get("/worker/card/front.png")
    assert r.status_code == 200 and r.mimetype == "image/png"
    assert r.data.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(r.data))


def test_card_front_is_a_real_png_of_the_card_shape_in_the_level_colour(client):
    account, _company, worker = f.one_person()
    as_worker(client, account)
    image = _png(client)
    image.load()
    assert image.format == "PNG"
    width, height = image.size
    assert abs(width / height - 85.6 / 54) < 0.01
    assert round(image.info["dpi"][0]) == 300 and round(width / 300 * 25.4, 1) == 85.6  # real size at 300 dpi
    white = image.convert("RGB").getpixel((width - 80, 200))  # clear of the QR in the lower right
    assert min(white) > 220  # level 1: white
    Card.update(level=4).where(Card.worker == worker).execute()
    gold = _png(client).convert("RGB").getpixel((width - 80, 200))  # clear of the QR in the lower right
    assert gold[0] > gold[1] > gold[2] + 60  # level 4: gold


def test_card_front_prints_the_alias_only_when_chosen(client):
    account, _company, worker = f.one_person(approved=False)
    Worker.update(alias_name="鈴木", print_alias=True).where(Worker.id == worker.id).execute()
    for application in worker.applications:
        f.pay(application.approve(f.reviewer(), business_day()))
    card = Card.current_for(worker)
    assert card.print_alias == "鈴木"
    as_worker(client, account)
    with_alias = _png(client).tobytes()
    Card.update(print_alias="").where(Card.id == card.id).execute()
    assert _png(client).tobytes() != with_alias


@needs_poppler
def test_card_pdf_is_a4_with_the_card_at_real_size(client, tmp_path):
    account, _company, worker = f.one_person()
    as_worker(client, account)
    r = client.get("/worker/card/card.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    path = tmp_path / "card.pdf"
    path.write_bytes(r.data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout.splitlines()
    width, height, x_ppi, y_ppi = (images[2].split()[i] for i in (3, 4, 12, 13))
    assert (width, height) == ("1011", "638")
    assert round(1011 / int(x_ppi) * 25.4, 1) == 85.6 and round(638 / int(y_ppi) * 25.4, 1) == 54.0
    assert worker.worker_id in f.pdf_text(r.data, tmp_path)


def test_no_card_before_payment_means_no_image(client):
    account, _company, worker = f.one_person(approved=False)
    for application in worker.applications:
        application.approve(f.reviewer(), business_day())
    as_worker(client, account)
    assert "お支払いを確認した後に発行" in client.get("/worker/card").text
    assert client.get("/worker/card/front.png").status_code == 404
    assert client.get("/worker/card/card.pdf").status_code == 404


# --- reissue (Q1-8) ---------------------------------------------------------------------------


@needs_poppler
def test_reissue_runs_the_q1_8_steps_in_order_and_the_old_card_stops_working(client, outbox, tmp_path):
    w = f.site_with_worker()
    old = w["card"]
    assert touch(client, w, old, "before")["status"] == "created"
    as_worker(client, w["account"])
    r = client.post("/worker/card/reissue", data={"reason": "damaged", "detail": "ひびが入った"})
    assert r.status_code == 303
    request = CardRequest.get()
    assert (request.kind, request.reason, request.status) == ("reissue", "damaged", "requested")
    assert touch(client, w, old, "damaged-still-works")["status"] == "created"  # damaged: works until replaced

    as_staff(client)
    assert w["worker"].full_name in client.get("/reviewer/card-requests").text
    # Out of order is refused: no processing before the identity check, no card before payment.
    assert "既に次の段階" in advance(client, request, "processing").text and status(request) == "requested"
    assert "入金" in advance(client, request, "made").text and status(request) == "requested"
    advance(client, request, "identity_checked")  # ① 本人確認
    assert "既に次の段階" in advance(client, request, "identity_checked").text  # a double click moves nothing
    advance(client, request, "processing")  # ② 再発行の処理
    advance(client, request, "awaiting_payment")  # ③ the applicant pays
    invoice = CardRequest.get_by_id(request.id).invoice()
    assert (invoice.purpose, invoice.amount, invoice.payer_id) == ("card_reissue", 1_000, w["account"].id)
    fee_mail = outbox.last_to(w["account"].email)
    assert "お支払いのご案内" in fee_mail["Subject"] and invoice.reference in fee_mail.get_content()
    assert "入金" in advance(client, request, "made").text  # refused until the invoice is paid
    assert status(request) == "awaiting_payment" and Card.select().count() == 1

    client.post("/logout")
    as_worker(client, w["account"])
    page = client.get("/worker/card")
    assert "お支払い待ち" in page.text and "1,000円" in page.text and invoice.reference_display in page.text
    client.post(f"/apply/invoices/{invoice.id}/method", data={f"invoice{invoice.id}-method": "konbini"})
    text = f.pdf_text(client.get(f"/apply/invoices/{invoice.id}/slip.pdf").data, tmp_path)
    assert "カード再発行手数料" in text and "1,000円" in text and invoice.reference_display in text

    as_staff(client)
    client.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": business_day().isoformat()})
    advance(client, request, "made")  # ④ card made
    request = CardRequest.get_by_id(request.id)
    new = request.card
    assert request.status == "made" and new.id != old.id
    assert (new.level, new.valid_until) == (old.level, old.valid_until)  # the validity does not restart
    assert Card.get_by_id(old.id).status == "replaced"
    advance(client, request, "mailed")  # ④ mailed
    assert status(request) == "mailed" and Card.get_by_id(new.id).status == "mailed"
    assert "郵送しました" in outbox.last_to(w["account"].email)["Subject"]

    refused = touch(client, w, old, "old-after-reissue")
    assert refused["status"] == "rejected" and refused["error"]["code"] == "unknown_card"
    Card.get_by_id(new.id).enrol_serial(f.serial())  # staff enrol the new physical card's serial
    assert touch(client, w, Card.get_by_id(new.id), "new-card")["status"] == "created"


def test_a_card_reported_lost_stops_at_once(client):
    w = f.site_with_worker()
    as_worker(client, w["account"])
    client.post("/worker/card/reissue", data={"reason": "lost"})
    assert Card.get_by_id(w["card"].id).status == "lost"
    assert touch(client, w, w["card"], "found-by-someone")["error"]["code"] == "unknown_card"
    page = client.get("/worker/card")
    assert "紛失の届出により使用停止" in page.text and "申請受付" in page.text


def test_reissue_steps_in_the_model(app):
    account, _company, worker = f.one_person()
    request = CardRequest.file(worker, "reissue", "rewrite", "", business_day())
    staff = f.reviewer()
    for wrong in ("processing", "awaiting_payment", "made", "mailed", "approved", "nonsense"):
        with pytest.raises(CardRequestError):
            request.advance(wrong, staff, business_day())
    for step in ("identity_checked", "processing", "awaiting_payment"):
        request.advance(step, staff, business_day())
    with pytest.raises(CardRequestError) as refused:
        request.advance("made", staff, business_day())
    assert refused.value.code == "unpaid"
    settle(request.invoice(), staff, business_day())
    request.advance("made", staff, business_day())
    request.advance("mailed", staff, business_day())
    with pytest.raises(CardRequestError):
        request.advance("mailed", staff, business_day())
    assert [e.status for e in request.events()] == [
        "requested",
        "identity_checked",
        "processing",
        "awaiting_payment",
        "made",
        "mailed",
    ]


def test_worker_cannot_file_a_second_reissue_while_one_is_open(client):
    account, _company, worker = f.one_person()
    as_worker(client, account)
    client.post("/worker/card/reissue", data={"reason": "damaged"})
    r = client.post("/worker/card/reissue", data={"reason": "lost", "detail": "現場で落とした"})
    assert r.status_code == 400 and "手続き中の申請があります" in r.text
    assert CardRequest.select().count() == 1 and Card.current_for(worker).status == "issued"
    r = client.post("/worker/card/reissue", data={"detail": "理由なし"})
    assert r.status_code == 400


def test_reissue_form_without_a_reason_keeps_what_was_typed(client):
    account, _company, _worker = f.one_person()
    as_worker(client, account)
    r = client.post("/worker/card/reissue", data={"detail": "財布ごと落とした"})
    assert r.status_code == 400 and "再発行の理由を選んでください。" in r.text and "財布ごと落とした" in r.text
    assert CardRequest.select().count() == 0


def test_staff_reject_a_request_with_a_reason_the_worker_reads(client, outbox):
    account, _company, worker = f.one_person()
    as_worker(client, account)
    client.post("/worker/card/reissue", data={"reason": "rewrite"})
    request = CardRequest.get()
    as_staff(client)
    r = client.post(f"/reviewer/card-requests/{request.id}/reject", data={"note": ""})
    assert r.status_code == 400 and "入力してください。" in r.text and status(request) == "requested"
    client.post(f"/reviewer/card-requests/{request.id}/reject", data={"note": "本人確認ができませんでした。"})
    assert status(request) == "rejected"
    assert "本人確認ができませんでした。" in outbox.last_to(account.email).get_content()
    client.post("/logout")
    as_worker(client, account)
    page = client.get("/worker/card")
    assert "却下" in page.text and "本人確認ができませんでした。" in page.text


def test_rejecting_after_billing_cancels_the_invoice(app):
    account, _company, worker = f.one_person()
    staff = f.reviewer()
    request = CardRequest.file(worker, "gold", "kikan", "登録型枠基幹技能者 第1号", business_day())
    request.advance("approved", staff, business_day())
    request.advance("awaiting_payment", staff, business_day())
    request.reject(staff, "証明書の名義が違います。")
    assert Invoice.get(card_request_ref=request.id).status == "cancelled"
    with pytest.raises(PaymentError):
        settle(Invoice.get(card_request_ref=request.id), staff, business_day())


def test_a_paid_request_can_no_longer_be_rejected(app):
    account, _company, worker = f.one_person()
    staff = f.reviewer()
    request = CardRequest.file(worker, "reissue", "damaged", "", business_day())
    for step in ("identity_checked", "processing", "awaiting_payment"):
        request.advance(step, staff, business_day())
    settle(request.invoice(), staff, business_day())
    with pytest.raises(CardRequestError) as refused:
        request.reject(staff, "やっぱり不要")
    assert refused.value.code == "paid" and status(request) == "awaiting_payment"


# --- gold card (Q1-15) ------------------------------------------------------------------------


def test_gold_card_request_approved_paid_made_and_mailed(client, outbox):
    account, _company, worker = f.one_person()
    old = Card.current_for(worker)
    as_worker(client, account)
    assert "ゴールドカードへの変更を申し込む" in client.get("/worker/card").text
    r = client.post("/worker/card/gold", data={"reason": "kikan", "detail": ""})
    assert r.status_code == 400 and "資格の名称と番号を入力してください。" in r.text
    r = client.post("/worker/card/gold", data={"reason": "kikan", "detail": "登録型枠基幹技能者 第12345号"})
    assert r.status_code == 303
    request = CardRequest.get(kind="gold")
    as_staff(client)
    listing = client.get("/reviewer/card-requests")
    assert "登録基幹技能者" in listing.text and "第12345号" in listing.text
    assert "入金" in advance(client, request, "made").text and status(request) == "requested"
    advance(client, request, "approved")
    advance(client, request, "awaiting_payment")
    invoice = CardRequest.get_by_id(request.id).invoice()
    assert (invoice.purpose, invoice.amount) == ("gold_card", 1_000)
    assert "入金" in advance(client, request, "made").text and status(request) == "awaiting_payment"
    client.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": business_day().isoformat()})
    advance(client, request, "made")
    gold = CardRequest.get_by_id(request.id).card
    assert (gold.level, gold.colour, gold.valid_until) == (4, "gold", old.valid_until)
    assert Card.get_by_id(old.id).status == "replaced"
    # Mailing it from the print-and-post queue finishes the request too.
    assert worker.full_name in client.get("/reviewer/cards").text
    client.post(f"/reviewer/cards/{gold.id}/mailed")
    assert status(request) == "mailed" and Card.get_by_id(gold.id).status == "mailed"
    client.post("/logout")
    as_worker(client, account)
    page = client.get("/worker/card")
    assert "レベル4 ゴールド" in page.text and "ゴールドカードへの変更を申し込む" not in page.text
    r = client.post("/worker/card/gold", data={"reason": "level4", "detail": "レベル4判定"})
    assert r.status_code == 400 and "既にゴールド" in r.text


def test_card_routes_are_for_the_worker_and_staff_only(client):
    account, _company, worker = f.one_person()
    card = Card.current_for(worker)
    request = CardRequest.file(worker, "reissue", "damaged", "", business_day())
    outsider = f.account()
    f.login(client, outsider)
    assert client.get("/worker/card").status_code == 403
    assert client.get("/reviewer/cards").status_code == 403
    assert client.post(f"/reviewer/cards/{card.id}/mailed").status_code == 403
    r = client.post(f"/reviewer/card-requests/{request.id}/advance", data={"to": "identity_checked"})
    assert r.status_code == 403
    assert status(request) == "requested" and Card.get_by_id(card.id).status == "issued"


def test_first_registration_year_is_kept_on_a_reissued_card(app):
    account, _company, worker = f.one_person()
    first = Card.current_for(worker)
    Card.update(issued_on=dt.date(2019, 6, 1)).where(Card.id == first.id).execute()
    replacement = Card.issue(worker, dt.date(2026, 11, 25), valid_until=first.valid_until)
    assert replacement.first_registration_year == 2019
