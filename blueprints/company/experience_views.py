from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.company import bp
from blueprints.shared.experience_forms import EXPERIENCE_ERRORS, ExperienceDecisionForm
from models.core.base import get_owned_or_404
from models.history.experience import ExperienceError, PriorExperience


@bp.get("/experience")
def experience_requests():
    rows = list(PriorExperience.to_certify(g.company))
    return render_template("company/experience.html", rows=rows, form=ExperienceDecisionForm())


@bp.post("/experience/<int:experience_id>")
def experience_decide(experience_id):
    row = get_owned_or_404(PriorExperience.to_certify(g.company), experience_id)
    form = ExperienceDecisionForm()
    try:
        row.decide(g.membership.account, request.form.get("action") == "certify", form.note.data or "")
    except ExperienceError as e:
        flash(EXPERIENCE_ERRORS[e.code], "error")
    else:
        flash(_("経歴を証明しました。") if row.status == "certified" else _("証明できないと回答しました。"))
    return redirect(url_for("company.experience_requests"), 303)
