"""Seed Q1-10: login with a 技能者ID, 事業者ID or 管理者ID as well as by e-mail, a password reset for each kind
of ID, and a login for a worker without an e-mail address of their own (issued by the employer's admin)."""

import re

from models import Account, Membership, Worker
from models.core import clock
from models.core.ids import luhn_digit
from models.core.outbox import NO_MAILBOX
from tests import factories as f


def _login(client, login, password=f.PASSWORD):
    return client.post("/login", data={"email": login, "password": password})


def test_q1_10_a_worker_logs_in_with_the_worker_id_as_typed(client):
    account, _company, worker = f.one_person()
    spaced = f"{worker.worker_id[:4]}-{worker.worker_id[4:9]} {worker.worker_id[9:]}"
    wide = worker.worker_id.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for typed in (worker.worker_id, spaced, wide):
        client.post("/logout")
        r = _login(client, typed)
        assert r.status_code == 302, typed
        assert Account.get_by_id(account.id).last_used_at is not None


def test_q1_10_the_business_id_is_the_responsible_admin_and_each_admin_id_its_own_login(client):
    company, responsible = f.company()
    second = f.account(email="second@example.jp", name="二番 花子")
    Membership.create(account=second, company=company, role="general_admin")
    assert _login(client, company.business_id).status_code == 302
    assert (
        Account.get_by_id(responsible.id).last_used_at is not None and Account.get_by_id(second.id).last_used_at is None
    )
    client.post("/logout")
    assert _login(client, f"{company.business_id}-002").status_code == 302
    assert Account.get_by_id(second.id).last_used_at is not None
    client.post("/switch", data={"target": f"company:{company.id}"})
    page = client.get("/company/admins").text
    assert f"{company.business_id}-001" in page and f"{company.business_id}-002" in page
    assert "事業者IDでもログインできます" in page
    client.post("/logout")
    assert _login(client, f"{company.business_id}-002", "wrong-password-9").status_code == 401
    assert Account.get_by_id(second.id).failed_logins == 1 and Account.get_by_id(responsible.id).failed_logins == 0


def test_q1_10_an_admin_number_is_never_given_to_someone_else(app):
    company, _admin = f.company()
    second = Membership.create(account=f.account(), company=company, role="general_admin")
    second.delete_instance()
    third = Membership.create(account=f.account(), company=company, role="general_admin")
    assert third.admin_number == 3 and third.admin_id == f"{company.business_id}-003"


def test_q1_10_wrong_passwords_by_id_lock_the_same_account_as_by_mail(client):
    account, _company, worker = f.one_person()
    for _ in range(3):
        _login(client, worker.worker_id, "wrong-password-9")
    for _ in range(2):
        r = f.login(client, account, "wrong-password-9")
    assert r.status_code == 403 and "ロックしています" in r.text
    assert _login(client, worker.worker_id).status_code == 403  # locked whichever way it is named


def test_q1_10_an_unknown_id_answers_like_a_wrong_password_and_a_malformed_one_says_what_to_type(client):
    _account, _company, worker = f.one_person()
    body = worker.worker_id[:-2] + "9"
    unknown = body + luhn_digit(body)
    r = _login(client, unknown, "wrong-password-9")
    assert r.status_code == 401 and "メールアドレスまたはパスワードが違います（あと4回" in r.text
    r = _login(client, "12345")
    assert r.status_code == 400 and "技能者ID・事業者ID・管理者ID" in r.text


def test_q1_10_password_reset_by_each_kind_of_id_mails_the_owner(client, outbox):
    account, company, worker = f.one_person(email="oyakata@example.jp")
    for login in (worker.worker_id, company.business_id, f"{company.business_id}-001"):
        Account.update(reset_mail_sent_at=None).where(Account.id == account.id).execute()
        r = client.post("/password/forgot", data={"email": login})
        assert r.status_code == 200 and "登録されているメールアドレスに" in r.text
    assert len([m for m in outbox.messages() if m["To"] == "oyakata@example.jp"]) == 3
    link = re.search(r"/password/reset/\S+", outbox.last_to("oyakata@example.jp").get_content()).group(0)
    client.post(link, data={"password": "brand-new-pass-1", "password2": "brand-new-pass-1"})
    assert _login(client, worker.worker_id, "brand-new-pass-1").status_code == 302


def _worker_without_mail(employer):
    """A registered worker with no login (as a counter or older applicant is): approved, affiliated."""
    application = f.submitted_worker_application(employer=employer)
    f.pay(application.approve(f.reviewer(), clock.today()))
    Worker.update(account=None, email="").where(Worker.id == application.worker_id).execute()
    return Worker.get_by_id(application.worker_id)


def test_q1_10_the_employer_issues_a_login_to_a_worker_without_mail(client, outbox):
    company, admin = f.company()
    worker = _worker_without_mail(company)
    f.login(client, admin)
    client.post("/switch", data={"target": f"company:{company.id}"})
    page = client.get("/company/affiliations").text
    assert "ログインを発行する" in page
    affiliation_id = re.search(r"/company/affiliations/(\d+)/login", page).group(1)
    sent_before = len(outbox.messages())
    r = client.post(f"/company/affiliations/{affiliation_id}/login")
    assert r.status_code == 302
    page = client.get("/company/affiliations").text  # a reload keeps it until dismissed
    password = re.search(r'data-testid="first-login-password">([^<]+)<', page).group(1)
    assert "最初のログインでパスワードを変更します" in page and "初期パスワードを再発行する" in page
    shown_id = re.search(r"/company/affiliations/logins/(\d+)/dismiss", page).group(1)
    client.post(f"/company/affiliations/logins/{shown_id}/dismiss")
    assert password not in client.get("/company/affiliations").text
    client.post("/logout")

    r = _login(client, worker.worker_id, password)
    assert r.status_code == 302
    assert "/password/change" in client.get("/worker/").headers["Location"]  # the issued one is replaced first
    r = client.post(
        "/password/change",
        data={"current": password, "password": "my-own-pass-12", "password2": "my-own-pass-12"},
    )
    assert r.status_code == 302
    client.post("/logout")
    assert _login(client, worker.worker_id, "my-own-pass-12").status_code == 302
    login = Worker.get_by_id(worker.id).account
    assert login.email.endswith(NO_MAILBOX) and login.must_change_password is False
    # Nothing is queued for an address that cannot receive mail.
    client.post("/logout")
    client.post("/password/forgot", data={"email": worker.worker_id})
    assert len(outbox.messages()) == sent_before


def test_q1_10_a_worker_with_own_mail_is_told_to_reset_by_mail(client):
    company, admin = f.company()
    application = f.submitted_worker_application(employer=company)
    f.pay(application.approve(f.reviewer(), clock.today()))
    f.login(client, admin)
    client.post("/switch", data={"target": f"company:{company.id}"})
    page = client.get("/company/affiliations").text
    assert "ログインを発行する" not in page and "初期パスワードを再発行する" not in page
    affiliation_id = re.search(r"/company/affiliations/(\d+)/retire", page).group(1)
    r = client.post(f"/company/affiliations/{affiliation_id}/login", follow_redirects=True)
    assert "パスワードを忘れた場合" in r.text


def test_q1_10_another_companys_worker_gets_no_login_from_us(client):
    other, _ = f.company()
    worker = _worker_without_mail(other)
    company, admin = f.company()
    f.login(client, admin)
    client.post("/switch", data={"target": f"company:{company.id}"})
    affiliation = worker.current_affiliations()[0]
    assert client.post(f"/company/affiliations/{affiliation.id}/login").status_code == 404
    assert Worker.get_by_id(worker.id).account_id is None
