from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from blueprints.shared.experience_forms import EXPERIENCE_ERRORS, ExperienceForm
from blueprints.worker import bp
from models.history.experience import COUNTS_UNTIL, ExperienceError, PriorExperience, state


def _companies():
    return [a.company for a in g.worker.current_affiliations()]


def _page(form, status=200):
    rows = list(PriorExperience.of_worker(g.worker))
    return render_template("worker/experience.html", form=form, rows=rows, counts_until=COUNTS_UNTIL), status


@bp.get("/experience")
def experience():
    return _page(ExperienceForm(_companies()))


@bp.post("/experience")
def experience_add():
    companies = _companies()
    form = ExperienceForm(companies)
    if form.validate():
        company = next(c for c in companies if c.id == form.company.data)
        try:
            state(g.worker, form.trade.data, form.years.data, form.months.data, form.description.data or "", company)
        except ExperienceError as e:
            form.years.errors = list(form.years.errors) + [EXPERIENCE_ERRORS[e.code]]
        else:
            flash(_("所属事業者に経歴の証明を依頼しました。"))
            return redirect(url_for("worker.experience"), 303)
    return _page(form, 422)
