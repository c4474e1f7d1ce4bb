"""事業者登録の更新 (DOMAIN §3): 5 years to the end of the month, renewal from 6 months before expiry
(and after it) for the fee in force, paying extends the validity; an expired registration closes the
事業者ID through the same gate as an unpaid fee; one reminder when renewal opens."""

import datetime as dt

from models import Company, Invoice, Site, SiteContract
from models.accounts.accounts import Membership
from models.billing.renewals import valid_until_from
from models.core import clock
from tasks.periodic import send_company_renewal_reminders
from tests import factories as f
from tests.sitetree import as_company


def _company(app, capital=30_000_000, valid_until=None):
    company, admin = f.company()
    Company.update(capital=capital).where(Company.id == company.id).execute()
    if valid_until is not None:
        Company.update(registration_valid_until=valid_until).where(Company.id == company.id).execute()
    return Company.get_by_id(company.id), admin, as_company(app, admin, company)


def test_paying_the_fee_starts_five_years_to_the_end_of_the_month(app):
    company, _admin, client = _company(app)
    assert valid_until_from(dt.date(2026, 4, 15)) == dt.date(2031, 4, 30)
    assert valid_until_from(dt.date(2028, 2, 29)) == dt.date(2033, 2, 28)
    assert company.registration_valid_until == valid_until_from(clock.today())
    home = client.get("/company/").text
    assert 'data-testid="registration-validity"' in home and 'data-testid="renew-registration"' not in home
    page = client.get("/company/registration/renew").text
    assert "から申請できます" in page and 'data-testid="renew-submit"' not in page  # five years left
    r = client.post("/company/registration/renew", data={"payment_method": "konbini"}, follow_redirects=True)
    assert "6か月前から" in r.text and not Invoice.select().where(Invoice.purpose == "company_renewal").exists()


def test_renewal_before_expiry_bills_the_fee_in_force_and_payment_extends_from_the_old_end(app):
    today = clock.today()
    old_end = today + dt.timedelta(days=40)
    company, admin, client = _company(app, valid_until=old_end)
    assert 'data-testid="renew-registration"' in client.get("/company/").text
    page = client.get("/company/registration/renew").text
    assert "48,000円" in page  # 資本金 3,000万: the same tier as the first fee
    r = client.post("/company/registration/renew", data={})  # no method chosen: said beside the field
    assert r.status_code == 400 and "お支払い方法を選んでください" in r.text
    r = client.post("/company/registration/renew", data={"payment_method": "konbini"})
    invoice = Invoice.get(Invoice.purpose == "company_renewal")
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/apply/invoices/{invoice.id}")
    assert (invoice.amount, invoice.method, invoice.payer_id, invoice.company_ref) == (
        48_000,
        "konbini",
        admin.id,
        company.id,
    )
    assert client.get(f"/apply/invoices/{invoice.id}").status_code == 200
    r = client.post("/company/registration/renew", data={"payment_method": "konbini"}, follow_redirects=True)
    assert (
        "お支払いを待っています" in r.text and Invoice.select().where(Invoice.purpose == "company_renewal").count() == 1
    )
    staff = app.test_client()
    f.login(staff, f.reviewer())
    r = staff.post(f"/reviewer/invoices/{invoice.id}/payment", data={"paid_on": today.isoformat()})
    assert r.status_code == 303
    assert Company.get_by_id(company.id).registration_valid_until == valid_until_from(old_end)


def test_an_expired_registration_closes_the_id_like_an_unpaid_fee_until_renewed_by_card(app):
    today = clock.today()
    company, _admin, client = _company(app, capital=1_000_000, valid_until=today - dt.timedelta(days=1))
    assert not company.usable and company.unusable_reason == "expired"
    home = client.get("/company/").text
    assert 'data-testid="registration-expired"' in home and "/company/registration/renew" in home
    portal = client.get("/apply/").text
    assert 'data-testid="registration-expired"' in portal and 'data-testid="fee-pending"' not in portal
    for url in ("/prime/sites", "/company/proxy"):
        r = client.get(url)
        assert r.status_code == 403 and "有効期間切れ" in r.text and "/company/registration/renew" in r.text, url
    r = client.post("/prime/sites", data={"name": "A邸", "order_type": "private", "hazardous": "0"})
    assert r.status_code == 303 and not Site.select().exists()
    prime, prime_admin = f.company(name="元請建設株式会社")
    site = Site.open(prime, name="A邸住宅新築工事")
    prime_client = as_company(app, prime_admin, prime)
    data = {"business_id": company.business_id}
    r = prime_client.post(f"/prime/sites/{site.id}/subcontractors", data=data, follow_redirects=True)
    assert "有効期間が切れている" in r.text and not SiteContract.select().exists()

    page = client.get("/company/registration/renew").text
    assert "期限切れ" in page and "6,000円" in page  # 資本金 500万未満
    client.post("/company/registration/renew", data={"payment_method": "credit"})
    invoice = Invoice.get(Invoice.purpose == "company_renewal")
    r = client.post(f"/apply/invoices/{invoice.id}/card", data={"card_number": "4242424242424242", "expiry": "12/39"})
    assert r.status_code == 303 and Invoice.get_by_id(invoice.id).paid
    company = Company.get_by_id(company.id)
    assert company.usable and company.registration_valid_until == valid_until_from(today)  # five years from payment
    assert client.get("/prime/sites").status_code == 200


def test_only_the_system_admin_files_the_renewal(app):
    company, _admin, _client = _company(app, valid_until=clock.today() + dt.timedelta(days=10))
    general = f.account()
    Membership.create(account=general, company=company, role="general_admin")
    client = as_company(app, general, company)
    assert client.get("/company/registration/renew").status_code == 403
    assert 'data-testid="renew-registration"' not in client.get("/company/").text


def test_a_one_person_operator_renews_at_once_for_nothing(app):
    account, company, _worker = f.one_person()
    Company.update(registration_valid_until=clock.today() - dt.timedelta(days=3)).where(
        Company.id == company.id
    ).execute()
    client = as_company(app, account, company)
    r = client.post("/company/registration/renew", data={})
    assert r.status_code == 303 and r.headers["Location"].endswith("/company/")
    assert Company.get_by_id(company.id).registration_valid_until == valid_until_from(clock.today())


def test_the_reminder_is_mailed_once_when_renewal_opens(app, outbox):
    today = clock.today()
    company, admin, _client = _company(app, valid_until=today + dt.timedelta(days=200))
    with app.app_context():
        assert send_company_renewal_reminders(today) == 0  # not yet: more than 6 months left
        Company.update(registration_valid_until=today + dt.timedelta(days=150)).where(
            Company.id == company.id
        ).execute()
        assert send_company_renewal_reminders(today) == 1
    mail = outbox.last_to(admin.email)
    assert "事業者登録の有効期限" in mail["Subject"] and "/company/registration/renew" in mail.get_content()
    assert company.business_id in mail.get_content()
    with app.app_context():
        assert send_company_renewal_reminders(today + dt.timedelta(days=1)) == 0  # once
