"""API tokens: card readers (one site) and certified external systems (認定システム, Q7-8: a company's
token for a list of its sites, scoped to writing touches and/or reading records). Only a hash of
each token is stored; the token itself is shown once, when made or rotated."""

import dataclasses
import secrets

from peewee import CharField, DateTimeField, ForeignKeyField

from extensions import db
from models.accounts.companies import Company
from models.billing.admin_billing import suspension_of
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.sites.readers import CardReader, hash_token
from models.sites.sites import Site, viewer_company

SCOPES = ("write-touches", "read-records")
REVOKED_PREFIX = "revoked:"  # a reader's token_hash after revocation: no token hashes to it


class TokenError(DomainError):
    """code: name / sites / scopes / revoked; when a token is used: company_suspended (its company's
    admin IDs are suspended for an unpaid bill) / company_expired (its registration validity ran out)."""


class ApiClient(BaseModel):
    """A certified system's access for a company: the sites it may use and what it may do."""

    company = ForeignKeyField(Company, backref="api_clients")
    name = CharField(max_length=60)
    scopes = CharField(max_length=60)  # space-separated SCOPES
    token_hash = CharField(unique=True)
    token_hint = CharField(max_length=8)
    revoked_at = DateTimeField(null=True)
    last_used_at = DateTimeField(null=True)

    @property
    def scope_list(self):
        return self.scopes.split()

    def site_list(self):
        return list(Site.select().join(ApiClientSite).where(ApiClientSite.client == self).order_by(Site.id))

    @classmethod
    def of_company(cls, viewer):
        """The company's systems whose every site `viewer` holds (Site.held_by: a 現場管理者 sees none
        that reaches a site outside their charge)."""
        elsewhere = ApiClientSite.select(ApiClientSite.client).join(Site).where(~Site.held_by(viewer))
        return (
            cls.select()
            .where((cls.company == viewer_company(viewer)) & cls.id.not_in(elsewhere))
            .order_by(cls.id.desc())
        )

    @classmethod
    def register(cls, viewer, name, site_ids, scopes):
        """Returns (client, token). Sites must be sites `viewer` holds (Site.held_by)."""
        company = viewer_company(viewer)
        name = (name or "").strip()
        if not name:
            raise TokenError("name")
        scopes = [s for s in SCOPES if s in set(scopes)]
        if not scopes:
            raise TokenError("scopes")
        sites = list(Site.select().where(Site.held_by(company) & Site.id.in_(list(site_ids))))
        if not sites or len(sites) != len(set(site_ids)):
            raise TokenError("sites")
        token = new_token("cs_")
        with db.atomic():
            client = cls.create(
                company=company, name=name, scopes=" ".join(scopes), token_hash=hash_token(token), token_hint=token[-4:]
            )
            ApiClientSite.insert_many([{"client": client.id, "site": s.id} for s in sites]).execute()
        return client, token

    def rotate(self):
        if self.revoked_at:
            raise TokenError("revoked")
        token = new_token("cs_")
        ApiClient.update(token_hash=hash_token(token), token_hint=token[-4:]).where(ApiClient.id == self.id).execute()
        return token

    def revoke(self):
        ApiClient.update(revoked_at=utcnow(), token_hash=REVOKED_PREFIX + secrets.token_hex(16)).where(
            ApiClient.id == self.id
        ).execute()


class ApiClientSite(BaseModel):
    client = ForeignKeyField(ApiClient, backref="site_rows", on_delete="CASCADE")
    site = ForeignKeyField(Site, on_delete="CASCADE")

    class Meta:
        indexes = ((("client", "site"), True),)


def new_token(prefix):
    return prefix + secrets.token_urlsafe(32)


def readers_of(company):
    """Every card reader on the sites `company` (or an admin ID) holds, with its site."""
    return CardReader.select(CardReader, Site).join(Site).where(Site.held_by(company)).order_by(Site.id, CardReader.id)


def reader_active(reader):
    return not reader.token_hash.startswith(REVOKED_PREFIX)


def rotate_reader(reader):
    """A new token for the reader; the old one stops working at once. Its touches keep their owner."""
    if not reader_active(reader):
        raise TokenError("revoked")
    token = new_token("cr_")
    CardReader.update(token_hash=hash_token(token), token_hint=token[-4:]).where(CardReader.id == reader.id).execute()
    return token


def revoke_reader(reader):
    CardReader.update(token_hash=REVOKED_PREFIX + secrets.token_hex(16)).where(CardReader.id == reader.id).execute()


@dataclasses.dataclass
class Caller:
    """Who is sending touches or reading records, and where they may do it."""

    owner: str  # the idempotency namespace: reader:<id> / system:<id> / account:<id>
    sites: dict  # {site_id (現場ID string): Site}
    scopes: tuple
    method: str  # how its touches were made unless an item says (reader / system / nfc / qr / typed)
    default_site: Site | None = None  # a reader's one site: items may leave site_id out
    made_by_id: int | None = None
    client: ApiClient | None = None
    qr_keys: list | None = None  # [(version, key)] card QR check values are made and read with

    @classmethod
    def for_reader(cls, reader):
        site = reader.site
        return cls(f"reader:{reader.id}", {site.site_id: site}, ("write-touches",), "reader", site)

    @classmethod
    def for_client(cls, client):
        sites = {s.site_id: s for s in client.site_list()}
        return cls(f"system:{client.id}", sites, tuple(client.scope_list), "system", client=client)

    @classmethod
    def for_phone(cls, account, site):
        return cls(f"account:{account.id}", {site.site_id: site}, ("write-touches",), "typed", site, account.id)


def refuse_unusable(company):
    """A token works only while its company may: raises TokenError when the company is suspended or
    its registration has expired."""
    if suspension_of(company) is not None:
        raise TokenError("company_suspended")
    if company.registration_expired:
        raise TokenError("company_expired")


def authenticate(token):
    """The Caller a bearer token stands for, or None (unknown, revoked or malformed). Raises TokenError
    for a known token whose company is suspended or expired."""
    if not token or len(token) > 200 or not token.isascii():
        return None
    digest = hash_token(token)
    if token.startswith("cr_"):
        reader = (
            CardReader.select(CardReader, Site, Company)
            .join(Site)
            .join(Company, on=(Site.prime == Company.id))
            .where(CardReader.token_hash == digest)
            .first()
        )
        if reader is None:
            return None
        refuse_unusable(reader.site.prime)
        return Caller.for_reader(reader)
    client = (
        ApiClient.select(ApiClient, Company)
        .join(Company)
        .where((ApiClient.token_hash == digest) & ApiClient.revoked_at.is_null())
        .first()
    )
    if client is None:
        return None
    refuse_unusable(client.company)
    now = utcnow()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.update(last_used_at=now).where(ApiClient.id == client.id).execute()
    return Caller.for_client(client)
