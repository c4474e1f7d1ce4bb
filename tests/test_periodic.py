"""The daily huey tasks: card expiry reminders (once each) and the 12-months-unused rule (Q5-15:
a notice at 11 months, deactivation at 12 only after that notice, nothing deleted)."""

import datetime as dt
import re

import pytest

from factory.touches import record_touch
from models import Account, Card, NoticeLog, Worker
from models.core import clock
from models.core.dates import add_months
from models.sites.records import WorkRecord
from tasks.periodic import apply_unused_rule, daily_notices, send_card_expiry_reminders
from tests import factories as f

TODAY = dt.date(2026, 3, 10)


def mails(outbox, to, subject_part):
    return [m for m in outbox.messages() if m["To"] == to and subject_part in m["Subject"]]


def at(day):
    return dt.datetime.combine(day, dt.time(9, 0))


def used_on(account, day, created=None):
    """Backdates an account's last login (and creation) to `day`."""
    Account.update(last_used_at=at(day), created_at=at(created or day)).where(Account.id == account.id).execute()
    return Account.get_by_id(account.id)


@pytest.fixture
def card_holder(app):
    acc, _company, worker = f.one_person()
    card = Card.current_for(worker)
    # Keep the unused rule out of the card tests: the holder logged in today.
    used_on(acc, TODAY)
    return acc, worker, card


def expire_on(card, day):
    Card.update(valid_until=day).where(Card.id == card.id).execute()


# --- card expiry -------------------------------------------------------------------------------


def test_expiry_reminders_90_and_30_days_before_once_each(app, card_holder, outbox):
    acc, worker, card = card_holder
    expire_on(card, TODAY + dt.timedelta(days=90))
    with app.app_context():
        assert send_card_expiry_reminders(TODAY - dt.timedelta(days=1)) == 0  # 91 days: too early
        assert send_card_expiry_reminders(TODAY) == 1
        assert send_card_expiry_reminders(TODAY) == 0  # the same day again
        assert send_card_expiry_reminders(TODAY + dt.timedelta(days=5)) == 0  # still in the 90-day window
        assert send_card_expiry_reminders(TODAY + dt.timedelta(days=60)) == 1  # 30 days left
        assert send_card_expiry_reminders(TODAY + dt.timedelta(days=70)) == 0
    reminders = mails(outbox, acc.email, "有効期限")
    assert len(reminders) == 2
    assert "あと90日" in reminders[0].get_content() and "あと30日" in reminders[1].get_content()
    assert worker.worker_id in reminders[0].get_content()


def test_a_late_first_run_sends_only_the_nearer_reminder(app, card_holder, outbox):
    acc, _worker, card = card_holder
    expire_on(card, TODAY + dt.timedelta(days=20))
    with app.app_context():
        assert send_card_expiry_reminders(TODAY) == 1
    assert [r.kind for r in NoticeLog.select()] == ["card_expiry_30"]


def test_no_reminder_for_replaced_or_expired_cards(app, card_holder, outbox):
    _acc, _worker, card = card_holder
    expire_on(card, TODAY - dt.timedelta(days=1))
    with app.app_context():
        assert send_card_expiry_reminders(TODAY) == 0
    expire_on(card, TODAY + dt.timedelta(days=30))
    Card.update(status="replaced").where(Card.id == card.id).execute()
    with app.app_context():
        assert send_card_expiry_reminders(TODAY) == 0
    assert NoticeLog.select().count() == 0


def test_the_periodic_task_runs_in_immediate_mode(app, card_holder, outbox):
    acc, _worker, card = card_holder
    used_on(acc, clock.today())
    stale = used_on(f.account(), add_months(clock.today(), -12))
    expire_on(card, clock.today() + dt.timedelta(days=30))
    with app.app_context():
        daily_notices()  # huey keeps no result for periodic tasks: check what it did
    assert len(mails(outbox, acc.email, "有効期限")) == 1
    assert len(mails(outbox, stale.email, "11ヶ月")) == 1


# --- 12 months without use ---------------------------------------------------------------------


def test_notice_at_eleven_months_then_deactivation_at_twelve(app, outbox, client):
    acc = used_on(f.account(), add_months(TODAY, -11))
    with app.app_context():
        assert apply_unused_rule(add_months(TODAY, -1)) == (0, 0)  # 10 months: nothing yet
        assert apply_unused_rule(TODAY) == (0, 1)
        assert apply_unused_rule(TODAY) == (0, 0)  # warned once
    notice = mails(outbox, acc.email, "11ヶ月")
    assert len(notice) == 1
    assert add_months(TODAY, 1).strftime("%Y/%m/%d") in notice[0].get_content()
    assert Account.get_by_id(acc.id).deactivated_at is None

    with app.app_context():
        assert apply_unused_rule(add_months(TODAY, 1) - dt.timedelta(days=1)) == (0, 0)  # not yet 12 months
        assert apply_unused_rule(add_months(TODAY, 1)) == (1, 0)
        assert apply_unused_rule(add_months(TODAY, 1)) == (0, 0)
    assert Account.get_by_id(acc.id).deactivated_at is not None
    stopped = mails(outbox, acc.email, "停止")
    assert len(stopped) == 1 and "/password/forgot" in stopped[0].get_content()


def test_an_account_never_warned_is_not_deactivated_in_the_same_run(app, outbox):
    acc = used_on(f.account(), add_months(TODAY, -30))
    with app.app_context():
        assert apply_unused_rule(TODAY) == (0, 1)
    assert Account.get_by_id(acc.id).deactivated_at is None
    assert mails(outbox, acc.email, "11ヶ月")
    # The deadline is a month after the notice, not 12 months after the last use.
    with app.app_context():
        assert apply_unused_rule(TODAY + dt.timedelta(days=20)) == (0, 0)
        assert apply_unused_rule(add_months(TODAY, 1)) == (1, 0)


def test_a_login_or_a_card_touch_counts_as_use(app, outbox):
    by_login = used_on(f.account(), add_months(TODAY, -11))
    site = f.site_with_worker()
    used_on(site["account"], add_months(TODAY, -11))
    with app.app_context():
        assert apply_unused_rule(TODAY) == (0, 2)
    # After the notice one logs in, and the other's card is touched on a site.
    used_on(by_login, TODAY + dt.timedelta(days=3), created=add_months(TODAY, -11))
    record_touch(site["reader"], "t1", site["site"].site_id, site["card"].idm, "in", at(TODAY + dt.timedelta(days=3)))
    assert Worker.get_by_id(site["worker"].id).last_used_at == TODAY + dt.timedelta(days=3)
    with app.app_context():
        assert apply_unused_rule(add_months(TODAY, 1)) == (0, 0)
    assert Account.select().where(Account.deactivated_at.is_null(False)).count() == 0


def test_reviewers_are_not_deactivated(app):
    staff = used_on(f.reviewer(), add_months(TODAY, -24))
    with app.app_context():
        assert apply_unused_rule(TODAY) == (0, 0)
    assert Account.get_by_id(staff.id).deactivated_at is None


def test_deactivated_login_is_refused_with_the_way_back_and_nothing_is_deleted(app, client, outbox):
    site = f.site_with_worker()
    acc = used_on(site["account"], add_months(TODAY, -13))
    record_touch(site["reader"], "old", site["site"].site_id, site["card"].idm, "in", at(add_months(TODAY, -13)))
    with app.app_context():
        apply_unused_rule(add_months(TODAY, -1))
        assert apply_unused_rule(TODAY) == (1, 0)

    r = f.login(client, acc)
    assert r.status_code == 403
    assert "利用を停止しています" in r.text and "パスワードを再設定" in r.text and "/inquiry" in r.text
    assert Worker.get_by_id(site["worker"].id).approved
    assert WorkRecord.select().where(WorkRecord.worker == site["worker"]).count() == 1
    assert Card.current_for(site["worker"]) is not None

    # A password reset reopens the account.
    client.post("/password/forgot", data={"email": acc.email})
    link = re.search(r"https?://[^\s]+(/password/reset/[^\s]+)", outbox.last_to(acc.email).get_content()).group(1)
    client.post(link, data={"password": "a-new-password-1", "password2": "a-new-password-1"})
    assert Account.get_by_id(acc.id).deactivated_at is None
    assert f.login(client, acc, "a-new-password-1").status_code == 302
