from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from blueprints.shared.formfields import REQUIRED, nfkc
from models.registration.fields.sets import sections
from models.registration.fields.values import correctable_fields

AGES = (3, 7, 14)
MESSAGE_MAX = 500

# Messages reviewers use most; offered as suggestions, any text may be typed.
MESSAGE_PRESETS = (
    _l("添付書類の内容と一致しません。添付書類のとおりに入力してください。"),
    _l("添付書類の画像が不鮮明で確認できません。鮮明な画像を添付してください。"),
    _l("必要な書類が添付されていません。"),
    _l("記載が途中までになっています。最後まで入力してください。"),
    _l("有効期限が切れています。有効な書類を添付してください。"),
)


class QueueFilterForm(FlaskForm):
    """Filters of the reviewer's queue, read from the query string."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("種別"),
        validators=[Optional()],
        default="",
        choices=[
            SelectChoice("", _l("すべて")),
            SelectChoice("company", _l("事業者")),
            SelectChoice("worker", _l("技能者")),
        ],
    )
    status = SelectField(
        _l("状態"),
        default="submitted",
        choices=[
            SelectChoice("submitted", _l("審査待ち")),
            SelectChoice("returned", _l("不備返却中")),
            SelectChoice("approved", _l("承認済み")),
        ],
    )
    older_than = SelectField(
        _l("経過日数"),
        validators=[Optional()],
        default="",
        choices=[SelectChoice("", _l("指定なし"))] + [SelectChoice(str(d), _l("%(n)s日以上", n=d)) for d in AGES],
    )

    def filters(self):
        """Valid filters as Application.queue arguments; a value that is not offered is ignored."""
        valid = self.validate()

        def pick(f):
            return f.data if valid or not f.errors else f.default

        older = pick(self.older_than)
        return {
            "kind": pick(self.kind) or None,
            "status": pick(self.status) or "submitted",
            "older_than_days": int(older) if older else None,
        }


def return_form(kind, bound=True):
    """不備: a checkbox and a message for every field and attachment of the application's fieldset."""

    class ReturnForm(FlaskForm):
        pass

    items = []
    for key, _title, fields in sections(kind):
        for i, (name, label) in enumerate(fields):
            slot = f"{key}_{i}"
            setattr(ReturnForm, f"check_{slot}", BooleanField(label))
            setattr(
                ReturnForm,
                f"message_{slot}",
                StringField(_l("不備の内容"), filters=[nfkc], validators=[Optional(), Length(max=MESSAGE_MAX)]),
            )
            items.append((name, f"check_{slot}", f"message_{slot}"))
    form = ReturnForm() if bound else ReturnForm(formdata=None)
    form.items = {name: (form[check], form[message]) for name, check, message in items}
    return form


def deficiencies_of(form):
    """[(field, message)] of the checked fields, or None after putting errors beside the fields."""
    chosen, ok = [], True
    for name, (check, message) in form.items.items():
        if not check.data:
            continue
        if not (message.data or "").strip():
            message.errors = list(message.errors) + [_l("不備の内容を入力してください。")]
            ok = False
        chosen.append((name, (message.data or "").strip()))
    if not chosen:
        form.form_errors.append(_l("不備のある項目にチェックを入れてください。"))
        ok = False
    return chosen if ok else None


class CorrectionForm(FlaskForm):
    """補記: the reviewer sets one field to the value on the attached document, with a comment."""

    # Unknown fields are refused by the model with our own message (Application.correct).
    field = SelectField(
        _l("補記する項目"), validators=[DataRequired(_l("項目を選んでください。"))], choices=[], validate_choice=False
    )
    value = StringField(
        _l("正しい値"),
        validators=[Length(max=255)],
        description=_l("日付は 2024-04-01、あり・なしは「あり」「なし」、区分は名称またはコードで入力します。"),
    )
    comment = TextAreaField(
        _l("補記コメント（登録後、申請者の画面に表示されます）"),
        validators=[DataRequired(REQUIRED), Length(max=MESSAGE_MAX)],
    )

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.choices = {str(title): fields for title, fields in correctable_fields(kind)}
