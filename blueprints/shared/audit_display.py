"""The audit log as people read it, for the owner's history pages and the reviewers' search: field
labels and values in the current language, and who acted (staff shown as the registration body to
owners)."""

from flask_babel import lazy_gettext as _l

from models.registration.fields.sets import field_labels
from models.registration.fields.values import display

# Keys the log uses beside the registration fields.
EXTRA_LABELS = {
    "application": _l("登録申請"),
    "change_application": _l("変更申請"),
    "card_request": _l("カード申請"),
    "card": _l("カード"),
    "admin": _l("管理者ID"),
    "role": _l("権限"),
    "status": _l("登録状態"),
    "worker_id": _l("技能者ID"),
    "business_id": _l("事業者ID"),
    "registration_paid_on": _l("事業者登録料の入金日"),
    "registration_valid_until": _l("事業者登録の有効期限"),
    "affiliation": _l("所属"),
    "started_on": _l("開始日"),
    "ended_on": _l("終了日"),
    "end_reason": _l("終了の理由"),
    "link_kind": _l("所属の種類"),
}
STATES = {
    "submitted": _l("審査待ち"),
    "returned": _l("返却"),
    "approved": _l("承認"),
    "rejected": _l("却下"),
    "issued": _l("作成済み"),
    "mailed": _l("郵送済み"),
    "pending": _l("審査中"),
    "retired": _l("退職"),
    "main": _l("主たる所属事業者"),
    "other": _l("所属事業者"),
    "secondment": _l("出向先"),
}
STATE_KEYS = ("application", "change_application", "card_request", "card", "status", "end_reason", "link_kind")


def _value(kind, name, text):
    if name in STATE_KEYS:
        return str(STATES.get(text, text))
    try:
        return display(kind, name, text)
    except (KeyError, ValueError, AttributeError):
        return text


def entry_rows(entries, for_staff=False):
    """[{entry, when, action, actor, changes: [(label, before, after)], note}] of AuditEntry rows."""
    labels = {kind: field_labels(kind) for kind in ("worker", "company")}
    rows = []
    for entry in entries:
        kind = entry.subject_kind
        changes = [
            (
                str(EXTRA_LABELS.get(name) or labels[kind].get(name, name)),
                _value(kind, name, before),
                _value(kind, name, after),
            )
            for name, before, after in entry.changes()
        ]
        if entry.actor_is_reviewer and not for_staff:
            actor = str(_l("審査担当（登録機関）"))
        else:
            actor = entry.actor_name or str(_l("システム"))
        rows.append(
            {"entry": entry, "action": entry.action_label(), "actor": actor, "changes": changes, "note": entry.note}
        )
    return rows
