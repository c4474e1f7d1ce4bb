from flask import g, render_template, request, url_for
from flask_login import current_user

from blueprints.shared.ccus_ref import CcusRefForm, save_ccus_ref
from blueprints.worker import bp
from models.cards.cards import Card
from models.core.pagination import Page
from models.sites.records import WorkRecord
from models.sites.sites import SiteContract


@bp.get("/")
def home():
    worker = g.worker
    return render_template(
        "worker/home.html",
        worker=worker,
        card=Card.current_for(worker),
        affiliations=list(worker.current_affiliations()),
        records=list(WorkRecord.of_worker(worker).limit(10)),
        invitations=list(SiteContract.waiting_for(current_user)),
        ccus_form=CcusRefForm(formdata=None, ccus_ref=worker.ccus_ref),
    )


@bp.get("/history")
def history():
    records = Page(WorkRecord.of_worker(g.worker), request.args.get("page"))
    return render_template("worker/history.html", records=records, days=WorkRecord.days_of(g.worker))


@bp.post("/ccus-ref")
def ccus_ref():
    return save_ccus_ref(g.worker, url_for("worker.home") + "#ccus-ref")
