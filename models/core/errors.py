"""DomainError: the one error type a rule raises and a view catches; `code` names what went wrong."""


class DomainError(Exception):
    """A rule refused an action the user asked for; `code` picks the message shown."""

    def __init__(self, code, *args):
        super().__init__(code, *args)
        self.code = code

    def __str__(self):
        return str(self.code)
