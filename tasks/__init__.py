"""huey tasks; importing this package registers every task with the consumer."""

from tasks import levels, mail, periodic  # noqa: F401
