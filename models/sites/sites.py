"""現場 (sites), the subcontract tree (施工体制) and rosters (作業員名簿); card readers are in readers.py.

Who sees what is written once here: `Site.held_by`, `Site.visible_to`, `SiteContract.visible_on`,
`SiteContract.manageable_by`, `Site.ledger_visible_to` and `RosterEntry.visible_to`. A viewer is a
company or the admin ID (Membership) acting for it: a 現場管理者 holds only the prime's sites in their
charge (Q2-4, Q2-5)."""

from flask_babel import lazy_gettext as _l
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from extensions import db
from models.accounts.accounts import Membership
from models.accounts.companies import Company
from models.accounts.workers import Worker
from models.core.base import BaseModel
from models.core.clock import utcnow
from models.core.errors import DomainError
from models.core.ids import issue_id
from models.core.numbers import MAX_ID

ORDER_TYPES = [("public", _l("公共")), ("private", _l("民間"))]  # 発注区分
CONTRACT_FORMS = [("single", _l("単独")), ("jv", _l("共同企業体（JV）"))]  # 受注形態
WORKS_KINDS = [  # 工事の種類
    ("building", _l("建築・住宅")),
    ("civil", _l("土木")),
    ("other", _l("電気・空調衛生その他")),
]
CONTRACT_KINDS = [("subcontract", _l("下請負")), ("support", _l("応援"))]


class SiteError(DomainError):
    """code: self / unknown / duplicate / cycle / not_accepted / not_affiliated / not_linked / answered / has_history
    / fee_unpaid / expired (the company's 事業者ID is not usable: Company.unusable_reason)"""


class Site(BaseModel):
    site_id = CharField(unique=True)  # 現場ID, issued on save
    prime = ForeignKeyField(Company, backref="sites")  # 元請
    # 現場情報 (mandatory)
    name = CharField()  # may be masked (伏字), e.g. 「A邸住宅新築工事」
    order_type = CharField(default="private")  # 発注区分: public 公共 / private 民間
    hazardous = BooleanField(default=False)  # 有害物質取扱いの有無
    # 就業履歴蓄積期間: touches outside it do not count; null ends = open
    accrual_starts_on = DateField(null=True)
    accrual_ends_on = DateField(null=True)
    # 契約情報 (optional)
    address = CharField(default="")  # 施工場所
    client_name = CharField(default="")  # 発注者名
    contract_form = CharField(default="")  # 受注形態: single 単独 / jv 共同企業体
    starts_on = DateField(null=True)  # 契約工期
    ends_on = DateField(null=True)
    contract_date = DateField(null=True)  # 契約日
    # 工事情報 (optional)
    works_kind = CharField(default="")  # 工事の種類: building / civil / other
    corins = BooleanField(null=True)  # コリンズ登録の有無
    use = CharField(default="")  # 用途
    works_category = CharField(default="")  # 工事種別
    works_trade = CharField(default="")  # 工種
    scale = CharField(default="")  # 規模
    works_content = TextField(default="")  # 工事内容
    agent_name = CharField(default="")  # 現場代理人 (所長名 on the roster)
    manager = ForeignKeyField(Membership, null=True, on_delete="SET NULL")  # 現場管理者

    def accrues_on(self, day):
        return (self.accrual_starts_on is None or day >= self.accrual_starts_on) and (
            self.accrual_ends_on is None or day <= self.accrual_ends_on
        )

    @classmethod
    def open(cls, viewer, **fields):
        """A new site of `viewer`'s company; one a 現場管理者 opens is in their charge."""
        with db.atomic():
            return cls.create(site_id=issue_id("site"), prime=viewer_company(viewer), **_in_charge(viewer, fields))

    def edit(self, viewer, **fields):
        Site.update(**_in_charge(viewer, fields)).where(Site.id == self.id).execute()

    @classmethod
    def held_by(cls, viewer):
        """The condition for the sites `viewer` holds as 元請: all the company's sites for its admins,
        only those in their charge for a 現場管理者 (Q2-4, Q2-5)."""
        if isinstance(viewer, Membership):
            held = cls.prime == viewer.company_id
            return held & (cls.manager == viewer.id) if viewer.role == "site_manager" else held
        return cls.prime == viewer

    def is_held_by(self, viewer):
        if isinstance(viewer, Membership):
            return self.prime_id == viewer.company_id and (
                viewer.role != "site_manager" or self.manager_id == viewer.id
            )
        return self.prime_id == viewer.id

    @classmethod
    def of_prime(cls, viewer):
        """Sites `viewer` may edit: its own as 元請 (Site.held_by)."""
        return cls.select().where(cls.held_by(viewer)).order_by(cls.id.desc())

    @classmethod
    def visible_to(cls, viewer):
        """Sites `viewer` works on: as 元請 (Site.held_by) or as a subcontractor that accepted."""
        company = viewer.company_id if isinstance(viewer, Membership) else viewer
        joined = SiteContract.select(SiteContract.site).where(
            (SiteContract.company == company) & (SiteContract.status == "accepted")
        )
        return cls.select().where(cls.held_by(viewer) | cls.id.in_(joined)).order_by(cls.id.desc())

    def ledger_visible_to(self, company):
        """施工体制台帳 is shared by the 元請 and the first tier (Q9-6)."""
        if company.id == self.prime_id:
            return True
        return (
            SiteContract.select()
            .where(
                (SiteContract.site == self)
                & (SiteContract.company == company)
                & (SiteContract.tier == 1)
                & (SiteContract.status == "accepted")
            )
            .exists()
        )

    def managers_choices(self):
        return (
            Membership.select(Membership)
            .where((Membership.company == self.prime_id) & (Membership.role == "site_manager"))
            .order_by(Membership.id)
        )


class SiteContract(BaseModel):
    """An edge of the subcontract tree: `company` works under `parent` on `site`."""

    site = ForeignKeyField(Site, backref="contracts", on_delete="CASCADE")
    company = ForeignKeyField(Company, backref="site_contracts")
    parent = ForeignKeyField(Company, backref="sub_contracts")
    tier = IntegerField(default=1)
    status = CharField(default="invited")  # invited → accepted / declined (招待 → 承認 / 辞退)
    kind = CharField(default="subcontract")  # subcontract / support (応援, Q7-7)
    scope = CharField(default="")  # 請負範囲・作業内容
    starts_on = DateField(null=True)  # 請負期間
    ends_on = DateField(null=True)
    answered_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("site", "company"), True),)

    @classmethod
    def of_company(cls, company):
        """Contracts where `company` is the subcontractor (its invitations and sites)."""
        return (
            cls.select(cls, Site)
            .join(Site)
            .where((cls.company == company) & (cls.status != "declined"))
            .order_by(cls.id.desc())
        )

    @classmethod
    def pending_for(cls, company):
        return cls.of_company(company).where(cls.status == "invited")

    @classmethod
    def tree(cls, site):
        """Every live edge of the site in one query, tier by tier."""
        return list(
            cls.select(cls, Company)
            .join(Company, on=(cls.company == Company.id))
            .where((cls.site == site) & (cls.status != "declined"))
            .order_by(cls.tier, cls.id)
        )

    @staticmethod
    def branch_company_ids(contracts, company_id):
        """`company_id` and every company below it in the given edges: the one walk of the tree."""
        children = {}
        for c in contracts:
            children.setdefault(c.parent_id, []).append(c.company_id)
        found, todo = set(), [company_id]
        while todo:
            cid = todo.pop()
            if cid not in found:
                found.add(cid)
                todo.extend(children.get(cid, ()))
        return found

    @classmethod
    def branch_of(cls, site, company_id):
        """`company_id` and every company below it on `site`'s accepted tree, in one query."""
        edges = cls.select(cls.company, cls.parent).where((cls.site == site) & (cls.status == "accepted"))
        return cls.branch_company_ids(list(edges), company_id)

    @classmethod
    def visible_on(cls, site, company):
        """The edges `company` sees on `site`: all for the 元請, its own branch for a subcontractor."""
        contracts = cls.tree(site)
        if company.id == site.prime_id:
            return contracts
        mine = next((c for c in contracts if c.company_id == company.id), None)
        if mine is None or mine.status != "accepted":
            return [mine] if mine else []
        ids = cls.branch_company_ids(contracts, company.id)
        return [c for c in contracts if c.company_id in ids]

    @classmethod
    def manageable_by(cls, viewer):
        """Contracts whose roster `viewer` may build: its company's own and, as an upper tier, every
        accepted one below it on the sites it works on (proxy, 代行)."""
        company = viewer_company(viewer)
        sites = list(Site.visible_to(viewer).select(Site.id))
        edges = list(cls.select().where(cls.site.in_([s.id for s in sites] or [0]) & (cls.status == "accepted")))
        ids = []
        for site in sites:
            on_site = [e for e in edges if e.site_id == site.id]
            branch = cls.branch_company_ids(on_site, company.id)
            ids += [e.id for e in on_site if e.company_id in branch]
        return (
            cls.select(cls, Site)
            .join(Site)
            .where(cls.id.in_(ids or [0]) | ((cls.company == company) & (cls.status != "declined")))
        )

    @classmethod
    def manageable(cls, viewer, contract_id):
        """The contract `contract_id` with its site and company if `viewer` may build its roster (the
        rule of `manageable_by`), else None: two queries whatever the size of the tree."""
        company = viewer_company(viewer)
        if not 0 < contract_id <= MAX_ID:
            return None
        contract = (
            cls.select(cls, Site, Company)
            .join(Site)
            .switch(cls)
            .join(Company, on=(cls.company == Company.id))
            .where(cls.id == contract_id)
            .first()
        )
        if contract is None or contract.status == "declined":
            return None
        if contract.site.prime_id == company.id and not contract.site.is_held_by(viewer):
            return None  # a 現場管理者 on a site of the prime not in their charge
        if contract.company_id == company.id:
            return contract
        edges = list(
            cls.select(cls.company, cls.parent).where((cls.site == contract.site_id) & (cls.status == "accepted"))
        )
        if company.id != contract.site.prime_id and not any(e.company_id == company.id for e in edges):
            return None
        below = cls.branch_company_ids(edges, company.id)
        return contract if contract.status == "accepted" and contract.company_id in below else None

    @classmethod
    def invite(cls, site, parent, company, scope="", starts_on=None, ends_on=None, kind="subcontract"):
        """`parent` (the 元請 or an accepted subcontractor) invites `company` below itself."""
        if company.id == parent.id:
            raise SiteError("self")
        if not company.usable:  # the same gate as every 事業者ID use (unpaid fee, expired registration)
            raise SiteError(company.unusable_reason)
        contracts = cls.tree(site)
        if parent.id != site.prime_id:
            own = next((c for c in contracts if c.company_id == parent.id), None)
            if own is None or own.status != "accepted":
                raise SiteError("not_accepted")
        if company.id == site.prime_id or company.id in _ancestor_ids(contracts, parent.id):
            raise SiteError("cycle")
        existing = cls.get_or_none(site=site, company=company)
        if existing is not None and existing.status != "declined":
            raise SiteError("duplicate")
        tier = 1 if parent.id == site.prime_id else next(c.tier for c in contracts if c.company_id == parent.id) + 1
        fields = dict(parent=parent, tier=tier, scope=scope, starts_on=starts_on, ends_on=ends_on, kind=kind)
        with db.atomic():
            if existing is not None:  # declined before: a new invitation replaces the answer
                for name, value in fields.items():
                    setattr(existing, name, value)
                existing.status, existing.answered_at = "invited", None
                existing.save()
                return existing
            return cls.create(site=site, company=company, **fields)

    def _answer(self, status):
        if self.status != "invited":
            raise SiteError("answered")
        self.status, self.answered_at = status, utcnow()
        self.save()

    def accept(self):
        if not self.company.usable:
            raise SiteError(self.company.unusable_reason)
        self._answer("accepted")

    def decline(self):
        self._answer("declined")

    @classmethod
    def waiting_for(cls, account):
        """Invitations not yet answered by any company `account` is an admin of (shown on each of their homes)."""
        from models.accounts.roles import ANSWERING_ROLES

        companies = Membership.select(Membership.company).where(
            (Membership.account == account) & Membership.role.in_(ANSWERING_ROLES)
        )
        return (
            cls.select(cls, Site)
            .join(Site)
            .where(cls.status == "invited", cls.company.in_(companies))
            .order_by(cls.id.desc())
        )


def _in_charge(viewer, fields):
    """A 現場管理者 keeps the sites they open or edit in their own charge."""
    if isinstance(viewer, Membership) and viewer.role == "site_manager":
        return {**fields, "manager": viewer.id}
    return fields


def viewer_company(viewer):
    """The company a viewer (a company or an admin ID acting for it) stands for."""
    return viewer.company if isinstance(viewer, Membership) else viewer


def _ancestor_ids(contracts, company_id):
    """Companies above `company_id` in the edges (its parent, the parent's parent, …)."""
    by_company = {c.company_id: c for c in contracts}
    found = set()
    while company_id in by_company:
        company_id = by_company[company_id].parent_id
        if company_id in found:
            break
        found.add(company_id)
    return found


class RosterEntry(BaseModel):
    """A worker on a site's 作業員名簿, entered by their employer (or an upper tier for it)."""

    site = ForeignKeyField(Site, backref="roster", on_delete="CASCADE")
    company = ForeignKeyField(Company)  # the employer whose roster this is
    worker = ForeignKeyField(Worker)
    position = CharField()  # 立場 code
    trade = CharField()  # 職種 code
    work_content = CharField(default="")  # 作業内容
    marks = CharField(default="")  # 属性 codes, comma separated (職長・安全衛生責任者・能力向上教育 …)
    foreign_status = CharField(default="")  # 技能実習生 / 外国人建設就労者 / 1号特定技能外国人
    hired_on = DateField(null=True)  # 雇入年月日
    entered_on = DateField(null=True)  # 入場年月日
    left_on = DateField(null=True)  # 退場: upper tiers stop seeing the worker after it (Q5-3)
    hire_education_on = DateField(null=True)  # 雇入時教育
    entry_education_on = DateField(null=True)  # 新規入場時教育 (受入教育)
    health_check_on = DateField(null=True)  # 最近の健康診断日
    blood_pressure = CharField(default="")  # 血圧, as measured at that check ("128/84")
    special_health_check_on = DateField(null=True)  # 特殊健康診断日
    special_health_check_kind = CharField(default="")  # 特殊健康診断の種類 (有機溶剤, じん肺…)
    family_contact = CharField(default="")  # 家族連絡先: name, relation and phone
    special_education = CharField(default="")  # 特別教育
    skill_training = CharField(default="")  # 技能講習
    show_qualifications = BooleanField(default=True)  # the worker may withhold 資格 from the ledger
    employer_unregistered = BooleanField(default=False)  # Q7-6: position and trade are not recorded
    added_by = ForeignKeyField(Company, null=True)  # an upper tier adding on the employer's behalf
    # Received under the 建設業務労働者就業機会確保事業 (MHLW-licensed lending): the worker's history
    # accrues under this roster's company, not under `lent_from`, their employer (Q7-7).
    lent_from = ForeignKeyField(Company, null=True)

    class Meta:
        indexes = ((("site", "worker"), True),)

    @classmethod
    def of_contract_for(cls, contract, viewer, today):
        """`contract`'s roster as `viewer` may see it: the employer all of it, an upper tier (proxy)
        only the workers still on the site."""
        return cls.visible_to(contract.site, viewer, today).where(cls.company == contract.company_id)

    @classmethod
    def visible_to(cls, site, company, today):
        """Roster rows `company` may see on `site`: its own always; those of companies below it only
        while the worker is on the site (not yet past 退場, Q5-3). The 元請 is above everyone."""
        contracts = [c for c in SiteContract.tree(site) if c.status == "accepted"]
        below = SiteContract.branch_company_ids(contracts, company.id)
        if company.id != site.prime_id and not any(c.company_id == company.id for c in contracts):
            below = set()
        return (
            cls.select(cls, Worker)
            .join(Worker)
            .where(
                (cls.site == site)
                & (
                    (cls.company == company)
                    | (cls.company.in_(below or [0]) & (cls.left_on.is_null() | (cls.left_on >= today)))
                )
            )
            .order_by(cls.company, cls.id)
        )
