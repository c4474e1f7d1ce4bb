"""A foreign worker's residence status (在留資格・在留カード・在留期間): the card number's format, the
change application with a new card, the reminders 90 and 30 days before the 在留期間 ends (worker and
employer, once each, each in their own language), and the roster rule (ended: refused with the
reason; ending within the site's period: flagged to the company and the upper tiers)."""

import datetime as dt

import pytest

from models import Account, ChangeRequest, NoticeLog, RosterEntry, Worker
from models.core import clock
from tasks.periodic import send_residence_reminders
from tests import factories as f
from tests.sitetree import as_company, employee, three_tiers
from tests.test_changes import client_for, current

HX = {"HX-Request": "true"}
TODAY = dt.date(2026, 3, 10)
SPECIFIED = {
    "nationality": "ベトナム",
    "residence_status": "specified_skilled_1",
    "residence_card_number": "AB12345678CD",
    "acceptance_plan_number": "国土建第1234号",
}


def make_foreign(worker, until, lang=None):
    Worker.update(residence_until=until, **SPECIFIED).where(Worker.id == worker.id).execute()
    if lang and worker.account_id:
        Account.update(lang=lang).where(Account.id == worker.account_id).execute()
    return Worker.get_by_id(worker.id)


@pytest.fixture
def foreign_side(app):
    acc, company, worker = f.one_person()
    worker = make_foreign(worker, dt.date(2027, 4, 30))
    return acc, company, worker, client_for(app, acc)


# --- the card and the change application ---------------------------------------------------------


def test_a_new_card_is_filed_as_a_change_and_applied_on_approval(app, foreign_side, outbox):
    acc, _company, worker, client = foreign_side
    index = client.get("/worker/changes").text
    assert "在留資格（外国籍の方）" in index
    form = client.get("/worker/changes/new?section=residence").text
    assert 'value="AB12345678CD"' in form and "2027-04-30" in form
    new_card = {
        **current(worker, "residence"),
        "residence_card_number": "CD87654321EF",
        "residence_until": "2030-04-30",
    }

    bad = client.post(
        "/worker/changes/new?section=residence",
        data={**new_card, "residence_card_number": "CD8765432EF", "step": "confirm"},
    )
    assert bad.status_code == 400 and "英字2桁・数字8桁・英字2桁" in bad.text
    no_plan = client.post(
        "/worker/changes/new?section=residence", data={**new_card, "acceptance_plan_number": "", "step": "confirm"}
    )
    assert no_plan.status_code == 400 and "建設特定技能受入計画の認定番号を入力してください" in no_plan.text

    # typed in lower case with spaces, as read off the card: stored in the card's own form
    typed = {**new_card, "residence_card_number": "cd 8765 4321 ef"}
    confirm = client.post("/worker/changes/new?section=residence", data={**typed, "step": "confirm"})
    assert confirm.status_code == 200 and "AB12345678CD" in confirm.text and "CD87654321EF" in confirm.text
    assert client.post("/worker/changes/new?section=residence", data={**typed, "step": "send"}).status_code == 302
    change = ChangeRequest.get()
    assert change.change_items() == {
        "residence_card_number": ["AB12345678CD", "CD87654321EF"],
        "residence_until": ["2027-04-30", "2030-04-30"],
    }
    assert Worker.get_by_id(worker.id).residence_card_number == "AB12345678CD"  # not before the review
    staff = client_for(app, f.reviewer())
    assert staff.post(f"/reviewer/changes/{change.id}/approve").status_code == 302
    renewed = Worker.get_by_id(worker.id)
    assert (renewed.residence_card_number, renewed.residence_until) == ("CD87654321EF", dt.date(2030, 4, 30))


def test_a_japanese_national_has_no_residence_status(app):
    acc, _company, worker = f.one_person()
    client = client_for(app, acc)
    data = {**current(worker, "residence"), "residence_status": "permanent", "step": "confirm"}
    r = client.post("/worker/changes/new?section=residence", data=data)
    assert r.status_code == 400 and "日本国籍の方は在留資格を空欄にしてください" in r.text


# --- reminders -----------------------------------------------------------------------------------


def mails(outbox, to):
    return [m for m in outbox.messages() if m["To"] == to]


def test_reminders_90_and_30_days_before_once_each_in_each_ones_language(app, outbox):
    employer, admin = f.company(name="外国人受入建設株式会社")
    worker = employee(employer, "NGUYEN", "VAN")
    account = f.account(email="nguyen@example.jp", name="NGUYEN VAN")
    Worker.update(account=account).where(Worker.id == worker.id).execute()
    worker = make_foreign(Worker.get_by_id(worker.id), TODAY + dt.timedelta(days=90), lang="vi")
    with app.app_context():
        assert send_residence_reminders(TODAY - dt.timedelta(days=1)) == 0  # 91 days: too early
        assert send_residence_reminders(TODAY) == 1
        assert send_residence_reminders(TODAY) == 0  # the same day again
        assert send_residence_reminders(TODAY + dt.timedelta(days=30)) == 0  # still the 90-day window
        assert send_residence_reminders(TODAY + dt.timedelta(days=60)) == 1  # 30 days left
        assert send_residence_reminders(TODAY + dt.timedelta(days=75)) == 0
    to_worker, to_employer = mails(outbox, "nguyen@example.jp"), mails(outbox, admin.email)
    assert len(to_worker) == len(to_employer) == 2
    # the worker reads theirs in the account's language (Vietnamese), the employer's admin in Japanese
    assert (
        to_worker[0]["Subject"] == "[CareerUp] Thời hạn lưu trú của bạn sắp hết" and "90" in to_worker[0].get_content()
    )
    assert "30" in to_worker[1].get_content()
    assert not any("\u3040" <= ch <= "\u30ff" for ch in to_worker[0]["Subject"])
    assert "所属技能者の在留期間" in to_employer[0]["Subject"]
    body = to_employer[0].get_content()
    assert "NGUYEN VAN" in body and "特定技能1号" in body and worker.worker_id in body
    assert NoticeLog.select().where(NoticeLog.kind.startswith("residence_expiry")).count() == 2


def test_a_new_card_is_reminded_of_afresh(app, outbox):
    employer, admin = f.company()
    worker = make_foreign(employee(employer, "TRAN", "MINH"), TODAY + dt.timedelta(days=20))
    with app.app_context():
        assert send_residence_reminders(TODAY) == 1  # only the 30-day one: the 90-day window was missed
        Worker.update(residence_until=TODAY + dt.timedelta(days=400)).where(Worker.id == worker.id).execute()
        assert send_residence_reminders(TODAY) == 0
        assert send_residence_reminders(TODAY + dt.timedelta(days=310)) == 1  # the new card's 90 days
    assert len(mails(outbox, admin.email)) == 2


# --- the roster ----------------------------------------------------------------------------------


def test_an_ended_residence_period_is_refused_on_the_roster_with_the_reason(app):
    t = three_tiers()
    c2 = t["contracts"]["second"]
    ended = make_foreign(employee(t["second"], "LE", "HOA"), clock.today() - dt.timedelta(days=1))
    client = as_company(app, t["admins"]["second"], t["second"])
    data = {"worker": [str(ended.id)], "position": "3", "trade": "0801"}
    r = client.post(f"/company/contracts/{c2.id}/roster", data=data, headers=HX)
    day = ended.residence_until.strftime("%Y/%m/%d")
    assert "LE HOA さんの在留期間（満了日 " + day + "）が過ぎているため" in r.text
    assert RosterEntry.select().count() == 0


def test_a_period_ending_within_the_site_is_flagged_to_the_company_and_the_prime(app):
    t = three_tiers()
    c2 = t["contracts"]["second"]
    c2.ends_on = clock.today() + dt.timedelta(days=200)
    c2.save()
    ending = make_foreign(employee(t["second"], "PHAM", "DUC"), clock.today() + dt.timedelta(days=100))
    later = make_foreign(employee(t["second"], "VO", "LAN"), clock.today() + dt.timedelta(days=300))
    ends_on_the_last_day = make_foreign(employee(t["second"], "DO", "KHOA"), c2.ends_on)
    client = as_company(app, t["admins"]["second"], t["second"])
    data = {"worker": [str(w.id) for w in (ending, later, ends_on_the_last_day)], "position": "3", "trade": "0801"}
    r = client.post(f"/company/contracts/{c2.id}/roster", data=data, headers=HX)
    assert r.status_code == 200 and r.text.count('data-testid="roster-row"') == 3
    prime = as_company(app, t["admins"]["prime"], t["prime"])
    for viewer in (client, prime):
        page = viewer.get(f"/company/contracts/{c2.id}/roster").text
        rows = {
            name: row
            for row in page.split('data-testid="roster-row"')[1:]
            for name in ("PHAM", "VO", "DO")
            if name in row
        }
        assert "在留期間が工期中に満了" in rows["PHAM"] and "在留期間が工期中に満了" in rows["DO"]
        assert "在留期間が工期中に満了" not in rows["VO"]
