"""Imports as huey jobs: the bulk application list (一括申請リスト) and the system-integration package
(decrypted here, never in a web request). Progress and result are on the BulkImport row the page polls."""

from extensions import huey
from models.core.sealed import seal, unseal
from models.registration.bulk.imports import fail_import, run_import
from models.registration.bulk.integration import run_package


@huey.task()
def run_bulk_import(job_id):
    try:
        run_import(job_id)
    except Exception:
        fail_import(job_id)  # the page stops polling and asks for the file again; filed rows are skipped then
        raise


def decrypt_integration(job_id, password):
    """Queues the decryption; the password travels sealed with the task and is never stored."""
    run_integration_import(job_id, seal(password or ""))


@huey.task()
def run_integration_import(job_id, sealed_password):
    try:
        run_package(job_id, unseal(sealed_password))
    except Exception:
        fail_import(job_id)
        raise
