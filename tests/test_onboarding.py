"""Issue 11: the one-person operator's linear steps (models/registration/one_person.py), the agreement to the texts
recorded on the combined submit, the company's 商号フリガナ under the no-kana rule, and sign-up's
carrying of the name and the chosen application into the first step."""

import datetime as dt
import io

from models import Account, Application, Company, Consent
from models.core.clock import utcnow
from models.registration.completeness import company_missing_fields
from models.registration.consents import VERSIONS
from tests import factories as f
from tests.test_journey import APPLY_FORM

WORK = {"main_trade": "0201", "health_insurance": "enrolled", "pension": "enrolled", "employment_insurance": "exempt"}
WORK.update({f"company-{k}": "exempt" for k in ("health_insurance", "pension", "employment_insurance")})
AGREED = f.SUBMIT  # the agreement to the texts and the fee's method, on the review


def _documents(app_id):
    return {
        "id_document": "driving_licence",
        "id_image": (io.BytesIO(f.png_data()), "licence.png"),
        "face_photo": (io.BytesIO(f.png_data()), "face.png"),
        "company-has_licence": "no",
        "company-alt_document": "income_tax_return",
        "company-alt_document_date": (dt.date.today() - dt.timedelta(days=30)).isoformat(),
        "company-business_proof": (io.BytesIO(f.PDF_DATA), "tax-return.pdf"),
    }


def _fill(client, form=APPLY_FORM):
    r = client.post("/apply/one-person", data=form)
    assert r.status_code == 302, r.text
    app_id = Application.get(Application.kind == "worker").id
    assert r.headers["Location"].endswith(f"/apply/one-person/{app_id}/work")
    r = client.post(f"/apply/one-person/{app_id}/work", data=WORK)
    assert r.headers["Location"].endswith(f"/apply/one-person/{app_id}/documents"), r.text
    r = client.post(
        f"/apply/one-person/{app_id}/documents", data=_documents(app_id), content_type="multipart/form-data"
    )
    assert r.headers["Location"].endswith(f"/apply/one-person/{app_id}/review"), r.text
    return app_id


def test_the_company_half_is_the_workers_own_details_asked_once(client):
    f.login(client, f.account(email="taro@example.jp", name="山田 太郎"))
    app_id = _fill(client)
    company = Application.get_by_id(app_id).partner.company
    assert (company.name, company.name_kana, company.representative_name) == ("山田 太郎", "ヤマダ タロウ", "山田 太郎")
    assert (company.officer_name, company.officer_address, company.officer_phone) == (
        "山田 太郎",
        APPLY_FORM["address"],
        APPLY_FORM["phone"],
    )
    assert company.officer_email == "taro@example.jp" and company.employee_count == 0
    assert company_missing_fields(Application.get_by_id(app_id).partner) == {}
    review = client.get(f"/apply/one-person/{app_id}/review").text
    for shown in ("登録責任者氏名", "ヤマダ タロウ", "tax-return.pdf", "事業者と技能者をまとめて申請する"):
        assert shown in review


def test_insurance_starts_from_the_likely_answers_of_a_business_without_employees(client):
    f.login(client, f.account())
    client.post("/apply/one-person", data=APPLY_FORM)
    app_id = Application.get(Application.kind == "worker").id
    page = client.get(f"/apply/one-person/{app_id}/work").text
    assert "従業員のいない一人親方によくある回答" in page
    for name in ("company-health_insurance", "company-pension", "company-employment_insurance"):
        assert f'checked id="{name}-2" name="{name}" type="radio" value="exempt"' in page
    assert '<option selected value="exempt">' in page  # the worker's 雇用保険


def test_the_pair_is_submitted_only_with_the_agreement_which_is_recorded(client):
    account = f.account()
    f.login(client, account)
    app_id = _fill(client)
    r = client.post(f"/apply/one-person/{app_id}/submit", data={"privacy": "y"})
    assert r.headers["Location"].endswith(f"/apply/one-person/{app_id}/review?consent=missing&privacy=y#consent")
    page = client.get(r.headers["Location"]).text
    assert "両方に同意してください" in page and '<input checked id="privacy"' in page  # the tick is kept
    assert Consent.select().count() == 0 and Application.get_by_id(app_id).status == "draft"
    before = utcnow()
    r = client.post(f"/apply/one-person/{app_id}/submit", data=AGREED)
    assert r.headers["Location"].endswith("/apply/")
    pair = list(Application.of_applicant(account))
    assert {a.status for a in pair} == {"submitted"}
    rows = {(c.application_id, c.document, c.version, c.account_id) for c in Consent.select()}
    assert rows == {(a.id, d, VERSIONS[d], account.id) for a in pair for d in ("privacy", "terms")}
    assert all(c.agreed_at >= before for c in Consent.select())
    # Sent: the steps no longer open, the portal shows the pair without offering to start again.
    assert client.get(f"/apply/one-person/{app_id}/work").headers["Location"].endswith("/apply/")
    portal = client.get("/apply/").text
    assert portal.count("審査中") == 2 and "一人親方として申請する" not in portal


def test_the_old_overview_submit_leads_a_pair_to_the_combined_review(client):
    f.login(client, f.account())
    app_id = _fill(client)
    r = client.post(f"/apply/worker/{app_id}/submit")
    assert r.headers["Location"].endswith(f"/apply/one-person/{app_id}/review")
    assert Application.get_by_id(app_id).status == "draft"


def test_foreign_operator_without_kana_needs_no_company_kana(client):
    f.login(client, f.account())
    foreign = {**APPLY_FORM, "family_name": "NGUYEN", "given_name": "VAN AN", "family_kana": "", "given_kana": ""}
    resident = {"residence_status": "permanent", "residence_card_number": "AB12345678CD"}  # 永住者: no 満了日
    app_id = _fill(client, {**foreign, **resident, "nationality": "ベトナム", "no_kana_on_document": "y"})
    partner = Application.get_by_id(app_id).partner
    assert partner.company.name_kana == "" and company_missing_fields(partner) == {}
    assert client.post(f"/apply/one-person/{app_id}/submit", data=AGREED).headers["Location"].endswith("/apply/")


def test_company_kana_is_still_required_of_others():
    company, _admin = f.company(name="川口型枠株式会社", approved=False)
    Company.update(name_kana="").where(Company.id == company.id).execute()
    application = Application.create(kind="company", applicant=_admin, company=Company.get_by_id(company.id))
    assert "name_kana" in company_missing_fields(application).get("basic", [])


def test_a_trade_name_needs_its_reading(client):
    f.login(client, f.account())
    r = client.post("/apply/one-person", data={**APPLY_FORM, "trade_name": "山田工業"})
    assert r.status_code == 400 and "屋号のフリガナを入力してください。" in r.text and 'value="山田工業"' in r.text
    r = client.post(
        "/apply/one-person", data={**APPLY_FORM, "trade_name": "山田工業", "trade_name_kana": "やまだこうぎょう"}
    )
    assert r.status_code == 302 and Company.get().name_kana == "ヤマダコウギョウ"


def test_signup_carries_the_name_and_the_chosen_application(client, outbox):
    data = {"display_name": "山田　太郎", "email": "taro@example.jp", "password": "long-password-1"}
    r = client.post("/signup", data={**data, "password2": data["password"], "intent": "one-person"})
    assert r.status_code == 200 and "確認メールをもう一度送る" in r.text
    body = outbox.last_to("taro@example.jp").get_content()
    link = body[body.index("/confirm/") :].split()[0]
    assert link.endswith("?for=one-person")
    r = client.get(link)
    assert r.headers["Location"].endswith("/apply/one-person")
    page = client.get("/apply/one-person").text
    assert 'value="山田"' in page and 'value="太郎"' in page


def test_the_mail_sent_page_resends_and_corrects_only_its_own_new_account(client, outbox):
    owner = f.account(email="owner@example.jp")
    data = {"display_name": "山田 太郎", "email": "yamada@exmaple.jp", "password": "long-password-1"}
    client.post("/signup", data={**data, "password2": data["password"]})
    assert client.get("/signup/sent").status_code == 200
    r = client.post("/signup/correct", data={"email": "owner@example.jp"})  # taken: the owner is told, nothing moves
    assert r.status_code == 302 and Account.by_email("yamada@exmaple.jp") is not None
    assert "新規登録がありました" in outbox.last_to("owner@example.jp")["Subject"]
    assert Account.get_by_id(owner.id).email == "owner@example.jp"
    client.post("/signup/correct", data={"email": "yamada@example.jp"})
    assert Account.by_email("yamada@exmaple.jp") is None and not Account.by_email("yamada@example.jp").confirmed
    client.post("/signup/resend")
    assert [m["To"] for m in outbox.messages()].count("yamada@example.jp") == 2
    r = client.post("/signup/correct", data={"email": "not-an-address"})
    assert r.status_code == 400 and "メールアドレスの形式" in r.text


def test_the_signup_page_states_the_password_rule_before_the_first_try(client):
    assert "10文字以上、128文字以内で入力してください。" in client.get("/signup").text


def test_sent_applications_are_shown_read_only_and_not_offered_again(client):
    account = f.account()
    f.login(client, account)
    app_id = _fill(client)
    client.post(f"/apply/one-person/{app_id}/submit", data=AGREED)
    portal = client.get("/apply/").text
    assert portal.count("申請内容を見る") == 2
    for offer in ("一人親方として申請する", "技能者として申請する", "事業者として申請する", "入力を続ける"):
        assert offer not in portal
    view = client.get(f"/apply/one-person/{app_id}/review").text
    assert 'data-testid="read-only"' in view and "tax-return.pdf" in view and "ヤマダ タロウ" in view
    assert "保存する" not in view and "まとめて申請する" not in view and 'name="privacy"' not in view
    assert f"個人情報の取扱い ({VERSIONS['privacy']}): 同意" in view


def test_a_worker_only_application_is_shown_read_only_once_sent(client):
    application = f.submitted_worker_application()
    f.login(client, application.applicant)
    portal = client.get("/apply/").text
    assert f'href="/apply/worker/{application.id}/view"' in portal
    view = client.get(f"/apply/worker/{application.id}/view").text
    assert 'data-testid="read-only"' in view and application.worker.family_name in view and "<select" not in view


def test_the_approval_message_names_what_was_approved_and_the_id(client):
    account, company, worker = f.one_person(approved=False)
    f.login(client, f.reviewer())
    for application in Application.of_applicant(account).order_by(Application.id):
        r = client.post(f"/reviewer/applications/{application.id}/approve", follow_redirects=True)
        application = Application.get_by_id(application.id)
        if application.kind == "company":
            expected = f"山田 太郎 の事業者登録を承認し、事業者ID {application.company.business_id} を発行しました。"
        else:
            expected = f"山田 太郎 の技能者登録を承認し、技能者ID {application.worker.worker_id} を発行しました。"
        assert expected in r.text


def test_the_reviewer_sees_the_agreement_with_its_version(client):
    account = f.account()
    f.login(client, account)
    app_id = _fill(client)
    client.post(f"/apply/one-person/{app_id}/submit", data=AGREED)
    client.post("/logout")
    f.login(client, f.reviewer())
    page = client.get(f"/reviewer/applications/{app_id}").text
    assert f"利用規約 ({VERSIONS['terms']}): 同意" in page
    other = f.submitted_worker_application()
    assert "オンラインでの同意の記録はありません" in client.get(f"/reviewer/applications/{other.id}").text
