"""Imports as huey jobs: the bulk application list (一括申請リスト). Progress and result are on the
BulkImport row and its Job, which the page polls."""

from models.registration.bulk.imports import BulkImport, run_import
from tasks.jobs import job_task


@job_task("bulk_import")
def run_bulk_import(job_id, run):
    run_import(BulkImport.select(BulkImport.id).where(BulkImport.job == job_id).scalar(), run)
