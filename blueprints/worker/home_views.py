from flask import g, render_template, request

from blueprints.worker import bp
from models.cards import Card
from models.history import WorkRecord
from models.pagination import Page


@bp.get("/")
def home():
    worker = g.worker
    return render_template(
        "worker/home.html",
        worker=worker,
        card=Card.current_for(worker),
        affiliations=list(worker.current_affiliations()),
        records=list(WorkRecord.of_worker(worker).limit(10)),
    )


@bp.get("/history")
def history():
    records = Page(WorkRecord.of_worker(g.worker), request.args.get("page"))
    return render_template("worker/history.html", records=records, days=WorkRecord.days_of(g.worker))
