"""What the review page shows: the application's fieldset sections with formatted values, detail rows
and the attachments that prove them, and the history of its rounds."""

import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.accounts.employers import employer_rows
from models.accounts.workers import Award, Education, Qualification, Training, WorkerTrade
from models.core import codes
from models.registration.fields.sets import field_labels, sections
from models.registration.fields.values import display_value, is_correctable

ATTACHMENT = "attachment:"
ACTIONS = {
    "created": _l("作成"),
    "submitted": _l("申請"),
    "returned": _l("不備返却"),
    "resubmitted": _l("再申請"),
    "corrected": _l("補記"),
    "approved": _l("承認"),
    "handed_over": _l("代行の入力担当の引き継ぎ"),
}


def _date(day):
    return day.strftime("%Y/%m/%d") if day else ""


def _join(*parts):
    return " ".join(str(p) for p in parts if p)


def _detail_items(worker, name, attachments):
    """(text, [attachments]) per detail row; a row's certificate is the attachment whose ref_id names it."""

    def proofs(purpose, row_id):
        return [a for a in attachments if a.purpose == purpose and a.ref_id == row_id]

    if name == "trades":
        rows = list(worker.trade_rows.order_by(WorkerTrade.id))
        if not rows:
            return [(codes.label(codes.TRADES, worker.main_trade), [])]
        return [
            (
                _join(
                    codes.label(codes.TRADES, t.trade) or t.trade,
                    _("経験%(n)s年", n=t.experience_years) if t.experience_years else "",
                ),
                [],
            )
            for t in rows
        ]
    if name == "qualifications":
        return [
            (
                _join(
                    codes.label(codes.QUALIFICATION_KINDS, q.kind),
                    q.name,
                    _("番号 %(no)s", no=q.number) if q.number else "",
                    _("取得日 %(d)s", d=_date(q.acquired_on)) if q.acquired_on else "",
                    _("証明書上の氏名: %(n)s", n=q.name_on_certificate) if q.name_on_certificate else "",
                ),
                proofs("qualification", q.id),
            )
            for q in worker.qualifications.order_by(Qualification.id)
        ]
    if name == "trainings":
        return [(_join(t.name, _date(t.completed_on)), []) for t in worker.trainings.order_by(Training.id)]
    if name == "awards":
        return [(_join(a.name, a.awarded_by, _date(a.awarded_on)), []) for a in worker.awards.order_by(Award.id)]
    if name == "educations":
        return [
            (_join(e.school, e.department, _date(e.graduated_on)), proofs("education", e.id))
            for e in worker.educations.order_by(Education.id)
        ]
    if name == "affiliations":
        return [
            (
                _join(
                    a.company.name,
                    _("事業者ID %(id)s", id=a.company.business_id) if a.company.business_id else _("事業者ID未登録"),
                    _("主たる所属") if a.is_main else "",
                    _("出向先") if a.is_secondment else "",
                ),
                [],
            )
            for a in employer_rows(worker)
        ]
    return None


def review_sections(application, attachments):
    """[{title, rows}] with a row per fieldset entry: {name, label, text, items, attachments, correctable}."""
    kind = application.kind
    subject = application.company if kind == "company" else application.worker
    shown_beside_items = set()
    result = []
    for key, title, fields in sections(kind):
        rows = []
        for name, label in fields:
            row = {
                "name": name,
                "label": label,
                "text": "",
                "details": None,
                "attachments": [],
                "correctable": is_correctable(kind, name),
            }
            if name.startswith(ATTACHMENT):
                row["attachments"] = [a for a in attachments if a.purpose == name[len(ATTACHMENT) :]]
            elif kind == "worker" and (details := _detail_items(subject, name, attachments)) is not None:
                row["details"] = details
                shown_beside_items.update(a.id for _t, proofs in details for a in proofs)
            else:
                row["text"] = display_value(kind, subject, name)
            rows.append(row)
        result.append({"key": key, "title": title, "rows": rows})
    for section in result:  # certificates already beside their qualification are not repeated
        for row in section["rows"]:
            row["attachments"] = [a for a in row["attachments"] if a.id not in shown_beside_items]
    listed = {
        f[len(ATTACHMENT) :] for _k, _t, fields in sections(kind) for f, _label in fields if f.startswith(ATTACHMENT)
    }
    others = [a for a in attachments if a.purpose not in listed]
    if others:
        result.append(
            {
                "key": "other",
                "title": _("その他の添付書類"),
                "rows": [
                    {
                        "name": None,
                        "label": a.purpose_label(),
                        "text": "",
                        "details": None,
                        "attachments": [a],
                        "correctable": False,
                    }
                    for a in others
                ],
            }
        )
    return result


def history_rows(application):
    """The application's events, oldest first, with readable actions and the fields they touched."""
    labels = field_labels(application.kind)
    rows = []
    for event in application.history():
        fields = []
        if event.action == "returned" and event.note.startswith("["):
            fields = [labels.get(f, f) for f in json.loads(event.note)]
        elif event.action == "corrected" and event.note:
            fields = [labels.get(event.note, event.note)]
        rows.append(
            {
                "when": event.created_at,
                "round": event.round,
                "action": ACTIONS.get(event.action, event.action),
                "actor": event.actor.display_name if event.actor_id else "",
                "fields": fields,
            }
        )
    return rows


def deficiency_rounds(application):
    """[(round, [(label, message, resolved_at)])] for every round that had deficiencies."""
    labels = field_labels(application.kind)
    rounds = {}
    for d in application.all_deficiencies():
        rounds.setdefault(d.round, []).append((labels.get(d.field, d.field), d.message, d.resolved_at))
    return sorted(rounds.items())
