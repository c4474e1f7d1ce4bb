"""A company's data export (issue 17): a job with progress makes one zip of the company's data, which only
its system admin may ask for and download; another company's export answers 404. Staff see every job."""

import csv
import io
import json
import zipfile

from models import Affiliation, Job, Membership
from models.core import jobs
from tests import factories as f
from tests.sitetree import as_company, employee, three_tiers

HX = {"HX-Request": "true"}


def _zip(response):
    return zipfile.ZipFile(io.BytesIO(response.data))


def _rows(zf, name):
    return list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8-sig"))))


def test_the_system_admin_exports_the_companys_data_as_one_zip(app, tmp_path):
    t = three_tiers()
    worker = employee(t["first"], "躯体", "一郎")
    other = employee(t["second"], "設備", "二郎")
    client = as_company(app, t["admins"]["first"], t["first"])
    assert 'data-testid="export-link"' in client.get("/company/").text
    r = client.post("/company/export")
    assert r.status_code == 302
    status = client.get(r.headers["Location"], headers=HX)
    assert status.status_code == 286 and 'data-testid="export-download"' in status.text
    download = client.get(r.headers["Location"] + "/download")
    assert download.headers["Content-Type"] == "application/zip"
    zf = _zip(download)
    names = set(zf.namelist())
    expected = {"rosters.csv", "records.csv", "entries.csv", "invoices.csv", "site_documents.csv"}
    assert {"company.json", "workers.csv", "affiliations.csv"} | expected <= names
    assert json.loads(zf.read("company.json"))["name"] == t["first"].name
    workers = {row["id"] for row in _rows(zf, "workers.csv")}
    assert str(worker.id) in workers and str(other.id) not in workers  # only its own workers
    assert {row["company_id"] for row in _rows(zf, "affiliations.csv")} == {str(t["first"].id)}
    assert Affiliation.select().where(Affiliation.company == t["first"]).count() == len(_rows(zf, "affiliations.csv"))


def test_only_the_system_admin_of_that_company_reaches_an_export(app):
    t = three_tiers()
    owner = as_company(app, t["admins"]["first"], t["first"])
    export_url = owner.post("/company/export").headers["Location"]
    outsider = as_company(app, t["admins"]["second"], t["second"])
    assert outsider.get(export_url).status_code == 404
    assert outsider.get(export_url + "/download").status_code == 404
    assert outsider.post(export_url + "/retry").status_code == 404
    clerk = f.account()
    Membership.create(account=clerk, company=t["first"], role="general_admin")
    general = as_company(app, clerk, t["first"])
    assert general.get("/company/export").status_code == 403
    assert general.get(export_url + "/download").status_code == 403


def test_staff_see_every_job_and_retry_a_failed_one(app):
    t = three_tiers()
    owner = as_company(app, t["admins"]["first"], t["first"])
    owner.post("/company/export")
    job = Job.get(Job.kind == "company_export")
    Job.update(state="failed", error="interrupted", attempts=3).where(Job.id == job.id).execute()
    staff = app.test_client()
    f.login(staff, f.reviewer())
    page = staff.get("/reviewer/jobs?state=failed")
    assert page.status_code == 200 and "データの書き出し" in page.text and t["first"].name in page.text
    assert f'data-testid="retry-{job.id}"' in page.text
    assert staff.post(f"/reviewer/jobs/{job.id}/retry").status_code == 302
    assert Job.get_by_id(job.id).state == jobs.DONE
    assert owner.get("/reviewer/jobs").status_code in (302, 403, 404)


def test_the_staff_list_leaves_out_periodic_runs_that_went_well_unless_asked(app):
    done = Job.create(kind="retry_unsent_mail", key="retry_unsent_mail:2026-12-08T01:00:00", state="done")
    failed = Job.create(kind="daily_notices", key="daily_notices:2026-12-07T21:00:00", state="failed")
    staff = app.test_client()
    f.login(staff, f.reviewer())
    page = staff.get("/reviewer/jobs").text
    assert f'data-testid="job-{failed.id}"' in page and f'data-testid="job-{done.id}"' not in page
    assert f'data-testid="job-{done.id}"' in staff.get("/reviewer/jobs?periodic=1").text
