from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.apply import bp
from blueprints.apply.forms import OnePersonForm
from models.applications import Application, apply_one_person_operator


@bp.get("/")
def portal():
    applications = list(Application.of_applicant(current_user))
    return render_template("apply/portal.html", applications=applications)


def _already_applied():
    return Application.of_applicant(current_user).exists()


@bp.get("/one-person")
def one_person_form():
    if _already_applied():
        return redirect(url_for("apply.portal"))
    return render_template("apply/one_person.html", form=OnePersonForm(family_name=""))


@bp.post("/one-person")
def one_person():
    if _already_applied():
        flash(_("申請は既に送信されています。"), "info")
        return redirect(url_for("apply.portal"))
    form = OnePersonForm()
    if not form.validate_on_submit():
        return render_template("apply/one_person.html", form=form), 400
    apply_one_person_operator(current_user, form.company_data(), form.worker_data())
    flash(_("事業者と技能者の登録申請を送信しました。審査の結果はメールでお知らせします。"), "success")
    return redirect(url_for("apply.portal"))
