"""よくあるお問い合わせ: the seed's Q&A, built into data/faq.json by scripts/build-faq.py, and the
keyword search over it."""

import json
import unicodedata
from functools import lru_cache

from config import ROOT

DATA = ROOT / "data" / "faq.json"


@lru_cache(maxsize=1)
def load():
    return json.loads(DATA.read_text(encoding="utf-8"))


def contacts():
    """{"inquiry": {"phone", "hours"}, "postal_slip": {"desk", "phone"}} as the seed lists them."""
    return load()["contacts"]


def _fold(text):
    """Full-width/half-width and case differences do not matter to the search."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def search(query="", category=None):
    """[(category, [question])] with every question matching all words of `query` (in the question,
    its answer or its number such as Q1-8), within one category when given; empty categories dropped."""
    words = _fold(query).split()
    results = []
    for cat in load()["categories"]:
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
