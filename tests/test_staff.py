"""`flask staff create|list|disable`: the first reviewer of a real deployment without demo data, the
operator role and its gate; `flask demo-data` refused in production."""

import re

import pytest
from flask_login import login_user
from werkzeug.exceptions import Forbidden

import tests.factories as f
from blueprints.shared import helpers
from models import Account


def _cli(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_a_new_reviewer_is_mailed_a_link_sets_a_password_and_reaches_the_queue(app, client, outbox):
    r = _cli(app, "staff", "create", "Hanako@Shinsa.example.jp", "--role", "reviewer", "--name", "審査 花子")
    assert r.exit_code == 0, r.output
    assert "hanako@shinsa.example.jp: created, roles reviewer" in r.output and "mailed" in r.output
    mail = outbox.last_to("hanako@shinsa.example.jp")
    link = re.search(r"https?://\S+(/password/reset/\S+)", mail.get_content()).group(1)
    new = "ein-langes-passwort"
    assert client.post(link, data={"password": new, "password2": new}).status_code == 302
    staff = Account.by_email("hanako@shinsa.example.jp")
    assert staff.display_name == "審査 花子" and staff.is_reviewer and not staff.is_operator
    f.login(client, staff, new)
    assert client.get("/reviewer/").status_code == 200


def test_a_password_typed_at_the_prompt_instead_of_a_mail(app, client, outbox):
    r = _cli(app, "staff", "create", "ops@example.jp", "--role", "operator", "--password-prompt", input="kurz\nkurz\n")
    assert r.exit_code == 1 and "10 to 128 characters" in r.output
    assert Account.by_email("ops@example.jp") is None
    secret = "operator-password-1"
    r = _cli(
        app,
        "staff",
        "create",
        "ops@example.jp",
        "--role",
        "operator",
        "--password-prompt",
        input=f"{secret}\n{secret}\n",
    )
    assert r.exit_code == 0, r.output
    assert outbox.messages() == []  # nothing to mail: the password is set
    operator = Account.by_email("ops@example.jp")
    assert operator.is_operator and not operator.is_reviewer
    f.login(client, operator, secret)
    assert client.get("/reviewer/").status_code == 403  # operations staff do not review


def test_an_existing_account_gets_a_second_role_and_the_list_shows_staff_only(app, outbox):
    person = f.account(email="both@example.jp", name="両方 太郎")
    f.account(email="nobody@example.jp")
    assert _cli(app, "staff", "create", "both@example.jp", "--role", "reviewer").exit_code == 0
    assert _cli(app, "staff", "create", "both@example.jp", "--role", "operator").exit_code == 0
    assert outbox.messages() == []  # the account already has its own password
    assert Account.get_by_id(person.id).password_hash == person.password_hash
    lines = _cli(app, "staff", "list").output.splitlines()
    assert lines == ["both@example.jp\treviewer,operator\t両方 太郎\tlast used never"]


def test_disable_takes_the_roles_and_ends_the_session(app, client):
    staff = f.reviewer()
    f.login(client, staff)
    assert client.get("/reviewer/").status_code == 200
    r = _cli(app, "staff", "disable", staff.email)
    assert r.exit_code == 0 and "staff roles removed" in r.output
    assert client.get("/reviewer/").status_code == 302  # signed out
    f.login(client, staff)
    assert client.get("/reviewer/").status_code == 403
    assert _cli(app, "staff", "list").output == ""
    again = _cli(app, "staff", "disable", staff.email)
    assert again.exit_code == 1 and "no staff account with this address" in again.output


def test_bad_input_is_refused_with_a_message(app):
    r = _cli(app, "staff", "create", "not-an-address", "--role", "reviewer")
    assert r.exit_code == 1 and "not an e-mail address" in r.output
    r = _cli(app, "staff", "create", "a@example.jp", "--role", "admin")
    assert r.exit_code == 2 and "'reviewer', 'operator'" in r.output
    assert Account.select().count() == 0


def test_the_operator_gate(app):
    operator, someone = f.account(), f.account()
    operator.staff_role = "operator"
    operator.save()
    with app.test_request_context("/"):
        assert helpers.require_operator().status_code == 302  # not signed in: the login page
    with app.test_request_context("/"):
        login_user(someone)
        with pytest.raises(Forbidden):
            helpers.require_operator()
    with app.test_request_context("/"):
        login_user(operator)
        assert helpers.require_operator() is None


def test_demo_data_is_refused_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    r = _cli(app, "demo-data")
    assert r.exit_code == 1 and "demo-data refused: CAREERUP_ENV=production" in r.output
    assert "flask --app app staff create EMAIL --role reviewer" in r.output
    assert Account.select().count() == 0
