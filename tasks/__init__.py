"""huey tasks; importing this package registers every task with the consumer."""

from tasks import admin_fees, billing, imports, levels, mail, periodic  # noqa: F401
