"""現場管理者 (Q2-4, Q2-5): a site manager sees and acts on the sites in their charge only, through
Site.held_by; a subcontractor's admin or site manager records card reads on the sites it works on."""

import datetime as dt

from models import Membership, Site, SiteContract
from models.core.clock import now_jst, today
from models.history.work_entries import PENDING, WorkEntry, enter_day
from models.sites.documents import SiteDocument
from models.sites.records import Touch
from tests import factories as f
from tests.sitetree import as_company


def _two_sites():
    prime, prime_admin = f.company(name="元請建設株式会社")
    sub_admin, sub, worker = f.one_person(family="名簿")
    worker.cards.get().enrol_serial(f.serial())
    manager = f.account(name="現場 監督")
    membership = Membership.create(account=manager, company=prime, role="site_manager")
    mine = Site.open(prime, name="担当現場", manager=membership.id)
    other = Site.open(prime, name="担当外現場")
    contracts = {}
    for site in (mine, other):
        contracts[site.id] = SiteContract.invite(site, prime, sub)
        contracts[site.id].accept()
    for site in (mine, other):
        f.put_on_roster(contracts[site.id], worker)
    day = today() - dt.timedelta(days=1)
    for site in (mine, other):
        enter_day(sub_admin, worker, site, day, "0201", "3", None, None, "forgot_card", "", today(), sub)
    return locals()


def test_q2_4_a_site_manager_sees_and_acts_on_the_sites_in_their_charge_only(app):
    w = _two_sites()
    mine, other = w["mine"], w["other"]
    client = as_company(app, w["manager"], w["prime"])
    listing = client.get("/prime/sites").text
    assert "担当現場" in listing and "担当外現場" not in listing
    assert client.get(f"/prime/sites/{mine.id}").status_code == 200
    for path in ("", "/edit", "/daily", "/presence", "/reads", "/education", "/documents"):
        assert client.get(f"/prime/sites/{other.id}{path}").status_code == 404, path
    assert client.get(f"/company/contracts/{w['contracts'][other.id].id}/roster").status_code == 404
    assert client.get(f"/company/contracts/{w['contracts'][mine.id].id}/roster").status_code == 200
    queue = client.get("/prime/approvals").text
    assert "担当現場" in queue and "担当外現場" not in queue
    theirs = WorkEntry.get(WorkEntry.site == other)
    client.post("/prime/approvals", data={"ids": [str(theirs.id)], "action": "approve", "note": ""})
    assert WorkEntry.get_by_id(theirs.id).status == PENDING
    ours = WorkEntry.get(WorkEntry.site == mine)
    client.post("/prime/approvals", data={"ids": [str(ours.id)], "action": "approve", "note": ""})
    assert WorkEntry.get_by_id(ours.id).status == "approved"
    # the prime's admin still holds every site; a document made there stays out of the manager's reach
    admin = as_company(app, w["prime_admin"], w["prime"])
    admin.post(f"/prime/sites/{other.id}/documents/ledger")
    doc = SiteDocument.get(SiteDocument.site == other)
    assert admin.get(f"/prime/documents/{doc.id}").status_code == 200
    assert client.get(f"/prime/documents/{doc.id}").status_code == 404
    assert client.get(f"/prime/documents/{doc.id}/download").status_code == 404
    assert "担当外現場" in admin.get("/prime/sites").text
    assert admin.get(f"/prime/sites/{other.id}/daily").status_code == 200


def test_q2_4_a_site_opened_by_a_site_manager_stays_in_their_charge(app):
    w = _two_sites()
    client = as_company(app, w["manager"], w["prime"])
    r = client.post(
        "/prime/sites",
        data={"name": "新規現場", "order_type": "private", "hazardous": "0", "accrual_starts_on": "2026-11-01"},
    )
    assert r.status_code == 302
    site = Site.get(Site.name == "新規現場")
    assert site.manager_id == w["membership"].id and "新規現場" in client.get("/prime/sites").text


def test_q2_5_a_subcontractors_site_manager_records_card_reads_on_the_sites_it_works_on(app):
    w = _two_sites()
    reader = f.account(name="下請 現場")
    Membership.create(account=reader, company=w["sub"], role="site_manager")
    client = as_company(app, reader, w["sub"])
    assert client.get(f"/prime/sites/{w['mine'].id}").status_code == 200
    assert "スマホでカードを読む" in client.get(f"/prime/sites/{w['mine'].id}").text
    assert client.get(f"/prime/sites/{w['mine'].id}/reads").status_code == 200
    at = (now_jst() - dt.timedelta(minutes=5)).isoformat()
    item = {"event_id": "s1", "worker_id": w["worker"].worker_id, "direction": "in", "at": at, "method": "typed"}
    r = client.post(f"/prime/sites/{w['mine'].id}/reads", json={"touches": [item]})
    assert r.json["results"][0]["status"] == "created", r.json
    assert Touch.get(Touch.event_id == "s1").made_by_id == reader.id
    elsewhere = Site.open(w["prime"], name="無関係現場")
    assert client.get(f"/prime/sites/{elsewhere.id}/reads").status_code == 404
