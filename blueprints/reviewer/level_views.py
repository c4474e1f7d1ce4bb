from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from blueprints.reviewer import bp
from blueprints.reviewer.level_forms import LevelRuleForm, NewLevelRuleForm
from models.core.base import get_owned_or_404
from models.history.levels import LevelRule, LevelRuleError, add_rule


def _index(new_form):
    rules = LevelRule.select().order_by(LevelRule.trade, LevelRule.level)
    return render_template("reviewer/level_rules.html", rules=rules, form=new_form)


@bp.get("/level-rules")
def level_rules():
    return _index(NewLevelRuleForm())


@bp.post("/level-rules")
def level_rule_add():
    form = NewLevelRuleForm()
    if form.validate():
        try:
            add_rule(
                form.trade.data,
                int(form.level.data),
                form.min_days.data,
                form.min_leader_days.data or 0,
                form.qualifications.data or "",
                form.source.data or "",
            )
        except LevelRuleError:
            form.level.errors.append(_("この職種とレベルの行はすでにあります。一覧から編集してください。"))
        else:
            flash(_("判定基準を追加しました。"))
            return redirect(url_for("reviewer.level_rules"), 303)
    return _index(form), 422


@bp.get("/level-rules/<int:rule_id>")
def level_rule_edit(rule_id):
    rule = get_owned_or_404(LevelRule.select(), rule_id)
    return render_template("reviewer/level_rule_edit.html", rule=rule, form=LevelRuleForm(obj=rule))


@bp.post("/level-rules/<int:rule_id>")
def level_rule_save(rule_id):
    rule = get_owned_or_404(LevelRule.select(), rule_id)
    form = LevelRuleForm()
    if not form.validate():
        return render_template("reviewer/level_rule_edit.html", rule=rule, form=form), 422
    form.populate_obj(rule)
    rule.min_leader_days = rule.min_leader_days or 0
    rule.save()
    flash(_("判定基準を保存しました。夜間の再判定から反映されます。"))
    return redirect(url_for("reviewer.level_rules"), 303)
