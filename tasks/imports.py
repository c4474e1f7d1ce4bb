"""Imports as huey jobs: the bulk application list (一括申請リスト). Progress and result are on the
BulkImport row the page polls."""

from extensions import huey
from models.registration.bulk.imports import fail_import, run_import


@huey.task()
def run_bulk_import(job_id):
    try:
        run_import(job_id)
    except Exception:
        fail_import(job_id)  # the page stops polling and asks for the file again; filed rows are skipped then
        raise
