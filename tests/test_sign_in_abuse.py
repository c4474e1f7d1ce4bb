"""Issue 7 items 1-5 and 7: links, sessions and sign-in that hold against abuse. Each test replays
the attack that worked on 4102dd1."""

import base64
import json
import re

import pytest
from limits.storage import MemoryStorage, RedisStorage

from config import Config
from extensions import limiter
from models import Account
from models.accounts.notices import deactivate, reactivate
from models.core.clock import utcnow
from models.support.inquiries import Inquiry
from tests import factories as f


def _link(mail, path_start):
    return re.search(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S+)", mail.get_content()).group(1)


def _sign_up(client, email="new@example.jp", name="新規 太郎"):
    data = {"display_name": name, "email": email, "password": "long-enough-1", "password2": "long-enough-1"}
    return client.post("/signup", data=data)


def _client_at(app, address):
    """A browser at another client address."""
    c = app.test_client()
    c.environ_base["REMOTE_ADDR"] = address
    return c


# --- 1. Host header poisoning ------------------------------------------------------------------


def test_a_host_the_app_does_not_serve_gets_400_and_no_mail(client, outbox):
    f.account(email="victim@example.jp")
    r = client.post("/password/forgot", data={"email": "victim@example.jp"}, headers={"Host": "attacker.example"})
    assert r.status_code == 400
    assert outbox.messages() == []


def test_mailed_links_come_from_base_url_whatever_host_was_asked(app, client, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://careerup.example.jp")
    f.account(email="victim@example.jp")
    forwarded = {"Host": "127.0.0.1:8000", "X-Forwarded-Host": "attacker.example"}
    assert client.post("/password/forgot", data={"email": "victim@example.jp"}, headers=forwarded).status_code == 200
    body = outbox.last_to("victim@example.jp").get_content()
    assert "https://careerup.example.jp/password/reset/" in body
    assert "127.0.0.1" not in body and "attacker" not in body


def test_embedded_mode_has_a_base_url_and_production_refuses_to_start_without_one(production_settings):
    embedded = Config.load({"BASE_URL": None, "PORT": "5000"})
    assert embedded["BASE_URL"] == "http://127.0.0.1:5000"
    assert embedded["TRUSTED_HOSTS"] == ["localhost", "127.0.0.1"]
    with pytest.raises(SystemExit, match="BASE_URL"):
        Config.load({**production_settings, "BASE_URL": None})
    prod = Config.load({**production_settings, "BASE_URL": "https://a.jp"})
    assert prod["TRUSTED_HOSTS"] == ["a.jp"] and prod["SESSION_COOKIE_SECURE"] is True


# --- 2. Sessions end server-side ---------------------------------------------------------------


def _copy_session(app, source):
    thief = app.test_client()
    thief.set_cookie("session", source.get_cookie("session").value)
    return thief


def test_a_session_cookie_copied_before_logout_stops_working(app, client):
    staff = f.reviewer()
    f.login(client, staff)
    thief = _copy_session(app, client)
    assert thief.get("/reviewer/").status_code == 200
    client.post("/logout")
    r = thief.get("/reviewer/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_a_password_change_ends_every_other_session_and_keeps_this_one(app, client):
    staff = f.reviewer()
    f.login(client, staff)
    other = app.test_client()
    f.login(other, staff)
    data = {"current": f.PASSWORD, "password": "a-new-password-2", "password2": "a-new-password-2"}
    assert client.post("/password/change", data=data).status_code == 302
    assert client.get("/reviewer/").status_code == 200
    r = other.get("/reviewer/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert "パスワードの変更があった" in other.get("/login").text


def test_a_password_reset_ends_every_session(app, client, outbox):
    staff = f.reviewer()
    f.login(client, staff)
    helper = app.test_client()
    helper.post("/password/forgot", data={"email": staff.email})
    link = _link(outbox.last_to(staff.email), "/password/reset/")
    helper.post(link, data={"password": "brand-new-pass-1", "password2": "brand-new-pass-1"})
    assert client.get("/reviewer/").status_code == 302


def test_log_out_other_devices_ends_them_and_keeps_this_one(app, client):
    account, _company, _worker = f.one_person()
    phone, office = app.test_client(), app.test_client()
    f.login(phone, account)
    thief = _copy_session(app, phone)
    f.login(office, account)  # (the admin ID's newer login already ended `phone`)
    assert office.post("/logout/others").status_code == 302
    assert office.get("/worker/").status_code == 200
    assert thief.get("/worker/").status_code == 302


def test_login_starts_a_new_session(app, client):
    with client.session_transaction() as s:
        s["role"], s["company_id"] = "company", 999  # planted before login
    f.login(client, f.reviewer())
    with client.session_transaction() as s:
        assert "company_id" not in s and s["session_version"] == Account.get().session_version


# --- 3. The confirmation link ------------------------------------------------------------------


def test_the_confirmation_link_confirms_once_then_asks_for_a_login(app, client, outbox):
    _sign_up(client)
    link = _link(outbox.last_to("new@example.jp"), "/confirm/")
    assert client.get(link).status_code == 302
    client.post("/logout")
    stranger = app.test_client()
    r = stranger.get(link)
    assert r.status_code == 400 and "既に使われました" in r.text
    assert stranger.get("/apply/").status_code == 302  # not signed in


def test_tokens_carry_no_password_hash_material(client, outbox):
    _sign_up(client)
    account = Account.get()
    token = _link(outbox.last_to("new@example.jp"), "/confirm/").rsplit("/", 1)[1]
    payload = token.split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert set(json.loads(decoded)) == {"a", "v"}
    hash_parts = account.password_hash.split("$")
    assert not any(part[-8:] in decoded for part in hash_parts if len(part) >= 8)


# --- 4. Known and unknown addresses answer alike -----------------------------------------------


def _answers(client, email):
    texts = []
    for _ in range(6):
        r = client.post("/login", data={"email": email, "password": "wrong-password"})
        text = re.search(r'<p class="alert" role="alert">([^<]*)</p>', r.text).group(1)
        texts.append((r.status_code, re.sub(r"\d\d:\d\d", "HH:MM", text)))
    return texts


def test_login_answers_a_known_and_an_unknown_address_alike(app, client):
    f.account(email="known@example.jp")
    known = _answers(client, "known@example.jp")
    unknown = _answers(_client_at(app, "10.2.0.1"), "ghost@example.jp")
    assert known == unknown
    assert [status for status, _ in known] == [401, 401, 401, 401, 403, 403]


def test_signup_of_a_known_address_says_nothing_and_mails_its_owner(client, outbox):
    owner = f.account(email="owner@example.jp", name="持主 花子")
    r = _sign_up(client, email="owner@example.jp", name="攻撃 太郎")
    assert r.status_code == 200 and "確認メールを送りました" in r.text and "既に登録" not in r.text
    mail = outbox.last_to("owner@example.jp")
    assert "新規登録がありました" in mail["Subject"] and "/confirm/" not in mail.get_content()
    after = Account.get_by_id(owner.id)
    assert after.display_name == "持主 花子" and after.check_password(f.PASSWORD)


# --- 5. Rate limits and the unlock link --------------------------------------------------------


def test_one_client_cannot_try_passwords_across_many_accounts(client):
    accounts = [f.account() for _ in range(12)]
    codes = [f.login(client, a, "wrong-password").status_code for a in accounts]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    again = f.login(client, accounts[0], "wrong-password")
    assert "しばらく受け付けを止めています" in again.text and f'value="{accounts[0].email}"' in again.text


def test_many_clients_cannot_hammer_one_account(app):
    codes = []
    for n in range(11):
        c = _client_at(app, f"10.0.0.{n + 1}")
        codes.append(c.post("/login", data={"email": "target@example.jp", "password": f"guess-{n}"}).status_code)
    assert codes[-1] == 429 and 429 not in codes[:10]


def test_a_good_login_does_not_count_against_the_office_address(client):
    account = f.account()
    for _ in range(15):
        assert f.login(client, account).status_code == 302
        client.post("/logout")


def test_the_lock_mails_the_owner_a_link_that_unlocks_once(app, client, outbox):
    account = f.account(email="locked@example.jp")
    for _ in range(5):
        f.login(client, account, "wrong-password")
    assert f.login(client, account).status_code == 403  # the 30-minute lock (seed Q1-6) holds
    mail = outbox.last_to("locked@example.jp")
    assert "ロック" in mail["Subject"]
    link = _link(mail, "/unlock/")
    owner = _client_at(app, "10.9.9.9")
    assert "ロックを解除する" in owner.get(link).text and Account.get_by_id(account.id).locked()
    assert owner.post(link).status_code == 302
    assert f.login(owner, account).status_code == 302
    assert owner.post(link).status_code == 400


def test_signup_reset_and_inquiry_are_limited_per_client(client):
    assert [_sign_up(client, email=f"s{n}@example.jp").status_code for n in range(11)][-1] == 429
    forgot = [client.post("/password/forgot", data={"email": f"r{n}@example.jp"}).status_code for n in range(11)]
    assert forgot[:10] == [200] * 10 and forgot[10] == 429
    data = {
        "category": "9",
        "name": "送信 太郎",
        "phone": "",
        "subject": "件名",
        "body": "本文",
        "step": "send",
    }
    sent = [
        client.post("/inquiry", data={**data, "email": f"i{n}@example.jp", "email_again": f"i{n}@example.jp"})
        for n in range(6)
    ]
    assert [r.status_code for r in sent] == [302] * 5 + [429]


def test_signup_and_reset_are_limited_per_address(app):
    codes = []
    for n in range(4):
        c = _client_at(app, f"10.1.0.{n + 1}")
        codes.append(_sign_up(c, email="flooded@example.jp").status_code)
    assert codes == [200, 200, 200, 429]


def test_rate_limits_are_kept_in_redis_when_redis_url_is_set(app):
    expected = RedisStorage if app.config["RATELIMIT_STORAGE_URI"].startswith("redis") else MemoryStorage
    assert isinstance(limiter.storage, expected)


# --- 7. The inquiry copy -----------------------------------------------------------------------


def test_the_inquiry_copy_carries_the_reference_and_a_link_not_the_text(client, outbox):
    data = {
        "category": "9",
        "name": "今すぐ http://phish.example に",
        "email": "victim@example.jp",
        "email_again": "victim@example.jp",
        "phone": "",
        "subject": "口座確認 http://phish.example",
        "body": "ここをクリック http://phish.example/login",
        "step": "send",
    }
    assert client.post("/inquiry", data=data).status_code == 302
    body = outbox.last_to("victim@example.jp").get_content()
    assert Inquiry.get().reference in body and "http://localhost/faq" in body
    assert "phish" not in body and "口座確認" not in body


def test_a_session_from_before_deactivation_stays_ended_after_reopening(client):
    staff = f.reviewer()
    f.login(client, staff)
    deactivate(Account.get_by_id(staff.id), utcnow())
    reactivate(Account.get_by_id(staff.id), utcnow())  # staff reopen it after an inquiry
    assert client.get("/reviewer/").status_code == 302
