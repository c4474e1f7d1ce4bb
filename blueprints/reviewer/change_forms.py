from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class ReturnForm(FlaskForm):
    """差し戻し of a change application: the note is shown to the applicant."""

    note = TextAreaField(
        _l("差し戻しの理由（申請者に表示されます）"),
        validators=[DataRequired(_l("差し戻しの理由を入力してください。")), Length(max=1000)],
    )
