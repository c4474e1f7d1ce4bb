"""Payment: the applicant picks a method and prints a real slip; staff record the payment; the card
waits for it; a receipt follows."""

import datetime as dt
import shutil

import pytest
from flask import render_template

from models import Application, Card, Invoice
from models.core.clock import today as business_day
from models.registration.settlement import settle
from tests import factories as f

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="apt-get install -y poppler-utils")


def japanese(day):
    return f"{day.year}年{day.month}月{day.day}日"


def approved_worker(**worker_fields):
    """A one-person operator whose applications are approved: the worker fee (2,500 yen) is open."""
    account, company, worker = f.one_person(approved=False)
    if worker_fields:
        type(worker).update(**worker_fields).where(type(worker).id == worker.id).execute()
    reviewer = f.reviewer()
    for application in Application.of_applicant(account):
        application.approve(reviewer, business_day())
    return account, worker, Application.get(applicant=account, kind="worker").invoice()


def logged_in(client, account):
    f.login(client, account)
    return client


def choose(client, invoice, method, **headers):
    return client.post(
        f"/apply/invoices/{invoice.id}/method",
        data={f"invoice{invoice.id}-method": method, f"invoice{invoice.id}-next": ""},
        headers=headers,
    )


@needs_pdftotext
def test_applicant_chooses_convenience_store_and_prints_a_real_slip(client, tmp_path):
    account, worker, invoice = approved_worker(postal_code="332-0012", address="埼玉県川口市本町4-1-8")
    logged_in(client, account)
    page = client.get(f"/apply/invoices/{invoice.id}")
    assert page.status_code == 200 and "2,500円" in page.text and invoice.reference_display in page.text
    assert "コンビニエンスストア" in page.text and "クレジットカード" in page.text
    r = choose(client, invoice, "konbini")
    assert r.status_code == 303
    assert Invoice.get_by_id(invoice.id).method == "konbini"
    slip = client.get(f"/apply/invoices/{invoice.id}/slip.pdf")
    assert slip.status_code == 200 and slip.mimetype == "application/pdf"
    text = f.pdf_text(slip.data, tmp_path)
    assert "払込票" in text and "技能者登録料" in text
    assert "2,500円" in text
    assert invoice.reference_display in text  # the reference number
    assert japanese(invoice.due_on) in text  # the due date, in Japanese
    assert "山田 太郎 様" in text  # the payer
    assert "332-0012 埼玉県川口市本町4-1-8" in text  # posted to the card-delivery address (Q1-4)
    assert "Loppi" in text and invoice.reference in text  # convenience-store instructions with the number


@needs_pdftotext
def test_credit_card_slip_says_how_to_pay_by_card(app, client, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "PAYMENT_PROVIDER", "offline")  # no online card gateway: paid at a counter
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    choose(client, invoice, "credit")
    text = f.pdf_text(client.get(f"/apply/invoices/{invoice.id}/slip.pdf").data, tmp_path)
    assert "クレジットカード" in text and "窓口" in text and "カード番号をお尋ねすることはありません" in text


@needs_pdftotext
def test_pay_easy_needs_the_operators_biller_number_and_prints_the_three_numbers(app, client, tmp_path):
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    # Without a 収納機関番号 Pay-easy cannot work: it is not offered and is refused.
    assert "Pay-easy" not in client.get(f"/apply/invoices/{invoice.id}").text
    r = choose(client, invoice, "payeasy")
    assert r.status_code == 400 and Invoice.get_by_id(invoice.id).method == ""
    app.config["PAYEASY_BILLER_NUMBER"] = "58091"
    try:
        assert "Pay-easy" in client.get(f"/apply/invoices/{invoice.id}").text
        assert choose(client, invoice, "payeasy").status_code == 303
        invoice = Invoice.get_by_id(invoice.id)
        assert len(invoice.confirmation) == 4 and invoice.confirmation.isdigit()
        text = f.pdf_text(client.get(f"/apply/invoices/{invoice.id}/slip.pdf").data, tmp_path)
    finally:
        del app.config["PAYEASY_BILLER_NUMBER"]
    assert "収納機関番号 58091" in text and f"お客様番号 {invoice.reference}" in text
    assert f"確認番号 {invoice.confirmation}" in text


def test_no_method_chosen_is_said_beside_the_field_and_htmx_gets_the_fragment(client):
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    r = client.post(f"/apply/invoices/{invoice.id}/method", data={}, headers={"HX-Request": "true"})
    assert r.status_code == 400 and "お支払い方法を選んでください。" in r.text and "<html" not in r.text
    r = choose(client, invoice, "konbini", **{"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text
    assert f'id="invoice-{invoice.id}"' in r.text and "払込票を印刷する" in r.text


def test_slip_waits_for_a_method_and_receipt_waits_for_payment(client):
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    r = client.get(f"/apply/invoices/{invoice.id}/slip.pdf")
    assert r.status_code == 302
    assert "お支払い方法を選んだ後に印刷できます" in client.get(r.headers["Location"]).text
    r = client.get(f"/apply/invoices/{invoice.id}/receipt.pdf")
    assert r.status_code == 302
    assert "入金を確認した後に発行します" in client.get(r.headers["Location"]).text


def test_the_portal_block_shows_the_payment_of_an_approved_application(app):
    account, _worker, invoice = approved_worker()
    worker_application = Application.get(applicant=account, kind="worker")
    company_application = Application.get(applicant=account, kind="company")
    with app.test_request_context("/apply/"):
        block = render_template("apply/partials/_payment.html", a=worker_application)
        assert "2,500円" in block and invoice.reference_display in block and "この方法で支払う" in block
        # A one-person operator's company fee is 0 yen and settled at once: nothing to pay.
        assert render_template("apply/partials/_payment.html", a=company_application).strip() == ""


@needs_pdftotext
def test_card_waits_for_the_payment_staff_record_and_a_receipt_follows(client, tmp_path):
    account, worker, invoice = approved_worker()
    logged_in(client, account)
    choose(client, invoice, "konbini")
    assert Card.current_for(worker) is None  # no card before payment
    client.post("/logout")
    staff = f.reviewer()
    logged_in(client, staff)
    listing = client.get("/reviewer/invoices")
    assert invoice.reference_display in listing.text and "山田 太郎" in listing.text
    paid_on = business_day()
    r = client.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": paid_on.isoformat()})
    assert r.status_code == 303
    invoice = Invoice.get_by_id(invoice.id)
    assert invoice.paid and invoice.paid_on == paid_on and invoice.recorded_by_id == staff.id
    assert invoice.receipt_number == f"{paid_on.year}-000001"
    card = Card.current_for(worker)
    assert card is not None and card.level == 1
    # Recording it again changes nothing: one card, the same receipt.
    r = client.post(
        f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": paid_on.isoformat()}, follow_redirects=True
    )
    assert "既に記録されています" in r.text
    assert Card.select().where(Card.worker == worker).count() == 1
    assert Invoice.get_by_id(invoice.id).receipt_number == f"{paid_on.year}-000001"
    assert invoice.reference_display not in client.get("/reviewer/invoices").text  # no longer open
    client.post("/logout")
    logged_in(client, account)
    page = client.get(f"/apply/invoices/{invoice.id}")
    assert "入金済み" in page.text and "領収書" in page.text
    receipt = client.get(f"/apply/invoices/{invoice.id}/receipt.pdf")
    text = f.pdf_text(receipt.data, tmp_path)
    assert "領収書" in text and invoice.receipt_number in text
    assert "2,500円" in text and japanese(paid_on) in text and "山田 太郎 様" in text
    assert "技能者登録料" in text
    # an 適格請求書: the issuer and its 登録番号 from configuration, the tax rate and the tax per line
    assert "発行者" in text and "CareerUp" in text and "10%" in text and "227円" in text  # 2,500 × 10/110


def test_the_receipt_carries_the_configured_issuer_and_registration_number(app, client, tmp_path):
    app.config.update(ISSUER_NAME="一般財団法人 例示建設振興基金", ISSUER_ADDRESS="東京都港区1-1-1",
                      INVOICE_REGISTRATION_NUMBER="T1234567890123")  # fmt: skip
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    choose(client, invoice, "konbini")
    client.post("/logout")
    logged_in(client, f.reviewer())
    client.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": business_day().isoformat()})
    client.post("/logout")
    logged_in(client, account)
    text = f.pdf_text(client.get(f"/apply/invoices/{invoice.id}/receipt.pdf").data, tmp_path)
    assert "一般財団法人 例示建設振興基金" in text and "東京都港区1-1-1" in text and "T1234567890123" in text
    assert "10%対象 合計" in text and "2,500円" in text and "227円" in text


def test_a_malformed_registration_number_is_refused_at_start():
    import pytest

    from config import Config

    with pytest.raises(RuntimeError, match="INVOICE_REGISTRATION_NUMBER"):
        Config.load({"INVOICE_REGISTRATION_NUMBER": "1234567890123"})
    assert (
        Config.load({"INVOICE_REGISTRATION_NUMBER": " t1234567890123 "})["INVOICE_REGISTRATION_NUMBER"]
        == "T1234567890123"
    )


def test_settle_is_idempotent_and_receipts_are_numbered_per_year(app):
    _a, _w, first = approved_worker()
    _a2, _w2, second = approved_worker()
    day = dt.date(2026, 12, 1)
    assert settle(first, None, day) is True
    assert settle(Invoice.get_by_id(first.id), None, day) is False
    assert settle(second, None, day) is True
    assert [Invoice.get_by_id(i.id).receipt_number for i in (first, second)] == ["2026-000001", "2026-000002"]
    third = Invoice.open_for("card_reissue", first.payer, 1_000, day)
    settle(third, None, dt.date(2027, 1, 5))
    assert Invoice.get_by_id(third.id).receipt_number == "2027-000001"


def test_staff_find_an_invoice_by_reference_typed_any_way(client):
    _account, _worker, invoice = approved_worker()
    _other_account, _other, other = approved_worker()
    logged_in(client, f.reviewer())
    typed = invoice.reference_display.translate(str.maketrans("0123456789-", "０１２３４５６７８９ー"))
    r = client.get("/reviewer/invoices", query_string={"q": typed})
    assert invoice.reference_display in r.text and other.reference_display not in r.text
    r = client.get("/reviewer/invoices", query_string={"q": invoice.reference[:6]})
    assert invoice.reference_display in r.text
    wrong = invoice.reference[:-1] + str((int(invoice.reference[-1]) + 1) % 10)
    r = client.get("/reviewer/invoices", query_string={"q": wrong})
    assert "確認用の数字が合いません" in r.text and 'value="%s"' % wrong in r.text
    assert "数字で入力してください" in client.get("/reviewer/invoices", query_string={"q": "山田"}).text


def test_staff_cannot_record_a_payment_in_the_future(client):
    _account, worker, invoice = approved_worker()
    logged_in(client, f.reviewer())
    future = (business_day() + dt.timedelta(days=2)).isoformat()
    r = client.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": future})
    assert r.status_code == 400 and "未来の日付" in r.text and future in r.text
    r = client.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": "2026-13-40"})
    assert r.status_code == 400 and "入金日を正しく入力してください" in r.text
    assert not Invoice.get_by_id(invoice.id).paid and Card.current_for(worker) is None


@needs_pdftotext
def test_company_slip_goes_to_the_registration_officer(client, tmp_path):
    application = f.submitted_company_application(capital=12_000_000)
    invoice = application.approve(f.reviewer(), business_day())
    assert invoice.amount == 24_000
    logged_in(client, application.applicant)
    choose(client, invoice, "konbini")
    text = f.pdf_text(client.get(f"/apply/invoices/{invoice.id}/slip.pdf").data, tmp_path)
    assert "事業者登録料" in text and "24,000円" in text
    assert "経理 三郎 様" in text and "東京都渋谷区神宮前1-2-3" in text


def test_only_the_payer_sees_an_invoice(client):
    _account, _worker, invoice = approved_worker()
    logged_in(client, f.account())
    for path in ("", "/slip.pdf", "/receipt.pdf"):
        assert client.get(f"/apply/invoices/{invoice.id}{path}").status_code == 404
    assert choose(client, invoice, "konbini").status_code == 404
    assert client.get("/reviewer/invoices").status_code == 403


def test_a_slip_chosen_after_the_due_date_gets_a_new_due_date(client):
    account, _worker, invoice = approved_worker()
    logged_in(client, account)
    choose(client, invoice, "konbini")
    Invoice.update(due_on=business_day() - dt.timedelta(days=1)).where(Invoice.id == invoice.id).execute()
    assert "お支払期限を過ぎています" in client.get(f"/apply/invoices/{invoice.id}").text
    r = client.get(f"/apply/invoices/{invoice.id}/slip.pdf", follow_redirects=True)
    assert r.mimetype == "text/html" and "選び直すと、新しい払込票" in r.text
    choose(client, invoice, "konbini")
    invoice = Invoice.get_by_id(invoice.id)
    assert invoice.due_on == business_day() + dt.timedelta(days=30) and invoice.amount == 2_500
