"""よくあるお問い合わせ: the seed's Q&A, built into data/faq.json by scripts/build-faq.py, its English
translation in data/faq_en.json (by question id, so the seed-built file stays what the seed gives),
and the keyword search over either language."""

import json
import unicodedata
from functools import lru_cache

from flask import current_app
from flask_babel import lazy_gettext as _l

from config import ROOT

DATA = ROOT / "data" / "faq.json"
# The translations of the seed's text, by locale; a locale without one reads the Japanese.
TRANSLATIONS = {"en": ROOT / "data" / "faq_en.json"}
# CareerUp's own answers where the seed's name the real CCUS operator's menus, manual or offices.
OWN = ROOT / "data" / "faq_careerup.json"


@lru_cache(maxsize=1)
def load():
    """The seed's tabs and questions with CareerUp's own answers laid over the seed's (data/ files)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    own = json.loads(OWN.read_text(encoding="utf-8"))["questions"]
    for cat in data["categories"]:
        cat["questions"] = [{**q, **own.get(q["id"], {})} for q in cat["questions"]]
    data.pop("contacts", None)  # the seed's operator's lines; this deployment's are in its configuration
    return data


@lru_cache(maxsize=4)
def _translation(locale):
    path = TRANSLATIONS.get(locale)
    return json.loads(path.read_text(encoding="utf-8")) if path else None


def translated(locale):
    """Whether the seed's text reads in `locale` through a translation (the page says so)."""
    return locale in TRANSLATIONS


def load_en():
    """{"Q1-1": {"question", "answer"}}: the English of every question and answer (answer None where
    the seed has the question only)."""
    return _translation("en")["questions"]


@lru_cache(maxsize=4)
def categories(locale="ja"):
    """The seed's tabs with their titles and questions in `locale` where data/ has its translation,
    else in Japanese."""
    tabs = load()["categories"]
    translation = _translation(locale)
    if translation is None:
        return tabs
    questions = translation["questions"]
    return [
        {
            **cat,
            "title": cat.get(f"title_{locale}") or cat["title"],
            "questions": [{**q, **questions.get(q["id"], {})} for q in cat["questions"]],
        }
        for cat in tabs
    ]


def contacts():
    """{"operator", "inquiry": {"phone", "hours"}, "postal_slip": {"desk", "phone"}}: this deployment's
    own, from its configuration (config.py); a phone left empty is not shown."""
    conf = current_app.config
    operator = conf["OPERATOR_NAME"] or _l("このCareerUpの運営者")
    return {
        "operator": operator,
        "inquiry": {"phone": conf["INQUIRY_PHONE"], "hours": conf["INQUIRY_HOURS"] or _l("平日9:00-17:00")},
        "postal_slip": {"desk": conf["SLIP_DESK"] or operator, "phone": conf["SLIP_PHONE"]},
    }


def _fold(text):
    """Full-width/half-width and case differences do not matter to the search."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def search(query="", category=None, locale="ja"):
    """[(category, [question])] with every question matching all words of `query` (in the question,
    its answer or its number such as Q1-8) in `locale`, within one category when given; empty
    categories dropped."""
    words = _fold(query).split()
    results = []
    for cat in categories(locale):
        if category and str(cat["id"]) != str(category):
            continue
        found = [
            q
            for q in cat["questions"]
            if all(w in _fold(" ".join((q["id"], q["question"], q["answer"] or ""))) for w in words)
        ]
        if found:
            results.append((cat, found))
    return results


def category_ids():
    return [str(c["id"]) for c in load()["categories"]]
