from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from blueprints.shared.formfields import REQUIRED

TOO_LONG = _l("500文字以内で入力してください。")


class CardStepForm(FlaskForm):
    """Moves a card request one step; `to` names the step the button showed, so a double click or a
    stale page cannot move it twice."""

    to = HiddenField(validators=[DataRequired()])


class CardRejectForm(FlaskForm):
    note = TextAreaField(
        _l("理由（技能者に伝わります）"), validators=[DataRequired(REQUIRED), Length(max=500, message=TOO_LONG)]
    )
