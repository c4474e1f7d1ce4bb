"""Sites, the subcontract tree at any depth, invitations and who sees what — from both sides."""

import datetime as dt

from models import Site, SiteContract
from models.core.ids import luhn_digit
from models.history.work_entries import workers_entrable
from models.sites.sites import RosterEntry
from tests import factories as f
from tests.sitetree import as_company, employee, three_tiers

SITE_FORM = {"name": "A邸住宅新築工事", "order_type": "private", "hazardous": "0", "accrual_starts_on": "2026-11-01"}


def test_site_needs_only_site_info_and_keeps_what_was_typed(client):
    prime, admin = f.company()
    f.login(client, admin)
    r = client.post("/prime/sites", data={"name": "A邸住宅新築工事", "client_name": "施主 一郎"})
    assert r.status_code == 400
    assert "発注区分を選んでください" in r.text and "就業履歴の蓄積を始める日を入力してください" in r.text
    assert 'value="施主 一郎"' in r.text and Site.select().count() == 0
    r = client.post("/prime/sites", data=SITE_FORM | {"accrual_ends_on": "2026-10-01"})
    assert r.status_code == 400 and "蓄積期間の終了日は開始日より後に" in r.text
    r = client.post("/prime/sites", data=SITE_FORM)
    assert r.status_code == 302
    site = Site.get()
    assert (site.name, site.order_type, site.hazardous) == ("A邸住宅新築工事", "private", False)
    assert site.accrual_starts_on == dt.date(2026, 11, 1) and site.accrues_on(dt.date(2026, 11, 2))
    assert not site.accrues_on(dt.date(2026, 10, 31))
    page = client.get(r.headers["Location"]).text
    assert "A邸住宅新築工事" in page and site.site_id in page and "民間" in page


def test_prime_fills_contract_and_works_info_and_names_a_site_manager(client):
    from models import Membership

    prime, admin = f.company()
    manager = f.account(name="現場 監督")
    Membership.create(account=manager, company=prime, role="site_manager")
    f.login(client, admin)
    client.post("/prime/sites", data=SITE_FORM)
    site = Site.get()
    form = client.get(f"/prime/sites/{site.id}/edit").text
    assert "現場 監督" in form
    data = SITE_FORM | {
        "name": "○○改築工事",
        "order_type": "public",
        "hazardous": "1",
        "client_name": "○○市",
        "contract_form": "jv",
        "starts_on": "2026-12-01",
        "ends_on": "2027-03-31",
        "works_kind": "civil",
        "corins": "1",
        "scale": "RC造3階",
        "agent_name": "所長 次郎",
        "manager": str(Membership.get(account=manager).id),
    }
    assert client.post(f"/prime/sites/{site.id}/edit", data=data).status_code == 302
    site = Site.get()
    assert (site.order_type, site.hazardous, site.client_name, site.contract_form) == ("public", True, "○○市", "jv")
    assert (site.works_kind, site.corins, site.scale, site.manager.account_id) == ("civil", True, "RC造3階", manager.id)
    page = client.get(f"/prime/sites/{site.id}").text
    assert "○○改築工事" in page and "公共" in page and "所長 次郎" in page and "現場 監督" in page


def test_tree_at_any_depth_with_invitation_mail_and_answers(app, outbox):
    t = three_tiers()
    fourth, fourth_admin = f.company(name="四次足場株式会社")
    third_client = as_company(app, t["admins"]["third"], t["third"])
    r = third_client.post(
        f"/prime/sites/{t['site'].id}/subcontractors",
        data={"business_id": fourth.business_id, "kind": "support", "scope": "足場応援", "starts_on": "2026-12-01"},
    )
    assert r.status_code == 302
    contract = SiteContract.get(company=fourth)
    assert (contract.tier, contract.parent_id, contract.kind, contract.status) == (
        4,
        t["third"].id,
        "support",
        "invited",
    )
    mail = outbox.last_to(fourth_admin.email)
    assert "○○改築工事" in mail.get_content() and "三次塗装株式会社" in mail.get_content()
    fourth_client = as_company(app, fourth_admin, fourth)
    home = fourth_client.get("/company/").text
    assert "現場への招待" in home and "○○改築工事" in home and "足場応援" in home
    assert fourth_client.post(f"/company/contracts/{contract.id}/decline").status_code == 302
    assert SiteContract.get_by_id(contract.id).status == "declined"
    assert "参加を承認する" not in fourth_client.get("/company/").text
    # Declined, then invited again: a new invitation, accepted this time.
    third_client.post(f"/prime/sites/{t['site'].id}/subcontractors", data={"business_id": fourth.business_id})
    assert SiteContract.get_by_id(contract.id).status == "invited"
    fourth_client.post(f"/company/contracts/{contract.id}/accept")
    assert SiteContract.get_by_id(contract.id).status == "accepted"
    r = fourth_client.post(f"/company/contracts/{contract.id}/accept", follow_redirects=True)
    assert "既に回答済み" in r.text


def test_prime_sees_the_whole_tree_and_a_company_only_its_branch(app):
    t = three_tiers()
    site_url = f"/prime/sites/{t['site'].id}"
    prime_page = as_company(app, t["admins"]["prime"], t["prime"]).get(site_url).text
    assert all(n in prime_page for n in ("一次工業株式会社", "二次設備株式会社", "三次塗装株式会社"))
    second_page = as_company(app, t["admins"]["second"], t["second"]).get(site_url).text
    assert "二次設備株式会社" in second_page and "三次塗装株式会社" in second_page
    assert "一次工業株式会社" not in second_page
    third_page = as_company(app, t["admins"]["third"], t["third"]).get(site_url).text
    assert "三次塗装株式会社" in third_page and "二次設備株式会社" not in third_page
    outsider, outsider_admin = f.company(name="無関係株式会社")
    assert as_company(app, outsider_admin, outsider).get(site_url).status_code == 404
    # Only the 元請 edits the site or opens its daily list.
    second = as_company(app, t["admins"]["second"], t["second"])
    assert second.get(f"{site_url}/edit").status_code == 404 and second.get(f"{site_url}/daily").status_code == 404


def test_ledger_is_shared_by_prime_and_first_tier_only(app):
    t = three_tiers()
    site = t["site"]
    assert site.ledger_visible_to(t["prime"]) and site.ledger_visible_to(t["first"])
    assert not site.ledger_visible_to(t["second"]) and not site.ledger_visible_to(t["third"])
    outsider, _ = f.company()
    assert not site.ledger_visible_to(outsider)


def test_upper_tiers_see_a_worker_only_while_on_the_site(app):
    t = three_tiers()
    worker = employee(t["third"], "塗装")
    entry = f.put_on_roster(t["contracts"]["third"], worker, "3", "0901")
    today = dt.date(2026, 12, 1)
    seen = {
        k: [e.worker_id for e in RosterEntry.visible_to(t["site"], t[k], today)] for k in ("prime", "first", "third")
    }
    assert seen == {"prime": [worker.id], "first": [worker.id], "third": [worker.id]}
    outsider, _ = f.company()
    assert list(RosterEntry.visible_to(t["site"], outsider, today)) == []
    entry.left_on = dt.date(2026, 11, 30)
    entry.save()
    assert list(RosterEntry.visible_to(t["site"], t["prime"], today)) == []
    assert list(RosterEntry.visible_to(t["site"], t["first"], today)) == []
    assert [e.worker_id for e in RosterEntry.visible_to(t["site"], t["third"], today)] == [worker.id]


def test_the_branch_and_the_sites_of_a_company_are_one_rule_for_rosters_and_work_entries(app):
    """Work entries had their own branch walk and their own sites-of-a-company query: for every tier the
    workers it may enter days for are the roster rows it sees and builds, and its sites are the same."""
    t = three_tiers()
    side, _ = f.company(name="別系統工業株式会社")
    SiteContract.invite(t["site"], t["first"], side).accept()
    invited, _ = f.company(name="招待中株式会社")
    SiteContract.invite(t["site"], t["third"], invited)
    contracts = {k: SiteContract.get(site=t["site"], company=t[k]) for k in ("first", "second", "third")}
    contracts["side"], t["side"], t["invited"] = SiteContract.get(site=t["site"], company=side), side, invited
    for k, contract in contracts.items():
        f.put_on_roster(contract, employee(t[k], k))
    today = dt.date(2026, 12, 1)
    for k in ("prime", "first", "second", "third", "side", "invited"):
        entrable = {w.id for w in workers_entrable(t["site"], t[k])}
        seen = {e.worker_id for e in RosterEntry.visible_to(t["site"], t[k], today)}
        built = [c for c in SiteContract.manageable_by(t[k]) if c.site_id == t["site"].id]
        rostered = {e.worker_id for c in built for e in RosterEntry.of_contract_for(c, t[k], today)}
        assert entrable == seen == rostered, k
        assert (t["site"] in Site.visible_to(t[k])) == (k != "invited"), k
    assert len({w.id for w in workers_entrable(t["site"], t["second"])}) == 2  # itself and the third tier


def test_bad_invitations_get_clear_messages_and_keep_the_input(app):
    t = three_tiers()  # refused: the site page at a URL of its own (a GET), typed values and message in it
    url = f"/prime/sites/{t['site'].id}/subcontractors"
    third = as_company(app, t["admins"]["third"], t["third"])
    unknown = "2999999999999"
    r = third.post(url, follow_redirects=True, data={"business_id": unknown + luhn_digit(unknown), "scope": "内装"})
    assert r.status_code == 400 and "見つかりません" in r.text and 'value="内装"' in r.text
    r = third.post(url, follow_redirects=True, data={"business_id": t["first"].business_id})
    assert r.status_code == 400 and "循環" in r.text
    r = third.post(url, follow_redirects=True, data={"business_id": t["prime"].business_id})
    assert r.status_code == 400 and "循環" in r.text
    first = as_company(app, t["admins"]["first"], t["first"])
    r = first.post(url, follow_redirects=True, data={"business_id": t["third"].business_id})
    assert r.status_code == 400 and "二度招待することはできません" in r.text
    assert SiteContract.select().count() == 3


def test_an_invited_company_cannot_invite_before_accepting(app):
    t = three_tiers()
    newcomer, newcomer_admin = f.company(name="新規工業株式会社")
    other, _ = f.company()
    SiteContract.invite(t["site"], t["third"], newcomer)
    client = as_company(app, newcomer_admin, newcomer)
    r = client.post(f"/prime/sites/{t['site'].id}/subcontractors", data={"business_id": other.business_id})
    assert r.status_code == 404  # not on the site until it accepts
    assert SiteContract.select().where(SiteContract.company == other).count() == 0


def test_the_reader_header_keeps_its_token_placeholder_in_english(client):
    """Issue 21: the English `Bearer <token>` was written as a tag and lost; it is escaped now."""
    world = f.site_with_worker()
    f.login(client, world["prime_admin"])
    client.post("/switch", data={"target": f"company:{world['prime'].id}"})
    client.get("/lang/en")
    added = client.post(f"/prime/sites/{world['site'].id}/readers", data={"name": "Gate 2"}, follow_redirects=True)
    assert "Authorization: Bearer &lt;token&gt;." in added.text


def test_full_width_brackets_typed_in_the_scope_are_kept(app):
    """Issue 21: 請負範囲 typed 「足場（外部）一式」 was stored as 「足場(外部)一式」; full-width digits still become
    plain ones."""
    from tests.sitetree import as_company, three_tiers

    t = three_tiers()
    fourth, _admin = f.company(name="四次足場株式会社")
    client = as_company(app, t["admins"]["third"], t["third"])
    r = client.post(
        f"/prime/sites/{t['site'].id}/subcontractors",
        data={"business_id": fourth.business_id, "kind": "subcontract", "scope": " 足場（外部）一式　２棟 "},
    )
    assert r.status_code == 302
    assert SiteContract.get(company=fourth).scope == "足場（外部）一式　2棟"
