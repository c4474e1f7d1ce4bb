"""管理者ID (seed Q1-3): system admins invite and remove admins with roles; each admin has their own
login, whose mailed initial password must be changed at first login, and becomes an admin by
accepting the mailed invitation (issue 7 item 6: nothing about an existing login is shown before)."""

import re

import pytest

from models import Account, AdminInvitation, Membership
from tests import factories as f

NEW_ADMIN = {"display_name": "現場 次郎", "email": "Jiro@Example.jp", "role": "site_manager"}


@pytest.fixture
def company(client):
    comp, admin = f.company(name="管理建設株式会社")
    f.login(client, admin)
    return comp, admin


def _password_from(mail):
    match = re.search(r"初期パスワード: (\S+)", mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


def _invitation_path(mail):
    match = re.search(r"https?://[^/\s]+(/admin-invitations/\d+)", mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


def _admin(company, role, email=None):
    account = f.account(email=email)
    Membership.create(account=account, company=company, role=role)
    return account


def test_system_admin_invites_a_new_admin_who_gets_a_login_by_mail(client, company, outbox):
    comp, _admin_account = company
    assert "管理者ID" in client.get("/company/").text
    r = client.post("/company/admins", data=NEW_ADMIN)
    assert r.status_code == 302
    account = Account.by_email("jiro@example.jp")
    assert account.must_change_password and account.confirmed
    assert not Membership.select().where(Membership.account == account).exists()  # not before accepting
    assert AdminInvitation.get(AdminInvitation.account == account).role == "site_manager"
    mail = outbox.last_to("jiro@example.jp")
    assert "管理者ID" in mail["Subject"] and "管理建設株式会社" in mail.get_content()
    assert "現場管理者" in mail.get_content() and _invitation_path(mail)
    password = _password_from(mail)
    assert len(password) >= 10 and account.check_password(password)
    page = client.get("/company/admins").text
    assert "現場 次郎" in page and "jiro@example.jp" in page and "承諾待ち" in page


def test_first_login_must_set_a_new_password_then_accept(app, client, company, outbox):
    client.post("/company/admins", data=NEW_ADMIN)
    mail = outbox.last_to("jiro@example.jp")
    password, invitation = _password_from(mail), _invitation_path(mail)
    new = app.test_client()
    r = new.get(invitation)
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    r = new.post("/login?next=" + invitation, data={"email": "jiro@example.jp", "password": password})
    assert r.status_code == 302 and r.headers["Location"].endswith(invitation)
    for path in (invitation, "/company/", "/prime/sites", "/apply/", "/company/admins"):
        r = new.get(path)
        assert r.status_code == 302 and "/password/change" in r.headers["Location"], path
    page = new.get("/password/change").text
    assert "初期パスワードでログインしました" in page
    r = new.post(
        "/password/change?next=/company/",
        data={"current": "wrong-password", "password": "new-password-2", "password2": "new-password-2"},
    )
    assert r.status_code == 400 and "現在のパスワードが違います" in r.text
    r = new.post(
        "/password/change", data={"current": password, "password": "new-password-2", "password2": "other-password-3"}
    )
    assert r.status_code == 400 and "パスワードが一致しません" in r.text
    r = new.post("/password/change", data={"current": password, "password": password, "password2": password})
    assert r.status_code == 400 and "今までと違うパスワード" in r.text
    assert Account.by_email("jiro@example.jp").must_change_password
    r = new.post(
        "/password/change?next=" + invitation,
        data={"current": password, "password": "new-password-2", "password2": "new-password-2"},
    )
    assert r.status_code == 302 and r.headers["Location"].endswith(invitation)
    account = Account.by_email("jiro@example.jp")
    assert not account.must_change_password and account.check_password("new-password-2")
    assert new.get("/company/").status_code == 403  # not an admin until accepted
    assert "管理建設株式会社" in new.get(invitation).text
    r = new.post(invitation + "/accept")
    assert r.status_code == 302 and r.headers["Location"].endswith("/company/")
    assert new.get("/company/").status_code == 200
    assert Membership.get(Membership.account == account).role == "site_manager"


def test_adding_an_existing_login_is_an_invitation_that_shows_nothing_until_accepted(app, client, company, outbox):
    """The attack of 4102dd1: typing someone's e-mail attached their login and showed their real name."""
    comp, _admin_account = company
    existing = f.account(email="hanako@example.jp", name="既存 花子")
    before = existing.password_hash
    r = client.post(
        "/company/admins", data={"display_name": "別の名前", "email": "hanako@example.jp", "role": "general_admin"}
    )
    assert r.status_code == 302
    page = client.get("/company/admins").text
    assert "既存 花子" not in page and "別の名前" in page and "承諾待ち" in page
    account = Account.by_email("hanako@example.jp")
    assert account.password_hash == before and not account.must_change_password
    assert not Membership.select().where(Membership.account == account).exists()
    mail = outbox.last_to("hanako@example.jp")
    assert "初期パスワード" not in mail.get_content()
    stranger = app.test_client()
    f.login(stranger, f.account())
    assert stranger.get(_invitation_path(mail)).status_code == 404
    assert stranger.post(_invitation_path(mail) + "/accept").status_code == 404
    hers = app.test_client()
    f.login(hers, existing)
    assert "管理建設株式会社" in hers.get("/switch").text
    assert hers.post(_invitation_path(mail) + "/accept").status_code == 302
    assert Membership.get(Membership.account == account).role == "general_admin"
    assert "既存 花子" in client.get("/company/admins").text


def test_a_new_and_an_existing_address_look_the_same_to_the_inviting_company(client, company, outbox):
    f.account(email="known@example.jp", name="本名 一郎")
    entries = []
    for email in ("known@example.jp", "fresh@example.jp"):
        r = client.post("/company/admins", data={"display_name": "入力 名", "email": email, "role": "proxy_clerk"})
        flash = re.search(r'<p class="flash[^>]*>([^<]*)</p>', client.get(r.headers["Location"]).text).group(1)
        entries.append(flash.replace(email, "EMAIL"))
    page = client.get("/company/admins").text
    items = re.findall(r'<li data-testid="invitation-\d+">(.*?)</li>', page, re.S)
    normalized = [re.sub(r"\d+|\S+@example\.jp", "X", item) for item in items]
    assert entries[0] == entries[1] and len(items) == 2 and normalized[0] == normalized[1]


def test_an_invitation_can_be_declined_or_cancelled(app, client, company, outbox):
    existing = f.account(email="no@example.jp")
    client.post("/company/admins", data={"display_name": "x", "email": "no@example.jp", "role": "general_admin"})
    theirs = app.test_client()
    f.login(theirs, existing)
    path = _invitation_path(outbox.last_to("no@example.jp"))
    assert theirs.post(path + "/decline").status_code == 302
    assert (
        AdminInvitation.select().count() == 0 and Membership.select().where(Membership.account == existing).count() == 0
    )
    client.post("/company/admins", data={"display_name": "x", "email": "no@example.jp", "role": "general_admin"})
    invitation = AdminInvitation.get()
    assert client.post(f"/company/admins/invitations/{invitation.id}/cancel").status_code == 302
    assert theirs.post(_invitation_path(outbox.last_to("no@example.jp")) + "/accept").status_code == 404


def test_bad_input_keeps_what_was_typed(client, company):
    r = client.post("/company/admins", data={"display_name": "現場 次郎", "email": "jiro@@example", "role": ""})
    assert r.status_code == 400
    assert "メールアドレスの形式が正しくありません" in r.text and "権限を選んでください" in r.text
    assert 'value="現場 次郎"' in r.text and 'value="jiro@@example"' in r.text
    r = client.post("/company/admins", data={**NEW_ADMIN, "role": "emperor"})
    assert r.status_code == 400 and "権限を選んでください" in r.text
    assert Account.by_email("jiro@example.jp") is None


def test_the_same_person_cannot_be_added_twice(client, company, outbox):
    _comp, admin = company
    r = client.post("/company/admins", data={"display_name": "x", "email": admin.email, "role": "general_admin"})
    assert r.status_code == 400 and "既にこの事業者の管理者です" in r.text and f'value="{admin.email}"' in r.text
    assert Membership.select().count() == 1


@pytest.mark.parametrize("role", ["general_admin", "site_manager", "proxy_clerk"])
def test_only_system_admins_manage_admins(app, role):
    comp, system_admin = f.company()
    other = _admin(comp, role)
    client = app.test_client()
    f.login(client, other)
    page = client.get("/company/admins")
    assert page.status_code == 200 and system_admin.email in page.text
    assert "管理者を追加" not in page.text
    target = Membership.get(Membership.account == system_admin)
    assert client.post("/company/admins", data=NEW_ADMIN).status_code == 403
    assert client.post(f"/company/admins/{target.id}/delete").status_code == 403
    assert client.post(f"/company/admins/{target.id}/role", data={"role": "proxy_clerk"}).status_code == 403
    assert Membership.get_by_id(target.id).role == "system_admin"
    assert Account.by_email("jiro@example.jp") is None


def test_the_last_system_admin_cannot_be_removed_or_demoted(client, company):
    _comp, admin = company
    own = Membership.get(Membership.account == admin)
    r = client.post(f"/company/admins/{own.id}/delete")
    assert r.status_code == 400 and "システム管理者が1人もいなくなる" in r.text
    r = client.post(f"/company/admins/{own.id}/role", data={"role": "general_admin"})
    assert r.status_code == 400 and "システム管理者が1人もいなくなる" in r.text
    assert Membership.get_by_id(own.id).role == "system_admin"


def test_roles_can_be_changed(client, company):
    comp, admin = company
    other = Membership.get(Membership.account == _admin(comp, "proxy_clerk"))
    assert client.post(f"/company/admins/{other.id}/role", data={"role": "system_admin"}).status_code == 302
    assert Membership.get_by_id(other.id).role == "system_admin"
    # With a second system admin, the first may step down.
    own = Membership.get(Membership.account == admin)
    assert client.post(f"/company/admins/{own.id}/role", data={"role": "general_admin"}).status_code == 302
    assert Membership.get_by_id(own.id).role == "general_admin"


def test_a_removed_admin_loses_access_at_once(app, client, company):
    comp, _admin_account = company
    removed = _admin(comp, "general_admin")
    theirs = app.test_client()
    f.login(theirs, removed)
    assert theirs.get("/company/").status_code == 200
    membership = Membership.get(Membership.account == removed)
    assert client.post(f"/company/admins/{membership.id}/delete").status_code == 302
    assert theirs.get("/company/").status_code == 403
    assert theirs.get("/company/admins").status_code == 403
    assert Account.get_by_id(removed.id) is not None  # the person keeps their login, not the admin ID


def test_a_system_admin_may_remove_themself_when_another_remains(client, company):
    comp, admin = company
    _admin(comp, "system_admin")
    own = Membership.get(Membership.account == admin)
    r = client.post(f"/company/admins/{own.id}/delete")
    assert r.status_code == 302 and r.headers["Location"].endswith("/switch")
    assert client.get("/company/").status_code == 403


def test_admins_of_another_company_are_out_of_reach(client, company):
    other_company, other_admin = f.company(name="他社建設株式会社")
    theirs = Membership.get(Membership.account == other_admin)
    assert client.post(f"/company/admins/{theirs.id}/delete").status_code == 404
    assert client.post(f"/company/admins/{theirs.id}/role", data={"role": "proxy_clerk"}).status_code == 404
    assert other_admin.email not in client.get("/company/admins").text
    assert Membership.get_by_id(theirs.id).role == "system_admin"


def test_the_invitation_mail_names_the_role_in_the_invitees_language(client, company, outbox):
    """The role is a code label: it is written in the mail's language, not the inviting page's."""
    english = f.account(email="emma@example.jp", name="Emma")
    Account.update(lang="en").where(Account.id == english.id).execute()
    client.post("/company/admins", data={"display_name": "Emma", "email": "emma@example.jp", "role": "general_admin"})
    body = outbox.last_to("emma@example.jp").get_content()
    assert "invites you to be an admin (General admin)" in body and "一般管理者" not in body
