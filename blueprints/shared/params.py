"""Whole numbers in query strings and forms, read by the one parser (models/core/numbers.py): a value
that is not one is a 400 page saying so, never a 500."""

from flask import abort, jsonify, make_response, render_template, request
from flask_babel import gettext as _

from models.core.numbers import MAX_ID, NumberError, parse_int


def _refuse(name):
    message = _("「%(name)s」には半角の数字を指定してください。", name=name)
    if request.path.startswith("/api/"):
        abort(make_response(jsonify({"error": {"code": 400, "message": message}}), 400))
    abort(make_response(render_template("errors/error.html", code=400, message=message), 400))


def number_param(name, default=None, maximum=MAX_ID):
    """The number the request's query string or form carries as `name`; `default` when it is absent or
    empty."""
    text = request.values.get(name, "")
    if not text.strip():
        return default
    try:
        return parse_int(text, maximum)
    except NumberError:
        _refuse(name)


def number_list(name, maximum=MAX_ID):
    """Every number the form carries as `name` (ticked checkboxes); one that is not a number is a 400."""
    try:
        return [parse_int(text, maximum) for text in request.form.getlist(name)]
    except NumberError:
        _refuse(name)
