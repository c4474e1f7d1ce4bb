"""Builders for test data, through the same model rules the app uses."""
import datetime as dt
import itertools

from models import Account, Application, Company, Membership, Site, SiteContract, Worker
from models.applications import apply_one_person_operator
from models.base import utcnow
from models.sites import CardReader, RosterEntry

PASSWORD = "correct-horse-1"
_n = itertools.count(1)


def account(email=None, name="テスト 太郎", reviewer=False, confirmed=True):
    acc = Account(email=email or f"user{next(_n)}@example.jp", display_name=name, is_reviewer=reviewer,
                  email_confirmed_at=utcnow() if confirmed else None)
    acc.set_password(PASSWORD)
    acc.save()
    return acc


def reviewer():
    return account(name="審査 花子", reviewer=True)


def company(admin=None, name=None, approved=True, entity_type="corporation"):
    admin = admin or account()
    c = Company.create(entity_type=entity_type, name=name or f"テスト建設{next(_n)}株式会社",
                       representative_name="代表 一郎", address="東京都新宿区1-1", phone="03-1111-2222")
    Membership.create(account=admin, company=c)
    if approved:
        application = Application.create(kind="company", applicant=admin, company=c)
        application.submit(admin)
        pay(application.approve(reviewer(), dt.date.today()))
    return Company.get_by_id(c.id), admin


def one_person(email=None, approved=True, family="山田", given="太郎"):
    """A one-person operator: account, own company, worker affiliated with it."""
    acc = account(email=email, name=f"{family} {given}")
    comp, worker = apply_one_person_operator(
        acc, {"trade_name": "", "representative_name": f"{family} {given}", "address": "埼玉県川口市1-1",
              "phone": "090-1111-2222"},
        {"family_name": family, "given_name": given, "family_kana": "ヤマダ", "given_kana": "タロウ",
         "birth_date": dt.date(1985, 4, 1), "gender": "1", "nationality": "日本", "address": "埼玉県川口市1-1",
         "phone": "090-1111-2222", "main_trade": "0201"})
    if approved:
        rev = reviewer()
        for application in Application.of_applicant(acc):
            pay(application.approve(rev, dt.date.today()))
    return acc, Company.get_by_id(comp.id), Worker.get_by_id(worker.id)


def pay(invoice):
    """Records the payment as staff would; a paid worker registration makes the card."""
    from models.billing import settle

    settle(invoice, None, dt.date.today())
    return invoice


def site_with_worker():
    """A prime's site with the one-person operator as accepted 1st tier, on the roster, and a reader."""
    prime, prime_admin = company(name="元請建設株式会社")
    acc, sub, worker = one_person()
    site = Site.open(prime, name="A邸住宅新築工事")
    contract = SiteContract.invite(site, prime, sub)
    contract.accept()
    RosterEntry.add(contract, worker, position="1", trade="0201")
    reader, token = CardReader.register(site, "正門")
    return {"prime": prime, "prime_admin": prime_admin, "account": acc, "sub": sub, "worker": worker,
            "site": site, "contract": contract, "reader": reader, "token": token,
            "card": worker.cards.get()}


def login(client, account, password=PASSWORD):
    return client.post("/login", data={"email": account.email, "password": password})
