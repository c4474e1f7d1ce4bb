from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from blueprints.shared.formfields import REQUIRED


class SerialForm(FlaskForm):
    serial = StringField(
        _l("カードのシリアル（IDm / UID）"),
        validators=[DataRequired(REQUIRED), Length(max=60)],
        description=_l("カードリーダーで読んだ値（例: 01 2E 4C D2 A1 B2 C3 D4）。空白や「:」は入れても構いません。"),
    )
