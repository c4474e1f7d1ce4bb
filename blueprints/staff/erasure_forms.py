from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length

from blueprints.shared.formfields import nfkc


class ErasureForm(FlaskForm):
    note = TextAreaField(
        _l("依頼の記録（受付番号・本人確認の方法など）"), validators=[Length(max=1000)], filters=[nfkc]
    )
    confirm = BooleanField(
        _l("この人の個人データを消去します。元に戻せないことを確認しました。"),
        validators=[DataRequired(_l("確認のチェックを入れてください。"))],
    )
