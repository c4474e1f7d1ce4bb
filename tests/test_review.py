"""審査: the reviewer's queue, the application beside its attachments, deficiency returns, corrections
(補記), approval with the fee notice, and double clicks."""

import datetime as dt
import re

import pytest

from models import Application, Attachment, Company, Deficiency, Invoice, Qualification, Worker
from models.core import clock
from models.core.clock import utcnow
from models.registration.applications import ApplicationError
from tests import factories as f


def _as_reviewer(client):
    reviewer = f.reviewer()
    f.login(client, reviewer)
    return reviewer


def _submitted_days_ago(application, days):
    Application.update(submitted_at=utcnow() - dt.timedelta(days=days)).where(
        Application.id == application.id
    ).execute()


def _item(html, application):
    """The queue row of one application."""
    match = re.search(r'data-testid="queue-item-%d">(.*?)</li>' % application.id, html, re.S)
    assert match, f"application {application.id} not in the queue"
    return match.group(1)


# --- queue -----------------------------------------------------------------------------------


def test_queue_filters_by_type_status_and_age(client):
    old_company = f.submitted_company_application(name="古川建設株式会社")
    _submitted_days_ago(old_company, 10)
    new_worker = f.submitted_worker_application()
    _submitted_days_ago(new_worker, 2)
    returned = f.submitted_worker_application(family_name="返却", given_name="花子")
    returned.return_with(f.reviewer(), [("address", "住所が途中までです。")])
    _as_reviewer(client)

    everything = client.get("/reviewer/").text
    assert "古川建設株式会社" in everything and "鈴木 一郎" in everything and "返却 花子" not in everything
    assert "10日経過" in _item(everything, old_company) and "2日経過" in _item(everything, new_worker)
    assert "第1回" in _item(everything, new_worker)

    companies = client.get("/reviewer/?kind=company").text
    assert "古川建設株式会社" in companies and "鈴木 一郎" not in companies
    workers = client.get("/reviewer/?kind=worker").text
    assert "鈴木 一郎" in workers and "古川建設株式会社" not in workers
    older_than_a_week = client.get("/reviewer/?older_than=7").text
    assert "古川建設株式会社" in older_than_a_week and "鈴木 一郎" not in older_than_a_week
    assert "条件に合う申請はありません" in client.get("/reviewer/?older_than=14").text
    returned_page = client.get("/reviewer/?status=returned").text
    assert "返却 花子" in returned_page and "鈴木 一郎" not in returned_page


def test_queue_ignores_a_filter_value_it_does_not_offer(client):
    f.submitted_worker_application()
    _as_reviewer(client)
    r = client.get("/reviewer/?status=deleted&older_than=abc&kind=robot")
    assert r.status_code == 200 and "鈴木 一郎" in r.text and "選べる値から選んでください" in r.text


def test_queue_shows_the_round_of_a_resubmitted_application(client):
    application = f.submitted_worker_application()
    application.return_with(f.reviewer(), [("phone", "電話番号が違います。")])
    application.submit(application.applicant)
    _as_reviewer(client)
    assert "第2回" in _item(client.get("/reviewer/").text, application)


def test_queue_puts_a_one_person_operators_pair_together(client):
    account, company, worker = f.one_person(approved=False)
    pair = {a.kind: a for a in Application.of_applicant(account)}
    in_between = f.submitted_worker_application()
    # The worker half arrives after someone else's application; it is still listed beside its company.
    _submitted_days_ago(pair["company"], 3)
    _submitted_days_ago(in_between, 2)
    _submitted_days_ago(pair["worker"], 1)
    _as_reviewer(client)
    html = client.get("/reviewer/").text
    order = [int(i) for i in re.findall(r'data-testid="queue-item-(\d+)"', html)]
    assert order == [pair["company"].id, pair["worker"].id, in_between.id]
    assert "対になる技能者申請" in _item(html, pair["company"]) and "対になる事業者申請" in _item(html, pair["worker"])


# --- the application beside its attachments --------------------------------------------------


def _worker_with_documents():
    employer, _admin = f.company(name="所属建設株式会社")
    application = f.submitted_worker_application(
        employer=employer, gender="2", blood_type="AB", kentaikyo_number="012345678", chutaikyo=True
    )
    worker = application.worker
    qualification = Qualification.create(
        worker=worker,
        kind="ginoushi",
        name="型枠施工技能士2級",
        number="A-123",
        acquired_on=dt.date(2015, 3, 1),
        name_on_certificate="旧姓 一郎",
    )
    id_document = Attachment.store(f.png_data((800, 500)), "licence.png", "id_document", worker=worker)
    certificate = Attachment.store(f.PDF_DATA, "cert.pdf", "qualification", worker=worker, ref_id=qualification.id)
    return application, id_document, certificate


def test_application_page_shows_labelled_values_details_and_attachments_inline(client):
    application, id_document, certificate = _worker_with_documents()
    _as_reviewer(client)
    page = client.get(f"/reviewer/applications/{application.id}").text
    for text in (
        "本人情報",
        "セイ（フリガナ）",
        "スズキ",
        "女性",
        "AB型",
        "型枠工",
        "運転免許証",
        "012345678",
        "1990/05/06",
        "技能士 型枠施工技能士2級",
        "証明書上の氏名: 旧姓 一郎",
        "所属建設株式会社",
        "主たる所属",
    ):
        assert text in page, text
    assert f'<img src="/reviewer/attachments/{id_document.id}"' in page
    # The certificate sits beside its qualification, and the PDF is embedded in the document column.
    qualification_row = page[page.index("型枠施工技能士2級") :]
    assert f"/reviewer/attachments/{certificate.id}" in qualification_row[:600]
    assert f'<object data="/reviewer/attachments/{certificate.id}" type="application/pdf"' in page


def test_application_page_in_english_uses_the_english_labels(client):
    application = f.submitted_worker_application(gender="2")
    _as_reviewer(client)
    client.get("/lang/en")
    page = client.get(f"/reviewer/applications/{application.id}").text
    # The label is the form's now (one catalogue): "Family name (katakana reading)", no longer "(kana)".
    assert "Family name (katakana reading)" in page and "Female" in page and "Formwork carpenter" in page


def test_company_page_labels_codes_and_capital(client):
    application = f.submitted_company_application(
        capital=30_000_000,
        has_licence=True,
        licence_authority="13",
        licence_kind="special",
        licence_trades="05,12",
        health_insurance="enrolled",
    )
    _as_reviewer(client)
    page = client.get(f"/reviewer/applications/{application.id}").text
    for text in (
        "法人",
        "30,000,000円",
        "東京都知事",
        "特（特定建設業）",
        "とび・土工・コンクリート、鉄筋",
        "加入",
        "経理 三郎",
        "東京都渋谷区神宮前1-2-3",
        "48,000円",
    ):
        assert text in page, text


def test_attachments_are_served_to_reviewers_only(client, app):
    application, id_document, certificate = _worker_with_documents()
    reviewer_client = app.test_client()
    _as_reviewer(reviewer_client)
    r = reviewer_client.get(f"/reviewer/attachments/{id_document.id}")
    assert (
        r.status_code == 200
        and r.mimetype == "image/png"
        and r.data == bytes(Attachment.get_by_id(id_document.id).data)
    )
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert reviewer_client.get(f"/reviewer/attachments/{certificate.id}").mimetype == "application/pdf"
    assert reviewer_client.get("/reviewer/attachments/999999").status_code == 404
    # A draft is not under review: its files are not there for reviewers.
    draft = f.submitted_worker_application(submit=False)
    draft_file = Attachment.store(f.png_data(), "x.png", "face_photo", worker=draft.worker)
    assert reviewer_client.get(f"/reviewer/attachments/{draft_file.id}").status_code == 404

    f.login(client, application.applicant)  # even the owner does not use the reviewer's route
    assert client.get(f"/reviewer/attachments/{id_document.id}").status_code == 403
    other = app.test_client()
    _company, admin = f.company()
    f.login(other, admin)
    assert other.get(f"/reviewer/attachments/{id_document.id}").status_code == 403
    assert app.test_client().get(f"/reviewer/attachments/{id_document.id}").status_code == 302  # to login


def test_drafts_are_not_open_to_reviewers(client):
    draft = f.submitted_worker_application(submit=False)
    _as_reviewer(client)
    assert client.get(f"/reviewer/applications/{draft.id}").status_code == 404


# --- deficiency returns (不備) -----------------------------------------------------------------


def _return_data(application, picks):
    """Form data ticking `picks` {field: message} on the application's return form."""
    from models.registration.fields.sets import sections

    data = {}
    for key, _title, fields in sections(application.kind):
        for i, (name, _label) in enumerate(fields):
            if name in picks:
                data[f"check_{key}_{i}"] = "y"
                data[f"message_{key}_{i}"] = picks[name]
    return data


def test_return_with_a_message_per_field_mails_the_applicant_and_keeps_history(client, outbox):
    application = f.submitted_worker_application()
    reviewer = _as_reviewer(client)
    r = client.post(
        f"/reviewer/applications/{application.id}/return",
        data=_return_data(
            application, {"address": "住所が本人確認書類と違います。", "attachment:face_photo": "顔写真が不鮮明です。"}
        ),
    )
    assert r.status_code == 302
    application = Application.get_by_id(application.id)
    assert application.status == "returned" and application.reviewer_id == reviewer.id
    assert application.returned_fields() == {"address", "attachment:face_photo"}
    assert {d.message for d in application.open_deficiencies()} == {
        "住所が本人確認書類と違います。",
        "顔写真が不鮮明です。",
    }

    mail = outbox.last_to(application.applicant.email)
    assert "技能者情報申請内容不備のお知らせ" in mail["Subject"]
    body = mail.get_content()
    assert "■ 住所\n  住所が本人確認書類と違います。" in body and "■ 顔写真\n  顔写真が不鮮明です。" in body
    assert "http://localhost/apply/" in body and "第1回" in body

    page = client.get(f"/reviewer/applications/{application.id}").text
    assert "不備返却中" in page and "不備返却: 住所、顔写真" in page and "修正待ち" in page
    assert "承認してIDを発行する" not in page  # nothing to decide until the applicant resubmits


def test_company_return_mail_names_the_company_notice(client, outbox):
    application = f.submitted_company_application()
    _as_reviewer(client)
    client.post(
        f"/reviewer/applications/{application.id}/return",
        data=_return_data(application, {"officer_address": "番地まで入力してください。"}),
    )
    mail = outbox.last_to(application.applicant.email)
    assert "事業者情報申請内容不備のお知らせ" in mail["Subject"]
    assert "登録責任者住所" in mail.get_content() and "番地まで入力してください。" in mail.get_content()


def test_a_checked_field_needs_a_message_and_nothing_typed_is_lost(client, outbox):
    application = f.submitted_worker_application()
    _as_reviewer(client)
    data = _return_data(application, {"address": "住所が違います。", "phone": ""})
    r = client.post(f"/reviewer/applications/{application.id}/return", data=data)
    assert r.status_code == 400
    assert "不備の内容を入力してください。" in r.text and 'value="住所が違います。"' in r.text
    assert r.text.count("checked") >= 2
    assert Application.get_by_id(application.id).status == "submitted" and outbox.messages() == []


def test_returning_nothing_is_refused(client):
    application = f.submitted_worker_application()
    _as_reviewer(client)
    r = client.post(f"/reviewer/applications/{application.id}/return", data={})
    assert r.status_code == 400 and "不備のある項目にチェックを入れてください。" in r.text
    assert Deficiency.select().count() == 0


def test_returning_twice_sends_one_mail(client, outbox):
    application = f.submitted_worker_application()
    _as_reviewer(client)
    data = _return_data(application, {"phone": "電話番号がつながりません。"})
    client.post(f"/reviewer/applications/{application.id}/return", data=data)
    r = client.post(f"/reviewer/applications/{application.id}/return", data=data)
    assert r.status_code == 302
    assert Deficiency.select().count() == 1 and len(outbox.messages()) == 1


def test_resubmission_starts_the_next_round_and_resolves_the_deficiencies(client):
    application = f.submitted_worker_application()
    reviewer = _as_reviewer(client)
    application.return_with(reviewer, [("phone", "電話番号がつながりません。")])
    application.submit(application.applicant)
    application = Application.get_by_id(application.id)
    assert application.status == "submitted" and application.round == 2
    assert all(d.resolved_at is not None for d in application.all_deficiencies())
    application.return_with(reviewer, [("address", "番地がありません。")])

    page = client.get(f"/reviewer/applications/{application.id}").text
    history = page[page.index('id="history"') :]
    assert "第1回の不備" in history and "第2回の不備" in history
    first, second = history.split("第2回の不備")
    assert "電話番号がつながりません。" in first and "修正済み" in first
    assert "番地がありません。" in second and "修正待ち" in second
    for action in ("申請", "不備返却: 電話番号", "再申請", "不備返却: 住所"):
        assert action in history, action


# --- approval and the fee notice -------------------------------------------------------------


def test_approving_an_internet_worker_mails_the_id_and_the_fee_notice(client, outbox):
    application = f.submitted_worker_application(postal_code="160-0023", address="東京都新宿区西新宿2-8-1")
    _as_reviewer(client)
    r = client.post(f"/reviewer/applications/{application.id}/approve")
    assert r.status_code == 302
    worker = Worker.get_by_id(application.worker_id)
    invoice = Invoice.get(Invoice.application_ref == application.id)
    mails = [m for m in outbox.messages() if m["To"] == application.applicant.email]
    assert len(mails) == 2
    approval, fee = sorted(mails, key=lambda m: "システム登録料金額" in m["Subject"])
    assert "技能者登録が完了" in approval["Subject"] and worker.worker_id in approval.get_content()
    assert fee["Subject"] == "【CareerUp】システム登録料金額のご案内"  # the deployment's SERVICE_NAME (issue 21)
    assert fee["From"] == "CareerUp <no-reply@localhost>"  # our own sender, never the CCUS operator's
    body = fee.get_content()
    assert "金額: 2,500円" in body and invoice.amount == 2500
    assert f"払込番号: {invoice.reference}" in body
    assert "お支払期限: " + invoice.due_on.strftime("%Y/%m/%d") in body
    assert "カード送付先の住所" in body and "160-0023 東京都新宿区西新宿2-8-1" in body and "鈴木 一郎 様" in body
    assert f"http://localhost/apply/invoices/{invoice.id}" in body and worker.worker_id in body
    f.login(client, application.applicant)  # the link opens the payer's page with the amount
    assert "2,500" in client.get(f"/apply/invoices/{invoice.id}").text


def test_company_fee_notice_goes_by_capital_tier_to_the_registration_officer(client, outbox):
    application = f.submitted_company_application(capital=30_000_000)
    _as_reviewer(client)
    client.post(f"/reviewer/applications/{application.id}/approve")
    fee = [m for m in outbox.messages() if "システム登録料金額" in m["Subject"]]
    assert len(fee) == 1
    body = fee[0].get_content()
    assert "金額: 48,000円" in body and "登録責任者の住所" in body
    assert "150-0001 東京都渋谷区神宮前1-2-3" in body and "経理 三郎 様" in body
    assert Company.get_by_id(application.company_id).business_id in body


def test_small_company_pays_the_lowest_tier(client, outbox):
    application = f.submitted_company_application(capital=3_000_000)
    _as_reviewer(client)
    client.post(f"/reviewer/applications/{application.id}/approve")
    assert "金額: 6,000円" in [m for m in outbox.messages() if "システム登録料金額" in m["Subject"]][0].get_content()


def test_a_one_person_operators_company_gets_no_fee_notice(client, outbox):
    account, company, worker = f.one_person(approved=False)
    company_application = Application.get(kind="company")
    _as_reviewer(client)
    client.post(f"/reviewer/applications/{company_application.id}/approve")
    subjects = [m["Subject"] for m in outbox.messages()]
    assert any("事業者登録が完了" in s for s in subjects)
    assert not any("システム登録料金額" in s for s in subjects)
    assert company_application.invoice().paid and company_application.invoice().amount == 0


def test_approving_twice_is_harmless(client, outbox):
    application = f.submitted_worker_application()
    _as_reviewer(client)
    client.post(f"/reviewer/applications/{application.id}/approve")
    worker_id = Worker.get_by_id(application.worker_id).worker_id
    r = client.post(f"/reviewer/applications/{application.id}/approve")
    assert r.status_code == 302
    assert Worker.get_by_id(application.worker_id).worker_id == worker_id
    assert Invoice.select().where(Invoice.application_ref == application.id).count() == 1
    assert len(outbox.messages()) == 2
    # A stale copy (the second of two simultaneous clicks) is refused by the database, not only the view.
    stale = Application.get_by_id(application.id)
    stale.status = "submitted"
    try:
        stale.approve(f.reviewer(), clock.today())
        raise AssertionError("approved twice")
    except ApplicationError:
        pass
    assert Invoice.select().count() == 1


def test_a_returned_application_cannot_be_approved(client, outbox):
    application = f.submitted_worker_application()
    reviewer = _as_reviewer(client)
    application.return_with(reviewer, [("phone", "電話番号がつながりません。")])
    r = client.post(f"/reviewer/applications/{application.id}/approve", follow_redirects=True)
    assert "不備返却中の申請は承認できません" in r.text
    assert Application.get_by_id(application.id).status == "returned"
    assert Invoice.select().count() == 0 and Worker.get_by_id(application.worker_id).worker_id is None


@pytest.mark.parametrize("method", ["credit", "konbini"])
def test_the_fee_notice_matches_the_payment_method_chosen_on_submission(client, outbox, method):
    """Issue 21: by credit card the mail sends the payer to the card payment and mails no slip; by
    convenience store it tells where the slip goes."""
    application = f.submitted_worker_application(submit=False)
    application.submit(application.applicant, payment_method=method)
    _as_reviewer(client)
    client.post(f"/reviewer/applications/{application.id}/approve")
    body = next(m for m in outbox.messages() if "システム登録料金額" in m["Subject"]).get_content()
    by_card = "カードでのお支払いを完了してください（払込票は郵送しません）" in body
    assert by_card == (method == "credit")
    assert ("払込票はカード送付先の住所に郵送します" in body) == (method != "credit")
    assert "/apply/invoices/" in body
