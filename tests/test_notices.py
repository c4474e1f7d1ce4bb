"""Notices: one function each in tasks/notices/, one rule for a worker's contact address, and every
mail written to the outbox together with the change that causes it."""

from models import Card, LinkRequest, OutboxMail, Worker
from tests import factories as f


def _client(app, account):
    client = app.test_client()
    f.login(client, account)
    return client


def test_every_notice_to_a_worker_goes_to_their_contact_address(app, outbox):
    """A worker who registered a contact address other than their login's hears about their card and
    their links there: one rule for "a worker's contact address", whoever sends the notice."""
    account, _company, worker = f.one_person()
    Worker.update(email="genba@example.jp").where(Worker.id == worker.id).execute()
    staff = _client(app, f.reviewer())
    staff.post(f"/reviewer/cards/{Card.current_for(worker).id}/mailed")
    assert "郵送しました" in outbox.last_to("genba@example.jp")["Subject"]
    employer, admin = f.company()
    _client(app, admin).post("/company/links", data={"worker_id": worker.worker_id, "kind": "other"})
    assert "関連付けの申し込み" in outbox.last_to("genba@example.jp")["Subject"]
    assert [m for m in outbox.messages() if m["To"] == account.email] == []


def test_a_link_answer_mails_the_proposer_once_and_a_withdrawal_mails_nobody(app, outbox):
    account, _company, worker = f.one_person()
    employer, admin = f.company()
    worker_client, company_client = _client(app, account), _client(app, admin)
    worker_client.post("/switch", data={"target": "worker"})
    r = worker_client.post("/worker/links", data={"business_id": employer.business_id, "kind": "other"})
    assert r.status_code == 302 and r.location.endswith("/worker/affiliations")
    assert "関連付けの申し込み" in outbox.last_to(admin.email)["Subject"]
    link = LinkRequest.get()
    company_client.post(f"/company/links/{link.id}/decline")
    assert "関連付けが辞退されました" in outbox.last_to(account.email)["Subject"]
    worker_client.post("/worker/links", data={"business_id": employer.business_id, "kind": "other"})
    second = LinkRequest.get(LinkRequest.status == "pending")
    sent = OutboxMail.select().count()
    r = worker_client.post(f"/worker/links/{second.id}/withdraw", follow_redirects=True)
    assert "申し込みを取り下げました" in r.text and LinkRequest.get_by_id(second.id).status == "withdrawn"
    assert OutboxMail.select().count() == sent
    assert all(row.sent_at is not None for row in OutboxMail.select())


def test_a_refused_proposal_keeps_what_was_typed_and_a_reload_lands_on_the_page(app):
    account, _company, worker = f.one_person()
    employer, admin = f.company()
    company_client = _client(app, admin)
    r = company_client.post("/company/links", data={"worker_id": "10000000000000", "kind": "other"})
    assert r.status_code == 400 and 'value="10000000000000"' in r.text
    r = company_client.get("/lang/en?next=/company/links")  # the language switch on the refused page
    assert company_client.get(r.location).status_code == 302
    assert company_client.get("/company/links", follow_redirects=True).request.path == "/company/affiliations"
    worker_client = _client(app, account)
    worker_client.post("/switch", data={"target": "worker"})
    assert worker_client.get("/worker/links").location.endswith("/worker/affiliations")
