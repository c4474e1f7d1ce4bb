"""huey tasks; importing this package registers every task with the consumer."""

from tasks import admin_fees, billing, documents, exports, imports, jobs, levels, mail, periodic, touches  # noqa: F401
