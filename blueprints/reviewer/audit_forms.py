from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SearchField, SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, Optional

from blueprints.shared.formfields import nfkc


class AuditSearchForm(FlaskForm):
    """監査ログの検索, read from the query string."""

    class Meta:
        csrf = False

    q = SearchField(_l("技能者ID・事業者ID・氏名・商号"), filters=[nfkc], validators=[Optional(), Length(max=100)])
    actor = SearchField(
        _l("操作した人（氏名・メールアドレス）"), filters=[nfkc], validators=[Optional(), Length(max=100)]
    )
    since = DateField(_l("期間（から）"), validators=[Optional()])
    until = DateField(_l("期間（まで）"), validators=[Optional()])
    kind = SelectField(
        _l("種別"),
        validators=[Optional()],
        default="",
        choices=[
            SelectChoice("", _l("すべて")),
            SelectChoice("worker", _l("技能者")),
            SelectChoice("company", _l("事業者")),
        ],
    )

    def filters(self):
        """The search's values; a field that did not validate is left out (its message is shown)."""
        ok = self.validate()
        value = lambda f: f.data if ok or not f.errors else None  # noqa: E731
        return {
            "text": value(self.q) or "",
            "actor": value(self.actor) or "",
            "since": value(self.since),
            "until": value(self.until),
            "kind": value(self.kind) or "",
        }
