"""Login, lockout (seed Q1-6), password reset by mailed expiring token, CSRF."""

import datetime as dt
import re

from models import Account
from models.core.clock import utcnow
from tests import factories as f


def test_wrong_password_counts_down_then_locks_for_30_minutes(client):
    account = f.account(email="lock@example.jp")
    for left in (4, 3, 2, 1):
        r = f.login(client, account, "wrong-password")
        assert r.status_code == 401 and f"あと{left}回" in r.text
    r = f.login(client, account, "wrong-password")
    assert r.status_code == 403 and "ロックしています" in r.text
    locked = Account.get_by_id(account.id).locked_until
    assert dt.timedelta(minutes=29) < locked - utcnow() <= dt.timedelta(minutes=30)
    # The message says when it opens (JST wall clock).
    opens = (locked.replace(tzinfo=dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=9)))).strftime("%H:%M")
    assert f"{opens} に解除されます" in r.text
    # Even the right password is refused while locked.
    assert f.login(client, account).status_code == 403


def test_lock_opens_after_30_minutes(client):
    account = f.account()
    Account.update(locked_until=utcnow() - dt.timedelta(seconds=1)).where(Account.id == account.id).execute()
    assert f.login(client, account).status_code == 302


def test_login_success_resets_counter(client):
    account = f.account()
    f.login(client, account, "nope-nope-nope")
    assert f.login(client, account).status_code == 302
    assert Account.get_by_id(account.id).failed_logins == 0


def test_unknown_email_gets_same_generic_message(client):
    r = client.post("/login", data={"email": "nobody@example.jp", "password": "whatever-1"})
    assert r.status_code == 401 and "メールアドレスまたはパスワードが違います" in r.text


def test_passwords_are_hashed(app):
    account = f.account()
    assert f.PASSWORD not in account.password_hash and account.password_hash.startswith("scrypt:")


def test_password_reset_by_mailed_token_works_once(client, outbox):
    account = f.account(email="reset@example.jp")
    for _ in range(5):
        f.login(client, account, "wrong-password")
    r = client.post("/password/forgot", data={"email": "reset@example.jp"})
    assert r.status_code == 200
    link = re.search(r"https?://\S+(/password/reset/\S+)", outbox.last_to("reset@example.jp").get_content()).group(1)
    r = client.post(link, data={"password": "brand-new-pass-1", "password2": "brand-new-pass-1"})
    assert r.status_code == 302
    assert f.login(client, account, "brand-new-pass-1").status_code == 302  # also unlocked
    client.post("/logout")
    again = client.post(link, data={"password": "another-pass-12", "password2": "another-pass-12"})
    assert again.status_code == 400 and "既に使われています" in again.text


def test_password_reset_token_expires(app, client, monkeypatch):
    from models.accounts.tokens import make_token

    account = f.account()
    token = make_token(app.config["SECRET_KEY"], "reset", account)
    monkeypatch.setitem(app.config, "RESET_TOKEN_MAX_AGE", -1)
    r = client.get(f"/password/reset/{token}")
    assert r.status_code == 400 and "有効期限が切れています" in r.text


def test_forgot_does_not_reveal_whether_an_address_exists(client, outbox):
    r = client.post("/password/forgot", data={"email": "ghost@example.jp"})
    assert r.status_code == 200 and outbox.messages() == []


def test_logout_ends_the_session(client):
    f.login(client, f.one_person()[0])
    assert client.get("/worker/").status_code == 200
    client.post("/logout")
    assert client.get("/worker/").status_code == 302


def test_next_parameter_cannot_send_users_off_site(client):
    account = f.account()
    r = client.post("/login?next=//evil.example/", data={"email": account.email, "password": f.PASSWORD})
    assert "evil.example" not in r.headers["Location"]


def test_forms_without_csrf_token_are_refused(app):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        r = client.post("/login", data={"email": "a@example.jp", "password": "x"})
        assert r.status_code == 400 and "有効期限が切れました" in r.text
        page = client.get("/login")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
        r = client.post("/login", data={"email": "a@example.jp", "password": "x", "csrf_token": token})
        assert r.status_code == 401
        assert '"X-CSRFToken": "' in page.text  # htmx sends it as a header
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_an_admin_id_has_one_session_at_a_time(app):
    _company, admin = f.company()
    phone, office = app.test_client(), app.test_client()
    f.login(phone, admin)
    assert phone.get("/company/").status_code == 200
    f.login(office, admin)
    r = phone.get("/company/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert "別の場所からログイン" in phone.get("/login").text
    assert office.get("/company/").status_code == 200


def test_worker_only_accounts_may_keep_two_sessions(app):
    acc = f.account()
    import datetime as dt

    from models import Worker

    Worker.create(
        account=acc,
        worker_id="10000000000018",
        status="approved",
        family_name="A",
        given_name="B",
        birth_date=dt.date(1990, 1, 1),
        gender="1",
        address="x",
        phone="0311112222",
        main_trade="0101",
    )
    one, two = app.test_client(), app.test_client()
    f.login(one, acc)
    f.login(two, acc)
    assert one.get("/worker/").status_code == 200 and two.get("/worker/").status_code == 200


def test_a_deactivated_account_loses_its_open_session(client):
    account, _company, _worker = f.one_person()
    f.login(client, account)
    assert client.get("/worker/").status_code == 200
    Account.update(deactivated_at=utcnow()).where(Account.id == account.id).execute()
    r = client.get("/worker/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert "停止されています" in client.get("/login").text


def test_reset_mails_are_not_sent_more_than_once_in_five_minutes(client, outbox):
    account = f.account(email="flood@example.jp")
    for _ in range(4):
        assert client.post("/password/forgot", data={"email": "flood@example.jp"}).status_code == 200
    assert len(outbox.messages()) == 1
    Account.update(reset_mail_sent_at=utcnow() - dt.timedelta(minutes=6)).where(Account.id == account.id).execute()
    client.post("/password/forgot", data={"email": "flood@example.jp"})
    assert len(outbox.messages()) == 2
