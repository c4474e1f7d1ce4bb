"""現場 (sites), the subcontract tree (施工体制), rosters (作業員名簿) and card readers."""

import hashlib
import secrets

from peewee import CharField, DateField, ForeignKeyField, IntegerField

from extensions import db
from models.base import BaseModel
from models.companies import Company
from models.errors import DomainError
from models.ids import issue_id
from models.workers import Affiliation, Worker


class SiteError(DomainError):
    """code: self / duplicate (inviting), not_accepted / not_affiliated / duplicate / has_history (rosters)"""


class Site(BaseModel):
    site_id = CharField(unique=True)  # 現場ID, issued on save
    prime = ForeignKeyField(Company, backref="sites")  # 元請
    name = CharField()  # may be masked (伏字), e.g. 「A邸住宅新築工事」
    address = CharField(default="")
    starts_on = DateField(null=True)
    ends_on = DateField(null=True)
    # 就業履歴蓄積期間: touches outside it do not count; null ends = open
    accrual_starts_on = DateField(null=True)
    accrual_ends_on = DateField(null=True)

    def accrues_on(self, day):
        return (self.accrual_starts_on is None or day >= self.accrual_starts_on) and (
            self.accrual_ends_on is None or day <= self.accrual_ends_on
        )

    @classmethod
    def open(cls, prime, **fields):
        with db.atomic():
            return cls.create(site_id=issue_id("site"), prime=prime, **fields)

    @classmethod
    def of_prime(cls, company):
        return cls.select().where(cls.prime == company).order_by(cls.id.desc())


class SiteContract(BaseModel):
    """An edge of the subcontract tree: `company` works under `parent` on `site`."""

    site = ForeignKeyField(Site, backref="contracts", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="site_contracts")
    parent = ForeignKeyField(Company, backref="sub_contracts")
    tier = IntegerField(default=1)
    status = CharField(default="invited")  # invited → accepted (招待 → 承認)

    class Meta:
        indexes = ((("site", "company"), True),)

    @classmethod
    def of_company(cls, company):
        """Contracts where `company` is the subcontractor."""
        return cls.select(cls, Site).join(Site).where(cls.company == company).order_by(cls.id.desc())

    @classmethod
    def invite(cls, site, parent, company):
        if company.id == site.prime_id:
            raise SiteError("self")
        if cls.get_or_none(site=site, company=company):
            raise SiteError("duplicate")
        tier = 1 if parent.id == site.prime_id else cls.get(site=site, company=parent).tier + 1
        return cls.create(site=site, company=company, parent=parent, tier=tier)

    def accept(self):
        self.status = "accepted"
        self.save()


class RosterEntry(BaseModel):
    """A worker on a site's 作業員名簿, entered by their employer, with 立場 and 職種."""

    site = ForeignKeyField(Site, backref="roster", on_delete="CASCADE")
    company = ForeignKeyField(Company)
    worker = ForeignKeyField(Worker)
    position = CharField()  # 立場 code
    trade = CharField()  # 職種 code

    class Meta:
        indexes = ((("site", "worker"), True),)

    @classmethod
    def of_contract(cls, contract):
        return (
            cls.select(cls, Worker)
            .join(Worker)
            .where((cls.site == contract.site) & (cls.company == contract.company))
            .order_by(cls.id)
        )

    @classmethod
    def add(cls, contract, worker, position, trade):
        """Only accepted subcontractors may list workers, and only workers affiliated with them."""
        if contract.status != "accepted":
            raise SiteError("not_accepted")
        affiliated = (
            Affiliation.select()
            .where(
                (Affiliation.worker == worker)
                & (Affiliation.company == contract.company)
                & Affiliation.ended_on.is_null()
            )
            .exists()
        )
        if not affiliated or not worker.approved:
            raise SiteError("not_affiliated")
        if cls.get_or_none(site=contract.site, worker=worker):
            raise SiteError("duplicate")
        return cls.create(site=contract.site, company=contract.company, worker=worker, position=position, trade=trade)

    def remove(self):
        """A worker with work history on the site stays on the roster (history keeps its source)."""
        from models.history import WorkRecord

        if (
            WorkRecord.select()
            .where((WorkRecord.site == self.site_id) & (WorkRecord.worker == self.worker_id))
            .exists()
        ):
            raise SiteError("has_history")
        self.delete_instance()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CardReader(BaseModel):
    """A card reader registered to a site; it authenticates with a bearer token."""

    site = ForeignKeyField(Site, backref="readers", on_delete="CASCADE")
    name = CharField()
    token_hash = CharField(unique=True)
    token_hint = CharField()  # last characters, to tell tokens apart on screen

    @classmethod
    def register(cls, site, name):
        """Returns (reader, token); the token is shown once and only its hash is kept."""
        token = "cr_" + secrets.token_urlsafe(32)
        reader = cls.create(site=site, name=name, token_hash=hash_token(token), token_hint=token[-4:])
        return reader, token

    @classmethod
    def by_token(cls, token):
        return cls.get_or_none(cls.token_hash == hash_token(token or ""))
