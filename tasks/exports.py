"""A company's data export as a huey job: the zip is stored with the job's end, once."""

from extensions import db
from models.history.export import CompanyExport, build
from tasks.jobs import job_task


@job_task("company_export")
def build_company_export(job_id, run):
    export = CompanyExport.get(CompanyExport.job == job_id)
    data = build(export, run.progress)
    with db.atomic():
        CompanyExport.update(data=data).where(CompanyExport.id == export.id).execute()
        run.complete()
