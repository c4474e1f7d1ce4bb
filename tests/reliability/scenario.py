"""Set-up for the reliability tests, run as its own process against the database and queue named by the
environment (DATABASE_URL, CAREERUP_INSTANCE, REDIS_URL), exactly as a consumer sees them:

    python tests/reliability/scenario.py import ROWS [FAMILY]  # a company, an upload of ROWS rows, its job queued
    python tests/reliability/scenario.py document       # a site with crews, a roster PDF job queued
    python tests/reliability/scenario.py state JOB_ID   # the job's state, attempts and what it wrote
    python tests/reliability/scenario.py touch-site N   # a site with N workers' cards on its roster, a reader
    python tests/reliability/scenario.py touches        # every stored touch's event id
    python tests/reliability/scenario.py enqueue TASK N # N copies of a periodic task, as N schedulers would
    python tests/reliability/scenario.py periodic TASK  # its job rows

Each prints one JSON line."""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app import create_app
from extensions import db
from factory.cli import router


def _import(rows, family="山田"):
    from models.registration.bulk.imports import start_import
    from tasks.imports import run_bulk_import
    from tests import factories as f
    from tests.bulk_books import person, template_with, to_bytes

    company, admin = f.company(name="耐久建設株式会社")
    data = to_bytes(template_with([person(n, 姓=family) for n in range(1, rows + 1)]))
    bulk = start_import(company, admin, "crew.xlsx", data)
    run_bulk_import(bulk.job_id)
    return {"job": bulk.job_id, "bulk": bulk.id}


def _document():
    from models.sites.documents import SiteDocument
    from tasks.documents import build_site_document
    from tests import factories as f
    from tests.sitetree import employee, three_tiers

    t = three_tiers()
    for n in range(100):
        f.put_on_roster(t["contracts"]["first"], employee(t["first"], "躯体", f"作業員{n}"), "1", "0201")
    doc, _new = SiteDocument.request(t["site"], "ledger", None, t["prime"], "ja")
    build_site_document(doc.job_id)
    return {"job": doc.job_id, "doc": doc.id}


def _touch_site(count):
    """A site with `count` workers with enrolled cards on its roster and one reader: its token and the serials."""
    import datetime as dt

    from models.cards.cards import Card
    from models.sites.readers import CardReader
    from models.sites.sites import Site, SiteContract
    from tests import factories as f
    from tests.sitetree import employee

    prime, _admin = f.company(name="元請建設株式会社")
    sub, _sub_admin = f.company(name="協力工業株式会社")
    site = Site.open(prime, name="耐久現場", accrual_starts_on=dt.date(2020, 1, 1))
    contract = SiteContract.invite(site, prime, sub)
    contract.accept()
    serials = []
    for n in range(count):
        worker = employee(sub, "耐久", f"{n}")
        f.put_on_roster(contract, worker, "3", "0201")
        serial = f"01{worker.id:014X}"
        today = dt.date.today()
        Card.create(
            worker=worker,
            idm=serial,
            serial_source="generated",
            issued_on=today,
            valid_until=today.replace(year=today.year + 5),
        )
        serials.append(serial)
    _reader, token = CardReader.register(site, "正門")
    return {"token": token, "serials": serials, "site": site.site_id}


def _touches():
    from models.sites.records import Touch

    rows = Touch.select(Touch.event_id).tuples()
    return {"event_ids": [event_id for (event_id,) in rows]}


def _state(job_id):
    from models import Job, ProxyFiling, Worker
    from models.registration.bulk.imports import BulkImport
    from models.sites.documents import SiteDocument

    job = Job.get_by_id(job_id)
    bulk = BulkImport.get_or_none(BulkImport.job == job_id)
    doc = SiteDocument.select(SiteDocument.id, SiteDocument.pdf).where(SiteDocument.job == job_id).first()
    return {
        "state": job.state,
        "attempts": job.attempts,
        "progress": job.progress,
        "filings": ProxyFiling.select().where(ProxyFiling.bulk_import == bulk.id).count() if bulk else None,
        "workers": Worker.select().count(),
        "distinct_workers": Worker.select(Worker.family_name, Worker.given_name).distinct().count(),
        "accepted": bulk.accepted if bulk else None,
        "pdf": bool(doc and doc.pdf and bytes(doc.pdf).startswith(b"%PDF")),
    }


def _enqueue(name, copies):
    import tasks

    task = next(t for t in vars(tasks).values() if hasattr(t, name) for t in [getattr(t, name)])
    for _ in range(copies):
        task()
        time.sleep(0.25)  # schedulers do not enqueue at the same instant
    return {"enqueued": copies}


def _periodic(name):
    from models import Job

    rows = list(Job.select().where(Job.kind == name))
    return {"rows": len(rows), "state": rows[0].state if rows else None, "attempts": rows[0].attempts if rows else 0}


def main(argv):
    import itertools
    import os

    from tests import factories

    factories._n = itertools.count(os.getpid() * 1000)  # unique addresses when several set-ups share a database
    app = create_app()
    with app.app_context():
        if argv[0] == "migrate":
            router().run()
            out = {"ok": True}
        elif argv[0] == "import":
            out = _import(int(argv[1]), *argv[2:])
        elif argv[0] == "document":
            out = _document()
        elif argv[0] == "touch-site":
            out = _touch_site(int(argv[1]))
        elif argv[0] == "touches":
            out = _touches()
        elif argv[0] == "enqueue":
            out = _enqueue(argv[1], int(argv[2]))
        elif argv[0] == "periodic":
            out = _periodic(argv[1])
        else:
            out = _state(int(argv[1]))
        db.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
