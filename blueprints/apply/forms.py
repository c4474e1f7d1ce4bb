import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from blueprints.formfields import REQUIRED, katakana_only, nfkc, phone_number, postal_code, to_katakana
from models import codes

class OnePersonForm(FlaskForm):
    """一人親方: company and worker applications in one form."""
    trade_name = StringField(_l("商号（屋号）"), filters=[nfkc], validators=[Optional(), Length(max=100)],
                             description=_l("屋号がなければ空欄のままにしてください。代表者のお名前が商号になります。"))
    family_name = StringField(_l("姓"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    given_name = StringField(_l("名"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    middle_name = StringField(_l("ミドルネーム"), filters=[nfkc], validators=[Optional(), Length(max=50)])
    family_kana = StringField(_l("セイ（フリガナ）"), filters=[to_katakana], validators=[Optional(), Length(max=50), katakana_only])
    given_kana = StringField(_l("メイ（フリガナ）"), filters=[to_katakana], validators=[Optional(), Length(max=50), katakana_only])
    birth_date = DateField(_l("生年月日"), validators=[DataRequired(_l("生年月日を正しく入力してください。"))])
    gender = RadioField(_l("性別"), validators=[DataRequired(REQUIRED)], choices=[])
    nationality = StringField(_l("国籍"), default="日本", filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=50)])
    postal_code = StringField(_l("郵便番号"), filters=[nfkc], validators=[Optional(), postal_code])
    address = StringField(_l("住所"), filters=[nfkc], validators=[DataRequired(REQUIRED), Length(max=200)])
    phone = StringField(_l("電話番号"), filters=[nfkc], validators=[DataRequired(REQUIRED), phone_number])
    main_trade = SelectField(_l("職種"), validators=[DataRequired(_l("職種を選んでください。"))], choices=[])
    has_photo_id = RadioField(_l("本人確認書類"), validators=[DataRequired(REQUIRED)], choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gender.choices = codes.choices(codes.GENDERS)
        self.main_trade.choices = codes.choices(codes.TRADES, blank=_l("選んでください"))
        self.has_photo_id.choices = [("yes", _l("顔写真付き（運転免許証・マイナンバーカード・在留カードなど）")),
                                     ("no", _l("顔写真なし（カードの有効期間は3年になります）"))]

    def validate_birth_date(self, field):
        today = dt.date.today()
        if field.data and (field.data > today or field.data.year < today.year - 100):
            raise ValidationError(_l("生年月日を正しく入力してください。"))
        if field.data and field.data > today.replace(year=today.year - 15):
            raise ValidationError(_l("15歳未満の方は登録できません。"))

    def validate_family_kana(self, field):
        if not field.data and self.nationality.data in ("日本", "日本国", "Japan"):
            raise ValidationError(_l("フリガナを入力してください。"))

    def validate_given_kana(self, field):
        self.validate_family_kana(field)

    def company_data(self):
        return {"trade_name": self.trade_name.data or "",
                "representative_name": f"{self.family_name.data} {self.given_name.data}",
                "postal_code": self.postal_code.data or "", "address": self.address.data, "phone": self.phone.data}

    def worker_data(self):
        fields = ("family_name", "given_name", "middle_name", "family_kana", "given_kana", "birth_date",
                  "gender", "nationality", "postal_code", "address", "phone", "main_trade")
        data = {f: getattr(self, f).data or "" for f in fields}
        data["has_photo_id"] = self.has_photo_id.data == "yes"
        return data
