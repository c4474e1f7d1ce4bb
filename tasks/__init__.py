"""huey tasks; importing this package registers every task with the consumer."""

from tasks import mail, periodic, touches  # noqa: F401
