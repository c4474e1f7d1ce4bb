from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import DataRequired

from models import codes


class RosterEntryForm(FlaskForm):
    worker = SelectField(_l("技能者"), validators=[DataRequired(_l("技能者を選んでください。"))], choices=[])
    position = SelectField(_l("立場"), validators=[DataRequired(_l("立場を選んでください。"))], choices=[])
    trade = SelectField(_l("職種"), validators=[DataRequired(_l("職種を選んでください。"))], choices=[])

    def __init__(self, workers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.worker.choices = [("", _l("選んでください"))] + [
            (str(w.id), f"{w.full_name}（{w.worker_id}）") for w in workers
        ]
        self.position.choices = codes.choices(codes.POSITIONS, blank=_l("選んでください"))
        self.trade.choices = codes.choices(codes.TRADES, blank=_l("選んでください"))
