"""A subcontract invitation is announced: mail to the invited company's admins, and the invitation waits on
every home page of those people — the worker home of a one-person operator included."""

from models import Site, SiteContract
from tests import factories as f
from tests.sitetree import as_company


def test_one_person_operator_hears_of_an_invitation_on_every_home(app, client, outbox):
    prime, prime_admin = f.company(name="元請建設株式会社")
    acc, sub, _worker = f.one_person()
    site = Site.open(prime, name="A邸住宅新築工事")
    prime_client = as_company(app, prime_admin, prime)
    r = prime_client.post(f"/prime/sites/{site.id}/subcontractors", data={"business_id": sub.business_id})
    assert r.status_code == 302
    mail = outbox.last_to(acc.email)
    assert "A邸住宅新築工事" in mail.get_content() and "元請建設株式会社" in mail.get_content()

    f.login(client, acc)
    client.post("/switch", data={"target": "worker"})
    for home in ("/worker/", "/apply/"):
        page = client.get(home).text
        assert 'data-testid="site-invitations"' in page and "A邸住宅新築工事" in page, home
        assert f'value="company:{sub.id}"' in page  # one tap to answer as the company
    r = client.post("/switch", data={"target": f"company:{sub.id}"})
    assert r.headers["Location"].endswith("/company/")
    dashboard = client.get("/company/").text
    assert "参加を承認する" in dashboard
    assert 'data-testid="site-invitations"' not in dashboard  # the company's own list, not twice

    contract = SiteContract.get(company=sub)
    client.post(f"/company/contracts/{contract.id}/accept")
    client.post("/switch", data={"target": "worker"})
    assert 'data-testid="site-invitations"' not in client.get("/worker/").text  # answered: not waiting


def test_no_invitation_shown_to_someone_not_answering_for_the_company(app, client):
    from models import Membership

    prime, _admin = f.company()
    other, _other_admin = f.company()
    site = Site.open(prime, name="B邸新築工事")
    SiteContract.invite(site, prime, other)
    viewer = f.account()
    Membership.create(account=viewer, company=other, role="site_manager")
    f.login(client, viewer)
    assert "B邸新築工事" not in client.get("/apply/").text
