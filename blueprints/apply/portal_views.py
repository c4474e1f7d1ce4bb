"""The applicant's portal (申請者ポータル): every application of the logged-in person with its state,
where to continue, the reviewer's corrections (補記) after approval, and where to start a new one."""

from flask import render_template
from flask_login import current_user

from blueprints.apply import bp
from models.registration.applications import Application, pair_adjacent
from models.registration.proxy import filings_for_worker
from models.sites.sites import SiteContract


@bp.get("/")
def portal():
    applications = pair_adjacent(list(Application.of_applicant(current_user)))
    worker = current_user.worker
    filed = worker is not None and bool(filings_for_worker(worker))  # registered by a company (Q1-7)
    return render_template(
        "apply/portal.html",
        applications=applications,
        may_start_worker=worker is None,
        may_start_company=not any(a.kind == "company" for a in applications),  # one registration is enough
        filed_for_me=filed,
        invitations=list(SiteContract.waiting_for(current_user)),
    )
