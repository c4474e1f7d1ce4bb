"""The request every view reads: text that arrives in a form or a query string never carries NUL.

A NUL character is never something a person meant to type, and PostgreSQL refuses it in every text
column (a 500 wherever it reached the database). Dropping it here, once, covers every WTForms form,
every `request.form` / `request.args` read and every field added later."""

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

NUL = "\x00"


def without_nul(data):
    """`data` (a MultiDict of text) with every NUL removed from names and values."""
    if not any(NUL in key or NUL in value for key, value in data.items(multi=True)):
        return data
    return ImmutableMultiDict([(key.replace(NUL, ""), value.replace(NUL, "")) for key, value in data.items(multi=True)])


class CleanRequest(Request):
    @cached_property
    def args(self):
        return without_nul(super().args)

    def _load_form_data(self):
        super()._load_form_data()
        self.__dict__["form"] = without_nul(self.__dict__["form"])
