"""Imports as huey jobs: the bulk application list (一括申請リスト) and the system-integration package
(decrypted here, never in a web request). Progress and result are on the BulkImport row and its Job,
which the page polls."""

from models.registration.bulk.imports import BulkImport, run_import
from models.registration.bulk.integration import run_package
from tasks.jobs import job_task


def _bulk_import_of(job_id):
    return BulkImport.select(BulkImport.id).where(BulkImport.job == job_id).scalar()


@job_task("bulk_import")
def run_bulk_import(job_id, run):
    run_import(_bulk_import_of(job_id), run)


@job_task("integration_import")
def run_integration_import(job_id, run):
    run_package(_bulk_import_of(job_id), run)
