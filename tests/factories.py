"""Builders for test data, through the same model rules the app uses."""

import datetime as dt
import itertools

from models import Account, Application, Company, Membership, Site, SiteContract, Worker
from models.core import clock
from models.core.clock import utcnow
from models.registration.applications import apply_one_person_operator
from models.sites.readers import CardReader
from models.sites.rosters import add_many

PASSWORD = "correct-horse-1"
AGREED = {"privacy": "y", "terms": "y"}  # 個人情報の取扱い and 利用規約, ticked on every online submit (issue 11)
SUBMIT = {**AGREED, "payment_method": "konbini"}  # and the fee's method, chosen on submission (guidance Section 5)
_n = itertools.count(1)


def account(email=None, name="テスト 太郎", reviewer=False, confirmed=True):
    acc = Account(
        email=email or f"user{next(_n)}@example.jp",
        display_name=name,
        is_reviewer=reviewer,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    acc.set_password(PASSWORD)
    acc.save()
    return acc


def reviewer():
    return account(name="審査 花子", reviewer=True)


# A registered record holds what the application requires (the change forms check the same rules).
INSURED = {"health_insurance": "enrolled", "pension": "enrolled", "employment_insurance": "exempt"}


def company(admin=None, name=None, approved=True, entity_type="corporation"):
    admin = admin or account()
    c = Company(
        entity_type=entity_type,
        name_kana="テストケンセツ",
        representative_name="代表 一郎",
        postal_code="160-0023",
        address="東京都新宿区1-1",
        phone="03-1111-2222",
        **INSURED,
    )
    c.set_names(trade_name=name or f"テスト建設{next(_n)}株式会社")  # as the application form stores it
    c.save()
    Membership.create(account=admin, company=c)
    if approved:
        application = Application.create(kind="company", applicant=admin, company=c)
        application.submit(admin)
        pay(application.approve(reviewer(), clock.today()))
    return Company.get_by_id(c.id), admin


def one_person(email=None, approved=True, family="山田", given="太郎"):
    """A one-person operator: account, own company, worker affiliated with it."""
    acc = account(email=email, name=f"{family} {given}")
    comp, worker = apply_one_person_operator(
        acc,
        {
            "trade_name": "",
            "representative_name": f"{family} {given}",
            "name_kana": "ヤマダ タロウ",
            "postal_code": "332-0012",
            "address": "埼玉県川口市1-1",
            "phone": "090-1111-2222",
            **INSURED,
        },
        {
            "family_name": family,
            "given_name": given,
            "family_kana": "ヤマダ",
            "given_kana": "タロウ",
            "birth_date": dt.date(1985, 4, 1),
            "gender": "1",
            "nationality": "日本",
            "blood_type": "A",
            "postal_code": "332-0012",
            "address": "埼玉県川口市1-1",
            "phone": "090-1111-2222",
            "main_trade": "0201",
            **INSURED,
        },
    )
    if approved:
        rev = reviewer()
        for application in Application.of_applicant(acc):
            pay(application.approve(rev, clock.today()))
    return acc, Company.get_by_id(comp.id), Worker.get_by_id(worker.id)


def pay(invoice):
    """Records the payment as staff would; a paid worker registration makes the card."""
    from models.registration.settlement import settle

    settle(invoice, None, clock.today())
    return invoice


def put_on_roster(contract, worker, position="3", trade="0201", by=None, **fields):
    """`worker` on `contract`'s roster as the roster page puts one there (by its employer, or by the
    upper tier `by`); returns the new row."""
    return add_many(contract, [worker], by or contract.company, position=position, trade=trade, **fields)[0]


def site_with_worker():
    """A prime's site with the one-person operator as accepted 1st tier, on the roster, and a reader."""
    prime, prime_admin = company(name="元請建設株式会社")
    acc, sub, worker = one_person()
    site = Site.open(prime, name="A邸住宅新築工事")
    contract = SiteContract.invite(site, prime, sub)
    contract.accept()
    put_on_roster(contract, worker, position="1", trade="0201")
    reader, token = CardReader.register(site, "正門")
    card = worker.cards.get()
    card.enrol_serial(serial())
    return {
        "prime": prime,
        "prime_admin": prime_admin,
        "account": acc,
        "sub": sub,
        "worker": worker,
        "site": site,
        "contract": contract,
        "reader": reader,
        "token": token,
        "card": card,
    }


def worked_day(data, day):
    """The work record of a day the worker of `site_with_worker` data touched in at the site's reader
    (through the batch ingestion a reader's upload takes)."""
    from factory.touches import record_touch
    from models.sites.records import WorkRecord

    moment = dt.datetime.combine(day, dt.time(8), tzinfo=clock.JST)
    record_touch(data["reader"], f"in-{next(_n)}", data["site"].site_id, data["card"].idm, "in", moment)
    return WorkRecord.get(worker=data["worker"], site=data["site"], work_date=day)


def days_ago(n):
    """Japan's date n days back: touches must be in the past and before their deadline (the end of
    the month after the work date), so tests use recent days rather than fixed dates."""
    from models.core.clock import today

    return today() - dt.timedelta(days=n)


def serial():
    """A fresh 8-byte card serial (FeliCa IDm form), as staff enrol it from the physical card."""
    return f"012E{next(_n):012X}"


def invited_operator(client, site_name="現場"):
    """A prime's site with the one-person operator invited (not yet accepted), logged in as that company."""
    prime, _admin = company()
    acc, sub, worker = one_person()
    site = Site.open(prime, name=site_name)
    contract = SiteContract.invite(site, prime, sub)
    login(client, acc)
    client.post("/switch", data={"target": f"company:{sub.id}"})
    return contract, worker


def login(client, account, password=PASSWORD):
    return client.post("/login", data={"email": account.email, "password": password})


def png_data(size=(300, 386), colour=(200, 200, 200)):
    """A real PNG image (the size of a face photo by default)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


PDF_DATA = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submitted_worker_application(account_=None, employer=None, submit=True, channel="internet", **fields):
    """A worker application by the worker themself (internet, or "paper": postal), affiliated with
    `employer` if given."""
    from models import Affiliation

    acc = account_ or account(name="鈴木 一郎")
    data = {
        "family_name": "鈴木",
        "given_name": "一郎",
        "family_kana": "スズキ",
        "given_kana": "イチロウ",
        "birth_date": dt.date(1990, 5, 6),
        "gender": "1",
        "nationality": "日本",
        "postal_code": "160-0023",
        "address": "東京都新宿区西新宿2-8-1",
        "phone": "090-2222-3333",
        "main_trade": "0201",
        "id_document": "driving_licence",
        **fields,
    }
    worker = Worker.create(account=acc, **data)
    if employer is not None:
        Affiliation.create(worker=worker, company=employer, is_main=True)
    application = Application.create(kind="worker", applicant=acc, worker=worker, channel=channel)
    application.log("created", acc)
    if submit:
        application.submit(acc)
    return application


def submitted_company_application(capital=0, entity_type="corporation", submit=True, channel="internet", **fields):
    """A company application with a registration officer (the fee slip's address)."""
    acc = account(name="高橋 次郎")
    data = {
        "name": f"審査建設{next(_n)}株式会社",
        "representative_name": "高橋 次郎",
        "postal_code": "100-0001",
        "address": "東京都千代田区千代田1-1",
        "phone": "03-3333-4444",
        "officer_name": "経理 三郎",
        "officer_postal_code": "150-0001",
        "officer_address": "東京都渋谷区神宮前1-2-3",
        **fields,
    }
    comp = Company(entity_type=entity_type, capital=capital, **data)
    comp.set_names(trade_name=data["name"])
    comp.save()
    Membership.create(account=acc, company=comp)
    application = Application.create(kind="company", applicant=acc, company=comp, channel=channel)
    application.log("created", acc)
    if submit:
        application.submit(acc)
    return application


def link(worker, company, kind="other"):
    """関連付け as both sides agree to it: the company proposes, the worker accepts."""
    from models.registration.changes import LinkRequest

    return LinkRequest.propose(worker, company, "company", kind).accept("worker", clock.today())


def pdf_text(data, folder):
    """The text of a PDF as pdftotext reads it (layout kept), written to `folder` first."""
    import subprocess

    assert data.startswith(b"%PDF-")
    path = folder / f"doc{next(_n)}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
