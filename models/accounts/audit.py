"""監査ログ: every change to a worker's or company's registered data and every reviewer decision, with
who, when, and the values before and after. Written by `record` (or `save`, which saves a changed
registration and records what changed) inside the transaction of the change, from the model rules."""

import datetime as dt
import json

from flask_babel import lazy_gettext as _l
from peewee import CharField, ForeignKeyField, IntegerField, TextField

from extensions import db
from models.accounts.accounts import Account
from models.core.base import BaseModel
from models.core.clock import JST

# action → label: what happened to the record
ACTIONS = {
    "applicant_edit": _l("申請者による修正（不備返却後）"),
    "corrected": _l("審査担当による補記"),
    "returned": _l("不備返却"),
    "approved": _l("登録申請の承認"),
    "fee_paid": _l("事業者登録料の入金（事業者IDの利用開始）"),
    "registration_renewed": _l("事業者登録の更新（有効期間の延長）"),
    "change_applied": _l("変更申請の承認（反映）"),
    "change_returned": _l("変更申請の差し戻し"),
    "card_step": _l("カード申請の処理"),
    "card_rejected": _l("カード申請の却下"),
    "card_mailed": _l("カードの郵送"),
    "admin_added": _l("管理者IDの追加"),
    "admin_role": _l("管理者IDの権限変更"),
    "admin_removed": _l("管理者IDの削除"),
    "affiliation_started": _l("所属の開始（関連付け）"),
    "affiliation_ended": _l("所属の終了（退職）"),
    "erased": _l("個人データの消去（本人の求めによる）"),
}
# What a decision moves, by action.
DECISION_KEYS = {
    "returned": "application",
    "change_returned": "change_application",
    "card_step": "card_request",
    "card_rejected": "card_request",
    "card_mailed": "card",
}
# Columns that are bookkeeping, not registered data.
SKIPPED = {"id", "created_at", "last_used_at", "password_hash", "session_nonce"}


class AuditEntry(BaseModel):
    subject_kind = CharField()  # worker / company / account (an erased login without a worker record)
    subject_id = IntegerField()  # the Worker or Company row (kept even if that row goes)
    subject_name = CharField(default="")  # the name when it happened, for the search
    actor = ForeignKeyField(Account, null=True, on_delete="SET NULL")  # None: the system itself
    actor_name = CharField(default="")
    actor_is_reviewer = CharField(default="")  # "1" for registration-body staff
    action = CharField()
    before = TextField(default="{}")  # JSON {field: value as text}
    after = TextField(default="{}")
    note = TextField(default="")

    class Meta:
        indexes = ((("subject_kind", "subject_id"), False),)

    def action_label(self):
        return ACTIONS.get(self.action, self.action)

    def changes(self):
        """[(field, before, after)] in the order the fields were recorded."""
        before, after = json.loads(self.before), json.loads(self.after)
        return [(name, before.get(name, ""), after.get(name, "")) for name in dict.fromkeys([*before, *after])]

    @classmethod
    def of_subject(cls, subject):
        """The history of one registration, newest first: what its owner sees."""
        return (
            cls.select()
            .where((cls.subject_kind == kind_of(subject)) & (cls.subject_id == subject.id))
            .order_by(cls.id.desc())
        )


def kind_of(subject):
    return {"Worker": "worker", "Account": "account"}.get(type(subject).__name__, "company")


def _name_of(subject):
    kind = kind_of(subject)
    return subject.full_name if kind == "worker" else subject.display_name if kind == "account" else subject.name


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def snapshot(subject):
    """{field: value as text} of a registration's data columns."""
    return {
        f.name: _text(subject.__data__.get(f.name))
        for f in type(subject)._meta.sorted_fields
        if f.name not in SKIPPED and f.field_type not in ("BLOB",)
    }


def record(subject, action, actor=None, before=None, after=None, note=""):
    """The one writer of the audit log; call it inside the transaction of the change it records."""
    return AuditEntry.create(
        subject_kind=kind_of(subject),
        subject_id=subject.id,
        subject_name=_name_of(subject)[:255],
        actor=actor,
        actor_name=(actor.display_name if actor is not None else "")[:255],
        actor_is_reviewer="1" if actor is not None and actor.is_reviewer else "",
        action=action,
        before=json.dumps(before or {}, ensure_ascii=False),
        after=json.dumps(after or {}, ensure_ascii=False),
        note=note,
    )


def decision(subject, action, actor, states, note=""):
    """A decision on an application about the record: its state going from states[0] to states[1]."""
    key = DECISION_KEYS[action]
    return record(subject, action, actor, {key: states[0]}, {key: states[1]}, note)


def affiliation(worker, company, actor=None, **values):
    """所属 belongs to both registrations: the worker's and the company's history each get the entry
    (affiliation_started with started_on, affiliation_ended with ended_on)."""
    action = "affiliation_started" if "started_on" in values else "affiliation_ended"
    after = {k: _text(v) for k, v in values.items()}
    record(worker, action, actor, after={"affiliation": company.name, **after})
    record(company, action, actor, after={"affiliation": worker.full_name, **after})


def save(subject, action, actor=None, note="", audited=True):
    """Saves a registration whose attributes were set, and records the fields that changed (read
    from the stored row in the same transaction). Returns the entry, or None when nothing changed."""
    with db.atomic():
        stored = type(subject).get_or_none(type(subject).id == subject.id) if subject.id else None
        subject.save()
        if not audited or stored is None:
            return None
        before, after = snapshot(stored), snapshot(subject)
        changed = [k for k in after if before.get(k) != after[k]]
        if not changed and action in ("applicant_edit", "corrected", "change_applied"):
            return None
        return record(
            subject, action, actor, {k: before.get(k, "") for k in changed}, {k: after[k] for k in changed}, note
        )


def search(text="", actor="", since=None, until=None, kind=""):
    """Reviewers' search: a registration by 技能者ID/事業者ID, name (then or now), who acted (name or
    e-mail) and the Japanese days the change fell on; newest first."""
    from models.accounts.companies import Company
    from models.accounts.workers import Worker

    query = AuditEntry.select().order_by(AuditEntry.id.desc())
    if kind in ("worker", "company"):
        query = query.where(AuditEntry.subject_kind == kind)
    text = (text or "").strip()
    if text:
        compact = text.replace(" ", "").replace("-", "")
        workers = Worker.select(Worker.id).where(
            (Worker.worker_id == compact)
            | (Worker.family_name.contains(text))
            | (Worker.given_name.contains(text))
            | (Worker.family_name.concat(Worker.given_name).contains(compact))
        )
        companies = Company.select(Company.id).where((Company.business_id == compact) | Company.name.contains(text))
        query = query.where(
            AuditEntry.subject_name.contains(text)
            | ((AuditEntry.subject_kind == "worker") & AuditEntry.subject_id.in_(workers))
            | ((AuditEntry.subject_kind == "company") & AuditEntry.subject_id.in_(companies))
        )
    actor = (actor or "").strip()
    if actor:
        accounts = Account.select(Account.id).where(
            Account.email.contains(actor) | Account.display_name.contains(actor)
        )
        query = query.where(AuditEntry.actor_name.contains(actor) | AuditEntry.actor.in_(accounts))
    if since:
        query = query.where(AuditEntry.created_at >= _utc_start(since))
    if until:
        query = query.where(AuditEntry.created_at < _utc_start(min(until, dt.date(9000, 1, 1)) + dt.timedelta(days=1)))
    return query


def _utc_start(day):
    """The stored (naive UTC) moment at which a Japanese calendar day begins."""
    day = min(max(day, dt.date(1900, 1, 1)), dt.date(9000, 1, 1))  # far dates filter nothing, never overflow
    return dt.datetime.combine(day, dt.time(), JST).astimezone(dt.UTC).replace(tzinfo=None)
