import datetime as dt

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.reviewer import bp
from models.applications import Application
from models.base import get_owned_or_404
from tasks.mail import send_mail


@bp.get("/")
def queue():
    return render_template("reviewer/queue.html", applications=list(Application.queue()))


@bp.get("/applications/<int:app_id>")
def application_detail(app_id):
    application = get_owned_or_404(Application.select(), app_id)
    return render_template("reviewer/application_detail.html", application=application)


@bp.post("/applications/<int:app_id>/approve")
def application_approve(app_id):
    application = get_owned_or_404(Application.select(), app_id)
    if application.status != "submitted":
        flash(_("この申請は既に処理されています。"), "info")
        return redirect(url_for("reviewer.queue"))
    application.approve(current_user._get_current_object(), dt.date.today())
    applicant = application.applicant
    send_mail(applicant.email, f"approved_{application.kind}", lang=applicant.lang,
              name=applicant.display_name, application_id=application.id,
              business_id=application.company.business_id if application.company else "",
              worker_id=application.worker.worker_id if application.worker else "",
              subject_name=application.subject_name)
    flash(_("%(name)s の申請を承認しました。", name=application.subject_name), "success")
    return redirect(url_for("reviewer.queue"))
