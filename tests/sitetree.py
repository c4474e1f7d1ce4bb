"""A three-tier site built through the model rules: 元請 → 一次 → 二次 → 三次, each with a worker."""

import datetime as dt

from models import Affiliation, Site, SiteContract, Worker
from models.core.ids import issue_id
from tests import factories as f


def employee(company, family, given="一郎", birth=dt.date(1985, 4, 1), **fields):
    """An approved worker affiliated with `company` (as the reviewer would leave one)."""
    worker = Worker.create(
        worker_id=issue_id("worker"),
        status="approved",
        family_name=family,
        given_name=given,
        family_kana="テスト",
        given_kana="イチロウ",
        birth_date=birth,
        gender="1",
        address="東京都新宿区1-1",
        phone="090-1111-2222",
        main_trade="0201",
        **fields,
    )
    Affiliation.create(worker=worker, company=company, is_main=True)
    return worker


def three_tiers():
    prime, prime_admin = f.company(name="元請建設株式会社")
    first, first_admin = f.company(name="一次工業株式会社")
    second, second_admin = f.company(name="二次設備株式会社")
    third, third_admin = f.company(name="三次塗装株式会社")
    site = Site.open(prime, name="○○改築工事", accrual_starts_on=dt.date(2026, 11, 1))
    c1 = SiteContract.invite(site, prime, first, scope="躯体工事")
    c1.accept()
    c2 = SiteContract.invite(site, first, second, scope="設備工事")
    c2.accept()
    c3 = SiteContract.invite(site, second, third, scope="塗装工事")
    c3.accept()
    return {
        "site": site,
        "prime": prime,
        "first": first,
        "second": second,
        "third": third,
        "admins": {"prime": prime_admin, "first": first_admin, "second": second_admin, "third": third_admin},
        "contracts": {"first": c1, "second": c2, "third": c3},
    }


def as_company(app, account, company):
    client = app.test_client()
    f.login(client, account)
    client.post("/switch", data={"target": f"company:{company.id}"})
    return client
