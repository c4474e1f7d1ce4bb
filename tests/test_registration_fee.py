"""A company's 事業者ID is usable only once its registration fee is paid (DOMAIN §4), and applicants choose
how they will pay when they submit (guidance Section 5)."""

from models import Application, Company, Invoice, Site, SiteContract
from models.core import clock
from tests import factories as f
from tests import test_worker_application as steps
from tests.sitetree import as_company
from tests.test_worker_application import fill, reload, start

applicant, employer = steps.applicant, steps.employer  # the same fixtures as the worker application tests


def _approved_unpaid(capital=30_000_000):
    application = f.submitted_company_application(capital=capital)
    invoice = application.approve(f.reviewer(), clock.today())
    company = Company.get_by_id(application.company_id)
    return company, application.applicant, invoice


def test_an_unpaid_company_id_opens_no_site_invitation_roster_or_proxy_and_says_why(app, outbox):
    company, admin, invoice = _approved_unpaid()
    assert invoice.amount == 48_000 and not invoice.paid and company.approved and not company.usable
    client = as_company(app, admin, company)
    home = client.get("/company/").text
    assert 'data-testid="fee-pending"' in home and "48,000円" in home and company.business_id in home
    assert f"/apply/invoices/{invoice.id}" in home  # the payer pays from here
    for url in ("/prime/sites", "/prime/sites/new", "/company/proxy", "/company/bulk"):
        r = client.get(url)
        assert r.status_code == 403 and "事業者登録料の入金待ち" in r.text, url
    r = client.post("/prime/sites", data={"name": "A邸住宅新築工事", "order_type": "private", "hazardous": "0"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/company/")
    assert "入金が確認されるまで、この操作はできません" in client.get("/company/").text
    assert not Site.select().exists()
    # Nor can another company invite it.
    prime, prime_admin = f.company(name="元請建設株式会社")
    site = Site.open(prime, name="A邸住宅新築工事")
    prime_client = as_company(app, prime_admin, prime)
    r = prime_client.post(
        f"/prime/sites/{site.id}/subcontractors", data={"business_id": company.business_id}, follow_redirects=True
    )
    assert r.status_code == 400 and "事業者登録料の入金が確認されていない" in r.text
    assert not SiteContract.select().exists()
    # The portal says what is pending too.
    assert "入金が確認されてから使えます" in client.get("/apply/").text

    # Staff record the payment: the 事業者ID is usable and the completion notice goes out.
    reviewer = f.reviewer()
    staff = app.test_client()
    f.login(staff, reviewer)
    r = staff.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": clock.today().isoformat()})
    assert r.status_code == 303
    company = Company.get_by_id(company.id)
    assert company.usable and company.registration_paid_on == clock.today()
    mail = outbox.last_to(admin.email)
    assert "事業者IDが使えるようになりました" in mail["Subject"] and company.business_id in mail.get_content()
    assert client.get("/prime/sites").status_code == 200
    assert 'data-testid="fee-pending"' not in client.get("/company/").text
    r = prime_client.post(f"/prime/sites/{site.id}/subcontractors", data={"business_id": company.business_id})
    assert r.status_code == 302 and SiteContract.get(company=company).status == "invited"


def test_the_approval_mail_says_the_id_waits_for_the_fee(app, outbox):
    application = f.submitted_company_application(capital=3_000_000)
    client = app.test_client()
    f.login(client, f.reviewer())
    client.post(f"/reviewer/applications/{application.id}/approve")
    approval = next(m for m in outbox.messages() if "事業者登録申請を承認しました" in m["Subject"])
    assert "入金を確認した後に使えるようになります" in approval.get_content()


def test_a_one_person_operators_company_costs_nothing_and_is_usable_at_once(app):
    _account, company, _worker = f.one_person()
    assert Company.get_by_id(company.id).usable


def test_the_worker_chooses_how_to_pay_when_submitting(client, applicant, employer):
    application = start(client)
    fill(client, application, employer)
    page = client.get(f"/apply/worker/{application.id}").text
    assert 'data-testid="pay-choice"' in page and "2,500円" in page and "クレジットカード" in page
    r = client.post(f"/apply/worker/{application.id}/submit")
    assert r.status_code == 400 and "お支払い方法を選んでください。" in r.text
    assert reload(application).status == "draft"
    r = client.post(f"/apply/worker/{application.id}/submit", data={**f.AGREED, "payment_method": "bitcoin"})
    assert r.status_code == 400 and reload(application).status == "draft"
    r = client.post(f"/apply/worker/{application.id}/submit", data={**f.AGREED, "payment_method": "credit"})
    assert r.status_code == 302
    application = reload(application)
    assert application.status == "submitted" and application.payment_method == "credit"
    invoice = application.approve(f.reviewer(), clock.today())
    assert Invoice.get_by_id(invoice.id).method == "credit"  # the fee notice starts from the choice


def test_a_resubmission_keeps_the_method_chosen_first(client, applicant, employer):
    application = start(client)
    fill(client, application, employer)
    client.post(f"/apply/worker/{application.id}/submit", data=f.SUBMIT)
    reload(application).return_with(f.reviewer(), [("phone", "電話番号がつながりません。")])
    steps.save(client, application, "contact", {**steps.CONTACT, "phone": "090-9999-0000"})
    assert client.post(f"/apply/worker/{application.id}/submit").status_code == 302
    application = Application.get_by_id(application.id)
    assert application.status == "submitted" and application.payment_method == "konbini"
