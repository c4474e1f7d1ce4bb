"""huey tasks; importing this package registers every task with the consumer."""

from tasks import documents, mail, periodic  # noqa: F401
