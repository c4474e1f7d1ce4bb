"""Peewee models and the domain rules that belong to their data."""

from models.accounts.accounts import Account, Membership
from models.accounts.admins import AdminInvitation
from models.accounts.audit import AuditEntry
from models.accounts.companies import Company
from models.accounts.employers import NamedEmployer
from models.accounts.login_locks import LoginFailure
from models.accounts.notices import NoticeLog
from models.accounts.shown_tokens import ShownToken
from models.accounts.workers import Affiliation, Award, Education, Qualification, Training, Worker, WorkerTrade
from models.billing.admin_billing import AdminIdBill
from models.billing.fees import FeeSchedule
from models.billing.payments import Invoice
from models.cards.cards import Card, CardRequest, CardRequestEvent
from models.core.ids import IdSequence
from models.core.jobs import Job
from models.core.outbox import OutboxMail
from models.core.trades import OfficialTrade
from models.history.career import CareerSummary
from models.history.experience import PriorExperience
from models.history.export import CompanyExport
from models.history.levels import LevelDirty, LevelRule, WorkerLevel
from models.history.site_billing import SiteUsageBill
from models.history.work_entries import WorkEntry
from models.registration.applications import Application, ApplicationEvent, Correction, Deficiency
from models.registration.attachments import Attachment
from models.registration.bulk.imports import BulkImport
from models.registration.changes import ChangeRequest, LinkRequest
from models.registration.consents import Consent
from models.registration.counter import CounterIntake
from models.registration.proxy import ProxyConsent, ProxyFiling
from models.sites.api_tokens import ApiClient, ApiClientSite
from models.sites.documents import SiteDocument
from models.sites.ledger import ConstructionPermit, ContractLedger, Office
from models.sites.readers import CardReader
from models.sites.records import Touch, WorkRecord
from models.sites.rosters import EducationAttendance, EducationSession
from models.sites.sites import RosterEntry, Site, SiteContract
from models.support.inquiries import Inquiry

ALL_MODELS = [
    LevelDirty,  # first: emptied last, after the tables whose triggers mark it
    IdSequence,
    Job,
    Company,
    Account,
    Membership,
    Worker,
    Affiliation,
    Application,
    Card,
    Site,
    SiteContract,
    RosterEntry,
    CardReader,
    WorkRecord,
    Touch,
    WorkerTrade,
    Qualification,
    Training,
    Award,
    Education,
    Attachment,
    Deficiency,
    Correction,
    ApplicationEvent,
    FeeSchedule,
    Invoice,
    CardRequest,
    CardRequestEvent,
    ProxyFiling,
    ProxyConsent,
    ChangeRequest,
    LinkRequest,
    NoticeLog,
    Inquiry,
    NamedEmployer,
    AdminInvitation,
    LevelRule,
    WorkerLevel,
    CareerSummary,
    WorkEntry,
    PriorExperience,
    SiteUsageBill,
    AdminIdBill,
    ApiClient,
    ApiClientSite,
    ShownToken,
    LoginFailure,
    EducationSession,
    EducationAttendance,
    SiteDocument,
    OutboxMail,
    AuditEntry,
    BulkImport,
    CounterIntake,
    Consent,
    OfficialTrade,
    CompanyExport,
    ConstructionPermit,
    Office,
    ContractLedger,
]
