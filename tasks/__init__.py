"""huey tasks; importing this package registers every task with the consumer."""

from tasks import imports, mail, periodic  # noqa: F401
