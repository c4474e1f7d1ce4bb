"""Tenant isolation: every route with an id in it, taken from the URL map, refuses outsiders.

New routes are picked up automatically; a new kind of URL argument must be given a victim's
value in VICTIM_ARGS (or an exemption with its reason), or this test fails and says so."""

import datetime as dt
import itertools

import pytest

from models import (
    AdminInvitation,
    Affiliation,
    Application,
    Attachment,
    BulkImport,
    Card,
    CardRequest,
    ChangeRequest,
    Inquiry,
    Invoice,
    Job,
    LinkRequest,
    Membership,
    OutboxMail,
    ProxyConsent,
    Qualification,
    Site,
    SiteContract,
    Worker,
)
from models.accounts.admins import add_admin
from models.accounts.shown_tokens import ShownToken
from models.core import clock
from models.history.career import CareerSummary
from models.history.experience import PriorExperience
from models.history.export import start_export
from models.history.levels import LevelRule
from models.registration import one_person
from models.sites.api_tokens import ApiClient
from models.sites.documents import SiteDocument
from models.sites.ledger import ConstructionPermit, Office
from models.sites.readers import CardReader
from models.sites.sites import RosterEntry
from tests import factories as f

# Arguments that carry no tenant data, with the reason.
DRAFT_PERSON = {"family_name": "鈴木", "given_name": "一郎", "birth_date": dt.date(1980, 1, 1), "gender": "1"}
EXEMPT_ARGS = {
    "filename": "static files",
    "code": "language switch",
    "token": "signed mail tokens; a guessed token is simply invalid",
    "form_name": "blank forms on the public downloads page",
    "year": "a calendar month; the rows are always the viewer's own company's",
    "month": "a calendar month; the rows are always the viewer's own company's",
}


@pytest.fixture
def world(app):
    victim = f.site_with_worker()
    # Approved and draft applications of both kinds, so an edit route cannot pass by refusing a state.
    victim_apps = [a.id for a in Application.of_applicant(victim["account"])]
    victim_apps += [f.submitted_worker_application(submit=False).id, f.submitted_company_application(submit=False).id]
    victim_apps.append(one_person.start(f.account(), DRAFT_PERSON).id)  # a draft pair
    outsider_company, outsider_admin = f.company(name="無関係建設株式会社")
    outsider_worker_account, _own_company, _w = f.one_person(family="佐藤", given="次郎")
    return {
        "victim": victim,
        "args": {
            "app_id": victim_apps,
            "site_pk": victim["site"].id,
            "contract_id": victim["contract"].id,
            "entry_id": RosterEntry.get(RosterEntry.site == victim["site"]).id,
            "attachment_id": Attachment.store(f.png_data(), "face.png", "face_photo", worker=victim["worker"]).id,
            "section": ["basic", "identity", "contact", "documents"],
            "step": ["person", "work", "documents"],
            "membership_id": Membership.get(Membership.account == victim["account"]).id,
            "invoice_id": Invoice.open_for("card_reissue", victim["account"], 1_000, clock.today()).id,
            "request_id": CardRequest.file(victim["worker"], "reissue", "damaged", "", clock.today()).id,
            "card_id": victim["card"].id,
            "change_id": ChangeRequest.file(victim["worker"], victim["account"], {"blood_type": "B"}).id,
            "link_id": LinkRequest.propose(victim["worker"], f.company(name="第三建設株式会社")[0], "company").id,
            "affiliation_id": Affiliation.get(Affiliation.worker == victim["worker"]).id,
            "kind": ["qualifications", "ledger"],
            "row_id": Qualification.create(worker=victim["worker"], kind="ginoushi", name="型枠施工技能士").id,
            "reader_id": victim["reader"].id,
            "shown_id": ShownToken.keep(
                victim["prime_admin"], victim["prime"], "reader", victim["reader"].id, "正門", victim["token"]
            ).id,
            "client_id": ApiClient.register(victim["prime"], "勤怠システム", [victim["site"].id], ["read-records"])[
                0
            ].id,
            "invitation_id": add_admin(victim["prime"], victim["account"].email, "招待", "site_manager")[0].id,
            "doc_id": SiteDocument.create(
                site=victim["site"],
                kind="ledger",
                requested_by=victim["prime"],
                fingerprint="x",
                job=Job.create(kind="site_document", state="done"),
                pdf=b"%PDF",
            ).id,
            "export_id": start_export(victim["sub"], victim["account"]).id,
            "job_id": Job.create(kind="bulk_import", company=victim["sub"].id, state="failed").id,
            "import_id": BulkImport.create(
                company=victim["sub"],
                account=victim["account"],
                filename="v",
                data=b"",
                job=Job.create(kind="bulk_import"),
            ).id,
            "inquiry_id": Inquiry.create(
                category="9", name=victim["worker"].full_name, email="v@example.jp", body="再発行"
            ).id,
            "rule_id": LevelRule.create(trade="0201", level=2, min_days=645).id,
            "summary_id": CareerSummary.issue(victim["worker"], clock.today())[0].id,
            "experience_id": PriorExperience.create(
                worker=victim["worker"], trade="0201", years=3, company=victim["sub"]
            ).id,
            "consent_id": ProxyConsent.create(
                principal="worker",
                worker=victim["worker"],
                actions="change,history",
                consenter_name=victim["worker"].full_name,
                proxy_company=victim["sub"],
                method="paper",
            ).id,
            "mail_id": OutboxMail.write(victim["account"].email, "t", "件名", "本文", grace=3600).id,
            "person": [f"w{victim['worker'].id}", f"a{victim['account'].id}"],
            "record_id": f.worked_day(victim, clock.today()).id,
            "permit_id": ConstructionPermit.create(company=victim["sub"], trade="内装仕上工事業", number="12345").id,
            "office_id": Office.create(company=victim["sub"], name="本店").id,
        },
        "outsiders": {"company admin": outsider_admin, "worker": outsider_worker_account},
    }


def routes_with_ids(app):
    for rule in app.url_map.iter_rules():
        args = set(rule.arguments)
        if not args or args <= set(EXEMPT_ARGS):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_with_an_id_is_covered(app):
    known = {
        "app_id",
        "site_pk",
        "contract_id",
        "entry_id",
        "attachment_id",
        "section",
        "step",
        "membership_id",
        "invoice_id",
        "request_id",
        "card_id",
        "change_id",
        "link_id",
        "affiliation_id",
        "kind",
        "row_id",
        "inquiry_id",
        "invitation_id",
        "doc_id",
        "rule_id",
        "summary_id",
        "record_id",
        "experience_id",
        "reader_id",
        "shown_id",
        "client_id",
        "import_id",
        "export_id",
        "job_id",
        "consent_id",
        "mail_id",
        "person",
        "permit_id",
        "office_id",
    } | set(EXEMPT_ARGS)
    missing = {(rule.rule, a) for rule, _ in routes_with_ids(app) for a in rule.arguments if a not in known}
    assert not missing, f"give these URL arguments a victim's value in tests/test_isolation.py: {missing}"
    assert len(list(routes_with_ids(app))) >= 10


def victim_values(args, names):
    """Every combination of the victim values given for the route's arguments."""
    names = sorted(names)
    pools = [args.get(n, "x") if isinstance(args.get(n), list) else [args.get(n, "x")] for n in names]
    for combo in itertools.product(*pools):
        yield dict(zip(names, combo))


@pytest.mark.parametrize("who", ["company admin", "worker"])
def test_outsiders_get_403_or_404_on_every_route_with_an_id(app, world, who):
    client = app.test_client()
    f.login(client, world["outsiders"][who])
    if who == "company admin":
        client.post("/switch", data={"target": "company:%d" % world["outsiders"][who].memberships().get().company_id})
    victim_names = [world["victim"]["site"].name, world["victim"]["worker"].full_name]
    checked = []
    for rule, method in routes_with_ids(app):
        for values in victim_values(world["args"], rule.arguments):
            url = rule.build(values)[1]
            r = client.open(url, method=method, data={"business_id": "x", "name": "x", "worker": "1"})
            assert r.status_code in (403, 404), f"{who} {method} {url} answered {r.status_code}"
            assert not any(n in r.get_data(as_text=True) for n in victim_names), f"{method} {url} leaked data"
            checked.append(url)
    assert checked
    # Nothing was changed by the attempts.
    assert SiteContract.get_by_id(world["args"]["contract_id"]).status == "accepted"
    assert RosterEntry.select().where(RosterEntry.id == world["args"]["entry_id"]).exists()
    assert [Application.get_by_id(i).status for i in world["args"]["app_id"]] == ["approved"] * 2 + ["draft"] * 3
    assert Membership.select().where(Membership.id == world["args"]["membership_id"]).exists()
    invoice = Invoice.get_by_id(world["args"]["invoice_id"])
    assert (invoice.status, invoice.method) == ("open", "")
    assert CardRequest.get_by_id(world["args"]["request_id"]).status == "requested"
    assert Card.get_by_id(world["args"]["card_id"]).status == "issued"
    assert ChangeRequest.get_by_id(world["args"]["change_id"]).status == "submitted"
    assert LinkRequest.get_by_id(world["args"]["link_id"]).status == "pending"
    assert Affiliation.get_by_id(world["args"]["affiliation_id"]).ended_on is None
    assert Qualification.select().where(Qualification.id == world["args"]["row_id"]).exists()
    assert Inquiry.get_by_id(world["args"]["inquiry_id"]).status == "open"
    assert not CardReader.get_by_id(world["args"]["reader_id"]).token_hash.startswith("revoked:")
    assert ApiClient.get_by_id(world["args"]["client_id"]).revoked_at is None
    assert ShownToken.select().where(ShownToken.id == world["args"]["shown_id"]).exists()
    assert AdminInvitation.select().where(AdminInvitation.id == world["args"]["invitation_id"]).exists()
    assert OutboxMail.get_by_id(world["args"]["mail_id"]).attempts == 0
    assert Worker.get_by_id(world["victim"]["worker"].id).family_name != "（消去済み）"
    assert ConstructionPermit.select().where(ConstructionPermit.id == world["args"]["permit_id"]).exists()
    assert Office.select().where(Office.id == world["args"]["office_id"]).exists()


def test_prime_sees_only_its_own_sites(client, world):
    other_prime, other_admin = f.company()
    f.login(client, other_admin)
    assert world["victim"]["site"].name not in client.get("/prime/sites").text
    assert Site.select().count() == 1


def test_worker_role_is_refused_without_an_approved_worker(client):
    _company, admin = f.company()
    f.login(client, admin)
    assert client.get("/worker/").status_code == 403
    assert client.get("/reviewer/").status_code == 403


def test_company_pages_need_an_approved_company(client):
    account = f.account()
    f.login(client, account)
    assert client.get("/company/").status_code == 403
    assert client.get("/prime/sites").status_code == 403
    assert Worker.select().count() == 0
