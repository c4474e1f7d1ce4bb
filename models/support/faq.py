"""よくあるお問い合わせ: the seed's Q&A, built into data/faq.json by scripts/build-faq.py, its English
translation in data/faq_en.json (by question id, so the seed-built file stays what the seed gives),
and the keyword search over either language."""

import json
import unicodedata
from functools import lru_cache

from config import ROOT

DATA = ROOT / "data" / "faq.json"
DATA_EN = ROOT / "data" / "faq_en.json"


@lru_cache(maxsize=1)
def load():
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _english():
    return json.loads(DATA_EN.read_text(encoding="utf-8"))


def load_en():
    """{"Q1-1": {"question", "answer"}}: the English of every question and answer (answer None where
    the seed has the question only)."""
    return _english()["questions"]


@lru_cache(maxsize=2)
def categories(lang="ja"):
    """The seed's tabs with their questions in `lang`: English from data/faq_en.json, else Japanese."""
    tabs = load()["categories"]
    if lang != "en":
        return tabs
    english = load_en()
    return [{**cat, "questions": [{**q, **english.get(q["id"], {})} for q in cat["questions"]]} for cat in tabs]


def contacts(lang="ja"):
    """{"inquiry": {"phone", "hours"}, "postal_slip": {"desk", "phone"}} as the seed lists them, the
    hours and desk in English for `lang` "en"."""
    found = load()["contacts"]
    if lang != "en":
        return found
    english = _english()["contacts"]
    return {key: {**value, **english.get(key, {})} for key, value in found.items()}


def _fold(text):
    """Full-width/half-width and case differences do not matter to the search."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def search(query="", category=None, lang="ja"):
    """[(category, [question])] with every question matching all words of `query` (in the question,
    its answer or its number such as Q1-8) in `lang`, within one category when given; empty
    categories dropped."""
    words = _fold(query).split()
    results = []
    for cat in categories(lang):
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
