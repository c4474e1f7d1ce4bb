"""Forms of the worker's 変更申請 and 関連付け screens."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired

from blueprints.shared.changeforms import change_form_class, checked_id, link_kind_choices
from blueprints.shared.formfields import REQUIRED
from models.core.ids import normalize_id


class WorkerChangeForm(change_form_class("worker")):
    """The registered worker's fields, checked as on the application (blueprints/shared/fields.py)."""


class LinkCompanyForm(FlaskForm):
    """The worker proposes an affiliation to a company by its 事業者ID."""

    business_id = StringField(
        _l("事業者ID（14桁）"), filters=[normalize_id], validators=[DataRequired(REQUIRED), checked_id]
    )
    kind = RadioField(_l("所属の種類"), default="other", validators=[DataRequired(REQUIRED)], choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = link_kind_choices()
