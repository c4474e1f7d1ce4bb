"""管理者ID利用料: billed once a fiscal year per ID (現場管理者 free, 一人親方 rate), a notice when unpaid
after the due date, suspension 14 days later, lifted by paying (DOMAIN §3)."""

import datetime as dt

from models import Membership
from models.billing.admin_billing import AdminIdBill, fiscal_year
from tasks.admin_fees import run_admin_fees
from tests import factories

APRIL = dt.date(2027, 4, 1)


def test_fiscal_year_starts_in_april():
    assert (fiscal_year(dt.date(2027, 3, 31)), fiscal_year(APRIL)) == (2026, 2027)


def test_each_paid_id_is_billed_once_a_year(app):
    with app.app_context():
        corp, admin = factories.company(name="元請建設株式会社")
        Membership.create(account=factories.account(), company=corp, role="general_admin")
        Membership.create(account=factories.account(), company=corp, role="site_manager")  # free
        _acc, sole, _worker = factories.one_person()
        billed, _n, _s = run_admin_fees(APRIL)
        amounts = {b.company_id: (b.ids, b.invoice.amount, b.invoice.payer_id) for b in billed}
        assert amounts[corp.id] == (2, 22_800, admin.id)
        assert amounts[sole.id][:2] == (1, 2_400)
        assert run_admin_fees(APRIL + dt.timedelta(days=1))[0] == []  # once a year
        assert AdminIdBill.select().count() == 2


def test_unpaid_fee_notice_then_suspension_then_paying_lifts_it(client, app, outbox):
    with app.app_context():
        corp, admin = factories.company(name="元請建設株式会社")
        (bill,), _n, _s = run_admin_fees(APRIL)
        due = bill.invoice.due_on
        assert run_admin_fees(due)[1] == []  # not late yet
        _b, noticed, _s = run_admin_fees(due + dt.timedelta(days=1))
        assert [b.id for b in noticed] == [bill.id]
        assert run_admin_fees(due + dt.timedelta(days=14))[2] == []  # 13 days after the notice
        _b, _n, suspended = run_admin_fees(due + dt.timedelta(days=15))
        assert [b.id for b in suspended] == [bill.id]
    subjects = [m["Subject"] for m in outbox.messages() if m["To"] == admin.email]
    assert any("お支払いのお願い" in s for s in subjects) and any("停止しました" in s for s in subjects)
    factories.login(client, admin)
    client.post("/switch", data={"target": f"company:{corp.id}"})
    r = client.get("/company/")
    assert r.status_code == 403 and "利用料を支払う" in r.get_data(as_text=True)
    with app.app_context():
        factories.pay(AdminIdBill.get_by_id(bill.id).invoice)
    assert client.get("/company/").status_code == 200
