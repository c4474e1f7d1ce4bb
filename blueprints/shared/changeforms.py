"""変更申請 (Q2-1) as the worker and company blueprints both run it: pick a section, edit its fields
(prefilled with the registered values), see old and new side by side, send. Each blueprint has its
own form class (a SectionChangeForm) and passes its endpoint prefix."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from blueprints.shared import confirmflow
from blueprints.shared.fields import field, rule_messages
from models.core.ids import is_valid_id
from models.registration.changes import CHANGEABLE, FROZEN, ChangeError, ChangeRequest, changeable_fields, diff_for
from models.registration.fields import rules as fieldrules
from models.registration.fields.rules import FieldValueError, for_record
from models.registration.fields.sets import field_labels, sections
from models.registration.fields.values import display, to_text


class SectionChangeForm(FlaskForm):
    """All changeable fields of one kind, composed of the registration fields
    (blueprints/shared/fields.py) the application forms use; an instance keeps only the chosen
    section's fields."""

    kind = None

    def __init__(self, section, subject, *args, **kwargs):
        super().__init__(*args, obj=subject, **kwargs)
        self.subject = subject
        keep = CHANGEABLE[self.kind][section]
        for name in list(self._fields):
            if name != "csrf_token" and name not in keep:
                del self[name]

    def _value(self, name):
        try:
            return for_record(self.kind, name, self[name].data)
        except FieldValueError:  # already shown beside the field
            return None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        registered = {name: getattr(self.subject, name) for name in fieldrules.RULES[self.kind]}
        mine = {name: self._value(name) for name in self._fields if name != "csrf_token"}
        return rule_messages(self, self.kind, {**registered, **mine}) and valid

    def values(self):
        return {name: self._value(name) for name in self._fields if name != "csrf_token"}


def change_form_class(kind):
    """The change form of `kind`: every changeable registration field, defined as on the application."""
    fields = {name: field(kind, name) for name in changeable_fields(kind)}
    return type(f"{kind.title()}SectionChangeForm", (SectionChangeForm,), {"kind": kind, **fields})


def section_titles(kind):
    """[(key, title)] of the sections a change application may touch, in fieldsets order."""
    return [(key, title) for key, title, _f in sections(kind) if key in CHANGEABLE[kind]]


def frozen_labels(kind):
    labels = field_labels(kind)
    return [labels.get(name) or labels[f"attachment:{name}"] for name in FROZEN[kind]]  # face photo: a file


def chosen_section(kind):
    section = request.values.get("section", "")
    if section not in CHANGEABLE[kind]:
        abort(404)
    return section


def rows(kind, diff):
    """[(label, old, new)] for the confirmation page and the request's detail page."""
    labels = field_labels(kind)
    return [
        (labels[name], display(kind, name, to_text(old)), display(kind, name, to_text(new)))
        for name, (old, new) in diff.items()
    ]


ERRORS = {
    "no_change": _l("変更された項目がありません。変更する値を入力してください。"),
    "pending": _l("審査中の変更申請があります。結果が出てから次の申請をしてください。"),
    "frozen": _l("生年月日と顔写真は変更できません。"),
    "no_consent": _l("変更申請を代行する同意（代行申請同意書）がないため申請できません。"),
}


def own_urls(bp, section):
    """Where the form posts and where it leads back: the blueprint's own change pages."""
    return {"submit": url_for(f"{bp}.change_submit", section=section), "back": url_for(f"{bp}.change_index")}


def index(kind, subject, requests, bp):
    pending = next((r for r in requests if r.status == "submitted"), None)
    return render_template(
        "changes/change_index.html",
        kind=kind,
        bp=bp,
        subject=subject,
        requests=requests,
        pending=pending,
        sections=section_titles(kind),
        frozen=frozen_labels(kind),
    )


def _form_page(form, kind, section, urls, error=None, status=200, proxy=None):
    title = dict(section_titles(kind))[section]
    return render_template(
        "changes/change_form.html",
        form=form,
        kind=kind,
        section=section,
        title=title,
        urls=urls,
        error=error,
        frozen=frozen_labels(kind),
        proxy=proxy,
    ), status


def new(form, kind, section, bp, urls=None, proxy=None):
    return _form_page(form, kind, section, urls or own_urls(bp, section), proxy=proxy)


def post(form, kind, section, subject, bp, urls=None, proxy=None):
    """One POST of the change form: back to the form, on to the confirmation, or filed (by a proxy
    company under its consent `proxy`, Q1-1 ②④)."""
    urls = urls or own_urls(bp, section)
    chosen = confirmflow.step(form)
    if chosen == "edit":
        return _form_page(form, kind, section, urls, status=400 if form.errors else 200, proxy=proxy)
    try:
        diff = diff_for(subject, form.values())
        if chosen == "send":
            ChangeRequest.file(subject, current_user._get_current_object(), form.values(), proxy_consent=proxy)
    except ChangeError as exc:
        return _form_page(form, kind, section, urls, error=str(ERRORS[exc.code]), status=400, proxy=proxy)
    if chosen == "confirm":
        title = dict(section_titles(kind))[section]
        return render_template(
            "changes/change_confirm.html", form=form, title=title, urls=urls, rows=rows(kind, diff), proxy=proxy
        )
    flash(_("変更申請を送信しました。審査の結果はこの画面とメールでお知らせします。"), "success")
    return redirect(urls["back"])


def detail(change, bp):
    return render_template(
        "changes/change_detail.html", change=change, bp=bp, rows=rows(change.kind, change.change_items())
    )


# --- 関連付け (Q4-3, Q2-6) ----------------------------------------------------------------------


def link_kind_choices():
    return [
        ("other", _l("所属事業者（追加）")),
        ("main", _l("主たる所属事業者")),
        ("secondment", _l("出向先（出向元は主たる所属事業者のまま）")),
    ]


def checked_id(form, field):
    """技能者ID / 事業者ID: 14 digits whose last digit checks the others, so a typo is caught here."""
    if field.data and not is_valid_id(field.data):
        raise ValidationError(_l("IDは14桁の数字です。入力に誤りがないか確かめてください。"))


LINK_ERRORS = {
    "not_registered": _l("登録が完了していない相手とは関連付けできません。"),
    "already_linked": _l("既に関連付けされています。"),
    "pending": _l("この相手との関連付けの申し込みが既に届いています。承認をお待ちください。"),
    "not_yours": _l("この申し込みは既に処理されています。"),
}
