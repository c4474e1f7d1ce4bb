from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from blueprints.shared.formfields import nfkc
from models.cards.cards import GOLD_REASONS, REISSUE_REASONS
from models.core import codes

TOO_LONG = _l("500文字以内で入力してください。")


class ReissueForm(FlaskForm):
    """カード再発行 (Q1-8): why the card must be made again."""

    reason = RadioField(_l("再発行の理由"), validators=[DataRequired(_l("再発行の理由を選んでください。"))], choices=[])
    detail = TextAreaField(
        _l("補足（任意）"),
        filters=[nfkc],
        validators=[Optional(), Length(max=500, message=TOO_LONG)],
        description=_l("紛失した日や場所、破損の様子、書き換える内容など。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = codes.choices(REISSUE_REASONS)


class GoldForm(FlaskForm):
    """ゴールドカードへの変更 (Q1-15): the qualification that makes the worker level 4."""

    reason = RadioField(_l("変更の理由"), validators=[DataRequired(_l("変更の理由を選んでください。"))], choices=[])
    detail = TextAreaField(
        _l("資格の名称・番号・取得日"),
        filters=[nfkc],
        validators=[DataRequired(_l("資格の名称と番号を入力してください。")), Length(max=500, message=TOO_LONG)],
        description=_l("例: 登録型枠基幹技能者 第12345号 2020年4月1日取得"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = codes.choices(GOLD_REASONS)
