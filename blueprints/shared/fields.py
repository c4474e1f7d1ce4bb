"""Every registration field defined once for the forms: its label (from the one catalogue), help, input hints (autocomplete,
inputmode, placeholder) and the message of each rule code. The value rules themselves are in
models/registration/fields/rules.py. The application forms, the change forms and the reviewer's corrections (補記)
compose these, so a field reads, checks and stores the same everywhere."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, RadioField, SelectField, StringField
from wtforms.validators import StopValidation

from blueprints.shared.formfields import EMAIL_FORMAT, NOT_A_CHOICE, PHONE_FORMAT, REQUIRED, MultiCheckboxField
from models.core import codes
from models.registration.fields import rules as fieldrules
from models.registration.fields.rules import FieldValueError
from models.registration.fields.sets import field_label

CHOOSE = _l("選んでください")
NUMBER = _l("半角数字で入力してください（例: 10000000）。")
YEARS = _l("経験年数は0〜70の数字で入力してください。")
STATUS = _l("加入状況を選んでください。")

MESSAGES = {
    "required": REQUIRED,
    "katakana": _l("フリガナはカタカナで入力してください。"),
    "postal": _l("郵便番号は7桁で入力してください（例: 160-0023）。"),
    "phone": PHONE_FORMAT,
    "email": EMAIL_FORMAT,
    "number": NUMBER,
    "range": NUMBER,
    "date": _l("日付は 2024-04-01、2024/4/1、2024年4月1日、令和6年4月1日、R6.4.1 のどれかの形で入力してください。"),
    "future": _l("未来の日付は入力できません。"),
    "birth_date": _l("生年月日を正しく入力してください。"),
    "too_young": _l("15歳未満の方は登録できません。"),
    "code": NOT_A_CHOICE,
    "bool": _l("「あり」か「なし」で入力してください。"),
    "kentaikyo": _l("建退共の被共済者番号は9桁の数字です（先頭の0も入力してください）。"),
    "employment_insurance_length": _l(
        "雇用保険番号は14桁で入力してください（府県2桁・所掌1桁・管轄2桁・基幹番号6桁・枝番号3桁）。"
    ),
    "employment_insurance_jurisdiction": _l(
        "3桁目の所掌は「3」です。雇用保険事業所番号ではなく、所掌が「3」の番号を入力してください。"
    ),
    "employment_insurance_prefecture": _l("最初の2桁（府県）は01〜47の都道府県番号です。"),
    "rousai_length": _l(
        "特別加入の労災保険番号は16桁で入力してください（府県2桁・所掌1桁・管轄2桁・基幹番号6桁・枝番号5桁）。"
    ),
    "rousai_prefecture": _l("最初の2桁（府県）は01〜47の都道府県番号です。"),
    "licence_number": _l("許可番号は6桁以内の数字で入力してください（例: 012345）。"),
    "residence_card": _l("在留カード番号は英字2桁・数字8桁・英字2桁の12桁です（例: AB12345678CD）。"),
    # rules across fields (models/fieldrules.cross_errors)
    "kana_required": _l("フリガナを入力してください。"),
    "kana_required_foreign": _l(
        "フリガナを入力してください。本人確認書類にフリガナの記載がない外国籍の方は、"
        "「フリガナの記載がない」にチェックを入れてください（一括申請リストでは「はい」を選びます）。"
    ),
    "kana_for_japanese": _l("日本国籍の方はフリガナを入力してください。"),
    "alias_required": _l("カードに印字する旧姓・通称を入力してください。"),
    "emergency_phone_required": _l("緊急連絡先の電話番号を入力してください。"),
    "residence_for_japanese": _l("日本国籍の方は在留資格を空欄にしてください。"),
    "residence_status_required": _l("外国籍の方は在留資格を選んでください。"),
    "residence_card_required": _l("在留カード番号を入力してください。"),
    "residence_until_required": _l("在留カードに記載された在留期間の満了日を入力してください。"),
    "acceptance_plan_required": _l("特定技能の方は、所属事業者の建設特定技能受入計画の認定番号を入力してください。"),
    "name_required": _l("商号を入力してください。"),
    "sole_without_trade_name": _l(
        "屋号がない個人事業主の方は、法人・個人区分で「一人親方」を選んでください（代表者氏名が商号になります）。"
    ),
    "capital_required": _l("法人は資本金を入力してください。"),
    "licence_authority_required": _l("許可行政庁を選んでください。"),
    "licence_kind_required": _l("一般（般）か特定（特）かを選んでください。"),
    "licence_number_required": _l("許可番号を入力してください。"),
    "licence_trades_required": _l("許可業種を1つ以上選んでください。"),
    "employment_insurance_number_required": _l("雇用保険に加入している場合は雇用保険番号を入力してください。"),
    "employment_insurance_number_not_enrolled": _l("雇用保険に「加入」の場合だけ入力してください。"),
    "rousai_number_required": _l("特別加入している場合は労災保険番号を入力してください。"),
    "rousai_number_not_special": _l(
        "労災保険番号は特別加入者（労災保険法第33〜36条）だけが登録できます。特別加入していない場合は空欄にしてください。"
    ),
}
# A field whose message says more than the rule's general one.
FIELD_MESSAGES = {
    ("name", "required"): _l("商号を入力してください。"),
    ("birth_date", "required"): MESSAGES["birth_date"],
    ("birth_date", "date"): _l(
        "生年月日は 1985/4/1、1985年4月1日、昭和60年4月1日、S60.4.1 のどれかの形で入力してください。"
    ),
    ("experience_years", "number"): YEARS,
    ("experience_years", "range"): YEARS,
    ("employee_count", "range"): _l("人数を正しく入力してください。"),
    ("alt_document_date", "future"): _l("証明日が未来の日付になっています。"),
    ("main_trade", "required"): _l("職種を選んでください。"),
    ("blood_type", "required"): _l("血液型を選んでください（わからない場合は「不明」）。"),
    ("entity_type", "required"): _l("法人・個人区分を選んでください。"),
    ("id_document", "required"): _l("本人確認書類を選んでください。"),
    **{(n, "required"): STATUS for n in ("health_insurance", "pension", "employment_insurance")},
}


def message(kind, name, code):
    """The message of a rule code for one field, the same in every form and in 補記."""
    if code == "too_long":
        return _l("%(max)d文字以内で入力してください。", max=fieldrules.rule(kind, name).max_length)
    return FIELD_MESSAGES.get((name, code)) or MESSAGES[code]


# --- the WTForms fields -----------------------------------------------------------------------------


class RuleInput:
    """A typed value cleaned by its rule as it is read: `data` is the value to store; a refused value
    keeps what was typed on the page and shows the rule's message."""

    def __init__(self, *args, rule=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule, self.rule_error = rule, None

    def process(self, *args, **kwargs):
        self.rule_error = None
        super().process(*args, **kwargs)

    def process_formdata(self, valuelist):
        typed = valuelist[0] if valuelist else ""
        try:
            self.data = fieldrules.clean(*self.rule, typed)
        except FieldValueError as error:
            self.rule_error = error.code
            kept = fieldrules.rule(*self.rule).type not in ("number", "date")
            self.data = fieldrules.plain(typed) if kept else None

    def pre_validate(self, form):
        if self.rule_error:
            raise StopValidation(message(*self.rule, self.rule_error))


class TextInput(RuleInput, StringField):
    def _value(self):
        """What was typed when the page comes back; the stored value otherwise."""
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class EmailInput(TextInput, EmailField):
    pass


class NumberInput(TextInput):
    """A yen amount, a head count or years: typed as text on a phone, stored as an int."""


class DateInput(RuleInput, DateField):
    pass


class FollowsRule:
    """The rule of a chosen value (a code, several codes): required, and one of the table's."""

    def __init__(self, kind, name):
        self.rule = (kind, name)

    def __call__(self, form, field):
        try:
            fieldrules.clean(*self.rule, field.data)
        except FieldValueError as error:
            raise StopValidation(message(*self.rule, error.code))


_NAME = {"autocomplete": "name"}
_POSTAL = {"autocomplete": "postal-code", "inputmode": "numeric", "placeholder": "160-0023"}
_TEL = {"autocomplete": "tel", "inputmode": "tel", "placeholder": "090-1234-5678"}
_EMAIL = {"autocomplete": "email"}
_STREET = {"autocomplete": "street-address"}
_NUMERIC = {"inputmode": "numeric"}

# name: (help, input hints, widget for a coded value: select / radio / checks); the label is the
# catalogue's (models/registration/fields/sets.py), the same on the reviewer's screens.
SPECS = {
    "worker": {
        "family_name": (None, {"autocomplete": "family-name"}),
        "given_name": (None, {"autocomplete": "given-name"}),
        "middle_name": (
            _l("ミドルネームがある方だけ入力してください（名の後ろに印字されます）。"),
            {"autocomplete": "additional-name"},
        ),
        "family_kana": (None, {}),
        "given_kana": (_l("ひらがなで入力してもカタカナで登録されます。"), {}),
        "no_kana_on_document": (None, {}),
        "alias_name": (
            _l("資格の証明書が旧姓・通称で発行されている場合などに入力してください。"),
            {},
        ),
        "print_alias": (None, {}),
        "birth_date": (None, {"autocomplete": "bday"}),
        "gender": (None, {}, "radio"),
        "nationality": (None, {"autocomplete": "country-name"}),
        "blood_type": (None, {}, "select"),
        "postal_code": (
            _l("7桁を入力すると住所が入ります。カードと登録料の払込票はこの住所に届きます。"),
            _POSTAL,
        ),
        "address": (_l("番地・建物名・部屋番号まで、郵便が届くように入力してください。"), {}),
        "address_from_licence_back": (
            _l(
                "市町村合併などで住所が変わり、新住所が運転免許証の裏面に記載されている場合です。"
                "本人確認書類で、運転免許証の裏面の画像（表面と裏面を一枚に写したものでも可）が必要になります。"
            ),
            {},
        ),
        "phone": (None, _TEL),
        "email": (None, _EMAIL),
        "emergency_name": (None, {}),
        "emergency_relation": (None, {}),
        "emergency_phone": (None, {"inputmode": "tel", "placeholder": "090-1234-5678"}),
        "main_trade": (None, {}, "select"),
        "experience_years": (None, _NUMERIC),
        "trades": (None, {}, "checks"),
        "registration_type": (
            _l("詳細型では資格・研修・表彰・学歴なども登録できます（能力評価には詳細型が必要です）。"),
            {},
            "radio",
        ),
        "health_insurance": (None, {}, "select"),
        "pension": (None, {}, "select"),
        "employment_insurance": (None, {}, "select"),
        "kentaikyo_number": (
            _l("建退共に加入している方は、9桁の番号を先頭の0も含めてそのまま入力してください。"),
            {"inputmode": "numeric", "placeholder": "012345678"},
        ),
        "chutaikyo": (None, {}),
        "health_check_date": (None, {}),
        "residence_status": (None, {}, "select"),
        "residence_card_number": (
            _l("在留カードの右上にある12桁の番号です。"),
            {"autocapitalize": "characters", "placeholder": "AB12345678CD"},
        ),
        "residence_until": (_l("在留カードの「在留期間（満了日）」の日付です。"), {}),
        "acceptance_plan_number": (_l("受入れ企業が国土交通大臣から受けた認定の番号です。"), {}),
        "id_document": (
            _l(
                "顔写真付きの書類を選んでください。顔写真のない書類の方は、窓口で顔の確認が必要なため、"
                "認定登録機関の窓口での申請になります。"
            ),
            {},
            "select",
        ),
    },
    "company": {
        "entity_type": (None, {}, "radio"),
        "name": (
            _l("一人親方で屋号がない場合は空欄にしてください。代表者氏名が商号になります。"),
            {"autocomplete": "organization"},
        ),
        "name_kana": (_l("屋号がない一人親方は代表者氏名のフリガナを入力してください。"), {}),
        "representative_name": (None, _NAME),
        "postal_code": (None, _POSTAL),
        "address": (_l("都道府県から建物名・部屋番号まで入力してください。"), _STREET),
        "phone": (None, {**_TEL, "placeholder": "03-1234-5678"}),
        "email": (None, _EMAIL),
        "capital": (
            _l("法人は必須です。円単位で入力してください（例: 10000000）。"),
            {"inputmode": "numeric", "placeholder": "10000000"},
        ),
        "employee_count": (None, _NUMERIC),
        "has_licence": (None, {}),
        "licence_authority": (None, {}, "select"),
        "licence_kind": (None, {}, "radio"),
        "licence_number": (
            _l("許可証明書の「第○○号」の数字（6桁以内）。"),
            {"inputmode": "numeric", "placeholder": "012345"},
        ),
        "licence_trades": (_l("許可を受けている業種をすべて選んでください。"), {}, "checks"),
        "alt_document": (None, {}, "select"),
        "alt_document_date": (_l("書類の証明日（発行日）。1年以内のものに限ります。"), {}),
        "officer_name": (_l("郵便受けに書かれている氏名と同じにしてください。"), _NAME),
        "officer_postal_code": (None, _POSTAL),
        "officer_address": (
            _l("建物名・部屋番号まで省略せずに入力してください。"),
            _STREET,
        ),
        "officer_phone": (None, _TEL),
        "officer_email": (None, _EMAIL),
        "health_insurance": (None, {}, "radio"),
        "pension": (None, {}, "radio"),
        "employment_insurance": (None, {}, "radio"),
        "employment_insurance_number": (
            _l(
                "14桁: 府県2・所掌1・管轄2・基幹番号6・枝番号3（例: 13-3-01-123456-000）。所掌は「3」です。"
                "雇用保険事業所番号ではありません。"
            ),
            {"inputmode": "numeric", "placeholder": "13-3-01-123456-000"},
        ),
        "rousai_special": (None, {}),
        "rousai_number": (
            _l("特別加入の方だけ入力します。16桁: 府県2・所掌1・管轄2・基幹番号6・枝番号5。"),
            {"inputmode": "numeric", "placeholder": "13-1-01-123456-00001"},
        ),
    },
}
_TEXT_INPUTS = {"number": NumberInput, "date": DateInput, "email": EmailInput}


def _choices(table, widget):
    blank = CHOOSE if widget == "select" else None
    return lambda: codes.choices(table, blank=blank)


def field(kind, name, rule=None, **overrides):
    """The form field of registration field `name` of `kind` ("worker" / "company"), as every form
    composes it; `overrides` (e.g. a default) go to the WTForms field, `rule` names another rule."""
    description, hints, *widget = SPECS[kind][name]
    label = field_label(kind, name)
    rule = rule or name
    spec = fieldrules.rule(kind, rule)
    options = {"description": description or "", "render_kw": dict(hints) or None, **overrides}
    if spec.type == "bool":
        return BooleanField(label, **options)
    if spec.type in ("code", "codes"):
        widget = widget[0] if widget else "select"
        cls = {"select": SelectField, "radio": RadioField, "checks": MultiCheckboxField}[widget]
        return cls(
            label,
            choices=_choices(spec.table, widget),
            validators=[FollowsRule(kind, rule)],
            validate_choice=False,
            **options,
        )
    return _TEXT_INPUTS.get(spec.type, TextInput)(label, rule=(kind, rule), **options)


def fields(kind, *names):
    """{name: field} for a form class body: `locals().update(fields("worker", "phone", "email"))`."""
    return {name: field(kind, name) for name in names}


def rule_messages(form, kind, values):
    """Adds the messages of the rules across fields (models/fieldrules.cross_errors) to the form's
    fields that have no message yet; True when none applied."""
    ok = True
    for name, code in fieldrules.cross_errors(kind, values).items():
        if name in form and not form[name].errors:
            form[name].errors = list(form[name].errors) + [message(kind, name, code)]
            ok = False
    return ok
