"""Bad input gets a clear message beside the field, keeps what was typed, and never a 500."""

import datetime as dt

from models import Account, Application, Company, SiteContract, Worker
from models.core import clock
from models.sites.records import WorkRecord
from tests import factories as f
from tests.test_journey import APPLY_FORM

SIGNUP = {
    "display_name": "山田 太郎",
    "email": "taro@example.jp",
    "password": "long-password-1",
    "password2": "long-password-1",
}


def test_signup_with_malformed_email(client):
    r = client.post("/signup", data={**SIGNUP, "email": "taro@@example"})
    assert r.status_code == 400 and "メールアドレスの形式が正しくありません" in r.text
    assert 'value="山田 太郎"' in r.text  # what was typed is still there
    assert Account.select().count() == 0


def test_duplicate_signup_keeps_the_first_account_and_tells_only_the_owner(client, outbox):
    client.post("/signup", data=SIGNUP)
    first_hash = Account.get().password_hash
    r = client.post(
        "/signup",
        data={**SIGNUP, "email": "TARO@example.jp", "password": "other-password-2", "password2": "other-password-2"},
    )
    assert r.status_code == 200 and "既に登録されています" not in r.text  # the page tells nobody (issue 7 item 4)
    assert Account.select().count() == 1 and Account.get().password_hash == first_hash
    assert len(outbox.messages()) == 2  # a fresh confirmation link, to the address's owner


def test_signup_password_mismatch_and_short(client):
    r = client.post("/signup", data={**SIGNUP, "password2": "different-1"})
    assert "パスワードが一致しません" in r.text
    r = client.post("/signup", data={**SIGNUP, "password": "short", "password2": "short"})
    assert "10文字以上" in r.text


def test_application_errors_keep_every_typed_value(client):
    f.login(client, f.account())
    bad = {**APPLY_FORM, "trade_name": "山田工業", "family_kana": "yamada", "birth_date": ""}
    r = client.post("/apply/one-person", data=bad)
    assert r.status_code == 400
    for message in ("フリガナはカタカナで", "生年月日を正しく"):
        assert message in r.text
    assert 'value="山田工業"' in r.text and 'value="yamada"' in r.text
    assert Company.select().count() == 0 and Worker.select().count() == 0
    assert client.post("/apply/one-person", data=APPLY_FORM).status_code == 302
    application = Application.get(Application.kind == "worker")
    r = client.post(
        f"/apply/worker/{application.id}/contact",
        data={"postal_code": "332-0012", "address": "埼玉県川口市本町1-1", "phone": "12345"},
    )
    assert r.status_code == 400 and "電話番号は0から始まる" in r.text
    assert 'value="埼玉県川口市本町1-1"' in r.text and 'value="12345"' in r.text
    r = client.post(f"/apply/worker/{application.id}/work", data={"main_trade": "", "experience_years": "12"})
    assert r.status_code == 400 and "職種を選んでください" in r.text and 'value="12"' in r.text
    assert Worker.get().phone == APPLY_FORM["phone"] and Worker.get().main_trade == ""


def test_application_for_a_minor_or_future_birth_date(client):
    f.login(client, f.account())
    future = (clock.today() + dt.timedelta(days=3)).isoformat()
    assert "生年月日を正しく" in client.post("/apply/one-person", data={**APPLY_FORM, "birth_date": future}).text
    child = clock.today().replace(year=clock.today().year - 10).isoformat()
    assert "15歳未満" in client.post("/apply/one-person", data={**APPLY_FORM, "birth_date": child}).text


def test_foreign_national_without_furigana_may_apply(client):
    f.login(client, f.account())
    r = client.post(
        "/apply/one-person",
        data={
            **APPLY_FORM,
            "family_name": "NGUYEN",
            "given_name": "VAN",
            "middle_name": "AN",
            "family_kana": "",
            "given_kana": "",
            "nationality": "ベトナム",
            "no_kana_on_document": "y",
            "residence_status": "permanent",  # a foreign national gives the 在留資格 on this step
            "residence_card_number": "AB12345678CD",
        },
    )
    assert r.status_code == 302
    assert Worker.get().full_name == "NGUYEN VAN AN"


def test_applying_twice_creates_nothing_more(client):
    f.login(client, f.account())
    client.post("/apply/one-person", data=APPLY_FORM)
    client.post("/apply/one-person", data=APPLY_FORM)
    assert Application.select().count() == 2 and Company.select().count() == 1


def test_wrong_business_id_at_subcontractor_step(client):
    prime, admin = f.company()
    from models import Site

    site = Site.open(prime, name="A邸住宅新築工事")
    f.login(client, admin)
    url = f"/prime/sites/{site.id}/subcontractors"
    # A refusal is redirected to the site page's GET-able error state (issue 11: every page answers a GET).
    r = client.post(url, data={"business_id": "12345"}, follow_redirects=True)
    assert r.status_code == 400 and "事業者IDは14桁の数字です" in r.text and 'value="12345"' in r.text
    r = client.post(url, data={"business_id": "20000000000000"}, follow_redirects=True)  # 14 digits, bad check digit
    assert r.status_code == 400 and "事業者IDは14桁の数字です" in r.text
    from models.core.ids import luhn_digit

    unknown = "2999999999999"
    r = client.post(url, data={"business_id": unknown + luhn_digit(unknown)}, follow_redirects=True)
    assert r.status_code == 400 and "見つかりません" in r.text
    r = client.post(url, data={"business_id": prime.business_id}, follow_redirects=True)
    assert r.status_code == 400 and "自社を下請にはできません" in r.text
    assert SiteContract.select().count() == 0


def test_business_id_typed_with_full_width_digits_and_hyphens(client):
    prime, admin = f.company()
    _acc, sub, _w = f.one_person()
    from models import Site

    site = Site.open(prime, name="現場")
    f.login(client, admin)
    typed = "".join(chr(ord(c) + 0xFEE0) for c in sub.business_id)  # full-width
    typed = typed[:4] + "-" + typed[4:]
    r = client.post(f"/prime/sites/{site.id}/subcontractors", data={"business_id": typed})
    assert r.status_code == 302 and SiteContract.select().count() == 1
    r = client.post(f"/prime/sites/{site.id}/subcontractors", data={"business_id": sub.business_id})
    assert r.status_code == 303  # to the site page's GET-able error state
    r = client.get(r.headers["Location"])
    assert r.status_code == 400 and "既にこの現場に登録されています" in r.text


def test_roster_refuses_before_acceptance_and_duplicates(client):
    contract, worker = f.invited_operator(client)
    data = {"worker": str(worker.id), "position": "1", "trade": "0201"}
    url = f"/company/contracts/{contract.id}/roster"
    r = client.post(url, data=data, headers={"HX-Request": "true"})
    assert r.status_code == 400 and "承認してから" in r.text
    contract.accept()
    assert client.post(url, data=data, headers={"HX-Request": "true"}).status_code == 200
    r = client.post(url, data=data, headers={"HX-Request": "true"})
    assert r.status_code == 400 and "既にこの現場の名簿に" in r.text
    r = client.post(url, data={"worker": "", "position": "", "trade": ""}, headers={"HX-Request": "true"})
    assert r.status_code == 400 and "技能者を選んでください" in r.text


def _touch(w, **over):
    item = {
        "event_id": "e1",
        "site_id": w["site"].site_id,
        "card": w["card"].idm,
        "direction": "in",
        "at": f"{f.days_ago(1)}T08:00:00+09:00",
    }
    item.update(over)
    return item


def test_api_reports_each_bad_item_and_keeps_the_good_ones(client):
    w = f.site_with_worker()
    other = f.site_with_worker()
    headers = {"Authorization": f"Bearer {w['token']}"}
    items = [
        _touch(w, event_id="ok"),
        _touch(w, event_id="unknown-card", card="0123456789ABCDEF"),
        _touch(w, event_id="other-site", site_id=other["site"].site_id),
        _touch(w, event_id="bad-dir", direction="sideways"),
        _touch(w, event_id="bad-time", at="yesterday"),
        {"event_id": "missing"},
        "not an object",
    ]
    r = client.post("/api/v1/touches", json={"touches": items}, headers=headers)
    assert r.status_code == 200
    codes = [x.get("error", {}).get("code") for x in r.json["results"]]
    assert codes == [
        None,
        "unknown_card",
        "site_mismatch",
        "bad_direction",
        "bad_time",
        "missing_field",
        "missing_field",
    ]
    assert all(x["error"]["message"] for x in r.json["results"][1:])
    assert r.json["accepted"] == 1 and r.json["rejected"] == 6
    assert WorkRecord.select().count() == 1


def test_api_auth_and_body_errors_are_json(client):
    w = f.site_with_worker()
    r = client.post("/api/v1/touches", json={"touches": [_touch(w)]})
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized"
    r = client.post("/api/v1/touches", json={"touches": [_touch(w)]}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    headers = {"Authorization": f"Bearer {w['token']}"}
    r = client.post("/api/v1/touches", data="{not json", headers={**headers, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json["error"]["message"]
    r = client.post("/api/v1/touches", json={"touches": []}, headers=headers)
    assert r.status_code == 400
    r = client.post(
        "/api/v1/touches", json={"touches": [_touch(w, event_id=str(i)) for i in range(1001)]}, headers=headers
    )
    assert r.status_code == 413
    assert client.get("/api/v1/touches").status_code == 405 and client.get("/api/v1/touches").json


def test_unknown_pages_answer_404_in_japanese(client):
    r = client.get("/no-such-page")
    assert r.status_code == 404 and "ページが見つかりません" in r.text


def test_site_form_rejects_end_before_start(client):
    _prime, admin = f.company()
    f.login(client, admin)
    r = client.post("/prime/sites", data={"name": "現場", "starts_on": "2026-12-01", "ends_on": "2026-11-01"})
    assert r.status_code == 400 and "開始日より後" in r.text and 'value="現場"' in r.text
