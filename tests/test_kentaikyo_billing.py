"""建退共 monthly calendar CSV (Q8-6) and the primes' monthly 現場利用料 invoices (DOMAIN §3)."""

import csv
import datetime as dt
import io

from models import Invoice, WorkRecord
from models.history.site_billing import SiteUsageBill
from tasks.billing import bill_closed_month, closed_month
from tests import factories


def _october(data, days=(1, 2, 15)):
    WorkRecord.insert_many(
        [
            {
                "worker": data["worker"],
                "site": data["site"],
                "company": data["sub"],
                "work_date": dt.date(2026, 10, d),
                "trade": "0201",
                "position": "3",
            }
            for d in days
        ]
    ).execute()


def test_calendar_csv_has_days_and_the_members_number(client, app):
    with app.app_context():
        data = factories.site_with_worker()
        data["worker"].kentaikyo_number = "012345678"
        data["worker"].save()
        _october(data)
    factories.login(client, data["account"])
    client.post("/switch", data={"target": f"company:{data['sub'].id}"})
    bad = client.post("/company/kentaikyo", data={"number": "12a45"})
    assert bad.status_code == 422 and "12a45" in bad.get_data(as_text=True)
    client.post("/company/kentaikyo", data={"number": "１２３４-５６７８"})
    r = client.get("/company/kentaikyo/2026-10.csv")
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:2] == ["共済契約者番号", "12345678"]
    header, line = rows[1], rows[2]
    assert header[2] == "被共済者番号" and header[3] == "1" and header[-2] == "31"
    assert line[2] == "012345678"  # leading zero kept
    assert [line[3 + d - 1] for d in (1, 2, 3, 15)] == ["1", "1", "", "1"] and line[-1] == "3"
    # November is not ready before 10 December
    early = client.get("/company/kentaikyo/2026-11.csv")
    assert early.status_code == 302


def test_calendar_shows_only_the_companys_own_rows(client, app):
    with app.app_context():
        data = factories.site_with_worker()
        _october(data)
        other, other_admin = factories.company(name="無関係建設株式会社")
    factories.login(client, other_admin)
    client.post("/switch", data={"target": f"company:{other.id}"})
    body = client.get(f"/company/kentaikyo/2026-10.csv?site={data['site'].id}").get_data(as_text=True)
    assert data["worker"].full_name not in body


def test_site_usage_invoice_once_per_closed_month(app):
    assert closed_month(dt.date(2026, 12, 1)) == (2026, 10)
    assert closed_month(dt.date(2027, 1, 5)) == (2026, 11)
    assert closed_month(dt.date(2027, 2, 1)) == (2026, 12)
    with app.app_context():
        data = factories.site_with_worker()
        _october(data)
        assert bill_closed_month(dt.date(2026, 11, 30)) == []  # October still open for entries
        bills = bill_closed_month(dt.date(2026, 12, 1))
        assert [(b.month, b.records) for b in bills] == [("2026-10", 3)]
        invoice = Invoice.get_by_id(bills[0].invoice_ref)
        assert (invoice.purpose, invoice.amount, invoice.payer_id) == ("site_usage", 30, data["prime_admin"].id)
        assert bill_closed_month(dt.date(2026, 12, 2)) == []
        assert SiteUsageBill.select().count() == 1


def test_domain_site_fee_counts_worker_days_so_a_two_trade_day_is_billed_once(app):
    with app.app_context():
        data = factories.site_with_worker()
        _october(data)
        WorkRecord.create(
            worker=data["worker"], site=data["site"], work_date=dt.date(2026, 10, 2), trade="0301", position="3"
        )  # 多能工: a second trade on the 2nd (Q7-5)
        bills = bill_closed_month(dt.date(2026, 12, 1))
        assert [(b.month, b.records) for b in bills] == [("2026-10", 3)]
        assert Invoice.get_by_id(bills[0].invoice_ref).amount == 30


def test_prime_sees_and_opens_its_bill(client, app):
    with app.app_context():
        data = factories.site_with_worker()
        _october(data)
        bill = bill_closed_month(dt.date(2026, 12, 1))[0]
    factories.login(client, data["prime_admin"])
    client.post("/switch", data={"target": f"company:{data['prime'].id}"})
    page = client.get("/company/bills").get_data(as_text=True)
    assert "2026-10" in page and "30 円" in page
    assert client.get(f"/apply/invoices/{bill.invoice_ref}").status_code == 200
