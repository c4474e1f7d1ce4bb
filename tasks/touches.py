"""Unassigned touches become records once their worker is on the site's roster (if that happened by
the deadline): every batch and the entry/exit page do it for their site; this hourly task does it
for every site, so a worker's history shows it even when nobody touches or looks."""

from huey import crontab

from models.sites.records import promote_unassigned, sites_with_unassigned, write_transaction
from tasks.jobs import periodic_job


def promote_all():
    promoted = 0
    for site_id in sites_with_unassigned():
        with write_transaction():
            promoted += promote_unassigned([site_id])
    return promoted


@periodic_job(crontab(minute="17"))
def promote_unassigned_touches():
    return promote_all()
