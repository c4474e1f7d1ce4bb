"""A crash between a change and its mail (issue 16): the action runs in a real process that is killed
with SIGKILL the moment its change is committed, before anything after the commit runs. The person
then does what anyone would — tries again, and hears the change is already done — and the outbox
sweep delivers the one mail the change wrote with it. Before the notices moved inside the change's
transaction, the change committed alone and the mail was lost for good."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import time_machine

from models import Invoice, OutboxMail, Site
from models.accounts.accounts import LOCKOUT_ATTEMPTS, Account
from models.core import clock
from tasks.mail import retry_unsent_mail
from tests import factories as f
from tests.sitetree import as_company

ROOT = Path(__file__).resolve().parent.parent


def _killed_after_commit(client, url, data, durable, params):
    """Runs POST `url` as `client`'s browser in a process that dies once `durable` finds a row."""
    cookie, config = client.get_cookie("session"), client.application.config
    spec = {"url": url, "data": data, "durable": durable, "params": params, "cookie": cookie and cookie.value}
    env = {**os.environ, "DATABASE_URL": config["DATABASE_URL"], "OUTBOX_DIR": config["OUTBOX_DIR"]}
    run = subprocess.run(
        [sys.executable, "-m", "tests.crash_after_commit", json.dumps(spec)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr


def _sweep(app):
    """The outbox sweep as the next minute's periodic run sees it (past the mail's own task's grace)."""
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=app.config["OUTBOX_RETRY_SECONDS"] + 1)
    with app.app_context(), time_machine.travel(later, tick=False):
        return retry_unsent_mail.call_local()


def _delivered_once(app, outbox, template, address, subject):
    rows = list(OutboxMail.select().where(OutboxMail.template == template))
    assert [(row.to, row.sent_at is None) for row in rows] == [(address, True)]  # written, not yet sent
    assert outbox.messages() == []
    assert _sweep(app) == 1
    assert [m["Subject"] for m in outbox.messages() if m["To"] == address] == [subject]
    assert OutboxMail.get_by_id(rows[0].id).sent_at is not None
    assert _sweep(app) == 0  # and never again


def _staff(app):
    client = app.test_client()
    f.login(client, f.reviewer())
    return client


def test_the_payment_receipt_survives_a_crash_right_after_the_payment_is_recorded(app, outbox):
    application = f.submitted_company_application(capital=30_000_000)
    invoice = application.approve(f.reviewer(), clock.today())
    staff, url = _staff(app), f"/reviewer/invoices/{invoice.id}/payment"
    paid_on = {"paid_on": clock.today().isoformat()}
    _killed_after_commit(staff, url, paid_on, "SELECT 1 FROM invoice WHERE id = ? AND status = 'paid'", [invoice.id])
    assert Invoice.get_by_id(invoice.id).paid
    r = staff.post(url, data=paid_on, follow_redirects=True)
    assert "この入金は既に記録されています" in r.text  # the retry changes nothing and mails nothing
    _delivered_once(
        app, outbox, "company_ready", application.applicant.email, "【CareerUp】事業者IDが使えるようになりました"
    )


def test_a_site_invitation_survives_a_crash_right_after_it_is_made(app, outbox):
    prime, prime_admin = f.company(name="元請建設株式会社")
    sub, sub_admin = f.company(name="一次工業株式会社")
    site = Site.open(prime, name="A邸住宅新築工事")
    client = as_company(app, prime_admin, prime)
    url, invited = f"/prime/sites/{site.id}/subcontractors", {"business_id": sub.business_id}
    _killed_after_commit(client, url, invited, "SELECT 1 FROM site_contract WHERE company_id = ?", [sub.id])
    r = client.post(url, data=invited)
    assert r.status_code == 303 and "invite_error=duplicate" in r.location
    _delivered_once(app, outbox, "site_invited", sub_admin.email, "【CareerUp】現場の施工体制への招待が届きました")


def test_the_unlock_link_survives_a_crash_right_after_the_account_is_locked(app, outbox):
    account = f.account("locked@example.jp")
    client, wrong = app.test_client(), {"email": account.email, "password": "not-the-password"}
    for _ in range(LOCKOUT_ATTEMPTS - 1):
        assert client.post("/login", data=wrong).status_code == 401
    _killed_after_commit(
        client, "/login", wrong, "SELECT 1 FROM account WHERE id = ? AND locked_until IS NOT NULL", [account.id]
    )
    assert Account.get_by_id(account.id).locked()
    r = client.post("/login", data=wrong)
    assert r.status_code == 403 and "ロックしています" in r.text  # locked already: no second link
    _delivered_once(app, outbox, "unlock", account.email, "【CareerUp】アカウントをロックしました")
