"""関連付け with both sides agreeing (Q4-3, Q2-6), 退職 keeping all history (Q1-16) and the affiliation
certificate, through the real routes. 変更申請 (Q2-1): test_change_applications.py."""

import datetime as dt
import shutil
import subprocess

import pytest

from factory.touches import record_touch
from models import Affiliation, Company, LinkRequest, Worker
from models.core import clock
from models.registration.changes import CHANGEABLE, ChangeError, certificate_facts, kind_of
from models.sites.readers import CardReader
from models.sites.records import WorkRecord
from models.sites.sites import RosterEntry, Site, SiteContract
from tests import factories as f


def current(subject, section):
    """The section's form as the page prefills it: today's registered values."""
    data = {}
    for name in CHANGEABLE[kind_of(subject)][section]:
        value = getattr(subject, name)
        if isinstance(value, bool):
            if value:
                data[name] = "y"
        elif name == "licence_trades":
            data[name] = subject.licence_trade_codes
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = "" if value is None else str(value)
    return data


def client_for(app, account):
    client = app.test_client()
    f.login(client, account)
    return client


@pytest.fixture
def worker_side(app):
    acc, company, worker = f.one_person()
    return acc, company, worker, client_for(app, acc)


# --- 関連付け -----------------------------------------------------------------------------------


def test_company_proposes_and_only_the_worker_can_agree(app, worker_side, outbox):
    acc, _own, worker, worker_client = worker_side
    employer, admin = f.company(name="雇用建設株式会社")
    company_client = client_for(app, admin)
    r = company_client.post("/company/links", data={"worker_id": worker.worker_id, "kind": "other"})
    assert r.status_code == 302
    assert worker.full_name not in company_client.get("/company/affiliations").text  # not before consent
    assert not Affiliation.select().where(Affiliation.company == employer).exists()
    assert "関連付けの申し込み" in outbox.last_to(acc.email)["Subject"]
    link = LinkRequest.get()
    # The proposer cannot agree on the worker's behalf.
    company_client.post(f"/company/links/{link.id}/accept")
    assert LinkRequest.get_by_id(link.id).status == "pending"
    assert not Affiliation.select().where(Affiliation.company == employer).exists()

    page = worker_client.get("/worker/affiliations")
    assert "雇用建設株式会社" in page.text
    worker_client.post(f"/worker/links/{link.id}/accept")
    assert Affiliation.get(Affiliation.company == employer).ended_on is None
    assert worker.full_name in company_client.get("/company/affiliations").text
    assert "承認されました" in outbox.last_to(admin.email)["Subject"]


def test_worker_proposes_by_business_id_and_the_company_declines_or_agrees(app, worker_side):
    _acc, _own, worker, worker_client = worker_side
    employer, admin = f.company(name="雇用建設株式会社")
    company_client = client_for(app, admin)
    worker_client.post("/worker/links", data={"business_id": employer.business_id, "kind": "other"})
    first = LinkRequest.get()
    assert first.proposed_by == "worker"
    worker_client.post(f"/worker/links/{first.id}/accept")  # not the worker's to accept
    assert LinkRequest.get_by_id(first.id).status == "pending"
    assert worker.full_name in company_client.get("/company/affiliations").text
    company_client.post(f"/company/links/{first.id}/decline")
    assert LinkRequest.get_by_id(first.id).status == "declined"
    assert not Affiliation.select().where(Affiliation.company == employer).exists()

    worker_client.post("/worker/links", data={"business_id": employer.business_id, "kind": "secondment"})
    second = LinkRequest.get(LinkRequest.status == "pending")
    company_client.post(f"/company/links/{second.id}/accept")
    affiliation = Affiliation.get(Affiliation.company == employer)
    assert affiliation.is_secondment and not affiliation.is_main  # 出向先; the origin stays main (Q1-14)


def test_link_form_bad_ids(app, worker_side):
    _acc, _own, worker, worker_client = worker_side
    r = worker_client.post("/worker/links", data={"business_id": "20000000000018", "kind": "other"})
    assert r.status_code == 400 and "14桁の数字" in r.text and 'value="20000000000018"' in r.text
    employer, admin = f.company()
    company_client = client_for(app, admin)
    r = company_client.post("/company/links", data={"worker_id": "１２３", "kind": "other"})
    assert r.status_code == 400 and "14桁の数字" in r.text
    f.link(worker, employer)
    r = company_client.post("/company/links", data={"worker_id": worker.worker_id, "kind": "other"})
    assert r.status_code == 400 and "既に関連付けされています" in r.text
    assert LinkRequest.select().count() == 1


def test_accepted_link_puts_the_worker_in_roster_choices(app, worker_side):
    _acc, _own, worker, _client = worker_side
    employer, admin = f.company()
    prime, _prime_admin = f.company(name="元請建設株式会社")
    site = Site.open(prime, name="B棟新築工事")
    contract = SiteContract.invite(site, prime, employer)
    contract.accept()
    client = client_for(app, admin)
    option = f"{worker.full_name}（{worker.worker_id}）"
    assert option not in client.get(f"/company/contracts/{contract.id}/roster").text
    f.link(worker, employer)
    assert option in client.get(f"/company/contracts/{contract.id}/roster").text


# --- 退職 ---------------------------------------------------------------------------------------


@pytest.fixture
def employed_with_history(app, worker_side):
    """The worker linked to an employer, on the employer's roster at a prime's site, with a day of work."""
    acc, _own, worker, worker_client = worker_side
    employer, admin = f.company(name="雇用建設株式会社")
    prime, prime_admin = f.company(name="元請建設株式会社")
    affiliation = f.link(worker, employer)
    site = Site.open(prime, name="C邸住宅新築工事")
    contract = SiteContract.invite(site, prime, employer)
    contract.accept()
    f.put_on_roster(contract, worker, position="3", trade="0201")
    reader, _token = CardReader.register(site, "正門")
    card = worker.cards.get()
    card.enrol_serial(f.serial())
    day = dt.datetime(2025, 6, 2, 8, 0)
    record_touch(reader, "e1", site.site_id, card.idm, "in", day)
    return {
        "worker": worker,
        "worker_client": worker_client,
        "employer": employer,
        "admin": admin,
        "prime": prime,
        "prime_admin": prime_admin,
        "affiliation": affiliation,
        "site": site,
        "contract": contract,
        "day": day.date(),
    }


def test_retirement_ends_the_affiliation_and_keeps_all_history(app, employed_with_history):
    w = employed_with_history
    company_client = client_for(app, w["admin"])
    page = company_client.get(f"/company/affiliations/{w['affiliation'].id}/retire")
    assert "就業履歴はすべてそのまま残ります" in page.text
    future = (clock.today() + dt.timedelta(days=3)).isoformat()
    r = company_client.post(f"/company/affiliations/{w['affiliation'].id}/retire", data={"ended_on": future})
    assert r.status_code == 400 and "未来の日付" in r.text
    r = company_client.post(
        f"/company/affiliations/{w['affiliation'].id}/retire", data={"ended_on": clock.today().isoformat()}
    )
    assert r.status_code == 302
    affiliation = Affiliation.get_by_id(w["affiliation"].id)
    assert affiliation.ended_on == clock.today() and affiliation.end_reason == "retired"

    # The registration and the work history stay, for the worker and for the prime for that period.
    worker = Worker.get_by_id(w["worker"].id)
    assert worker.approved and WorkRecord.select().where(WorkRecord.worker == worker).count() == 1
    history = w["worker_client"].get("/worker/history")
    assert "C邸住宅新築工事" in history.text
    assert "雇用建設株式会社" in w["worker_client"].get("/worker/affiliations").text  # listed as former
    prime_client = client_for(app, w["prime_admin"])
    daily = prime_client.get(f"/prime/sites/{w['site'].id}/daily?date={w['day'].isoformat()}")
    assert worker.full_name in daily.text

    # No longer the employer's: gone from the roster choices and the current list, and not re-addable.
    roster = company_client.get(f"/company/contracts/{w['contract'].id}/roster")
    assert f"{worker.full_name}（{worker.worker_id}）" not in roster.text  # the worker select's option
    RosterEntry.delete().execute()  # even with the old entry gone, the worker cannot be listed again
    r = company_client.post(
        f"/company/contracts/{w['contract'].id}/roster",
        data={"worker": str(worker.id), "position": "3", "trade": "0201"},
    )
    assert r.status_code == 400
    assert company_client.get(f"/company/affiliations/{w['affiliation'].id}/retire").status_code == 404


def test_retirement_takes_the_worker_off_rosters_where_they_have_not_worked(app, employed_with_history):
    w = employed_with_history
    other_site = Site.open(w["prime"], name="D棟改修工事")
    other = SiteContract.invite(other_site, w["prime"], w["employer"])
    other.accept()
    f.put_on_roster(other, w["worker"], position="3", trade="0201")
    client_for(app, w["admin"]).post(
        f"/company/affiliations/{w['affiliation'].id}/retire", data={"ended_on": clock.today().isoformat()}
    )
    on_rosters = {e.site_id for e in RosterEntry.select().where(RosterEntry.worker == w["worker"])}
    assert on_rosters == {w["site"].id}  # kept only where the work history needs it


# --- 技能者の所属に関する証明書 -------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext missing: apt-get install -y poppler-utils")
def test_affiliation_certificate_carries_the_business_id(app, worker_side, tmp_path):
    _acc, _own, worker, _client = worker_side
    employer, admin = f.company(name="証明建設株式会社")
    affiliation = f.link(worker, employer)
    r = client_for(app, admin).get(f"/company/affiliations/{affiliation.id}/certificate.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    path = tmp_path / "cert.pdf"
    path.write_bytes(r.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "技能者の所属に関する証明書" in text
    assert employer.business_id in text and worker.worker_id in text
    assert "証明建設株式会社" in text and "山田 太郎" in text


def test_no_certificate_without_a_business_id(app, worker_side):
    _acc, _own, worker, _client = worker_side
    employer, admin = f.company()
    affiliation = f.link(worker, employer)
    Company.update(business_id=None).where(Company.id == employer.id).execute()
    with pytest.raises(ChangeError):
        certificate_facts(Affiliation.get_by_id(affiliation.id))
    # A company without a 事業者ID does not get into the company screens at all.
    r = client_for(app, admin).get(f"/company/affiliations/{affiliation.id}/certificate.pdf")
    assert r.status_code == 403 and r.mimetype != "application/pdf"
