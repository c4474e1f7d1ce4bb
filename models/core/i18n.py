"""Text in the Babel locale beyond the message catalogue: names that arrive with data (the official 職種
table an operator loads), and every language's wording of a label, for reading typed input back."""

from flask import current_app, has_app_context
from flask_babel import force_locale, get_locale
from markupsafe import escape

DEFAULT = "ja"


def current():
    """The locale code pages, mail and documents are written in now ("ja" outside a request)."""
    return str(get_locale() or DEFAULT)


class Loaded:
    """A name that came with data in one or more languages: shown in the current locale's wording when
    the data has one, in Japanese otherwise."""

    __slots__ = ("texts",)

    def __init__(self, ja, **others):
        self.texts = {DEFAULT: ja, **{locale: text for locale, text in others.items() if text}}

    def __str__(self):
        return self.texts.get(current(), self.texts[DEFAULT])

    def __html__(self):
        return str(escape(str(self)))

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    def __len__(self):
        return len(str(self))


def wordings(texts):
    """[[each of `texts` as one language writes it] for every configured language]."""
    if not has_app_context():
        return [[str(t) for t in texts]]
    result = []
    for locale in current_app.config.get("LANGUAGES", (DEFAULT,)):
        with force_locale(locale):
            result.append([str(t) for t in texts])
    return result
