"""Peewee models and the domain rules that belong to their data."""

from models.accounts import Account, Membership
from models.admin_billing import AdminIdBill
from models.admins import AdminInvitation
from models.api_tokens import ApiClient, ApiClientSite
from models.applications import Application, ApplicationEvent, Correction, Deficiency
from models.attachments import Attachment
from models.audit import AuditEntry
from models.bulk_import import BulkImport
from models.card_readers import CardReader
from models.cards import Card, CardRequest, CardRequestEvent
from models.career import CareerSummary
from models.changes import ChangeRequest, LinkRequest
from models.companies import Company
from models.consents import Consent
from models.counter import CounterIntake
from models.documents import SiteDocument
from models.employers import NamedEmployer
from models.experience import PriorExperience
from models.fees import FeeSchedule
from models.history import Touch, WorkRecord
from models.ids import IdSequence
from models.inquiries import Inquiry
from models.levels import LevelRule, WorkerLevel
from models.notices import NoticeLog
from models.outbox import OutboxMail
from models.payments import Invoice
from models.proxy import ProxyConsent, ProxyFiling
from models.rosters import EducationAttendance, EducationSession
from models.shown_tokens import ShownToken
from models.site_billing import SiteUsageBill
from models.sites import RosterEntry, Site, SiteContract
from models.trades import OfficialTrade
from models.work_entries import WorkEntry
from models.workers import Affiliation, Award, Education, Qualification, Training, Worker, WorkerTrade

ALL_MODELS = [
    IdSequence,
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
    EducationSession,
    EducationAttendance,
    SiteDocument,
    OutboxMail,
    AuditEntry,
    BulkImport,
    CounterIntake,
    Consent,
    OfficialTrade,
]
