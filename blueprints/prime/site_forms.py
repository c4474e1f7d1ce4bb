from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from blueprints.shared.formfields import REQUIRED, nfkc
from models.ids import is_valid_id, normalize_id


class SiteForm(FlaskForm):
    name = StringField(
        _l("現場名"),
        filters=[nfkc],
        validators=[DataRequired(REQUIRED), Length(max=100)],
        description=_l("伏字にできます（例: A邸住宅新築工事、○○改築工事）。"),
    )
    address = StringField(_l("施工場所"), filters=[nfkc], validators=[Optional(), Length(max=200)])
    starts_on = DateField(_l("工期（開始）"), validators=[Optional()])
    ends_on = DateField(_l("工期（終了）"), validators=[Optional()])

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("工期の終了日は開始日より後にしてください。"))


class SubcontractorForm(FlaskForm):
    business_id = StringField(
        _l("一次下請の事業者ID（14桁）"), filters=[normalize_id], validators=[DataRequired(REQUIRED)]
    )

    def validate_business_id(self, field):
        if not is_valid_id(field.data):
            raise ValidationError(
                _l("事業者IDは14桁の数字です。番号を確かめてください（最後の1桁はチェック用の数字です）。")
            )


class ReaderForm(FlaskForm):
    name = StringField(_l("カードリーダー名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=60)])
